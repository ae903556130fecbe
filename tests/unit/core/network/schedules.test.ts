import { describe, expect, it } from 'vitest';
import {
  createPlateauTracker,
  learningRateAt,
  scheduleCurve,
  validateSchedule,
} from '../../../../src/core/network/schedules';

describe('learning-rate schedules', () => {
  it('keeps a constant rate', () => {
    expect(scheduleCurve({ kind: 'constant' }, 0.01, 4)).toEqual([0.01, 0.01, 0.01, 0.01]);
  });

  it('steps down by the factor every N epochs', () => {
    const curve = scheduleCurve({ kind: 'step', every: 2, factor: 0.5 }, 0.1, 6);
    expect(curve).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
  });

  it('decays exponentially from the base rate', () => {
    const curve = scheduleCurve({ kind: 'exponential', rate: 0.9 }, 1, 3);
    expect(curve[0]).toBe(1);
    expect(curve[1]).toBeCloseTo(0.9, 12);
    expect(curve[2]).toBeCloseTo(0.81, 12);
  });

  it('follows a half cosine from the base rate to the minimum', () => {
    const curve = scheduleCurve({ kind: 'cosine', minLr: 0 }, 0.2, 5);
    expect(curve[0]).toBeCloseTo(0.2, 12);
    expect(curve[2]).toBeCloseTo(0.1, 12);
    expect(curve[4]).toBeCloseTo(0, 12);
    expect(learningRateAt({ kind: 'cosine', minLr: 0.01 }, 0.2, 1, 1)).toBeCloseTo(0.2, 12);
  });

  it('warms up linearly and then decays by cosine', () => {
    const curve = scheduleCurve({ kind: 'warmupCosine', warmupEpochs: 3, minLr: 0 }, 0.4, 8);
    expect(curve.slice(0, 3).map((v) => +v.toFixed(12))).toEqual([0.1, 0.2, 0.3]);
    expect(curve[3]).toBeCloseTo(0.4, 12);
    expect(curve[7]).toBeCloseTo(0, 12);
    for (let i = 4; i < 8; i++) expect(curve[i]!).toBeLessThan(curve[i - 1]!);
  });

  it('reduces on plateau after `patience` epochs without improvement, down to the minimum', () => {
    const tracker = createPlateauTracker(
      { kind: 'plateau', factor: 0.5, patience: 2, minLr: 0.02 },
      0.1,
    );
    const rates = [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.94, 0.95, 0.96].map((loss) =>
      tracker.observe(loss),
    );
    expect(rates).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02]);
    expect(tracker.rate).toBe(0.02);
  });

  it('names each setting out of range', () => {
    expect(validateSchedule({ kind: 'step', every: 0, factor: 1.5 }, 0.1)).toEqual([
      { setting: 'every' },
      { setting: 'factor' },
    ]);
    expect(validateSchedule({ kind: 'cosine', minLr: 1 }, 0.1)).toEqual([{ setting: 'minLr' }]);
    expect(validateSchedule({ kind: 'plateau', factor: 0.5, patience: 3, minLr: 0 }, 0.1)).toEqual(
      [],
    );
  });
});
