import { describe, expect, it } from 'vitest';
import {
  createFrame,
  frameFromRecords,
  getColumn,
  isMissing,
  selectRows,
  spliceColumn,
  withColumns,
} from '../../../../src/core/frame';

const RECORDS = frameFromRecords(
  ['n', 'c', 'd', 't'],
  [
    ['1.5', 'x', '2024-01-02T03:04:05Z', 'hello world'],
    ['abc', null, 'not a date', null],
    [null, 'y', null, ''],
  ],
  { n: 'numeric', c: 'categorical', d: 'datetime', t: 'text' },
);

describe('frameFromRecords', () => {
  it('parses numbers and dates, and marks missing or unreadable cells missing', () => {
    expect(RECORDS.rowCount).toBe(3);
    expect(getColumn(RECORDS, 'n')?.values).toEqual(Float64Array.from([1.5, NaN, NaN]));
    expect(getColumn(RECORDS, 'd')?.values[0]).toBe(Date.UTC(2024, 0, 2, 3, 4, 5));
    const missing = RECORDS.columns.map((c) => [0, 1, 2].map((row) => isMissing(c, row)));
    expect(missing).toEqual([
      [false, true, true],
      [false, true, false],
      [false, true, true],
      [false, true, false],
    ]);
  });
});

describe('frame helpers', () => {
  it('selects rows in order, with repeats, without touching the source', () => {
    const picked = selectRows(RECORDS, [2, 0, 0]);
    expect(getColumn(picked, 'c')?.values).toEqual(['y', 'x', 'x']);
    expect(getColumn(RECORDS, 'c')?.values).toEqual(['x', null, 'y']);
    expect(() => selectRows(RECORDS, [3])).toThrow(RangeError);
  });

  it('replaces columns in place, appends new ones and splices replacements', () => {
    const a = { name: 'a', kind: 'numeric' as const, values: Float64Array.from([1, 2]) };
    const b = { name: 'b', kind: 'numeric' as const, values: Float64Array.from([3, 4]) };
    const frame = createFrame([a, b]);
    const a2 = { ...a, values: Float64Array.from([9, 9]) };
    const c = { name: 'c', kind: 'categorical' as const, values: ['u', 'v'] };
    expect(withColumns(frame, [c, a2]).columns.map((col) => col.name)).toEqual(['a', 'b', 'c']);
    expect(withColumns(frame, [a2]).columns[0]).toBe(a2);
    expect(spliceColumn(frame, 'a', [c, a2]).columns.map((col) => col.name)).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect(() => createFrame([a, { ...c, values: ['u'] }])).toThrow(RangeError);
  });
});
