/**
 * Logistic regression as scikit-learn's `LogisticRegression(solver='lbfgs')`: a single weight
 * vector for two classes, a full softmax (one vector per class) for more, an unpenalised
 * intercept, and the objective (1/n)·(Σ log-loss + 1/(2C)·||w||²) minimised by L-BFGS to
 * gtol 1e-4 and max_iter iterations. L-BFGS runs synchronously; each iteration reports
 * progress and polls `shouldStop` (fits take milliseconds, so no yield is needed inside).
 */
import { lbfgs } from './linalg/lbfgs';
import { logSumExp } from './linalg/dense';
import { normalisedMagnitudes } from './linear';
import type {
  ClassifierLearner,
  ClassifierModel,
  DenseMatrix,
  FitOptions,
  SavedModel,
} from './types';

export interface LogisticParams {
  /** Inverse regularisation strength, sklearn's `C`. */
  c?: number;
  maxIter?: number;
  tol?: number;
}

interface LogisticState {
  numClasses: number;
  /** Rows of length d + 1 (weights then intercept): one row if binary, else one per class. */
  weights: number[][];
}

export class LogisticModel implements ClassifierModel {
  readonly kind = 'logistic-regression';
  constructor(
    readonly numClasses: number,
    readonly weights: Float64Array[],
  ) {}

  /** Linear scores, rows × (1 if binary else numClasses). */
  decisionFunction(x: DenseMatrix): Float64Array {
    const k = this.weights.length;
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) {
      for (let c = 0; c < k; c++) {
        const w = this.weights[c]!;
        let z = w[x.cols]!;
        for (let j = 0; j < x.cols; j++) z += x.data[i * x.cols + j]! * w[j]!;
        out[i * k + c] = z;
      }
    }
    return out;
  }

  predictProba(x: DenseMatrix): Float64Array {
    const scores = this.decisionFunction(x);
    const k = this.numClasses;
    const out = new Float64Array(x.rows * k);
    for (let i = 0; i < x.rows; i++) {
      if (this.weights.length === 1) {
        const p = 1 / (1 + Math.exp(-scores[i]!));
        out[i * k] = 1 - p;
        out[i * k + 1] = p;
      } else {
        const lse = logSumExp(scores, i * k, k);
        for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(scores[i * k + c]! - lse);
      }
    }
    return out;
  }

  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.predictProba(x), x.rows, this.numClasses);
  }

  /** Mean |weight| per feature across classes, normalised to sum 1. */
  featureImportances(): Float64Array {
    const d = this.weights[0]!.length - 1;
    const total = new Float64Array(d);
    for (const w of this.weights) for (let j = 0; j < d; j++) total[j]! += Math.abs(w[j]!);
    return normalisedMagnitudes(total);
  }

  toJSON(): SavedModel {
    const params: LogisticState = {
      numClasses: this.numClasses,
      weights: this.weights.map((w) => Array.from(w)),
    };
    return { kind: this.kind, version: 1, params };
  }
}

export function argmaxRows(values: Float64Array, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (values[i * k + c]! > values[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

export interface LogisticLearner extends ClassifierLearner<LogisticParams> {
  fit(
    x: DenseMatrix,
    y: Int32Array,
    numClasses: number,
    params: LogisticParams,
    options?: FitOptions,
  ): Promise<LogisticModel>;
  fromJSON(saved: SavedModel): LogisticModel;
}

export const logisticRegression: LogisticLearner = {
  kind: 'logistic-regression',
  async fit(x, y, numClasses, params, options) {
    const n = x.rows;
    const d = x.cols;
    const c = params.c ?? 1;
    const maxIter = params.maxIter ?? 100;
    const k = numClasses <= 2 ? 1 : numClasses;
    const stride = d + 1;
    const l2 = 1 / (c * n);
    const scores = new Float64Array(k);
    const objective = (theta: Float64Array, grad: Float64Array): number => {
      grad.fill(0);
      let loss = 0;
      for (let i = 0; i < n; i++) {
        const row = i * d;
        for (let cl = 0; cl < k; cl++) {
          let z = theta[cl * stride + d]!;
          for (let j = 0; j < d; j++) z += x.data[row + j]! * theta[cl * stride + j]!;
          scores[cl] = z;
        }
        const yi = y[i]!;
        if (k === 1) {
          const z = scores[0]!;
          // log(1 + e^z) − y·z, written to avoid overflow for large |z|.
          loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - yi * z;
          const residual = 1 / (1 + Math.exp(-z)) - yi;
          for (let j = 0; j < d; j++) grad[j]! += residual * x.data[row + j]!;
          grad[d]! += residual;
        } else {
          const lse = logSumExp(scores, 0, k);
          loss += lse - scores[yi]!;
          for (let cl = 0; cl < k; cl++) {
            const residual = Math.exp(scores[cl]! - lse) - (cl === yi ? 1 : 0);
            const base = cl * stride;
            for (let j = 0; j < d; j++) grad[base + j]! += residual * x.data[row + j]!;
            grad[base + d]! += residual;
          }
        }
      }
      let penalty = 0;
      for (let cl = 0; cl < k; cl++) {
        for (let j = 0; j < d; j++) {
          const w = theta[cl * stride + j]!;
          penalty += w * w;
          grad[cl * stride + j] = grad[cl * stride + j]! / n + l2 * w;
        }
        grad[cl * stride + d] = grad[cl * stride + d]! / n;
      }
      return loss / n + 0.5 * l2 * penalty;
    };
    let iteration = 0;
    const result = lbfgs(objective, new Float64Array(k * stride), {
      maxIter,
      gtol: params.tol ?? 1e-4,
      shouldStop: () => {
        options?.onProgress?.({ stage: 'iterations', done: iteration++, total: maxIter });
        return options?.shouldStop?.() ?? false;
      },
    });
    options?.onProgress?.({ stage: 'iterations', done: result.iterations, total: maxIter });
    const weights = Array.from({ length: k }, (_, cl) =>
      result.x.slice(cl * stride, (cl + 1) * stride),
    );
    return new LogisticModel(Math.max(numClasses, 2), weights);
  },
  fromJSON(saved) {
    if (saved.kind !== 'logistic-regression') throw new TypeError(`not logistic: ${saved.kind}`);
    const state = saved.params as LogisticState;
    return new LogisticModel(
      state.numClasses,
      state.weights.map((w) => Float64Array.from(w)),
    );
  },
};
