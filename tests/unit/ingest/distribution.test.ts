import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import {
  BUCKETED_FROM,
  HISTOGRAM_BINS,
  histogramOf,
  quantilesInPlace,
} from '../../../src/ingest/distribution';

/** numpy's linear interpolation over a full sort: the reference. */
function sortedQuantiles(values: Float64Array, qs: readonly number[]): number[] {
  const sorted = values.slice().sort();
  const last = sorted.length - 1;
  return qs.map((q) => {
    const position = q * last;
    const low = Math.floor(position);
    const a = sorted[low] as number;
    const b = sorted[Math.min(low + 1, last)] as number;
    return a + (b - a) * (position - low);
  });
}

describe('quantilesInPlace on long samples (bucketed)', () => {
  const rng = createRng(11);
  const qs = [0.1, 0.25, 0.5, 0.75, 0.99];
  const cases: Record<string, (n: number) => Float64Array> = {
    uniform: (n) => Float64Array.from({ length: n }, () => rng() * 200 - 100),
    'few distinct values': (n) => Float64Array.from({ length: n }, () => Math.floor(rng() * 7)),
    // One huge outlier crowds everything else into the first bucket.
    'one outlier': (n) => Float64Array.from({ length: n }, (_, i) => (i === 3 ? 1e300 : rng())),
    'heavy tail': (n) => Float64Array.from({ length: n }, () => Math.exp(rng() * 40)),
    constant: (n) => new Float64Array(n).fill(-2.5),
    'extreme range': (n) =>
      Float64Array.from({ length: n }, (_, i) => (i % 2 ? Number.MAX_VALUE : -Number.MAX_VALUE)),
  };
  for (const [name, make] of Object.entries(cases)) {
    it.each([BUCKETED_FROM, 50_001])(`${name}: n = %i gives the sorted answer`, (n) => {
      const values = make(n);
      expect(quantilesInPlace(values.slice(), qs)).toEqual(sortedQuantiles(values, qs));
    });
  }
});

/** Bin counts by Math.floor, as histogramOf counted before its truncating fast path. */
function referenceCounts(values: Float64Array, isInteger: boolean): number[] {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  const isPerValue = isInteger && max - min < HISTOGRAM_BINS;
  const binCount = isPerValue ? max - min + 1 : max === min ? 1 : HISTOGRAM_BINS;
  const width = isPerValue ? 1 : (max - min) / binCount || 1;
  const from = isPerValue ? min - 0.5 : min;
  const counts = new Array<number>(binCount).fill(0);
  for (const value of values) {
    const bin = Math.min(binCount - 1, Math.floor((value - from) / width));
    if (bin >= 0) counts[bin] = (counts[bin] as number) + 1;
  }
  return counts;
}

describe('histogramOf counts as Math.floor does', () => {
  const rng = createRng(12);
  const cases: Record<string, [Float64Array, boolean]> = {
    'negative and positive': [
      Float64Array.from({ length: 20_000 }, () => rng() * 2e6 - 1e6),
      false,
    ],
    'small integers': [Float64Array.from({ length: 5000 }, () => Math.floor(rng() * 9) - 4), true],
    'tiny range': [Float64Array.from({ length: 5000 }, () => 1 + rng() * 1e-12), false],
    'bin edges': [Float64Array.from({ length: 2100 }, (_, i) => i / 100), false],
    'with infinity': [Float64Array.from([1, 2, 3, Infinity]), false],
  };
  for (const [name, [values, isInteger]] of Object.entries(cases)) {
    it(name, () => {
      const counts = histogramOf(values, 1, isInteger).map((bin) => bin.count);
      expect(counts).toEqual(referenceCounts(values, isInteger));
    });
  }
});
