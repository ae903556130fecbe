/**
 * Compact L-BFGS minimiser (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line
 * search. Stops like scipy's L-BFGS-B as sklearn calls it: when the largest gradient component
 * falls below `gtol` (sklearn passes tol = 1e-4), when the relative decrease in f falls below
 * `ftol` (scipy's factr·eps ≈ 2.2e-9), or after `maxIter` iterations.
 */

export interface LbfgsOptions {
  maxIter?: number;
  gtol?: number;
  ftol?: number;
  /** History pairs kept (scipy's m = 10). */
  memory?: number;
  /** Polled once per iteration; true ⇒ return the current point. */
  shouldStop?: () => boolean;
}

export interface LbfgsResult {
  x: Float64Array;
  f: number;
  iterations: number;
  converged: boolean;
}

/** `fg` returns f(x) and writes ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}

function maxAbs(a: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]!));
  return m;
}

export function lbfgs(fg: Objective, x0: Float64Array, options: LbfgsOptions = {}): LbfgsResult {
  const maxIter = options.maxIter ?? 1000;
  const gtol = options.gtol ?? 1e-4;
  const ftol = options.ftol ?? 2.220446049250313e-9;
  const m = options.memory ?? 10;
  const n = x0.length;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let f = fg(x, g);
  const sList: Float64Array[] = [];
  const yList: Float64Array[] = [];
  const rhoList: number[] = [];
  const alpha = new Float64Array(m);
  const dir = new Float64Array(n);
  const xNew = new Float64Array(n);
  let gNew = new Float64Array(n);
  if (maxAbs(g) <= gtol) return { x, f, iterations: 0, converged: true };
  for (let iter = 1; iter <= maxIter; iter++) {
    if (options.shouldStop?.()) return { x, f, iterations: iter - 1, converged: false };
    // Two-loop recursion: dir = -H·g.
    for (let i = 0; i < n; i++) dir[i] = -g[i]!;
    const k = sList.length;
    for (let j = k - 1; j >= 0; j--) {
      const a = rhoList[j]! * dot(sList[j]!, dir);
      alpha[j] = a;
      const yj = yList[j]!;
      for (let i = 0; i < n; i++) dir[i]! -= a * yj[i]!;
    }
    if (k > 0) {
      const yLast = yList[k - 1]!;
      const gamma = dot(sList[k - 1]!, yLast) / dot(yLast, yLast);
      for (let i = 0; i < n; i++) dir[i]! *= gamma;
    } else {
      // First step: scale so the trial step has unit length, as scipy does.
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) dir[i]! /= Math.max(norm, 1e-300);
    }
    for (let j = 0; j < k; j++) {
      const b = rhoList[j]! * dot(yList[j]!, dir);
      const sj = sList[j]!;
      for (let i = 0; i < n; i++) dir[i]! += (alpha[j]! - b) * sj[i]!;
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // Not a descent direction (curvature lost): restart from steepest descent.
      sList.length = yList.length = rhoList.length = 0;
      for (let i = 0; i < n; i++) dir[i] = -g[i]!;
      slope = dot(g, dir);
    }
    let step = 1;
    let fNew = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNew[i] = x[i]! + step * dir[i]!;
      fNew = fg(xNew, gNew);
      if (Number.isFinite(fNew) && fNew <= f + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    if (!(fNew <= f)) return { x, f, iterations: iter, converged: false };
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = xNew[i]! - x[i]!;
      y[i] = gNew[i]! - g[i]!;
    }
    const sy = dot(s, y);
    if (sy > 1e-10 * dot(y, y)) {
      if (sList.length === m) {
        sList.shift();
        yList.shift();
        rhoList.shift();
      }
      sList.push(s);
      yList.push(y);
      rhoList.push(1 / sy);
    }
    const fOld = f;
    x = Float64Array.from(xNew);
    [g, gNew] = [gNew, g];
    f = fNew;
    if (maxAbs(g) <= gtol) return { x, f, iterations: iter, converged: true };
    if ((fOld - f) / Math.max(Math.abs(fOld), Math.abs(f), 1) <= ftol) {
      return { x, f, iterations: iter, converged: true };
    }
  }
  return { x, f, iterations: maxIter, converged: false };
}
