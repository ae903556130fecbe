/**
 * Linear regressors with scikit-learn's objectives: ordinary least squares and ridge in closed
 * form (normal equations on centred data, Cholesky), lasso and elastic net by cyclic
 * coordinate descent on 1/(2n)||y − Xw||² + α·ρ·||w||₁ + α(1 − ρ)/2·||w||², stopping on
 * sklearn's duality-gap test (tol 1e-4 scaled by ||y||², max_iter 1000). The intercept is
 * fitted by centring, as sklearn does. Importances are |coef| normalised to sum 1; the signed
 * coefficients stay available for the chart.
 */
import { choleskySolve, columnMeans } from './linalg/dense';
import { cooperator } from './linalg/cooperate';
import type {
  DenseMatrix,
  FitOptions,
  RegressorLearner,
  RegressorModel,
  SavedModel,
} from './types';

export interface LinearParams {
  /** L2 strength for ridge (sklearn `alpha`); 0 gives ordinary least squares. */
  alpha?: number;
}

export interface ElasticNetParams {
  alpha?: number;
  /** 1 = lasso, 0 = ridge-like; sklearn `l1_ratio`. */
  l1Ratio?: number;
  tol?: number;
  maxIter?: number;
}

interface LinearState {
  coef: number[];
  intercept: number;
}

export class LinearRegressorModel implements RegressorModel {
  constructor(
    readonly kind: string,
    readonly coef: Float64Array,
    readonly intercept: number,
  ) {}

  predict(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) {
      let sum = this.intercept;
      for (let j = 0; j < x.cols; j++) sum += x.data[i * x.cols + j]! * this.coef[j]!;
      out[i] = sum;
    }
    return out;
  }

  /** Signed coefficients, for a chart that shows direction as well as size. */
  coefficients(): Float64Array {
    return Float64Array.from(this.coef);
  }

  featureImportances(): Float64Array {
    return normalisedMagnitudes(this.coef);
  }

  toJSON(): SavedModel {
    const params: LinearState = { coef: Array.from(this.coef), intercept: this.intercept };
    return { kind: this.kind, version: 1, params };
  }
}

/** A regressor learner whose models expose their signed coefficients. */
export interface LinearLearner<P> extends RegressorLearner<P> {
  fit(
    x: DenseMatrix,
    y: Float64Array,
    params: P,
    options?: FitOptions,
  ): Promise<LinearRegressorModel>;
  fromJSON(saved: SavedModel): LinearRegressorModel;
}

/** |v| scaled to sum 1 (all zeros stay zeros). */
export function normalisedMagnitudes(v: ArrayLike<number>): Float64Array {
  const out = new Float64Array(v.length);
  let total = 0;
  for (let j = 0; j < v.length; j++) total += Math.abs(v[j]!);
  if (total > 0) for (let j = 0; j < v.length; j++) out[j] = Math.abs(v[j]!) / total;
  return out;
}

function linearFromJSON(kind: string, saved: SavedModel): LinearRegressorModel {
  if (saved.kind !== kind) throw new TypeError(`expected a ${kind} model, got ${saved.kind}`);
  const state = saved.params as LinearState;
  return new LinearRegressorModel(kind, Float64Array.from(state.coef), state.intercept);
}

/** Centred copies of X and y with their means (the intercept is recovered from them). */
function centre(x: DenseMatrix, y: Float64Array) {
  const xMean = columnMeans(x);
  let yMean = 0;
  for (let i = 0; i < y.length; i++) yMean += y[i]!;
  yMean /= Math.max(y.length, 1);
  const xc = new Float64Array(x.data.length);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) xc[i * x.cols + j] = x.data[i * x.cols + j]! - xMean[j]!;
  }
  const yc = y.map((v) => v - yMean);
  return { xc, yc, xMean, yMean };
}

function interceptOf(xMean: Float64Array, yMean: number, coef: Float64Array): number {
  let b = yMean;
  for (let j = 0; j < coef.length; j++) b -= xMean[j]! * coef[j]!;
  return b;
}

/** Closed form (XcᵀXc + αI)w = Xcᵀyc; α = 0 is ordinary least squares. */
export function fitClosedForm(x: DenseMatrix, y: Float64Array, alpha: number): LinearState {
  const { xc, yc, xMean, yMean } = centre(x, y);
  const d = x.cols;
  const gram = new Float64Array(d * d);
  const rhs = new Float64Array(d);
  for (let i = 0; i < x.rows; i++) {
    const row = i * d;
    for (let a = 0; a < d; a++) {
      const va = xc[row + a]!;
      rhs[a]! += va * yc[i]!;
      for (let b = a; b < d; b++) gram[a * d + b]! += va * xc[row + b]!;
    }
  }
  for (let a = 0; a < d; a++) {
    gram[a * d + a]! += alpha;
    for (let b = 0; b < a; b++) gram[a * d + b] = gram[b * d + a]!;
  }
  const coef = choleskySolve(gram, rhs, d);
  return { coef: Array.from(coef), intercept: interceptOf(xMean, yMean, coef) };
}

