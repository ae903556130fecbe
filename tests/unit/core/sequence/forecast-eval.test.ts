import { describe, expect, it } from 'vitest';
import { createRng } from '../../../../src/core/rng';
import { sampleWithTemperature } from '../../../../src/core/sequence/characters';
import {
  blockStarts,
  errorFigures,
  relativeToLastValue,
} from '../../../../src/core/sequence/forecast-eval';
import { forecastWindows } from '../../../../src/core/sequence/windows';

describe('errorFigures', () => {
  it('computes MAE, RMSE and MAPE by hand, skipping zero actuals in MAPE', () => {
    const figures = errorFigures([10, 0, 20], [12, 1, 17]);
    expect(figures.mae).toBeCloseTo(2, 12);
    expect(figures.rmse).toBeCloseTo(Math.sqrt((4 + 1 + 9) / 3), 12);
    expect(figures.mape).toBeCloseTo((100 * (0.2 + 0.15)) / 2, 12);
    expect(errorFigures([0], [1]).mape).toBeNaN();
  });
});

describe('relativeToLastValue', () => {
  it('subtracts the last target input from the target inputs and targets only', () => {
    const a = Float64Array.from({ length: 20 }, (_, i) => i);
    const b = Float64Array.from({ length: 20 }, (_, i) => 100 - i);
    const made = forecastWindows([a, b], 0, {
      lookback: 3,
      horizon: 2,
      ratios: { train: 0.6, validation: 0.2, test: 0.2 },
    });
    if (!made.ok) throw new Error('windows');
    const { train, scaler } = made.data;
    const relative = relativeToLastValue(train, {
      lookback: 3,
      features: 2,
      target: 0,
      horizon: 2,
    });
    const step = 1 / (scaler.std[0] ?? 1);
    // A straight line: inputs −2, −1, 0 steps and targets +1, +2 steps from the last value.
    expect(relative.x[0]).toBeCloseTo(-2 * step, 5);
    expect(relative.x[4]).toBeCloseTo(0, 6);
    expect(relative.y[0]).toBeCloseTo(step, 5);
    expect(relative.y[1]).toBeCloseTo(2 * step, 5);
    expect(relative.x[1]).toBe(train.x[1]);
    expect(relative.levels[0]).toBe(train.x[4]);
  });
});

describe('blockStarts', () => {
  it('takes every horizon-th window so each test step is forecast once', () => {
    expect(blockStarts([10, 11, 12, 13, 14, 15, 16], 3)).toEqual([0, 3, 6]);
    expect(blockStarts([], 2)).toEqual([]);
  });
});

describe('temperature sampling', () => {
  const probs = [0.1, 0.6, 0.3];
  const frequencies = (temperature: number, n = 20_000): number[] => {
    const rng = createRng(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[sampleWithTemperature(probs, temperature, rng)]! += 1;
    return counts.map((c) => c / n);
  };

  it('draws in proportion at T = 1, sharpens below it and flattens above it', () => {
    const one = frequencies(1);
    probs.forEach((p, i) => expect(one[i]).toBeCloseTo(p, 1));
    expect(frequencies(0.2)[1]).toBeGreaterThan(0.95);
    const hot = frequencies(1.5);
    expect(hot[0]).toBeGreaterThan(one[0]! + 0.03);
    expect(hot[1]).toBeLessThan(one[1]! - 0.05);
  });

  it('is the most likely id at T → 0 and never an id of probability 0', () => {
    expect(sampleWithTemperature(probs, 0, createRng(1))).toBe(1);
    const rng = createRng(9);
    for (let i = 0; i < 1000; i++)
      expect(sampleWithTemperature([0, 0.5, 0.5], 1.5, rng)).not.toBe(0);
  });
});
