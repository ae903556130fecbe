/**
 * The numeric core of the SVM, ported from libsvm 3.x (the solver scikit-learn's SVC wraps):
 * SMO on the C-SVC dual with second-order working-set selection (WSS2, Fan, Chen & Lin 2005),
 * no shrinking, stopping when the maximal KKT violation falls below eps (sklearn tol 1e-3);
 * Platt's sigmoid fit (libsvm's `sigmoid_train`, Newton with backtracking); and pairwise
 * coupling of one-vs-one probabilities (libsvm's `multiclass_probability`, Wu, Lin & Weng 2004).
 */

export interface SmoProblem {
  /** Number of training rows. */
  size: number;
  /** Labels ±1. */
  y: Int8Array;
  /** Kernel value K(i, j). */
  kernel: (i: number, j: number) => number;
  c: number;
  eps: number;
  /** Polled every few thousand iterations; true ⇒ stop with the current α. */
  shouldStop?: () => boolean;
}

export interface SmoSolution {
  alpha: Float64Array;
  rho: number;
  iterations: number;
}

const TAU = 1e-12;
/** Bytes-free bound on cached kernel values (≈ 80 MB of doubles). */
const CACHE_VALUES = 10_000_000;

export function solveSmo(problem: SmoProblem): SmoSolution {
  const { size: m, y, kernel, c, eps } = problem;
  const capacity = Math.max(2, Math.floor(CACHE_VALUES / Math.max(m, 1)));
  const cache = new Map<number, Float64Array>();
  // Q_i[t] = y_i y_t K(i, t); rows are cached, least recently used evicted first.
  const row = (i: number): Float64Array => {
    const hit = cache.get(i);
    if (hit) {
      cache.delete(i);
      cache.set(i, hit);
      return hit;
    }
    const q = new Float64Array(m);
    for (let t = 0; t < m; t++) q[t] = y[i]! * y[t]! * kernel(i, t);
    if (cache.size >= capacity) cache.delete(cache.keys().next().value as number);
    cache.set(i, q);
    return q;
  };
  const qd = new Float64Array(m);
  for (let t = 0; t < m; t++) qd[t] = kernel(t, t);
  const alpha = new Float64Array(m);
  const grad = new Float64Array(m).fill(-1);
  const maxIter = Math.max(10_000_000, m > 2147483647 / 100 ? 2147483647 : 100 * m);
  let iter = 0;
  for (; iter < maxIter; iter++) {
    if (iter % 2000 === 0 && problem.shouldStop?.()) break;
    let gMax = -Infinity;
    let i = -1;
    for (let t = 0; t < m; t++) {
      if (y[t] === 1) {
        if (alpha[t]! < c && -grad[t]! >= gMax) {
          gMax = -grad[t]!;
          i = t;
        }
      } else if (alpha[t]! > 0 && grad[t]! >= gMax) {
        gMax = grad[t]!;
        i = t;
      }
    }
    if (i < 0) break;
    const qi = row(i);
    let gMax2 = -Infinity;
    let j = -1;
    let objMin = Infinity;
    for (let t = 0; t < m; t++) {
      if (y[t] === 1) {
        if (alpha[t]! > 0) {
          const gradDiff = gMax + grad[t]!;
          if (grad[t]! >= gMax2) gMax2 = grad[t]!;
          if (gradDiff > 0) {
            const quad = qd[i]! + qd[t]! - 2 * y[i]! * qi[t]!;
            const obj = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
            if (obj <= objMin) {
              j = t;
              objMin = obj;
            }
          }
        }
      } else if (alpha[t]! < c) {
        const gradDiff = gMax - grad[t]!;
        if (-grad[t]! >= gMax2) gMax2 = -grad[t]!;
        if (gradDiff > 0) {
          const quad = qd[i]! + qd[t]! + 2 * y[i]! * qi[t]!;
          const obj = -(gradDiff * gradDiff) / (quad > 0 ? quad : TAU);
          if (obj <= objMin) {
            j = t;
            objMin = obj;
          }
        }
      }
    }
    if (gMax + gMax2 < eps || j < 0) break;
    const qj = row(j);
    const oldI = alpha[i]!;
    const oldJ = alpha[j]!;
    let ai = oldI;
    let aj = oldJ;
    if (y[i] !== y[j]) {
      let quad = qd[i]! + qd[j]! + 2 * qi[j]!;
      if (quad <= 0) quad = TAU;
      const delta = (-grad[i]! - grad[j]!) / quad;
      const diff = ai - aj;
      ai += delta;
      aj += delta;
      if (diff > 0) {
        if (aj < 0) [aj, ai] = [0, diff];
      } else if (ai < 0) [ai, aj] = [0, -diff];
      if (diff > 0) {
        if (ai > c) [ai, aj] = [c, c - diff];
      } else if (aj > c) [aj, ai] = [c, c + diff];
    } else {
      let quad = qd[i]! + qd[j]! - 2 * qi[j]!;
      if (quad <= 0) quad = TAU;
      const delta = (grad[i]! - grad[j]!) / quad;
      const sum = ai + aj;
      ai -= delta;
      aj += delta;
      if (sum > c) {
        if (ai > c) [ai, aj] = [c, sum - c];
      } else if (aj < 0) [aj, ai] = [0, sum];
      if (sum > c) {
        if (aj > c) [aj, ai] = [c, sum - c];
      } else if (ai < 0) [ai, aj] = [0, sum];
    }
    alpha[i] = ai;
    alpha[j] = aj;
    const di = ai - oldI;
    const dj = aj - oldJ;
    for (let t = 0; t < m; t++) grad[t]! += qi[t]! * di + qj[t]! * dj;
  }
  return { alpha, rho: computeRho(alpha, grad, y, c), iterations: iter };
}

