import { describe, expect, it } from 'vitest';
import { createRng, normalSample, permutation, shuffleInPlace } from '../../../src/core/rng';

function draw(seed: number, count: number): number[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => rng());
}

describe('createRng', () => {
  it('matches the reference mulberry32 sequence', () => {
    // Computed with an independent 32-bit implementation; pins cross-platform determinism.
    expect(draw(0, 3)).toEqual([0.26642920868471265, 0.0003297457005828619, 0.2232720274478197]);
    expect(draw(42, 3)).toEqual([0.6011037519201636, 0.44829055899754167, 0.8524657934904099]);
  });

  it('repeats a sequence for the same seed and differs for another', () => {
    expect(draw(7, 50)).toEqual(draw(7, 50));
    expect(draw(7, 50)).not.toEqual(draw(8, 50));
  });

  it('stays in [0, 1) with a roughly uniform mean', () => {
    const values = draw(123, 10_000);
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});

describe('shuffleInPlace', () => {
  it('returns the same array holding a permutation of its items', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = shuffleInPlace(items, createRng(1));
    expect(shuffled).toBe(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(shuffled).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });

  it('is deterministic for a seed', () => {
    const a = shuffleInPlace(['a', 'b', 'c', 'd', 'e', 'f'], createRng(5));
    const b = shuffleInPlace(['a', 'b', 'c', 'd', 'e', 'f'], createRng(5));
    expect(a).toEqual(b);
  });
});

describe('permutation', () => {
  it('contains every index exactly once', () => {
    const order = permutation(257, createRng(9));
    expect(order).toBeInstanceOf(Int32Array);
    expect(Array.from(order).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 257 }, (_, i) => i),
    );
  });

  it('handles empty and single-element sizes and rejects bad sizes', () => {
    expect(Array.from(permutation(0, createRng(1)))).toEqual([]);
    expect(Array.from(permutation(1, createRng(1)))).toEqual([0]);
    expect(() => permutation(-1, createRng(1))).toThrow(RangeError);
    expect(() => permutation(2.5, createRng(1))).toThrow(RangeError);
  });
});

describe('normalSample', () => {
  it('has mean about 0 and variance about 1, always finite', () => {
    const rng = createRng(2024);
    const values = Array.from({ length: 20_000 }, () => normalSample(rng));
    expect(values.every(Number.isFinite)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / values.length;
    expect(Math.abs(mean)).toBeLessThan(0.05);
    expect(variance).toBeGreaterThan(0.95);
    expect(variance).toBeLessThan(1.05);
  });

  it('stays finite when the rng returns 0', () => {
    expect(Number.isFinite(normalSample(() => 0))).toBe(true);
  });
});
