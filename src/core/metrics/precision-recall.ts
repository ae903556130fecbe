/**
 * Precision-recall curve and average precision, matching scikit-learn 1.2.
 *
 * Arrays run from the lowest threshold to the highest (recall descending), and end with the
 * point (recall 0, precision 1) that has no threshold, so `precision` and `recall` are one
 * longer than `thresholds`. Average precision is the step-function integral
 * sum((R[i] - R[i+1]) * P[i]), not a trapezoid. Throws RangeError for non-finite scores,
 * labels other than 0/1, or no positive samples (recall would be undefined).
 */
import { binaryClfCurve } from './binary-curve';

export interface PrecisionRecallCurve {
  precision: number[];
  recall: number[];
  /** Ascending. */
  thresholds: number[];
}

export function precisionRecallCurve(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): PrecisionRecallCurve {
  const { thresholds, tps, fps } = binaryClfCurve('precisionRecallCurve', yTrue, scores);
  const positives = tps[tps.length - 1] as number;
  if (positives === 0) {
    throw new RangeError('precisionRecallCurve: recall is undefined without positive samples');
  }
  const m = tps.length;
  const precision = new Array<number>(m + 1);
  const recall = new Array<number>(m + 1);
  for (let i = 0; i < m; i++) {
    const tp = tps[i] as number;
    const predicted = tp + (fps[i] as number);
    precision[m - 1 - i] = predicted === 0 ? 0 : tp / predicted;
    recall[m - 1 - i] = tp / positives;
  }
  precision[m] = 1;
  recall[m] = 0;
  return { precision, recall, thresholds: thresholds.reverse() };
}

export function averagePrecision(yTrue: ArrayLike<number>, scores: ArrayLike<number>): number {
  const { precision, recall } = precisionRecallCurve(yTrue, scores);
  let sum = 0;
  for (let i = 0; i + 1 < recall.length; i++) {
    sum += ((recall[i] as number) - (recall[i + 1] as number)) * (precision[i] as number);
  }
  return sum;
}
