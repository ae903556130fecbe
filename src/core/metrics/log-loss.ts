/**
 * Cross-entropy (log loss) with natural logs, averaged over samples, matching scikit-learn 1.2:
 * probabilities are clipped to [eps, 1 - eps] with eps = float64 machine epsilon, then each row
 * is renormalised to sum to 1 before taking -log of the true class's probability.
 *
 * `probs` is either n values P(class 1) for labels 0/1, or an n×k matrix whose column c holds
 * P(class c). Unlike sklearn, classes are column indices, so k may exceed the classes present.
 */
import {
  assertBinaryLabels,
  assertFinite,
  assertLabels,
  assertNonEmpty,
  type Matrix,
} from './validate';

const EPS = Number.EPSILON;

function clip(p: number): number {
  return Math.min(Math.max(p, EPS), 1 - EPS);
}

function isMatrix(probs: ArrayLike<number> | Matrix): probs is Matrix {
  return probs.length > 0 && typeof probs[0] !== 'number';
}

export function logLoss(yTrue: ArrayLike<number>, probs: ArrayLike<number> | Matrix): number {
  const fn = 'logLoss';
  const n = yTrue.length;
  if (probs.length !== n) {
    throw new RangeError(`${fn}: yTrue and probs differ in length (${n} vs ${probs.length})`);
  }
  assertNonEmpty(fn, n);
  let total = 0;
  if (!isMatrix(probs)) {
    assertBinaryLabels(fn, yTrue);
    assertFinite(fn, probs, 'probs');
    for (let i = 0; i < n; i++) {
      const p1 = clip(probs[i] as number);
      // sklearn stacks [1 - p, p] and renormalises; (1 - p) + p is not always exactly 1.
      const p0 = 1 - p1;
      const p = (yTrue[i] === 1 ? p1 : p0) / (p0 + p1);
      total -= Math.log(p);
    }
    return total / n;
  }
  const k = (probs[0] as ArrayLike<number>).length;
  const labelCount = assertLabels(fn, yTrue);
  if (labelCount > k) {
    throw new RangeError(`${fn}: label ${labelCount - 1} has no column in probs (k = ${k})`);
  }
  for (let i = 0; i < n; i++) {
    const row = probs[i] as ArrayLike<number>;
    if (row.length !== k) {
      throw new RangeError(`${fn}: probs row ${i} has ${row.length} columns, expected ${k}`);
    }
    assertFinite(fn, row, `probs row ${i}`);
    let rowSum = 0;
    for (let c = 0; c < k; c++) rowSum += clip(row[c] as number);
    total -= Math.log(clip(row[yTrue[i] as number] as number) / rowSum);
  }
  return total / n;
}
