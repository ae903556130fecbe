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

/**
 * Samples at least this long find their order statistics through buckets (below); shorter
 * ones by quickselect alone.
 */
export const BUCKETED_FROM = 4096;
const BUCKETS = 2048;

/** The order statistics at `ranks` (0-based, increasing) of values, by quickselect. */
function selectRanks(values: Float64Array, ranks: readonly number[]): number[] {
  const last = values.length - 1;
  let from = 0;
  return ranks.map((rank) => {
    selectInPlace(values, rank, from, last);
    from = rank;
    return values[rank] as number;
  });
}

/**
 * A sample as one array or as the parts it was kept in: the profile keeps a column's chunks
 * as they came, and reading them in place saves copying a million values per column.
 */
export type Sample = Float64Array | readonly Float64Array[];

function partsOf(sample: Sample): readonly Float64Array[] {
  return sample instanceof Float64Array ? [sample] : sample;
}

function lengthOf(parts: readonly Float64Array[]): number {
  let length = 0;
  for (const part of parts) length += part.length;
  return length;
}

/** The parts as one array to select in: the only part itself where it may be reordered. */
function joined(parts: readonly Float64Array[], mayReorder: boolean): Float64Array {
  if (parts.length === 1 && mayReorder) return parts[0] as Float64Array;
  const values = new Float64Array(lengthOf(parts));
  let at = 0;
  for (const part of parts) {
    values.set(part, at);
    at += part.length;
  }
  return values;
}

/** The smallest and largest of the values. */
export interface ValueRange {
  min: number;
  max: number;
}

function rangeOf(parts: readonly Float64Array[]): ValueRange {
  let min = Infinity;
  let max = -Infinity;
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number;
      if (value < min) min = value;
      if (value > max) max = value;
    }
  }
  return { min, max };
}

/**
 * The order statistics at `ranks` of a long sample in three linear passes: min and max; a
 * count per equal-width bucket; then only the values of the buckets that hold a wanted rank
 * are gathered and selected among. Bucketing is monotone in the value, so the answer is
 * exactly the sorted sample's. Skewed data that crowds one bucket only makes that bucket's
 * select longer. Reorders the parts only where `mayReorder` says so.
 */
function bucketRanks(
  parts: readonly Float64Array[],
  mayReorder: boolean,
  ranks: readonly number[],
  range: ValueRange = rangeOf(parts),
): number[] {
  const { min, max } = range;
  const scale = BUCKETS / (max - min);
  // A constant sample, or a range too wide (or too narrow) to scale: plain quickselect.
  if (!(max > min) || !Number.isFinite(max - min) || !Number.isFinite(scale)) {
    return selectRanks(joined(parts, mayReorder), ranks);
  }
  const top = BUCKETS - 1;
  const counts = new Uint32Array(BUCKETS);
  // Values are at least min, so truncation is floor; `| 0` is several times cheaper than
  // Math.floor here, on a million values per column at the end of an import.
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      let bucket = (((values[i] as number) - min) * scale) | 0;
      if (bucket > top) bucket = top;
      counts[bucket] = (counts[bucket] as number) + 1;
    }
  }
  // Where each wanted rank falls: its bucket and its rank within that bucket.
  const slot = new Int32Array(BUCKETS).fill(-1);
  const gathered: Float64Array[] = [];
  const places = ranks.map((rank) => {
    let bucket = 0;
    let before = 0;
    while (before + (counts[bucket] as number) <= rank) before += counts[bucket++] as number;
    if (slot[bucket] === -1) {
      slot[bucket] = gathered.length;
      gathered.push(new Float64Array(counts[bucket] as number));
    }
    return { bucket, within: rank - before };
  });
  const filled = new Uint32Array(gathered.length);
  for (const values of parts) {
    for (let i = 0; i < values.length; i++) {
      const value = values[i] as number;
      let bucket = ((value - min) * scale) | 0;
      if (bucket > top) bucket = top;
      const at = slot[bucket] as number;
      if (at === -1) continue;
      (gathered[at] as Float64Array)[filled[at] as number] = value;
      filled[at] = (filled[at] as number) + 1;
    }
  }
  return places.map(({ bucket, within }) => {
    const pool = gathered[slot[bucket] as number] as Float64Array;
    selectInPlace(pool, within, 0, pool.length - 1);
    return pool[within] as number;
  });
}

