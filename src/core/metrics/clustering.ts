/**
 * Internal clustering scores with Euclidean distance, matching scikit-learn 1.2. Cluster labels
 * may be any integers (they are re-indexed in ascending order); every score needs between 2 and
 * n - 1 distinct clusters, as sklearn requires, and throws RangeError otherwise.
 *
 * The silhouette is O(n² d) time but O(n k) memory: it never materialises the distance matrix.
 */
import { assertMatrix, type Matrix } from './validate';

interface Encoded {
  /** Cluster index 0..k-1 of each sample. */
  index: Int32Array;
  sizes: number[];
  d: number;
}

function encode(fn: string, x: Matrix, labels: ArrayLike<number>): Encoded {
  const d = assertMatrix(fn, x);
  const n = x.length;
  if (labels.length !== n) {
    throw new RangeError(`${fn}: X and labels differ in length (${n} vs ${labels.length})`);
  }
  const distinct = [...new Set(Array.from(labels))].sort((a, b) => a - b);
  if (distinct.length < 2 || distinct.length > n - 1) {
    throw new RangeError(
      `${fn}: needs 2 to n - 1 clusters (got ${distinct.length} for ${n} samples)`,
    );
  }
  const position = new Map(distinct.map((label, i) => [label, i] as const));
  const index = new Int32Array(n);
  const sizes = new Array<number>(distinct.length).fill(0);
  for (let i = 0; i < n; i++) {
    const c = position.get(labels[i] as number) as number;
    index[i] = c;
    sizes[c]! += 1;
  }
  return { index, sizes, d };
}

function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let sum = 0;
  for (let j = 0; j < d; j++) {
    const diff = (a[j] as number) - (b[j] as number);
    sum += diff * diff;
  }
  return sum;
}

function distance(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  return Math.sqrt(squaredDistance(a, b, d));
}

function centroids(x: Matrix, { index, sizes, d }: Encoded): Float64Array[] {
  const out = sizes.map(() => new Float64Array(d));
  for (let i = 0; i < x.length; i++) {
    const row = x[i] as ArrayLike<number>;
    const c = out[index[i] as number] as Float64Array;
    for (let j = 0; j < d; j++) c[j]! += row[j] as number;
  }
  out.forEach((c, k) => {
    for (let j = 0; j < d; j++) c[j]! /= sizes[k] as number;
  });
  return out;
}

/** Mean over samples of (b - a) / max(a, b); samples alone in their cluster score 0. */
export function silhouetteScore(x: Matrix, labels: ArrayLike<number>): number {
  const enc = encode('silhouetteScore', x, labels);
  const { index, sizes, d } = enc;
  const n = x.length;
  const k = sizes.length;
  // sums[i * k + c]: total distance from sample i to the members of cluster c.
  const sums = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    const xi = x[i] as ArrayLike<number>;
    const ci = index[i] as number;
    for (let j = i + 1; j < n; j++) {
      const dist = distance(xi, x[j] as ArrayLike<number>, d);
      sums[i * k + (index[j] as number)]! += dist;
      sums[j * k + ci]! += dist;
    }
  }
  let total = 0;
  for (let i = 0; i < n; i++) {
    const ci = index[i] as number;
    const own = sizes[ci] as number;
    if (own === 1) continue;
    const a = (sums[i * k + ci] as number) / (own - 1);
    let b = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      if (c !== ci) b = Math.min(b, (sums[i * k + c] as number) / (sizes[c] as number));
    }
    const denom = Math.max(a, b);
    if (denom > 0) total += (b - a) / denom;
  }
  return total / n;
}

/** Mean over clusters of the worst (s_i + s_j) / d(c_i, c_j); lower is better. */
export function daviesBouldinScore(x: Matrix, labels: ArrayLike<number>): number {
  const enc = encode('daviesBouldinScore', x, labels);
  const { index, sizes, d } = enc;
  const k = sizes.length;
  const centres = centroids(x, enc);
  const spread = new Array<number>(k).fill(0);
  for (let i = 0; i < x.length; i++) {
    const c = index[i] as number;
    spread[c]! += distance(x[i] as ArrayLike<number>, centres[c] as Float64Array, d);
  }
  for (let c = 0; c < k; c++) spread[c]! /= sizes[c] as number;

  const between: number[][] = centres.map((a) => centres.map((b) => distance(a, b, d)));
  // sklearn's np.allclose(..., 0) guard: all clusters are points, or all centroids coincide.
  const ATOL = 1e-8;
  if (spread.every((s) => s <= ATOL) || between.every((row) => row.every((v) => v <= ATOL))) {
    return 0;
  }
  let total = 0;
  for (let i = 0; i < k; i++) {
    let worst = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < k; j++) {
      if (i === j) continue;
      const dist = (between[i] as number[])[j] as number;
      const ratio = dist === 0 ? 0 : ((spread[i] as number) + (spread[j] as number)) / dist;
      worst = Math.max(worst, ratio);
    }
    total += worst;
  }
  return total / k;
}

/** Between-cluster over within-cluster dispersion, scaled by degrees of freedom; higher is better. */
export function calinskiHarabaszScore(x: Matrix, labels: ArrayLike<number>): number {
  const enc = encode('calinskiHarabaszScore', x, labels);
  const { index, sizes, d } = enc;
  const n = x.length;
  const k = sizes.length;
  const centres = centroids(x, enc);
  const mean = new Float64Array(d);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j] as number;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  let between = 0;
  centres.forEach((c, ci) => {
    between += (sizes[ci] as number) * squaredDistance(c, mean, d);
  });
  let within = 0;
  for (let i = 0; i < n; i++) {
    const c = centres[index[i] as number] as Float64Array;
    within += squaredDistance(x[i] as ArrayLike<number>, c, d);
  }
  return within === 0 ? 1 : (between * (n - k)) / (within * (k - 1));
}
