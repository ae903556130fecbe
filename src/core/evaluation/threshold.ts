/**
 * A binary classifier at one decision threshold: a row is predicted positive when its score is
 * at least the threshold (the convention of sklearn's ROC thresholds), and every metric the
 * threshold slider shows follows from the four counts. Ratios with a zero denominator are 0,
 * as sklearn's default `zero_division` gives (with a warning there).
 */

export interface ThresholdMetrics {
  threshold: number;
  tn: number;
  fp: number;
  fn: number;
  tp: number;
  /** rows = true class (0, 1), columns = predicted class. */
  confusion: number[][];
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  specificity: number;
  mcc: number;
  balancedAccuracy: number;
}

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

/** Rejects what no threshold can compare: NaN or infinite scores, labels other than 0/1. */
export function assertBinaryScores(yTrue: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (yTrue.length !== scores.length) {
    throw new RangeError(`${yTrue.length} labels but ${scores.length} scores`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i])) {
      throw new RangeError(`score ${scores[i]} at row ${i} is not a finite number`);
    }
    if (yTrue[i] !== 0 && yTrue[i] !== 1) {
      throw new RangeError(`label ${yTrue[i]} at row ${i} is not 0 or 1`);
    }
  }
}

export function metricsAtThreshold(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): ThresholdMetrics {
  assertBinaryScores(yTrue, scores);
  if (Number.isNaN(threshold)) throw new RangeError('the threshold is not a number');
  let tn = 0;
  let fp = 0;
  let fn = 0;
  let tp = 0;
  for (let i = 0; i < scores.length; i++) {
    const isPositive = scores[i]! >= threshold;
    if (yTrue[i] === 1) {
      if (isPositive) tp++;
      else fn++;
    } else if (isPositive) fp++;
    else tn++;
  }
  const n = tn + fp + fn + tp;
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const specificity = ratio(tn, tn + fp);
  // sklearn's balanced accuracy averages the recall of the classes present in yTrue only.
  const present = (tp + fn > 0 ? 1 : 0) + (tn + fp > 0 ? 1 : 0);
  const balancedAccuracy =
    present === 0 ? 0 : ((tp + fn > 0 ? recall : 0) + (tn + fp > 0 ? specificity : 0)) / present;
  const mccDen = Math.sqrt((tp + fp) * (tp + fn) * (tn + fp) * (tn + fn));
  return {
    threshold,
    tn,
    fp,
    fn,
    tp,
    confusion: [
      [tn, fp],
      [fn, tp],
    ],
    accuracy: ratio(tp + tn, n),
    precision,
    recall,
    f1: ratio(2 * precision * recall, precision + recall),
    specificity,
    mcc: mccDen === 0 ? 0 : (tp * tn - fp * fn) / mccDen,
    balancedAccuracy,
  };
}

/** Where a threshold sits on the ROC curve (fpr, tpr) and on the PR curve (recall, precision). */
export interface OperatingPoint {
  threshold: number;
  fpr: number;
  tpr: number;
  precision: number;
  recall: number;
}

export function operatingPoint(
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
  threshold: number,
): OperatingPoint {
  const m = metricsAtThreshold(yTrue, scores, threshold);
  // With nothing predicted positive sklearn's PR curve ends at precision 1, recall 0.
  const precision = m.tp + m.fp === 0 ? 1 : m.precision;
  return { threshold, fpr: 1 - m.specificity, tpr: m.recall, precision, recall: m.recall };
}

/** P(class 1) of each row from a row-major n×2 probability matrix. */
export function positiveScores(probs: ArrayLike<number>, k = 2): number[] {
  const n = Math.floor(probs.length / k);
  return Array.from({ length: n }, (_, i) => probs[i * k + 1]!);
}
