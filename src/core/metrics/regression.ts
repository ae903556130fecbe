/**
 * Regression errors and R², matching scikit-learn 1.2. R² follows sklearn's `force_finite`:
 * a constant yTrue scores 1 when predicted exactly and 0 otherwise, instead of NaN or -Infinity.
 */
import { assertFinite, assertNonEmpty, assertSameLength } from './validate';

function check(fn: string, yTrue: ArrayLike<number>, yPred: ArrayLike<number>): void {
  assertSameLength(fn, yTrue, yPred);
  assertNonEmpty(fn, yTrue.length);
  assertFinite(fn, yTrue, 'yTrue');
  assertFinite(fn, yPred, 'yPred');
}

function sumSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const e = (yTrue[i] as number) - (yPred[i] as number);
    sum += e * e;
  }
  return sum;
}

export function meanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check('meanSquaredError', yTrue, yPred);
  return sumSquaredError(yTrue, yPred) / yTrue.length;
}

export function rootMeanSquaredError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check('rootMeanSquaredError', yTrue, yPred);
  return Math.sqrt(sumSquaredError(yTrue, yPred) / yTrue.length);
}

export function meanAbsoluteError(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check('meanAbsoluteError', yTrue, yPred);
  let sum = 0;
  for (let i = 0; i < yTrue.length; i++)
    sum += Math.abs((yTrue[i] as number) - (yPred[i] as number));
  return sum / yTrue.length;
}

export function r2(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  check('r2', yTrue, yPred);
  const n = yTrue.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += yTrue[i] as number;
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const d = (yTrue[i] as number) - mean;
    total += d * d;
  }
  const residual = sumSquaredError(yTrue, yPred);
  if (total === 0) return residual === 0 ? 1 : 0;
  return 1 - residual / total;
}
