import { describe, expect, it } from 'vitest';
import {
  inferColumn,
  isDecimalText,
  parseDate,
  parseNumber,
  type ValueOptions,
} from '../../../src/ingest/infer';
import { parseNumericValue } from '../../../src/core/tabular';

const plain: ValueOptions = {
  missingMarkers: ['', 'NA'],
  thousandsSeparator: 'none',
  decimalComma: false,
};

describe('parseNumber', () => {
  it('reads plain decimals and rejects hex, Infinity and grouping by default', () => {
    expect(parseNumber(' -1.5e3 ', plain)).toBe(-1500);
    expect(parseNumber('0x1f', plain)).toBeNull();
    expect(parseNumber('Infinity', plain)).toBeNull();
    expect(parseNumber('1,234', plain)).toBeNull();
  });

  it('handles thousands separators and decimal commas when asked', () => {
    expect(parseNumber('1,234,567.5', { ...plain, thousandsSeparator: ',' })).toBe(1234567.5);
    expect(parseNumber('12,34', { ...plain, thousandsSeparator: ',' })).toBeNull();
    const german: ValueOptions = { ...plain, thousandsSeparator: '.', decimalComma: true };
    expect(parseNumber('1.234,5', german)).toBe(1234.5);
    expect(parseNumber('0,25', german)).toBe(0.25);
    expect(parseNumber('1 000', { ...plain, thousandsSeparator: ' ' })).toBe(1000);
  });
});

describe('parseDate', () => {
  it('reads ISO dates, times and zones as UTC epoch ms', () => {
    expect(parseDate('2024-02-29', 'dmy')).toBe(Date.UTC(2024, 1, 29));
    expect(parseDate('2024-01-02T03:04:05.5Z', 'dmy')).toBe(Date.UTC(2024, 0, 2, 3, 4, 5, 500));
    expect(parseDate('2024-01-02T03:04:05+02:00', 'dmy')).toBe(Date.UTC(2024, 0, 2, 1, 4, 5));
    expect(parseDate('2023-02-29', 'dmy')).toBeNull();
  });

  it('reads d/m/y and m/d/y by the column order', () => {
    expect(parseDate('03/04/2024', 'dmy')).toBe(Date.UTC(2024, 3, 3));
    expect(parseDate('03/04/2024', 'mdy')).toBe(Date.UTC(2024, 2, 4));
    expect(parseDate('31.12.2023 23:59', 'dmy')).toBe(Date.UTC(2023, 11, 31, 23, 59));
    expect(parseDate('13/13/2024', 'dmy')).toBeNull();
  });
});

describe('inferColumn', () => {
  const infer = (cells: (string | null)[]) => inferColumn('c', cells, plain);

  it.each([
    [['1', '2', 'NA', '-3'], 'integer'],
    [['1', '2.5', ''], 'numeric'],
    [['true', 'FALSE', 'True'], 'boolean'],
    [['2024-01-01', '2024-01-02 10:00'], 'datetime'],
    [['red', 'blue', 'red', 'red'], 'categorical'],
    [[null, 'NA', ''], 'categorical'],
    [['0', '1', '1'], 'integer'],
  ] as const)('%j → %s', (cells, type) => {
    expect(infer([...cells]).type).toBe(type);
  });

  it('calls many distinct long strings free text', () => {
    const cells = ['a sentence that is long enough here', 'another sentence long enough too'];
    expect(infer(cells).type).toBe('text');
  });

  it('chooses m/d/y only when the day is clearly second', () => {
    expect(infer(['12/25/2024', '01/02/2024']).dateOrder).toBe('mdy');
    expect(infer(['25/12/2024', '01/02/2024']).dateOrder).toBe('dmy');
    expect(infer(['01/02/2024']).dateOrder).toBe('dmy');
  });
});

describe('isDecimalText', () => {
  it('agrees with core/tabular parseNumericValue on tricky texts', () => {
    const texts = [
      '0',
      '-1',
      '+2.',
      '.5',
      '-.5e-3',
      '1e5',
      '1E+05',
      '12.34.5',
      '.',
      '-',
      '+',
      '',
      'e5',
      '1e',
      '1e+',
      '0x1f',
      'Infinity',
      'NaN',
      '1 2',
      '١٢',
      '1_000',
      '5.',
      '00012',
      '1.5e3x',
    ];
    for (const text of texts) {
      expect(isDecimalText(text), text).toBe(parseNumericValue(text) !== null);
    }
  });
});
