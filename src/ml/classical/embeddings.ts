/**
 * 2-D embeddings: PCA (the core oracle's `pca`), exact t-SNE, and UMAP through umap-js.
 * t-SNE follows scikit-learn's exact method: per-row perplexity by binary search on the
 * Gaussian precision, symmetrised P, early exaggeration 12 for 250 iterations with momentum
 * 0.5 then 0.8, delta-bar-delta gains, learning rate 'auto' = max(n / 12 / 4, 50), seeded
 * N(0, 1e-4²) start. O(n²) per iteration, so meant for n ≤ ~2000. UMAP runs epoch by epoch
 * (`initializeFit` + `step`) with our seeded generator as its `random`, so it can stop and is
 * reproducible.
 */
import { UMAP } from 'umap-js';
import { pca } from '../../core/metrics/pca';
import { createRng, normalSample } from '../../core/rng';
import { cooperator } from './linalg/cooperate';
import { squaredDistance, toRows } from './linalg/dense';
import { denseMatrix, type DenseMatrix, type EmbeddingResult, type FitOptions } from './types';

export interface PcaEmbeddingResult extends EmbeddingResult {
  explainedVarianceRatio: number[];
}

export function pcaEmbedding(x: DenseMatrix, components = 2): PcaEmbeddingResult {
  const result = pca(toRows(x), components);
  const out = denseMatrix(x.rows, components);
  for (let i = 0; i < x.rows; i++) {
    for (let c = 0; c < components; c++) {
      let sum = 0;
      const direction = result.components[c]!;
      for (let j = 0; j < x.cols; j++) {
        sum += (x.data[i * x.cols + j]! - result.mean[j]!) * direction[j]!;
      }
      out.data[i * components + c] = sum;
    }
  }
  return { embedding: out, explainedVarianceRatio: result.explainedVarianceRatio };
}

export const TSNE_MAX_ROWS = 5000;

export interface TsneParams {
  perplexity?: number;
  iterations?: number;
  learningRate?: number | 'auto';
  seed?: number;
}

/** Joint probabilities P (n×n, symmetric, sums to 1) for the given perplexity. */
export function tsneAffinities(x: DenseMatrix, perplexity: number): Float64Array {
  const n = x.rows;
  const d2 = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = squaredDistance(x, i, x, j);
      d2[i * n + j] = v;
      d2[j * n + i] = v;
    }
  }
  const target = Math.log(Math.min(perplexity, n - 1));
  const p = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    let beta = 1;
    let lo = -Infinity;
    let hi = Infinity;
    for (let step = 0; step < 100; step++) {
      let sum = 0;
      let weighted = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const v = Math.exp(-d2[i * n + j]! * beta);
        p[i * n + j] = v;
        sum += v;
        weighted += d2[i * n + j]! * v;
      }
      if (sum === 0) sum = 1e-8;
      const entropy = Math.log(sum) + (beta * weighted) / sum;
      for (let j = 0; j < n; j++) p[i * n + j]! /= sum;
      const diff = entropy - target;
      if (Math.abs(diff) <= 1e-5) break;
      if (diff > 0) {
        lo = beta;
        beta = hi === Infinity ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = lo === -Infinity ? beta / 2 : (beta + lo) / 2;
      }
    }
  }
  // Symmetrise in place (no third n×n array): P_ij = P_ji = (p_j|i + p_i|j) / 2n.
  for (let i = 0; i < n; i++) {
    p[i * n + i] = 0;
    for (let j = i + 1; j < n; j++) {
      const v = Math.max((p[i * n + j]! + p[j * n + i]!) / (2 * n), 1e-12);
      p[i * n + j] = v;
      p[j * n + i] = v;
    }
  }
  return p;
}

