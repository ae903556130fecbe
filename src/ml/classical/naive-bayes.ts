/**
 * Naive Bayes as in scikit-learn. Gaussian: per-class means and (population) variances, each
 * variance raised by varSmoothing × the largest feature variance (default 1e-9), priors from
 * class frequencies. Multinomial: smoothed feature counts (alpha, default 1) for non-negative
 * count-like features. Posteriors come from the joint log-likelihood through log-sum-exp, so
 * they sum to 1 even when the likelihoods underflow. A class absent from y gets prior 0.
 */
import { expectKind } from './shared/sup-flat-tree';
import { argmaxRows, checkFitInput } from './tree';
import type { ClassifierLearner, ClassifierModel, DenseMatrix, SavedModel } from './types';

export interface GaussianNbParams {
  varSmoothing?: number;
}

export interface MultinomialNbParams {
  alpha?: number;
}

/** Row-wise softmax of joint log-likelihoods, rows × k, in place. */
function posteriors(jll: Float64Array, rows: number, k: number): Float64Array {
  for (let i = 0; i < rows; i++) {
    let max = -Infinity;
    for (let c = 0; c < k; c++) max = Math.max(max, jll[i * k + c]!);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += jll[i * k + c] = Math.exp(jll[i * k + c]! - max);
    for (let c = 0; c < k; c++) jll[i * k + c]! /= sum;
  }
  return jll;
}

/** log(n / total), with an empty class at −MAX_VALUE: finite, so the state survives JSON. */
function logPriors(counts: Float64Array, total: number): number[] {
  return Array.from(counts, (n) => (n > 0 ? Math.log(n / total) : -Number.MAX_VALUE));
}

function classCounts(y: ArrayLike<number>, k: number): Float64Array {
  const counts = new Float64Array(k);
  for (let i = 0; i < y.length; i++) {
    const c = y[i]!;
    if (!(c >= 0 && c < k && Number.isInteger(c)))
      throw new RangeError(`label ${c} outside 0..${k - 1}`);
    counts[c]! += 1;
  }
  return counts;
}

interface GaussianState {
  numClasses: number;
  numFeatures: number;
  /** k × p means and smoothed variances, row-major. */
  theta: number[];
  variance: number[];
  logPrior: number[];
}

export class GaussianNbModel implements ClassifierModel {
  readonly kind = 'gaussian-nb';
  readonly numClasses: number;
  constructor(readonly state: GaussianState) {
    this.numClasses = state.numClasses;
  }
  /** log P(c) + Σ_j log N(x_j; θ_cj, σ²_cj), rows × k. */
  jointLogLikelihood(x: DenseMatrix): Float64Array {
    const { numClasses: k, numFeatures: p, theta, variance, logPrior } = this.state;
    if (x.cols !== p) throw new RangeError(`expected ${p} features, got ${x.cols}`);
    const out = new Float64Array(x.rows * k);
    for (let c = 0; c < k; c++) {
      let constant = logPrior[c]!;
      for (let j = 0; j < p; j++) constant -= 0.5 * Math.log(2 * Math.PI * variance[c * p + j]!);
      for (let i = 0; i < x.rows; i++) {
        let s = constant;
        for (let j = 0; j < p; j++)
          s -= (x.data[i * p + j]! - theta[c * p + j]!) ** 2 / (2 * variance[c * p + j]!);
        out[i * k + c] = s;
      }
    }
    return out;
  }
  predictProba(x: DenseMatrix): Float64Array {
    return posteriors(this.jointLogLikelihood(x), x.rows, this.numClasses);
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.jointLogLikelihood(x), x.rows, this.numClasses);
  }
  toJSON(): SavedModel {
    return { kind: this.kind, version: 1, params: this.state };
  }
}

