/**
 * The profile's end reads an exact sample where it lies, as the column's kept chunks, instead
 * of joining them first: the quartiles and histogram must be the joined array's, and the
 * chunks (the very arrays that are stored) must come out unchanged.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnChunk, ColumnType, DatasetId } from '../../../src/contracts/data';
import { createRng } from '../../../src/core/rng';
import {
  BUCKETED_FROM,
  histogramOf,
  quantilesInPlace,
  quantilesOfParts,
} from '../../../src/ingest/distribution';
import { DatasetProfiler } from '../../../src/ingest/profile';

const QS = [0.1, 0.25, 0.5, 0.75, 0.99];

function join(parts: readonly Float64Array[]): Float64Array {
  const values = new Float64Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    values.set(part, at);
    at += part.length;
  }
  return values;
}

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

function split(values: Float64Array, sizes: readonly number[]): Float64Array[] {
  const parts: Float64Array[] = [];
  let at = 0;
  for (const size of sizes) {
    parts.push(values.slice(at, at + size));
    at += size;
  }
  return parts;
}

describe('quantiles and histogram of a sample kept in parts', () => {
  const rng = createRng(5);
  const makers: Record<string, (n: number) => Float64Array> = {
    uniform: (n) => Float64Array.from({ length: n }, () => rng() * 200 - 100),
    integers: (n) => Float64Array.from({ length: n }, () => Math.floor(rng() * 9)),
    constant: (n) => new Float64Array(n).fill(3.5),
    'extreme range': (n) =>
      Float64Array.from({ length: n }, (_, i) => (i % 3 ? Number.MAX_VALUE : -Number.MAX_VALUE)),
    infinite: (n) => Float64Array.from({ length: n }, (_, i) => (i === 7 ? Infinity : rng())),
  };
  const layouts: Record<string, number[]> = {
    'one part, short': [100],
    'one part, long': [BUCKETED_FROM + 5],
    'short parts': [10, 0, 300, 1],
    'long parts': [20_000, 1, 65_536, 9_000],
  };
  for (const [name, make] of Object.entries(makers)) {
    for (const [layout, sizes] of Object.entries(layouts)) {
      it(`${name}, ${layout}: the joined array's answers, parts untouched`, () => {
        const all = make(sizes.reduce((sum, size) => sum + size, 0));
        const parts = split(all, sizes);
        const before = parts.map((part) => part.slice());
        expect(quantilesOfParts(parts, QS)).toEqual(sortedQuantiles(all, QS));
        expect(quantilesOfParts(parts, QS)).toEqual(quantilesInPlace(all.slice(), QS));
        for (const isInteger of [false, true]) {
          expect(histogramOf(parts, 1.5, isInteger)).toEqual(histogramOf(all, 1.5, isInteger));
        }
        expect(parts).toEqual(before);
      });
    }
  }
});

describe('DatasetProfiler reads the kept chunks in place', () => {
  const ID = 'parts' as DatasetId;
  const columns: { name: string; type: ColumnType }[] = [
    { name: 'numeric', type: 'numeric' },
    { name: 'integer', type: 'integer' },
    { name: 'constant', type: 'numeric' },
  ];
  it.each([
    [1, 3000],
    [12, 5000],
  ])(
    '%i chunk(s) of %i rows: quartiles and histograms of all values, chunks unchanged',
    (count, rows) => {
      const rng = createRng(count);
      const profiler = new DatasetProfiler(columns);
      const kept: Float64Array[][] = columns.map(() => []);
      const copies: Float64Array[][] = columns.map(() => []);
      for (let chunk = 0; chunk < count; chunk++) {
        const values = [
          Float64Array.from({ length: rows }, () => (rng() < 0.05 ? NaN : rng() * 50 - 10)),
          Float64Array.from({ length: rows }, () => Math.floor(rng() * 15)),
          new Float64Array(rows).fill(7),
        ];
        values.forEach((v, c) => {
          kept[c]?.push(v);
          copies[c]?.push(v.slice());
        });
        profiler.add(values.map((v): ColumnChunk => ({ kind: 'float64', values: v })));
      }
      const profile = profiler.finish(ID, [null, null, null]);
      columns.forEach((column, c) => {
        const all = join(copies[c] ?? []).filter((value) => !Number.isNaN(value));
        const found = profile.columns[c];
        expect(found?.numeric?.quartiles).toEqual(sortedQuantiles(all, [0.25, 0.5, 0.75]));
        expect(found?.histogram).toEqual(histogramOf(all, 1, column.type === 'integer'));
        expect(kept[c]).toEqual(copies[c]);
      });
    },
  );
});
