import { describe, expect, it } from 'vitest';
import {
  DEFAULT_MISSING_MARKERS,
  encodeClassLabels,
  encodeFeatures,
  findRowsWithMissing,
  fitTabularEncoder,
  meanAndStd,
  parseNumericValue,
  toRawValue,
  type ColumnPlan,
  type RawTable,
} from '../../../src/core/tabular';

/**
 * Rows 0-3 are "training"; rows 4-5 hold values only they have: a large size (so the overall
 * mean differs from the training mean) and the colour 'green'.
 */
const TABLE: RawTable = {
  columns: ['size', 'colour', 'flat', 'label'],
  rows: [
    ['1', 'red', '5', 'a'],
    ['2', 'blue', '5', 'b'],
    ['3', 'red', '5', 'a'],
    ['4', 'blue', '5', 'b'],
    ['100', 'green', '5', 'a'],
    [null, null, '5', 'b'],
  ],
};
const PLAN: ColumnPlan[] = [
  { name: 'colour', kind: 'categorical' },
  { name: 'size', kind: 'numeric' },
  { name: 'flat', kind: 'numeric' },
];
const TRAIN = [0, 1, 2, 3];

describe('value helpers', () => {
  it('parses plain decimals only', () => {
    expect(parseNumericValue('3.5')).toBe(3.5);
    expect(parseNumericValue(' -2e3 ')).toBe(-2000);
    expect(parseNumericValue('.5')).toBe(0.5);
    for (const text of ['', ' ', 'abc', '0x10', 'Infinity', '1,5', '1e999']) {
      expect(parseNumericValue(text)).toBeNull();
    }
  });

  it('maps every default missing marker to null and trims the rest', () => {
    expect(DEFAULT_MISSING_MARKERS).toEqual(['', 'NA', 'N/A', 'null', 'NaN', '?']);
    for (const marker of DEFAULT_MISSING_MARKERS) expect(toRawValue(` ${marker} `)).toBeNull();
    expect(toRawValue('  male ')).toBe('male');
  });

  it('computes the population std and replaces 0 by 1', () => {
    expect(meanAndStd([1, 2, 3, 4])).toEqual({ mean: 2.5, std: Math.sqrt(1.25) });
    expect(meanAndStd([7, 7, 7])).toEqual({ mean: 7, std: 1 });
    expect(meanAndStd([])).toEqual({ mean: 0, std: 1 });
  });
});

describe('findRowsWithMissing', () => {
  it('lists rows with a null in any requested column', () => {
    expect(findRowsWithMissing(TABLE, ['size'])).toEqual([5]);
    expect(findRowsWithMissing(TABLE, ['flat', 'label'])).toEqual([]);
    expect(() => findRowsWithMissing(TABLE, ['nope'])).toThrow(RangeError);
  });
});

describe('fitTabularEncoder', () => {
  it('takes statistics and categories from the training rows only', () => {
    const encoder = fitTabularEncoder(TABLE, PLAN, TRAIN);
    const size = encoder.numeric.find((encoding) => encoding.name === 'size');
    expect(size).toEqual({ name: 'size', mean: 2.5, std: Math.sqrt(1.25) });
    // The mean over all rows with a size is 22, so a leak would show.
    expect(meanAndStd([1, 2, 3, 4, 100]).mean).toBe(22);
    expect(encoder.categorical).toEqual([{ name: 'colour', categories: ['blue', 'red'] }]);
    expect(encoder).toEqual(
      fitTabularEncoder({ ...TABLE, rows: TABLE.rows.slice(0, 4) }, PLAN, TRAIN),
    );
  });

  it('orders numeric features first, then one-hot blocks', () => {
    const encoder = fitTabularEncoder(TABLE, PLAN, TRAIN);
    expect(encoder.width).toBe(4);
    expect(encoder.featureNames).toEqual(['size', 'flat', 'colour=blue', 'colour=red']);
  });

  it('uses std 1 for a constant column so it encodes to zeros', () => {
    const encoder = fitTabularEncoder(TABLE, PLAN, TRAIN);
    expect(encoder.numeric.find((encoding) => encoding.name === 'flat')).toEqual({
      name: 'flat',
      mean: 5,
      std: 1,
    });
    const x = encodeFeatures(TABLE, encoder, [0, 1]);
    expect([x[1], x[5]]).toEqual([0, 0]);
  });

  it('throws RangeError for a non-numeric cell in a numeric column', () => {
    const table: RawTable = { columns: ['v'], rows: [['1'], ['two']] };
    expect(() => fitTabularEncoder(table, [{ name: 'v', kind: 'numeric' }], [0, 1])).toThrow(/two/);
  });
});

describe('encodeFeatures', () => {
  const encoder = fitTabularEncoder(TABLE, PLAN, TRAIN);

  it('standardises numbers and one-hot encodes categories, row-major', () => {
    const x = encodeFeatures(TABLE, encoder, [0, 1]);
    const std = Math.sqrt(1.25);
    expect(Array.from(x)).toEqual(
      Array.from(new Float32Array([(1 - 2.5) / std, 0, 0, 1, (2 - 2.5) / std, 0, 1, 0])),
    );
  });

  it('encodes a category seen only outside training as all zeros', () => {
    const x = encodeFeatures(TABLE, encoder, [4]);
    expect(Array.from(x.slice(2))).toEqual([0, 0]);
    expect(x[0]).toBeCloseTo((100 - 2.5) / Math.sqrt(1.25), 4);
  });

  it('encodes missing cells as the training mean and an empty block', () => {
    expect(Array.from(encodeFeatures(TABLE, encoder, [5]))).toEqual([0, 0, 0, 0]);
  });

  it('returns an empty matrix for no rows', () => {
    expect(encodeFeatures(TABLE, encoder, []).length).toBe(0);
  });
});

describe('encodeClassLabels', () => {
  it('uses sorted distinct values when no classes are declared', () => {
    const { labels, classNames } = encodeClassLabels(['b', 'a', 'c', 'a']);
    expect(classNames).toEqual(['a', 'b', 'c']);
    expect(Array.from(labels)).toEqual([1, 0, 2, 0]);
  });

  it('keeps the declared order, including classes that never occur', () => {
    const { labels, classNames } = encodeClassLabels(['yes', 'no'], ['yes', 'no', 'maybe']);
    expect(classNames).toEqual(['yes', 'no', 'maybe']);
    expect(Array.from(labels)).toEqual([0, 1]);
  });

  it('throws RangeError naming an unknown label, and for a missing one', () => {
    expect(() => encodeClassLabels(['yes', 'perhaps'], ['yes', 'no'])).toThrow(/perhaps/);
    expect(() => encodeClassLabels(['yes', 'perhaps'], ['yes', 'no'])).toThrow(RangeError);
    expect(() => encodeClassLabels(['yes', null])).toThrow(RangeError);
  });
});
