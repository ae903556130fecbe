/**
 * Support-vector classifier like scikit-learn's `SVC`: linear or RBF kernel, C, gamma
 * ('scale' = 1 / (n_features · X.var()) or a number), one-vs-one for more than two classes and
 * libsvm's vote for `predict`. Probabilities as sklearn's `probability=True`: each pair's
 * Platt sigmoid is fitted (prior-corrected targets) on decision values from a seeded 5-fold
 * internal cross-validation, like libsvm, and pairs are coupled with libsvm's method. Our fold
 * shuffle uses our own seeded generator, so probabilities are close to sklearn's, not equal;
 * `predict` does not depend on them. Solver details in `svm-smo.ts`.
 */
import { createRng, permutation, type Rng } from '../../core/rng';
import { pairwiseCoupling, plattFit, plattProbability, solveSmo } from './svm-smo';
import type {
  ClassifierLearner,
  ClassifierModel,
  DenseMatrix,
  FitOptions,
  SavedModel,
} from './types';

export interface SvmParams {
  kernel?: 'linear' | 'rbf';
  c?: number;
  gamma?: 'scale' | number;
  /** KKT tolerance (sklearn `tol`). */
  tol?: number;
  /**
   * Folds of libsvm's internal cross-validation for Platt scaling (default 5, as libsvm);
   * 0 or 1 fits the sigmoid on the training-set decision values instead (faster, and
   * over-confident).
   */
  plattFolds?: number;
  /** Seeds the fold shuffle of that cross-validation. */
  seed?: number;
}

interface PairState {
  a: number;
  b: number;
  /** Indices into `supportVectors` and their α·y. */
  sv: number[];
  coef: number[];
  rho: number;
  probA: number;
  probB: number;
}

interface SvmState {
  numClasses: number;
  kernel: 'linear' | 'rbf';
  gamma: number;
  cols: number;
  supportVectors: number[];
  pairs: PairState[];
}

function kernelFn(kernel: 'linear' | 'rbf', gamma: number, d: number) {
  return (a: Float64Array, ai: number, b: Float64Array, bi: number): number => {
    let sum = 0;
    if (kernel === 'linear') {
      for (let k = 0; k < d; k++) sum += a[ai + k]! * b[bi + k]!;
      return sum;
    }
    for (let k = 0; k < d; k++) {
      const diff = a[ai + k]! - b[bi + k]!;
      sum += diff * diff;
    }
    return Math.exp(-gamma * sum);
  };
}

/** sklearn's gamma='scale': 1 / (n_features · variance of all entries of X). */
export function scaleGamma(x: DenseMatrix): number {
  const n = x.data.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x.data[i]!;
  mean /= n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (x.data[i]! - mean) ** 2;
  variance /= n;
  return variance > 0 ? 1 / (x.cols * variance) : 1;
}

export class SvmModel implements ClassifierModel {
  readonly kind = 'svm';
  readonly numClasses: number;
  private readonly k: ReturnType<typeof kernelFn>;
  private readonly svData: Float64Array;

  constructor(private readonly state: SvmState) {
    this.numClasses = state.numClasses;
    this.k = kernelFn(state.kernel, state.gamma, state.cols);
    this.svData = Float64Array.from(state.supportVectors);
  }

  /** One decision value per pair (positive ⇒ pair.a), rows × pairs. */
  decisionFunction(x: DenseMatrix): Float64Array {
    const { pairs, cols } = this.state;
    const nSv = this.svData.length / cols;
    const kx = new Float64Array(nSv);
    const out = new Float64Array(x.rows * pairs.length);
    for (let i = 0; i < x.rows; i++) {
      for (let s = 0; s < nSv; s++) kx[s] = this.k(x.data, i * cols, this.svData, s * cols);
      pairs.forEach((pair, p) => {
        let sum = -pair.rho;
        for (let s = 0; s < pair.sv.length; s++) sum += pair.coef[s]! * kx[pair.sv[s]!]!;
        out[i * pairs.length + p] = sum;
      });
    }
    return out;
  }

  predict(x: DenseMatrix): Int32Array {
    const dec = this.decisionFunction(x);
    const { pairs } = this.state;
    const out = new Int32Array(x.rows);
    const votes = new Int32Array(this.numClasses);
    for (let i = 0; i < x.rows; i++) {
      votes.fill(0);
      pairs.forEach((pair, p) => votes[dec[i * pairs.length + p]! > 0 ? pair.a : pair.b]!++);
      let best = 0;
      for (let c = 1; c < this.numClasses; c++) if (votes[c]! > votes[best]!) best = c;
      out[i] = best;
    }
    return out;
  }

  predictProba(x: DenseMatrix): Float64Array {
    const dec = this.decisionFunction(x);
    const { pairs } = this.state;
    const k = this.numClasses;
    const out = new Float64Array(x.rows * k);
    const r = new Float64Array(k * k);
    for (let i = 0; i < x.rows; i++) {
      pairs.forEach((pair, p) => {
        const raw = plattProbability(dec[i * pairs.length + p]!, pair.probA, pair.probB);
        const clipped = Math.min(Math.max(raw, 1e-7), 1 - 1e-7);
        r[pair.a * k + pair.b] = clipped;
        r[pair.b * k + pair.a] = 1 - clipped;
      });
      const probs = k === 2 ? Float64Array.of(r[1]!, r[k]!) : pairwiseCoupling(r, k);
      out.set(probs, i * k);
    }
    return out;
  }

  toJSON(): SavedModel {
    return { kind: this.kind, version: 1, params: structuredClone(this.state) };
  }
}

