import { describe, expect, it } from 'vitest';
import type { ColumnChunk, DatasetId } from '../../../src/contracts/data';
import { ChunkAccumulator } from '../../../src/ingest/columns';
import { inferColumn } from '../../../src/ingest/infer';
import { histogramOf, quantilesInPlace } from '../../../src/ingest/distribution';
import { DatasetProfiler } from '../../../src/ingest/profile';
import { createRng } from '../../../src/core/rng';
import { openTable } from '../../../src/ingest/table-reader';
import { collect, fixtureBlob, options } from './helpers';

const ID = 'p' as DatasetId;

/** Profiles tests/fixtures/data/profile.csv through the real reader, in chunks of `rows`. */
async function profileFixture(chunkRows: number) {
  const opts = options();
  const source = await openTable(fixtureBlob('profile.csv'), 'profile.csv', opts);
  const plans = source.names.map((name, c) =>
    inferColumn(
      name,
      source.head.map((row) => row[c] ?? null),
      opts,
    ),
  );
  const accumulator = new ChunkAccumulator(plans, opts, chunkRows);
  const profiler = new DatasetProfiler(plans);
  for (const batch of await collect(source.batches)) {
    for (const row of batch.rows) {
      accumulator.add(row);
      if (accumulator.isFull) profiler.add(accumulator.takeChunk());
    }
  }
  if (accumulator.length > 0) profiler.add(accumulator.takeChunk());
  return profiler.finish(ID, accumulator.dictionaries());
}

describe('DatasetProfiler on the hand-computed fixture', () => {
  it.each([1, 2, 100])('gives the same numbers in chunks of %i rows', async (chunkRows) => {
    const profile = await profileFixture(chunkRows);
    const column = (name: string) => profile.columns.find((c) => c.name === name);
    expect(profile.rows).toBe(5);
    expect(profile.columns.map((c) => c.type)).toEqual([
      'integer',
      'integer',
      'integer',
      'categorical',
      'boolean',
      'datetime',
    ]);

    const x = column('x');
    expect(x?.numeric?.mean).toBeCloseTo(3, 12);
    expect(x?.numeric?.std).toBeCloseTo(Math.sqrt(2.5), 12);
    expect(x?.numeric?.quartiles).toEqual([2, 3, 4]);
    expect(x?.histogram?.map((bin) => bin.count)).toEqual([1, 1, 1, 1, 1]);

    const z = column('z');
    expect([z?.missing, z?.missingShare, z?.distinct]).toEqual([1, 0.2, 4]);
    expect(z?.numeric?.mean).toBeCloseTo(2.75, 12);
    expect(z?.numeric?.std).toBeCloseTo(Math.sqrt(8.75 / 3), 12);
    expect(z?.numeric?.quartiles).toEqual([1.75, 2.5, 3.5]);
    expect([z?.numeric?.min, z?.numeric?.max]).toEqual([1, 5]);

    const cat = column('cat');
    expect([cat?.missing, cat?.distinct]).toEqual([1, 2]);
    expect(cat?.topCategories).toEqual([
      { value: 'a', count: 3 },
      { value: 'b', count: 1 },
    ]);
    expect(column('flag')?.topCategories).toEqual([
      { value: 'true', count: 3 },
      { value: 'false', count: 2 },
    ]);
    const when = column('when');
    expect(when?.missing).toBe(1);
    expect([when?.numeric?.min, when?.numeric?.max]).toEqual([
      Date.UTC(2023, 11, 31),
      Date.UTC(2024, 1, 28),
    ]);
    expect(when?.samples[0]).toBe('2024-02-01T00:00:00.000Z');

    // x and y = 2x correlate perfectly; with z over the four complete rows r = −8/√87.5.
    const r = -8 / Math.sqrt(87.5);
    expect(profile.correlation.columns).toEqual(['x', 'y', 'z']);
    const m = profile.correlation.matrix;
    expect(m[0]?.[1]).toBeCloseTo(1, 12);
    expect(m[0]?.[2]).toBeCloseTo(r, 12);
    expect(m[2]?.[1]).toBeCloseTo(r, 12);
    expect(m[2]?.[2]).toBe(1);
  });

  it('leaves the correlation of a constant column undefined', () => {
    const profiler = new DatasetProfiler([
      { name: 'a', type: 'numeric' },
      { name: 'b', type: 'numeric' },
    ]);
    const chunks: ColumnChunk[] = [
      { kind: 'float64', values: new Float64Array([1, 1, 1]) },
      { kind: 'float64', values: new Float64Array([1, 2, 3]) },
    ];
    profiler.add(chunks);
    const { matrix } = profiler.finish(ID, [null, null]).correlation;
    expect(matrix[0]?.[1]).toBeNaN();
    expect(matrix[1]?.[1]).toBe(1);
  });
});

describe('histogramOf', () => {
  it('spreads values over equal-width bins and scales sampled counts', () => {
    const sorted = new Float64Array([0, 0.5, 1, 9.5, 10]);
    const bins = histogramOf(sorted, 2, false);
    expect(bins).toHaveLength(20);
    expect(bins[0]).toEqual({ from: 0, to: 0.5, count: 2 });
    expect(bins[19]?.count).toBe(4);
    expect(bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(10);
  });
});

describe('quantilesInPlace', () => {
  it('matches interpolation over a full sort, duplicates included', () => {
    const rng = createRng(7);
    for (const size of [1, 2, 5, 100, 1001]) {
      const values = Float64Array.from({ length: size }, () => Math.floor(rng() * 20));
      const sorted = values.slice().sort();
      const expected = [0.25, 0.5, 0.75].map((q) => {
        const position = q * (size - 1);
        const low = Math.floor(position);
        const a = sorted[low] as number;
        const b = sorted[Math.min(low + 1, size - 1)] as number;
        return a + (b - a) * (position - low);
      });
      expect(quantilesInPlace(values, [0.25, 0.5, 0.75])).toEqual(expected);
    }
  });
});
