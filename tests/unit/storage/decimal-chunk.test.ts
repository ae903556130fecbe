import { describe, expect, it } from 'vitest';
import type { ColumnChunk } from '../../../src/contracts/data';
import {
  decodeDecimal,
  encodeDecimal,
  fromStored,
  MISSING_MANTISSA,
  toStored,
} from '../../../src/storage/decimal-chunk';
import { createRng } from '../../../src/core/rng';

/** Same doubles, NaN and −0 included. */
function expectSameValues(actual: Float64Array, expected: Float64Array): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) {
      throw new Error(`value ${i}: ${actual[i]} instead of ${expected[i]}`);
    }
  }
}

/** What a CSV cell with that many fraction digits parses to. */
function decimalCells(count: number, digits: number, magnitude: number, seed: number) {
  const random = createRng(seed);
  return Float64Array.from({ length: count }, () =>
    Number(((random() * 2 - 1) * magnitude).toFixed(digits)),
  );
}

describe('decimal chunks', () => {
  it('give back every parsed decimal exactly, in half the bytes', () => {
    for (const digits of [0, 1, 2, 3, 4, 6, 9]) {
      const values = decimalCells(
        20_000,
        digits,
        digits === 9 ? 2 : 100_000 / 10 ** (digits / 2),
        digits,
      );
      const encoded = encodeDecimal(values);
      expect(encoded, `${digits} digits`).not.toBeNull();
      expect(encoded!.exponent).toBeLessThanOrEqual(digits);
      expect(encoded!.mantissas.byteLength).toBe(values.byteLength / 2);
      expectSameValues(decodeDecimal(encoded!), values);
    }
  });

  it('take the fewest fraction digits that hold every value', () => {
    expect(encodeDecimal(Float64Array.of(1, -2, 30))!.exponent).toBe(0);
    expect(encodeDecimal(Float64Array.of(1.5, 2.25, 3))!.exponent).toBe(2);
    const encoded = encodeDecimal(Float64Array.of(0.1, 20.221, -5.8))!;
    expect(encoded.exponent).toBe(3);
    expect([...encoded.mantissas]).toEqual([100, 20_221, -5_800]);
  });

  it('scale earlier mantissas up when a later value needs more digits', () => {
    const values = Float64Array.of(1, NaN, 2.5, -3.25, 7);
    const encoded = encodeDecimal(values)!;
    expect(encoded.exponent).toBe(2);
    expect([...encoded.mantissas]).toEqual([100, MISSING_MANTISSA, 250, -325, 700]);
    expectSameValues(decodeDecimal(encoded), values);
    // Scaled up, 300,000,000 would pass 2^31: the chunk stays as doubles.
    expect(encodeDecimal(Float64Array.of(300_000_000, 0.5))).toBeNull();
    expect(encodeDecimal(Float64Array.of(200_000_000, 0.5))!.exponent).toBe(1);
  });

  it('keep missing values as missing', () => {
    const values = Float64Array.of(NaN, 2.5, NaN, -1);
    const encoded = encodeDecimal(values)!;
    expect(encoded.mantissas[0]).toBe(MISSING_MANTISSA);
    expectSameValues(decodeDecimal(encoded), values);
    const allMissing = encodeDecimal(new Float64Array(5).fill(NaN))!;
    expectSameValues(decodeDecimal(allMissing), new Float64Array(5).fill(NaN));
  });

  it('leave a chunk as doubles when any value would not come back the same', () => {
    const notDecimal = {
      infinity: Float64Array.of(1, Infinity),
      'negative zero': Float64Array.of(1.5, -0),
      'ten fraction digits': Float64Array.of(1, 1e-10),
      'a sum that is not a short decimal': Float64Array.of(0.1 + 0.2),
      'past 2^31 at its exponent': Float64Array.of(21_474_836.48),
      'past 2^31 as an integer': Float64Array.of(3e9),
      'the missing marker itself': Float64Array.of(-2_147_483_648),
      'a date in milliseconds': Float64Array.of(Date.UTC(2024, 0, 1)),
    };
    for (const [what, values] of Object.entries(notDecimal)) {
      expect(encodeDecimal(values), what).toBeNull();
      const stored = toStored({ kind: 'float64', values });
      expect(stored.kind, what).toBe('float64');
      expectSameValues((fromStored(stored) as { values: Float64Array }).values, values);
    }
  });

  it('hold the int32 extremes a value can take', () => {
    const values = Float64Array.of(2_147_483_647, -2_147_483_647, 0.000000001, -2.147483647);
    for (const value of values) {
      const single = Float64Array.of(value);
      expectSameValues(decodeDecimal(encodeDecimal(single)!), single);
    }
  });

  it('store only float chunks differently, and read back what was put', () => {
    const codes: ColumnChunk = { kind: 'codes', codes: Uint32Array.of(0, 1, 0) };
    const strings: ColumnChunk = { kind: 'strings', values: ['a', null] };
    expect(toStored(codes)).toBe(codes);
    expect(toStored(strings)).toBe(strings);
    expect(fromStored(codes)).toBe(codes);
    const values = decimalCells(1000, 3, 100, 7);
    const stored = toStored({ kind: 'float64', values });
    expect(stored.kind).toBe('decimal32');
    const read = fromStored(stored);
    expect(read.kind).toBe('float64');
    expectSameValues((read as { values: Float64Array }).values, values);
  });

  it('refuse a stored exponent it cannot have written', () => {
    expect(() =>
      decodeDecimal({ kind: 'decimal32', mantissas: Int32Array.of(1), exponent: 12 }),
    ).toThrow(/exponent/);
  });
});
