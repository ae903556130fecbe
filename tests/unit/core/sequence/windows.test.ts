import { describe, expect, it } from 'vitest';
import { forecastWindows, unscaleTarget } from '../../../../src/core/sequence/windows';

const ratios = { train: 0.6, validation: 0.2, test: 0.2 };
const series = (n: number) => Float64Array.from({ length: n }, (_, i) => i);

describe('forecastWindows', () => {
  it('splits by time and never lets a target appear in two parts', () => {
    const result = forecastWindows([series(20)], 0, { lookback: 3, horizon: 2, ratios });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { train, validation, test } = result.data;
    // Targets: train [0, 12), validation [12, 16), test [16, 20).
    expect(Array.from(train.targetStart)).toEqual([3, 4, 5, 6, 7, 8, 9, 10]);
    expect(Array.from(validation.targetStart)).toEqual([12, 13, 14]);
    expect(Array.from(test.targetStart)).toEqual([16, 17, 18]);
    const targets = (w: typeof train) =>
      new Set(Array.from(w.targetStart).flatMap((t) => [t, t + 1]));
    const seen = [targets(train), targets(validation), targets(test)];
    for (let a = 0; a < 3; a++)
      for (let b = a + 1; b < 3; b++) for (const t of seen[a]!) expect(seen[b]!.has(t)).toBe(false);
  });

  it('scales with training statistics only and unscales back', () => {
    const result = forecastWindows([series(20)], 0, { lookback: 3, horizon: 1, ratios });
    if (!result.ok) throw new Error('failed');
    const { scaler, test } = result.data;
    // Training part is 0..11: mean 5.5.
    expect(scaler.mean[0]).toBeCloseTo(5.5, 12);
    expect(Array.from(unscaleTarget(test.y, scaler, 0)).map((v) => Math.round(v))).toEqual([
      16, 17, 18, 19,
    ]);
  });

  it('lays out windows as steps × features with the target column chosen', () => {
    const result = forecastWindows(
      [series(20), Float64Array.from({ length: 20 }, (_, i) => -i)],
      1,
      {
        lookback: 2,
        horizon: 1,
        ratios,
      },
    );
    if (!result.ok) throw new Error('failed');
    const { train, scaler } = result.data;
    const first = Array.from(train.x.slice(0, 4)).map(
      (v, i) => v * scaler.std[i % 2]! + scaler.mean[i % 2]!,
    );
    expect(first.map((v) => Math.round(v) + 0)).toEqual([0, 0, 1, -1]);
    expect(Math.round(train.y[0]! * scaler.std[1]! + scaler.mean[1]!)).toBe(-2);
  });

  it('names a series too short for the windows, and a missing value', () => {
    expect(forecastWindows([series(8)], 0, { lookback: 6, horizon: 1, ratios })).toMatchObject({
      ok: false,
      problem: { code: 'tooShort', params: { length: 8 } },
    });
    const gap = series(20);
    gap[4] = Number.NaN;
    expect(forecastWindows([gap], 0, { lookback: 2, horizon: 1, ratios })).toMatchObject({
      ok: false,
      problem: { code: 'missingValues', params: { column: 0, index: 4 } },
    });
  });
});
