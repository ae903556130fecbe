import { describe, expect, it } from 'vitest';
import { curveDifference } from '../../e2e/curve-difference';

const curve = (...losses: [number, number][]) =>
  losses.map(([trainLoss, valLoss]) => ({ trainLoss, valLoss }));

describe('curveDifference', () => {
  it('is zero and identical for the same numbers', () => {
    const a = curve([1, 2], [0.5, 1]);
    expect(curveDifference(a, curve([1, 2], [0.5, 1]))).toEqual({
      maxAbs: 0,
      maxRel: 0,
      epochs: 2,
      identical: true,
    });
  });

  it('takes the largest absolute and relative gap over both losses', () => {
    const d = curveDifference(curve([1, 2], [0.5, 1]), curve([1.1, 2], [0.5, 0.9]));
    expect(d.maxAbs).toBeCloseTo(0.1, 12);
    // Relative to the larger value: 0.1 / 1 on the validation loss beats 0.1 / 1.1.
    expect(d.maxRel).toBeCloseTo(0.1 / 1, 12);
    expect(d.identical).toBe(false);
  });

  it('compares the common epochs and marks runs of different lengths as not identical', () => {
    const d = curveDifference(curve([1, 1]), curve([1, 1], [0.5, 0.5]));
    expect(d).toMatchObject({ maxAbs: 0, epochs: 1, identical: false });
  });

  it('treats a NaN as infinitely far', () => {
    expect(curveDifference(curve([Number.NaN, 1]), curve([1, 1])).maxAbs).toBe(Infinity);
  });
});