export const gaussianNb: ClassifierLearner<GaussianNbParams> = {
  kind: 'gaussian-nb',
  async fit(x, y, numClasses, params) {
    checkFitInput(x, y);
    const k = numClasses;
    const p = x.cols;
    const counts = classCounts(y, k);
    const theta = new Array<number>(k * p).fill(0);
    const variance = new Array<number>(k * p).fill(0);
    const mean = new Float64Array(p);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < p; j++) {
        theta[y[i]! * p + j]! += x.data[i * p + j]!;
        mean[j]! += x.data[i * p + j]!;
      }
    }
    for (let c = 0; c < k; c++) for (let j = 0; j < p; j++) theta[c * p + j]! /= counts[c]! || 1;
    let maxVariance = 0;
    for (let j = 0; j < p; j++) {
      mean[j]! /= x.rows;
      let s = 0;
      for (let i = 0; i < x.rows; i++) s += (x.data[i * p + j]! - mean[j]!) ** 2;
      maxVariance = Math.max(maxVariance, s / x.rows);
    }
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < p; j++)
        variance[y[i]! * p + j]! += (x.data[i * p + j]! - theta[y[i]! * p + j]!) ** 2;
    }
    // Like sklearn; the fallback keeps an all-constant dataset from dividing by zero.
    const epsilon = (params.varSmoothing ?? 1e-9) * maxVariance || Number.MIN_VALUE;
    for (let c = 0; c < k; c++) {
      for (let j = 0; j < p; j++)
        variance[c * p + j] = variance[c * p + j]! / (counts[c]! || 1) + epsilon;
    }
    const logPrior = logPriors(counts, x.rows);
    return new GaussianNbModel({ numClasses: k, numFeatures: p, theta, variance, logPrior });
  },
  fromJSON(saved) {
    return new GaussianNbModel(expectKind(saved, this.kind) as GaussianState);
  },
};

interface MultinomialState {
  numClasses: number;
  numFeatures: number;
  /** k × p, log P(feature j | class c). */
  featureLogProb: number[];
  logPrior: number[];
}

export class MultinomialNbModel implements ClassifierModel {
  readonly kind = 'multinomial-nb';
  readonly numClasses: number;
  constructor(readonly state: MultinomialState) {
    this.numClasses = state.numClasses;
  }
  jointLogLikelihood(x: DenseMatrix): Float64Array {
    const { numClasses: k, numFeatures: p, featureLogProb, logPrior } = this.state;
    if (x.cols !== p) throw new RangeError(`expected ${p} features, got ${x.cols}`);
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) {
      for (let c = 0; c < k; c++) {
        let s = logPrior[c]!;
        for (let j = 0; j < p; j++) s += x.data[i * p + j]! * featureLogProb[c * p + j]!;
        out[i * k + c] = s;
      }
    }
    return out;
  }
  predictProba(x: DenseMatrix): Float64Array {
    return posteriors(this.jointLogLikelihood(x), x.rows, this.numClasses);
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.jointLogLikelihood(x), x.rows, this.numClasses);
  }
  toJSON(): SavedModel {
    return { kind: this.kind, version: 1, params: this.state };
  }
}

export const multinomialNb: ClassifierLearner<MultinomialNbParams> = {
  kind: 'multinomial-nb',
  async fit(x, y, numClasses, params) {
    checkFitInput(x, y);
    if (!((params.alpha ?? 1) >= 0)) throw new RangeError(`alpha must be ≥ 0: ${params.alpha}`);
    // sklearn 1.2 raises alpha below 1e-10 to 1e-10 so that no log-probability is −∞.
    const alpha = Math.max(params.alpha ?? 1, 1e-10);
    if (x.data.some((v) => v < 0))
      throw new RangeError('multinomial naive Bayes needs non-negative features');
    const k = numClasses;
    const p = x.cols;
    const counts = classCounts(y, k);
    const featureCount = new Float64Array(k * p);
    for (let i = 0; i < x.rows; i++) {
      for (let j = 0; j < p; j++) featureCount[y[i]! * p + j]! += x.data[i * p + j]!;
    }
    const featureLogProb = new Array<number>(k * p);
    for (let c = 0; c < k; c++) {
      let total = 0;
      for (let j = 0; j < p; j++) total += featureCount[c * p + j]! + alpha;
      for (let j = 0; j < p; j++)
        featureLogProb[c * p + j] = Math.log((featureCount[c * p + j]! + alpha) / total);
    }
    const logPrior = logPriors(counts, x.rows);
    return new MultinomialNbModel({ numClasses: k, numFeatures: p, featureLogProb, logPrior });
  },
  fromJSON(saved) {
    return new MultinomialNbModel(expectKind(saved, this.kind) as MultinomialState);
  },
};