function closedFormLearner(kind: string, fixedAlpha?: number): LinearLearner<LinearParams> {
  return {
    kind,
    async fit(x, y, params, options) {
      const alpha = fixedAlpha ?? params.alpha ?? 1;
      const state = fitClosedForm(x, y, alpha);
      options?.onProgress?.({ stage: 'iterations', done: 1, total: 1 });
      return new LinearRegressorModel(kind, Float64Array.from(state.coef), state.intercept);
    },
    fromJSON: (saved) => linearFromJSON(kind, saved),
  };
}

export const linearRegression = closedFormLearner('linear-regression', 0);
export const ridgeRegression = closedFormLearner('ridge');

/** sklearn's cd_fast.enet_coordinate_descent on centred data, in its n-scaled form. */
export async function fitElasticNet(
  x: DenseMatrix,
  y: Float64Array,
  params: ElasticNetParams,
  options?: FitOptions,
): Promise<LinearState> {
  const { xc, yc, xMean, yMean } = centre(x, y);
  const n = x.rows;
  const d = x.cols;
  const alpha = params.alpha ?? 1;
  const l1Ratio = params.l1Ratio ?? 0.5;
  const maxIter = params.maxIter ?? 1000;
  const l1 = alpha * l1Ratio * n;
  const l2 = alpha * (1 - l1Ratio) * n;
  let yNorm2 = 0;
  for (let i = 0; i < n; i++) yNorm2 += yc[i]! * yc[i]!;
  const relTol = params.tol ?? 1e-4;
  const tol = relTol * yNorm2;
  // Column-major copy: each coordinate step walks one feature.
  const cols = new Float64Array(n * d);
  const colNorm2 = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = xc[i * d + j]!;
      cols[j * n + i] = v;
      colNorm2[j]! += v * v;
    }
  }
  const w = new Float64Array(d);
  const residual = Float64Array.from(yc);
  const coop = cooperator(options);
  for (let iter = 0; iter < maxIter; iter++) {
    let wMax = 0;
    let dwMax = 0;
    for (let j = 0; j < d; j++) {
      if (colNorm2[j] === 0) continue;
      const old = w[j]!;
      let tmp = 0;
      for (let i = 0; i < n; i++) tmp += cols[j * n + i]! * residual[i]!;
      tmp += old * colNorm2[j]!;
      const shrunk = Math.sign(tmp) * Math.max(Math.abs(tmp) - l1, 0);
      const next = shrunk / (colNorm2[j]! + l2);
      if (next !== old) {
        const delta = next - old;
        for (let i = 0; i < n; i++) residual[i]! -= delta * cols[j * n + i]!;
      }
      w[j] = next;
      dwMax = Math.max(dwMax, Math.abs(next - old));
      wMax = Math.max(wMax, Math.abs(next));
    }
    options?.onProgress?.({ stage: 'iterations', done: iter + 1, total: maxIter });
    if (wMax === 0 || dwMax / wMax < relTol || iter === maxIter - 1) {
      if (dualityGap(cols, residual, yc, w, n, d, l1, l2) < tol) break;
    }
    if (await coop.checkpoint()) break;
  }
  return { coef: Array.from(w), intercept: interceptOf(xMean, yMean, w) };
}

function dualityGap(
  cols: Float64Array,
  residual: Float64Array,
  y: Float64Array,
  w: Float64Array,
  n: number,
  d: number,
  l1: number,
  l2: number,
): number {
  let dualNorm = 0;
  let wNorm2 = 0;
  let l1Norm = 0;
  for (let j = 0; j < d; j++) {
    let xta = 0;
    for (let i = 0; i < n; i++) xta += cols[j * n + i]! * residual[i]!;
    xta -= l2 * w[j]!;
    dualNorm = Math.max(dualNorm, Math.abs(xta));
    wNorm2 += w[j]! * w[j]!;
    l1Norm += Math.abs(w[j]!);
  }
  let rNorm2 = 0;
  let ry = 0;
  for (let i = 0; i < n; i++) {
    rNorm2 += residual[i]! * residual[i]!;
    ry += residual[i]! * y[i]!;
  }
  let scale = 1;
  let gap = rNorm2;
  if (dualNorm > l1) {
    scale = l1 / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * scale * scale);
  }
  return gap + l1 * l1Norm - scale * ry + 0.5 * l2 * (1 + scale * scale) * wNorm2;
}

function coordinateLearner(kind: string, fixedL1?: number): LinearLearner<ElasticNetParams> {
  return {
    kind,
    async fit(x, y, params, options) {
      const full = { ...params, l1Ratio: fixedL1 ?? params.l1Ratio ?? 0.5 };
      const state = await fitElasticNet(x, y, full, options);
      return new LinearRegressorModel(kind, Float64Array.from(state.coef), state.intercept);
    },
    fromJSON: (saved) => linearFromJSON(kind, saved),
  };
}

export const lassoRegression = coordinateLearner('lasso', 1);
export const elasticNetRegression = coordinateLearner('elastic-net');
