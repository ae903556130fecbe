/**
 * Small fixtures for the tree and instance-based learner tests. `SK_X`/`SK_Y` come with the
 * trees scikit-learn 1.2.1 grows on them (recorded in tree.test.ts); the rest are synthetic
 * problems with an obvious signal, generated from a fixed seed.
 */
import { createRng, normalSample } from '../../../../src/core/rng';
import { denseMatrix, type DenseMatrix } from '../../../../src/ml/classical/types';

// np.round(RandomState(3).uniform(0, 10, (30, 3)), 2); y = x0 > 4 and x1 > 3, rows 2, 7 flipped.
// prettier-ignore
export const SK_X = denseMatrix(30, 3, [
  5.51, 7.08, 2.91, 5.11, 8.93, 8.96, 1.26, 2.07, 0.51, 4.41, 0.3, 4.57, 6.49, 2.78, 6.76,
  5.91, 0.24, 5.59, 2.59, 4.15, 2.84, 6.93, 4.4, 1.57, 5.45, 7.8, 3.06, 2.22, 3.88, 9.36,
  9.76, 6.72, 9.03, 8.46, 3.78, 0.92, 6.53, 5.58, 3.62, 2.25, 4.07, 4.69, 2.69, 2.92, 4.58,
  8.61, 5.86, 2.83, 2.78, 4.55, 2.05, 2.01, 5.14, 0.87, 4.84, 3.62, 7.08, 7.47, 6.91, 6.89,
  3.74, 6.68, 3.4, 5.73, 3.26, 4.45, 0.62, 2.43, 9.72, 2.31, 6.91, 6.5, 7.24, 4.75, 5.97,
  0.67, 0.73, 1.99, 1.52, 1.0, 1.29, 5.53, 1.88, 9.52, 6.82, 5.41, 7.07, 2.64, 9.27, 8.39,
]);
// prettier-ignore
export const SK_Y = Int32Array.from([
  1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0,
]);
/** 2·x0 + 10·[x2 > 5] on SK_X. */
export const SK_TARGET = Float64Array.from({ length: 30 }, (_, i) => {
  const x0 = SK_X.data[i * 3]!;
  const x2 = SK_X.data[i * 3 + 2]!;
  return 2 * x0 + (x2 > 5 ? 10 : 0);
});

export interface Problem {
  x: DenseMatrix;
  y: Int32Array;
  target: Float64Array;
}

/**
 * n rows of `cols` standard-normal features; the class is which of three sectors
 * (x0 + x1, x0 − x1) falls in, with `noise` of the labels replaced at random; the regression
 * target is a smooth function of x0 and x1 plus Gaussian noise of sd `noise`.
 */
export function makeProblem(n: number, cols: number, seed: number, noise = 0.05): Problem {
  const rng = createRng(seed);
  const x = denseMatrix(n, cols);
  const y = new Int32Array(n);
  const target = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < cols; j++) x.data[i * cols + j] = normalSample(rng);
    const a = x.data[i * cols]!;
    const b = x.data[i * cols + 1]!;
    y[i] = a + b > 0.5 ? 2 : a - b > 0 ? 1 : 0;
    if (rng() < noise) y[i] = Math.floor(rng() * 3);
    target[i] = Math.sin(2 * a) + b * b + noise * normalSample(rng);
  }
  return { x, y, target };
}

export function binary(y: Int32Array): Int32Array {
  return y.map((c) => (c === 2 ? 1 : 0));
}

export function accuracyOf(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return hits / truth.length;
}

export function mse(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < truth.length; i++) s += (truth[i]! - predicted[i]!) ** 2;
  return s / truth.length;
}

/** Accuracy of always predicting the commonest class of `train`. */
export function majorityAccuracy(train: Int32Array, test: Int32Array): number {
  const counts = new Map<number, number>();
  for (const c of train) counts.set(c, (counts.get(c) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return accuracyOf(test, new Int32Array(test.length).fill(best));
}

/** MSE of always predicting the mean of `train`. */
export function meanBaselineMse(train: Float64Array, test: Float64Array): number {
  const mean = train.reduce((a, b) => a + b, 0) / train.length;
  return mse(test, new Float64Array(test.length).fill(mean));
}

/** The saved model after a trip through JSON text, as it would come back from storage. */
export function viaJson<T>(saved: T): T {
  return JSON.parse(JSON.stringify(saved)) as T;
}
