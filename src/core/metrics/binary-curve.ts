/**
 * Shared core of the ROC and precision-recall curves (sklearn's `_binary_clf_curve`): one sort
 * of the scores, then cumulative true/false positives at every distinct score, highest first.
 * O(n log n), so 100k rows cost one typed-array sort.
 */
import { assertBinaryLabels, assertFinite, assertNonEmpty, assertSameLength } from './validate';

export interface ClfCurve {
  /** Distinct scores, descending. */
  thresholds: number[];
  /** True positives among samples scoring >= thresholds[i]. */
  tps: number[];
  /** False positives among samples scoring >= thresholds[i]. */
  fps: number[];
}

export function binaryClfCurve(
  fn: string,
  yTrue: ArrayLike<number>,
  scores: ArrayLike<number>,
): ClfCurve {
  assertSameLength(fn, yTrue, scores, 'yTrue', 'scores');
  assertNonEmpty(fn, yTrue.length);
  assertBinaryLabels(fn, yTrue);
  assertFinite(fn, scores, 'scores');

  const n = yTrue.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (scores[b] as number) - (scores[a] as number));

  const thresholds: number[] = [];
  const tps: number[] = [];
  const fps: number[] = [];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    if (yTrue[i] === 1) tp++;
    else fp++;
    const score = scores[i] as number;
    const next = r + 1 < n ? (scores[order[r + 1] as number] as number) : Number.NaN;
    // Only the last sample of a run of tied scores closes a threshold, as in sklearn.
    if (next !== score) {
      thresholds.push(score);
      tps.push(tp);
      fps.push(fp);
    }
  }
  return { thresholds, tps, fps };
}
