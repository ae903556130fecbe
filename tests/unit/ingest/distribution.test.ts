import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/core/rng';
import { BUCKETED_FROM, quantilesInPlace } from '../../../src/ingest/distribution';

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
