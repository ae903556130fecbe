/**
 * Order statistics and histograms of numeric samples, in linear time: quartiles by
 * quickselect (no full sort of a million values) and equal-width histograms.
 */

import type { HistogramBin } from '../contracts/data';

export const HISTOGRAM_BINS = 20;

/** Moves the k-th smallest value of values[left..right] to index k (Hoare's quickselect). */
function selectInPlace(values: Float64Array, k: number, left: number, right: number): void {
  while (right > left) {
    const pivot = values[(left + right) >> 1] as number;
    let i = left;
    let j = right;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = values[i] as number;
        values[i++] = values[j] as number;
        values[j--] = swap;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return;
  }
}

/** Quantiles by numpy's linear interpolation, in increasing q; reorders `values`. */
export function quantilesInPlace(values: Float64Array, qs: readonly number[]): number[] {
  const last = values.length - 1;
  let from = 0;
  return qs.map((q) => {
    const position = q * last;
    const low = Math.floor(position);
    selectInPlace(values, low, from, last);
    const a = values[low] as number;
    let b = a;
    if (low < last) {
      // After the select, everything right of `low` is ≥ values[low]: the next order
      // statistic is their minimum.
      b = Infinity;
      for (let i = low + 1; i <= last; i++) if ((values[i] as number) < b) b = values[i] as number;
    }
    from = low;
    return a + (b - a) * (position - low);
  });
}

/** Equal-width bins over [min, max]; integers with a small range get one bin per value. */
export function histogramOf(
  values: Float64Array,
  scale: number,
  isInteger: boolean,
): HistogramBin[] {
  if (values.length === 0) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const isPerValue = isInteger && max - min < HISTOGRAM_BINS;
  const binCount = isPerValue ? max - min + 1 : max === min ? 1 : HISTOGRAM_BINS;
  const width = isPerValue ? 1 : (max - min) / binCount || 1;
  const from = isPerValue ? min - 0.5 : min;
  const counts = new Array<number>(binCount).fill(0);
  for (const value of values) {
    const bin = Math.min(binCount - 1, Math.floor((value - from) / width));
    counts[bin] = (counts[bin] as number) + 1;
  }
  return counts.map((count, i) => ({
    from: from + i * width,
    to: from + (i + 1) * width,
    count: Math.round(count * scale),
  }));
}
