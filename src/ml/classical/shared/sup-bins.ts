/**
 * Feature binning for histogram gradient boosting, as scikit-learn's `_BinMapper` does it: a
 * feature with at most `maxBins` distinct values gets a threshold at each midpoint between
 * them; otherwise thresholds are its (maxBins − 1) inner percentiles ('midpoint' method).
 * A value goes to bin b when thresholds[b − 1] < x ≤ thresholds[b], so comparing raw values
 * with `thresholds[b]` at prediction time agrees with the binned split.
 */
import type { DenseMatrix } from '../types';

export const MAX_BINS = 255;

export function fitBinThresholds(x: DenseMatrix, maxBins = MAX_BINS): Float64Array[] {
  if (!Number.isInteger(maxBins) || maxBins < 2 || maxBins > MAX_BINS) {
    throw new RangeError(`maxBins must be an integer in [2, ${MAX_BINS}]: ${maxBins}`);
  }
  const out: Float64Array[] = [];
  const column = new Float64Array(x.rows);
  for (let f = 0; f < x.cols; f++) {
    for (let i = 0; i < x.rows; i++) column[i] = x.data[i * x.cols + f]!;
    column.sort();
    const distinct: number[] = [];
    for (let i = 0; i < column.length; i++) {
      if (i === 0 || column[i] !== column[i - 1]) distinct.push(column[i]!);
    }
    if (distinct.length <= maxBins) {
      const mids = new Float64Array(Math.max(0, distinct.length - 1));
      for (let b = 0; b < mids.length; b++) mids[b] = (distinct[b]! + distinct[b + 1]!) / 2;
      out.push(mids);
    } else {
      const cuts = new Float64Array(maxBins - 1);
      for (let b = 1; b < maxBins; b++) {
        const position = ((b / maxBins) * 100 * (column.length - 1)) / 100;
        cuts[b - 1] = (column[Math.floor(position)]! + column[Math.ceil(position)]!) / 2;
      }
      out.push(cuts);
    }
  }
  return out;
}

/** Bin of a value: the number of thresholds strictly below it (binary search). */
export function binOf(thresholds: Float64Array, value: number): number {
  let lo = 0;
  let hi = thresholds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (thresholds[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Column-major bin codes: `codes[f * rows + i]`, the layout histogram building scans. */
export function binMatrix(x: DenseMatrix, thresholds: Float64Array[]): Uint8Array {
  const codes = new Uint8Array(x.rows * x.cols);
  for (let f = 0; f < x.cols; f++) {
    const t = thresholds[f]!;
    for (let i = 0; i < x.rows; i++) codes[f * x.rows + i] = binOf(t, x.data[i * x.cols + f]!);
  }
  return codes;
}