function computeRho(alpha: Float64Array, grad: Float64Array, y: Int8Array, c: number): number {
  let ub = Infinity;
  let lb = -Infinity;
  let free = 0;
  let sumFree = 0;
  for (let t = 0; t < alpha.length; t++) {
    const yg = y[t]! * grad[t]!;
    if (alpha[t]! >= c) {
      if (y[t] === -1) ub = Math.min(ub, yg);
      else lb = Math.max(lb, yg);
    } else if (alpha[t]! <= 0) {
      if (y[t] === 1) ub = Math.min(ub, yg);
      else lb = Math.max(lb, yg);
    } else {
      free++;
      sumFree += yg;
    }
  }
  return free > 0 ? sumFree / free : (ub + lb) / 2;
}

/** libsvm `sigmoid_train`: P(y = +1 | f) = 1 / (1 + exp(A·f + B)). */
export function plattFit(dec: Float64Array, positive: Uint8Array): { a: number; b: number } {
  const l = dec.length;
  let prior1 = 0;
  for (let i = 0; i < l; i++) prior1 += positive[i]!;
  const prior0 = l - prior1;
  const hi = (prior1 + 1) / (prior1 + 2);
  const lo = 1 / (prior0 + 2);
  const t = Float64Array.from(positive, (p) => (p ? hi : lo));
  const sigma = 1e-12;
  let a = 0;
  let b = Math.log((prior0 + 1) / (prior1 + 1));
  const objective = (aa: number, bb: number): number => {
    let f = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i]! * aa + bb;
      f +=
        fApB >= 0
          ? t[i]! * fApB + Math.log1p(Math.exp(-fApB))
          : (t[i]! - 1) * fApB + Math.log1p(Math.exp(fApB));
    }
    return f;
  };
  let fval = objective(a, b);
  for (let iter = 0; iter < 100; iter++) {
    let h11 = sigma;
    let h22 = sigma;
    let h21 = 0;
    let g1 = 0;
    let g2 = 0;
    for (let i = 0; i < l; i++) {
      const fApB = dec[i]! * a + b;
      const p = fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
      const q = 1 - p;
      const d2 = p * q;
      h11 += dec[i]! * dec[i]! * d2;
      h22 += d2;
      h21 += dec[i]! * d2;
      const d1 = t[i]! - p;
      g1 += dec[i]! * d1;
      g2 += d1;
    }
    if (Math.abs(g1) < 1e-5 && Math.abs(g2) < 1e-5) break;
    const det = h11 * h22 - h21 * h21;
    const dA = -(h22 * g1 - h21 * g2) / det;
    const dB = -(-h21 * g1 + h11 * g2) / det;
    const gd = g1 * dA + g2 * dB;
    let step = 1;
    while (step >= 1e-10) {
      const newF = objective(a + step * dA, b + step * dB);
      if (newF < fval + 1e-4 * step * gd) {
        a += step * dA;
        b += step * dB;
        fval = newF;
        break;
      }
      step /= 2;
    }
    if (step < 1e-10) break;
  }
  return { a, b };
}

export function plattProbability(dec: number, a: number, b: number): number {
  const fApB = dec * a + b;
  return fApB >= 0 ? Math.exp(-fApB) / (1 + Math.exp(-fApB)) : 1 / (1 + Math.exp(fApB));
}

/** libsvm `multiclass_probability`; r[i*k+j] = P(i | i or j). Returns p (length k). */
export function pairwiseCoupling(r: Float64Array, k: number): Float64Array {
  const q = new Float64Array(k * k);
  const qp = new Float64Array(k);
  const p = new Float64Array(k).fill(1 / k);
  for (let t = 0; t < k; t++) {
    for (let j = 0; j < k; j++) {
      if (j === t) continue;
      q[t * k + t]! += r[j * k + t]! * r[j * k + t]!;
      q[t * k + j] = -r[j * k + t]! * r[t * k + j]!;
    }
  }
  const eps = 0.005 / k;
  for (let iter = 0; iter < Math.max(100, k); iter++) {
    let pQp = 0;
    for (let t = 0; t < k; t++) {
      qp[t] = 0;
      for (let j = 0; j < k; j++) qp[t]! += q[t * k + j]! * p[j]!;
      pQp += p[t]! * qp[t]!;
    }
    let maxError = 0;
    for (let t = 0; t < k; t++) maxError = Math.max(maxError, Math.abs(qp[t]! - pQp));
    if (maxError < eps) break;
    for (let t = 0; t < k; t++) {
      const diff = (-qp[t]! + pQp) / q[t * k + t]!;
      p[t]! += diff;
      pQp = (pQp + diff * (diff * q[t * k + t]! + 2 * qp[t]!)) / (1 + diff) / (1 + diff);
      for (let j = 0; j < k; j++) {
        qp[j] = (qp[j]! + diff * q[t * k + j]!) / (1 + diff);
        p[j]! /= 1 + diff;
      }
    }
  }
  return p;
}
