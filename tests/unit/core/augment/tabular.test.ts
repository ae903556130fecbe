import { describe, expect, it } from 'vitest';
import { addGaussianNoise } from '../../../../src/core/augment';
import { createRng } from '../../../../src/core/rng';

const values = Float64Array.from({ length: 20_000 }, (_, i) => (i % 7 === 3 ? Number.NaN : i % 10));

describe('addGaussianNoise', () => {
  it('adds zero-mean noise with the requested spread and keeps missing values missing', () => {
    const { values: out, affected } = addGaussianNoise(values, 0.5, createRng(1));
    const deltas: number[] = [];
    out.forEach((v, i) => {
      if (Number.isNaN(values[i]!)) expect(v).toBeNaN();
      else deltas.push(v - values[i]!);
    });
    expect(affected).toBe(deltas.length);
    const mean = deltas.reduce((s, d) => s + d, 0) / deltas.length;
    const std = Math.sqrt(deltas.reduce((s, d) => s + (d - mean) ** 2, 0) / deltas.length);
    expect(Math.abs(mean)).toBeLessThan(0.02);
    expect(std).toBeGreaterThan(0.48);
    expect(std).toBeLessThan(0.52);
  });

  it('is seeded, draws afresh with another seed, and never writes its input', () => {
    const before = Float64Array.from(values);
    const a = addGaussianNoise(values, 1, createRng(5)).values;
    expect(addGaussianNoise(values, 1, createRng(5)).values).toEqual(a);
    expect(addGaussianNoise(values, 1, createRng(6)).values).not.toEqual(a);
    expect(values).toEqual(before);
  });

  it('returns an unchanged copy for sigma 0 and refuses a negative sigma', () => {
    const { values: out, affected } = addGaussianNoise(values, 0, createRng(1));
    expect(out).not.toBe(values);
    expect(out).toEqual(values);
    expect(affected).toBe(0);
    expect(() => addGaussianNoise(values, -1, createRng(1))).toThrow(RangeError);
  });
});