/**
 * Quantiles by numpy's linear interpolation, in increasing q. May reorder `values`. Each
 * quantile needs the order statistics at floor(q·(n-1)) and the one after it. `range`, when
 * the caller already knows the values' exact min and max, saves a pass.
 */
export function quantilesInPlace(
  values: Float64Array,
  qs: readonly number[],
  range?: ValueRange,
): number[] {
  return quantilesOf([values], true, qs, range);
}

/**
 * The same quantiles of the values of all the parts together, leaving the parts as they are
 * (the profile's kept chunks are the stored chunks themselves).
 */
export function quantilesOfParts(
  parts: readonly Float64Array[],
  qs: readonly number[],
  range?: ValueRange,
): number[] {
  return quantilesOf(parts, false, qs, range);
}

function quantilesOf(
  parts: readonly Float64Array[],
  mayReorder: boolean,
  qs: readonly number[],
  range?: ValueRange,
): number[] {
  const last = lengthOf(parts) - 1;
  const wanted = new Set<number>();
  for (const q of qs) {
    const low = Math.floor(q * last);
    wanted.add(low);
    if (low < last) wanted.add(low + 1);
  }
  const ranks = [...wanted].sort((a, b) => a - b);
  const found =
    last + 1 >= BUCKETED_FROM
      ? bucketRanks(parts, mayReorder, ranks, range)
      : selectRanks(joined(parts, mayReorder), ranks);
  const at = new Map(ranks.map((rank, i) => [rank, found[i] as number]));
  return qs.map((q) => {
    const position = q * last;
    const low = Math.floor(position);
    const a = at.get(low) as number;
    const b = low < last ? (at.get(low + 1) as number) : a;
    return a + (b - a) * (position - low);
  });
}

/**
 * Equal-width bins over [min, max] of the values; integers with a small range get one bin per
 * value. `range`, when the caller already knows that min and max exactly, saves a pass.
 */
export function histogramOf(
  sample: Sample,
  scale: number,
  isInteger: boolean,
  range?: ValueRange,
): HistogramBin[] {
  const parts = partsOf(sample);
  if (lengthOf(parts) === 0) return [];
  const { min, max } = range ?? rangeOf(parts);
  const isPerValue = isInteger && max - min < HISTOGRAM_BINS;
  const binCount = isPerValue ? max - min + 1 : max === min ? 1 : HISTOGRAM_BINS;
  const width = isPerValue ? 1 : (max - min) / binCount || 1;
  const from = isPerValue ? min - 0.5 : min;
  // Typed counts and an indexed loop: a million-value sample per column at the end of an
  // import, where a holey array of counts and for…of cost several times more.
  const counts = new Float64Array(binCount);
  const top = binCount - 1;
  const isFinite = Number.isFinite(from) && Number.isFinite(width);
  for (const values of parts) {
    if (isFinite) {
      // Values are at least `from`, so truncation is floor (see bucketRanks).
      for (let i = 0; i < values.length; i++) {
        let bin = (((values[i] as number) - from) / width) | 0;
        if (bin > top) bin = top;
        counts[bin] = (counts[bin] as number) + 1;
      }
    } else {
      // Infinite values: Math.floor keeps the NaN bins that `| 0` would turn into bin 0.
      for (let i = 0; i < values.length; i++) {
        const bin = Math.min(top, Math.floor(((values[i] as number) - from) / width));
        counts[bin] = (counts[bin] as number) + 1;
      }
    }
  }
  return Array.from(counts, (count, i) => ({
    from: from + i * width,
    to: from + (i + 1) * width,
    count: Math.round(count * scale),
  }));
}