export async function tsne(
  x: DenseMatrix,
  params: TsneParams = {},
  options?: FitOptions,
): Promise<EmbeddingResult> {
  const n = x.rows;
  if (n > TSNE_MAX_ROWS) {
    // Two n×n arrays: beyond this the exact method needs hundreds of MB and minutes.
    throw new RangeError(`exact t-SNE handles at most ${TSNE_MAX_ROWS} rows, got ${n}`);
  }
  const iterations = params.iterations ?? 1000;
  const exaggeration = 12;
  const exaggerated = 250;
  const rate =
    params.learningRate === undefined || params.learningRate === 'auto'
      ? Math.max(n / exaggeration / 4, 50)
      : params.learningRate;
  const p = tsneAffinities(x, params.perplexity ?? 30);
  const rng = createRng(params.seed ?? 0);
  const y = Float64Array.from({ length: n * 2 }, () => 1e-4 * normalSample(rng));
  const update = new Float64Array(n * 2);
  const gains = new Float64Array(n * 2).fill(1);
  const grad = new Float64Array(n * 2);
  const attract = new Float64Array(n * 2);
  const repel = new Float64Array(n * 2);
  const coop = cooperator(options);
  for (let iter = 0; iter < iterations; iter++) {
    const exag = iter < exaggerated ? exaggeration : 1;
    const momentum = iter < exaggerated ? 0.5 : 0.8;
    // One pass over pairs i < j: ∇_i = 4·Σ_j (exag·p_ij − q_ij)·w_ij·(y_i − y_j) with
    // w = 1 / (1 + d²) and q = w / Σw, split into an attractive part (p·w) and a repulsive
    // part (w², divided by Σw at the end) so no n×n array of w is needed.
    let sumQ = 0;
    attract.fill(0);
    repel.fill(0);
    for (let i = 0; i < n; i++) {
      const yi0 = y[2 * i]!;
      const yi1 = y[2 * i + 1]!;
      for (let j = i + 1; j < n; j++) {
        const dx = yi0 - y[2 * j]!;
        const dy = yi1 - y[2 * j + 1]!;
        const w = 1 / (1 + dx * dx + dy * dy);
        sumQ += 2 * w;
        const a = exag * p[i * n + j]! * w;
        const r = w * w;
        attract[2 * i]! += a * dx;
        attract[2 * i + 1]! += a * dy;
        attract[2 * j]! -= a * dx;
        attract[2 * j + 1]! -= a * dy;
        repel[2 * i]! += r * dx;
        repel[2 * i + 1]! += r * dy;
        repel[2 * j]! -= r * dx;
        repel[2 * j + 1]! -= r * dy;
      }
    }
    for (let t = 0; t < n * 2; t++) grad[t] = 4 * (attract[t]! - repel[t]! / sumQ);
    // KL divergence costs a second pass with a logarithm per pair: every 50 iterations only.
    const report = (iter + 1) % 50 === 0 || iter === iterations - 1;
    const kl = report ? klDivergence(p, y, n, sumQ) : 0;
    for (let t = 0; t < n * 2; t++) {
      // sklearn: grow the gain where the step reverses direction, shrink it otherwise.
      const reversing = update[t]! * grad[t]! < 0;
      gains[t] = Math.max(reversing ? gains[t]! + 0.2 : gains[t]! * 0.8, 0.01);
      update[t] = momentum * update[t]! - rate * gains[t]! * grad[t]!;
      y[t]! += update[t]!;
    }
    options?.onProgress?.({
      stage: 'iterations',
      done: iter + 1,
      total: iterations,
      ...(report ? { metrics: { klDivergence: kl } } : {}),
    });
    if (await coop.checkpoint()) break;
  }
  return { embedding: denseMatrix(n, 2, y) };
}

/** KL(P || Q) for the embedding `y`, given Σ_{i≠j} 1 / (1 + d_ij²). */
function klDivergence(p: Float64Array, y: Float64Array, n: number, sumQ: number): number {
  let kl = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const dx = y[2 * i]! - y[2 * j]!;
      const dy = y[2 * i + 1]! - y[2 * j + 1]!;
      const q = Math.max(1 / (1 + dx * dx + dy * dy) / sumQ, 1e-12);
      const pij = p[i * n + j]!;
      kl += 2 * pij * Math.log(Math.max(pij, 1e-12) / q);
    }
  }
  return kl;
}

export interface UmapParams {
  nNeighbors?: number;
  minDist?: number;
  nEpochs?: number;
  seed?: number;
}

export async function umap(
  x: DenseMatrix,
  params: UmapParams = {},
  options?: FitOptions,
): Promise<EmbeddingResult> {
  const reducer = new UMAP({
    nComponents: 2,
    nNeighbors: Math.min(params.nNeighbors ?? 15, Math.max(x.rows - 1, 2)),
    minDist: params.minDist ?? 0.1,
    nEpochs: params.nEpochs,
    random: createRng(params.seed ?? 0),
  });
  const epochs = reducer.initializeFit(toRows(x));
  const coop = cooperator(options);
  for (let epoch = 0; epoch < epochs; epoch++) {
    reducer.step();
    options?.onProgress?.({ stage: 'epochs', done: epoch + 1, total: epochs });
    if (await coop.checkpoint()) break;
  }
  const rows = reducer.getEmbedding();
  return { embedding: denseMatrix(x.rows, 2, rows.flat()) };
}
