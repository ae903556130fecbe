/**
 * Two-sided two-sample Kolmogorov-Smirnov test, as SciPy 1.10's `ks_2samp(a, b)` with
 * method='auto': the exact p-value (lattice-path counting) when both samples have at most 10,000
 * values, otherwise — or if the exact count breaks down numerically — kstwo.sf(D, round(en))
 * with en = n1·n2 / (n1 + n2). As in SciPy, an exact run reports D rounded to a multiple of
 * 1/lcm(n1, n2). Throws RangeError for empty samples or non-finite values.
 */
import { kstwoSf } from './kolmogorov';
import { assertFinite } from './validate';

export interface KsResult {
  statistic: number;
  pvalue: number;
}

const MAX_EXACT_N = 10_000;

function gcd(a: number, b: number): number {
  let x = a;
  let y = b;
  while (y) [x, y] = [y, x % y];
  return x;
}

/** P(D >= h/n) for equal sizes, by a Horner-like alternating sum (SciPy's outside-square). */
function probOutsideSquare(n: number, h: number): number {
  let p = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    p = p1 * (1 - p);
  }
  return 2 * p;
}

/**
 * Share of lattice paths from (0,0) to (m,n) that leave the band |x/m - y/n| < h/lcm,
 * computed column by column as 1 - p (Hodges 1958; Viehmann 2021), SciPy's inside method.
 */
function outerProbInside(m0: number, n0: number, g: number, h: number): number {
  const m = Math.max(m0, n0);
  const n = Math.min(m0, n0);
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const a = new Float64Array(lenA).fill(1);
  a.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = ((a[jj + minj - lastminj] as number) * i + val * j) / (i + j);
      a[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) a.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return a[maxj - minj - 1] as number;
}

/** Exact two-sided p-value, or null where SciPy would give up and go asymptotic. */
function exactPValue(n1: number, n2: number, h: number): number | null {
  if (h === 0) return 1;
  const g = gcd(n1, n2);
  const prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  return Number.isFinite(prob) && prob >= 0 && prob <= 1 ? prob : null;
}

export function ksTwoSample(a: ArrayLike<number>, b: ArrayLike<number>): KsResult {
  const fn = 'ksTwoSample';
  const n1 = a.length;
  const n2 = b.length;
  if (n1 === 0 || n2 === 0) throw new RangeError(`${fn}: both samples need at least one value`);
  assertFinite(fn, a, 'a');
  assertFinite(fn, b, 'b');
  const x = Float64Array.from(a).sort();
  const y = Float64Array.from(b).sort();

  // Walk both sorted samples through every distinct value; the ECDFs are right-continuous, so
  // a value's whole tie group is consumed before comparing.
  let i = 0;
  let j = 0;
  let maxDiff = 0;
  let minDiff = 0;
  while (i < n1 || j < n2) {
    const v = Math.min(i < n1 ? (x[i] as number) : Infinity, j < n2 ? (y[j] as number) : Infinity);
    while (i < n1 && x[i] === v) i++;
    while (j < n2 && y[j] === v) j++;
    const diff = i / n1 - j / n2;
    if (diff > maxDiff) maxDiff = diff;
    if (diff < minDiff) minDiff = diff;
  }
  let d = Math.min(Math.max(-minDiff, maxDiff), 1);

  if (Math.max(n1, n2) <= MAX_EXACT_N) {
    const lcm = (n1 / gcd(n1, n2)) * n2;
    const h = roundHalfEven(d * lcm);
    d = h / lcm;
    const p = exactPValue(n1, n2, h);
    if (p !== null) return { statistic: d, pvalue: p };
  }
  const en = (n1 * n2) / (n1 + n2);
  return { statistic: d, pvalue: clip01(kstwoSf(roundHalfEven(en), d)) };
}

/** numpy's np.round: halves go to the even neighbour (en = 10000.5 must give 10000). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function clip01(p: number): number {
  return Math.min(Math.max(p, 0), 1);
}
