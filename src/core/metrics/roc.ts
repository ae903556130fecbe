/**
 * ROC curves and the area under them, matching scikit-learn 1.2.
 *
 * The curve keeps every distinct score as a threshold (sklearn's `drop_intermediate=False`) and
 * starts at (0, 0) with threshold +Infinity. Tied scores form one point, so a tie between a
 * positive and a negative becomes a diagonal segment: the area counts it as half.
 * Throws RangeError for non-finite scores, labels other than 0/1, and when yTrue holds only one
 * class ('ROC AUC is undefined when only one class is present').
 */
import { binaryClfCurve } from './binary-curve';
import { assertLabels, assertNonEmpty, type Matrix } from './validate';

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Descending; thresholds[0] is +Infinity, where nothing is predicted positive. */
  thresholds: number[];
}

const ONE_CLASS = 'ROC AUC is undefined when only one class is present';

export function rocCurve(yTrue: ArrayLike<number>, scores: ArrayLike<number>): RocCurve {
  const { thresholds, tps, fps } = binaryClfCurve('rocCurve', yTrue, scores);
  const positives = tps[tps.length - 1] as number;
  const negatives = fps[fps.length - 1] as number;
  if (positives === 0 || negatives === 0) throw new RangeError(ONE_CLASS);
  const fpr = [0];
  const tpr = [0];
  for (let i = 0; i < tps.length; i++) {
    fpr.push((fps[i] as number) / negatives);
    tpr.push((tps[i] as number) / positives);
  }
  return { fpr, tpr, thresholds: [Number.POSITIVE_INFINITY, ...thresholds] };
}

/** Trapezoidal area under a curve whose x values never decrease. */
export function trapezoid(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) {
    area +=
      (((x[i] as number) - (x[i - 1] as number)) * ((y[i] as number) + (y[i - 1] as number))) / 2;
  }
  return area;
}

export function rocAuc(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { fpr, tpr } = rocCurve(yTrue, scores);
  return trapezoid(fpr, tpr);
}

/**
 * One-vs-rest ROC AUC over the columns of `probs` (n×k, column c scores class c).
 * 'macro' is the plain mean of the per-class AUCs, 'weighted' weighs them by class support.
 * Unlike sklearn, which refuses, a class with no true samples is skipped (its AUC is undefined
 * and its weight would be 0), so a small test split still gets a score; with fewer than two
 * classes present it throws like rocAuc.
 */
export function rocAucMulticlass(
  yTrue: ArrayLike<number>,
  probs: Matrix,
  average: 'macro' | 'weighted',
): number {
  const fn = 'rocAucMulticlass';
  if (probs.length !== yTrue.length) {
    throw new RangeError(
      `${fn}: yTrue and probs differ in length (${yTrue.length} vs ${probs.length})`,
    );
  }
  assertNonEmpty(fn, yTrue.length);
  const k = (probs[0] as ArrayLike<number>).length;
  const labelCount = assertLabels(fn, yTrue);
  if (labelCount > k) {
    throw new RangeError(`${fn}: label ${labelCount - 1} has no column in probs (k = ${k})`);
  }
  const n = yTrue.length;
  const support = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) support[yTrue[i] as number]! += 1;
  if (support.filter((s) => s > 0).length < 2) throw new RangeError(ONE_CLASS);

  const binary = new Uint8Array(n);
  const column = new Float64Array(n);
  let sum = 0;
  let weightSum = 0;
  for (let c = 0; c < k; c++) {
    const s = support[c] as number;
    if (s === 0) continue;
    for (let i = 0; i < n; i++) {
      const row = probs[i] as ArrayLike<number>;
      if (row.length !== k) {
        throw new RangeError(`${fn}: probs row ${i} has ${row.length} columns, expected ${k}`);
      }
      binary[i] = yTrue[i] === c ? 1 : 0;
      column[i] = row[c] as number;
    }
    const w = average === 'weighted' ? s : 1;
    sum += rocAuc(binary, column) * w;
    weightSum += w;
  }
  return sum / weightSum;
}