/**
 * libsvm's `svm_binary_svc_probability`: shuffle, split into `folds` contiguous folds, and
 * get each fold's decision values from an SVM trained on the rest; a training part with one
 * class only gives ±1, as in libsvm.
 */
function crossValidatedDecisions(
  all: readonly number[],
  yy: Int8Array,
  folds: number,
  rng: Rng,
  fitAndDecide: (train: number[], test: number[]) => Float64Array,
): Float64Array {
  const order = permutation(all.length, rng);
  const dec = new Float64Array(all.length);
  for (let f = 0; f < folds; f++) {
    const begin = Math.floor((f * all.length) / folds);
    const end = Math.floor(((f + 1) * all.length) / folds);
    const test = Array.from(order.subarray(begin, end));
    const train = [...order.subarray(0, begin), ...order.subarray(end)];
    const positives = train.filter((t) => yy[t] === 1).length;
    let values: Float64Array;
    if (positives === train.length || positives === 0) {
      values = new Float64Array(test.length).fill(train.length === 0 ? 0 : positives > 0 ? 1 : -1);
    } else {
      values = fitAndDecide(train, test);
    }
    test.forEach((t, i) => (dec[t] = values[i]!));
  }
  return dec;
}

export interface SvmLearner extends ClassifierLearner<SvmParams> {
  fit(
    x: DenseMatrix,
    y: Int32Array,
    numClasses: number,
    params: SvmParams,
    options?: FitOptions,
  ): Promise<SvmModel>;
  fromJSON(saved: SavedModel): SvmModel;
}

export const svmClassifier: SvmLearner = {
  kind: 'svm',
  async fit(x, y, numClasses, params, options) {
    const kernel = params.kernel ?? 'rbf';
    const c = params.c ?? 1;
    const gamma =
      params.gamma === undefined || params.gamma === 'scale' ? scaleGamma(x) : params.gamma;
    const d = x.cols;
    const k = kernelFn(kernel, gamma, d);
    const k2 = Math.max(numClasses, 2);
    const byClass: number[][] = Array.from({ length: k2 }, () => []);
    for (let i = 0; i < x.rows; i++) byClass[y[i]!]!.push(i);
    const svOf = new Map<number, number>();
    const supportVectors: number[] = [];
    const pairs: PairState[] = [];
    const total = (k2 * (k2 - 1)) / 2;
    const rng = createRng(params.seed ?? 0);
    let stopped = false;
    for (let a = 0; a < k2; a++) {
      for (let b = a + 1; b < k2; b++) {
        const rows = [...byClass[a]!, ...byClass[b]!];
        const yy = Int8Array.from(rows, (r) => (y[r] === a ? 1 : -1));
        const pair: PairState = { a, b, sv: [], coef: [], rho: 0, probA: 0, probB: 0 };
        if (stopped || options?.shouldStop?.()) {
          // Stopped: the remaining pairs stay neutral (decision 0, probability ½).
          stopped = true;
          pairs.push(pair);
          continue;
        }
        if (byClass[a]!.length === 0 || byClass[b]!.length === 0) {
          // A class absent from training: send every vote to the class that was seen.
          pair.rho = byClass[a]!.length === 0 ? 1 : -1;
          pair.probA = byClass[a]!.length === 0 ? 100 : -100;
          pairs.push(pair);
          continue;
        }
        const solve = (subset: readonly number[]) =>
          solveSmo({
            size: subset.length,
            y: Int8Array.from(subset, (t) => yy[t]!),
            kernel: (i, j) => k(x.data, rows[subset[i]!]! * d, x.data, rows[subset[j]!]! * d),
            c,
            eps: params.tol ?? 1e-3,
            shouldStop: options?.shouldStop,
          });
        const all = rows.map((_, t) => t);
        const solution = solve(all);
        pair.rho = solution.rho;
        rows.forEach((row, t) => {
          const alpha = solution.alpha[t]!;
          if (alpha <= 0) return;
          let index = svOf.get(row);
          if (index === undefined) {
            index = svOf.size;
            svOf.set(row, index);
            for (let j = 0; j < d; j++) supportVectors.push(x.data[row * d + j]!);
          }
          pair.sv.push(index);
          pair.coef.push(alpha * yy[t]!);
        });
        // Decision values of `targets` from a solution trained on `subset` (pair-local ids).
        const decide = (
          subset: readonly number[],
          alpha: Float64Array,
          rho: number,
          targets: readonly number[],
        ) =>
          Float64Array.from(targets, (u) => {
            let sum = -rho;
            subset.forEach((t, s) => {
              if (alpha[s]! > 0)
                sum += alpha[s]! * yy[t]! * k(x.data, rows[t]! * d, x.data, rows[u]! * d);
            });
            return sum;
          });
        const folds = params.plattFolds ?? 5;
        const dec =
          folds >= 2
            ? crossValidatedDecisions(all, yy, folds, rng, (train, test) => {
                const sub = solve(train);
                return decide(train, sub.alpha, sub.rho, test);
              })
            : decide(all, solution.alpha, solution.rho, all);
        const sigmoid = plattFit(
          dec,
          Uint8Array.from(yy, (v) => (v === 1 ? 1 : 0)),
        );
        pair.probA = sigmoid.a;
        pair.probB = sigmoid.b;
        pairs.push(pair);
        options?.onProgress?.({ stage: 'pairs', done: pairs.length, total });
        if (options?.yieldNow) await options.yieldNow();
      }
    }
    return new SvmModel({ numClasses: k2, kernel, gamma, cols: d, supportVectors, pairs });
  },
  fromJSON(saved) {
    if (saved.kind !== 'svm') throw new TypeError(`not an SVM: ${saved.kind}`);
    return new SvmModel(structuredClone(saved.params as SvmState));
  },
};
