import { describe, expect, it } from 'vitest';
import { LIVE_VIEW_INTERVAL_MS } from '../../../../src/contracts/live-views';
import type { TrainingEvent } from '../../../../src/contracts/training';
import {
  boundaryFrame,
  boundaryView,
  countCorrect,
  gridPoints,
  samplePoints,
} from '../../../../src/ml/live/boundary';
import { LiveViewThrottle } from '../../../../src/ml/live/throttle';
import { trainTinyMlp } from '../../../../src/ml/tiny/train-tiny';
import { classificationData, mlpConfig, regressionData } from '../synthetic';

describe('LiveViewThrottle', () => {
  it('sends at most one view per epoch and per interval, and always the last epoch', () => {
    let t = 0;
    const throttle = new LiveViewThrottle(() => t, 250);
    expect(throttle.claim(1, false)).toBe(true);
    expect(throttle.claim(1, false)).toBe(false); // the same epoch twice
    t = 100;
    expect(throttle.claim(2, false)).toBe(false); // too soon
    t = 249;
    expect(throttle.wouldSend(3, false)).toBe(false);
    t = 250;
    expect(throttle.wouldSend(3, false)).toBe(true);
    expect(throttle.claim(3, false)).toBe(true);
    t = 260;
    expect(throttle.claim(4, true)).toBe(true); // the last epoch, even so soon
    expect(throttle.claim(4, true)).toBe(false);
  });

  it('throttles the tiny engine: thousands of epochs give a handful of views', async () => {
    const events: TrainingEvent[] = [];
    let t = 0;
    const result = await trainTinyMlp({
      jobId: 1,
      data: classificationData(),
      config: mlpConfig({ hiddenLayers: [4], epochs: 400, batchSize: 64 }),
      emit: (event) => events.push(event),
      isStopRequested: () => false,
      liveViews: { boundary: true },
      // 10 ms a reading: an epoch reads the clock a few times.
      now: () => (t += 10),
    });
    expect(result.status).toBe('completed');
    const live = events.filter((e) => e.type === 'live');
    const epochs = live.map((e) => e.epoch);
    expect(new Set(epochs).size).toBe(epochs.length);
    expect(epochs[0]).toBe(1);
    expect(epochs.at(-1)).toBe(400);
    // Clock time spent: at most one view per interval, plus the last.
    expect(live.length).toBeLessThanOrEqual(Math.ceil(t / LIVE_VIEW_INTERVAL_MS) + 1);
    expect(live.length).toBeLessThan(400);
    const last = live.at(-1)!;
    if (last.type !== 'live' || !last.boundary) throw new Error('no boundary');
    expect(last.boundary.trainCorrect / last.boundary.trainTotal).toBeGreaterThan(0.95);
  });
});

describe('decision boundary', () => {
  it('lays the grid out row-major from the top-left, at cell centres', () => {
    const grid = gridPoints({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2);
    expect(Array.from(grid)).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5]);
  });

  it('samples points evenly and counts those on their own side', () => {
    const x = Float32Array.from({ length: 20 }, (_, i) => i);
    const y = Float32Array.from({ length: 10 }, (_, i) => i % 2);
    const sample = samplePoints(x, y, 4);
    expect(Array.from(sample.labels)).toEqual([0, 1, 0, 1]);
    expect(Array.from(sample.xy)).toEqual([0, 1, 6, 7, 12, 13, 18, 19]);
    expect(
      countCorrect(Float32Array.of(0, 1, 1), Float32Array.of(0.9, 0.1, 0.2, 0.8, 0.6, 0.4), 2),
    ).toBe(2);
  });

  it('gives a known linear model’s probabilities on the grid and its counts', async () => {
    const data = classificationData();
    // P(class 1) = sigmoid(4·x): class 1 right of x = 0, sure far from it.
    const linear = (rows: Float32Array, n: number): Float32Array => {
      const out = new Float32Array(n * 2);
      for (let i = 0; i < n; i++) {
        const p = 1 / (1 + Math.exp(-4 * rows[i * 2]!));
        out[i * 2] = 1 - p;
        out[i * 2 + 1] = p;
      }
      return out;
    };
    const frame = boundaryFrame(data, 10);
    const view = await boundaryView(data, frame, linear, 10);
    expect(view.steps).toBe(10);
    expect(view.classes).toBe(2);
    expect(view.probabilities).toHaveLength(10 * 10 * 2);
    const { xMin, xMax } = view.bounds;
    for (let r = 0; r < 10; r++) {
      for (let c = 0; c < 10; c++) {
        const x = xMin + ((xMax - xMin) * (c + 0.5)) / 10;
        const p1 = view.probabilities[(r * 10 + c) * 2 + 1]!;
        expect(p1).toBeCloseTo(1 / (1 + Math.exp(-4 * x)), 5);
      }
    }
    // The blobs sit at angle 0 (class 0, x ≈ 3) and π (class 1, x ≈ −3): this model has them
    // backwards, so nearly every point is on the wrong side.
    const expected = (x: Float32Array, y: Float32Array) =>
      Array.from(y).filter((label, i) => (x[i * 2]! > 0 ? 1 : 0) === label).length;
    expect(view.trainCorrect).toBe(expected(data.xTrain, data.yTrain));
    expect(view.testCorrect).toBe(expected(data.xTest, data.yTest));
    expect(view.trainTotal).toBe(data.yTrain.length);
    expect(view.train.labels).toHaveLength(data.yTrain.length);
    expect(view.bounds.xMin).toBeLessThan(
      Math.min(...Array.from(data.xTrain).filter((_, i) => i % 2 === 0)),
    );
  });

  it('maps a regression model’s predictions in the target’s units, with its R²', async () => {
    const data = { ...regressionData(), targetScale: { mean: 10, std: 2 } };
    const plane = (rows: Float32Array, n: number): Float32Array =>
      Float32Array.from(
        { length: n },
        (_, i) => (2 * rows[i * 2]! - rows[i * 2 + 1]!) / Math.sqrt(5),
      );
    const frame = boundaryFrame(data, 4);
    const view = await boundaryView(data, frame, plane, 4);
    expect(view.classes).toBe(1);
    expect(view.probabilities).toHaveLength(16);
    const [x, y] = [frame.grid[0]!, frame.grid[1]!];
    expect(view.probabilities[0]).toBeCloseTo(10 + (2 * (2 * x - y)) / Math.sqrt(5), 4);
    expect(view.train.values?.[0]).toBeCloseTo(10 + 2 * data.yTrain[0]!, 4);
    // The plane is the data's own, up to its noise.
    expect(view.regression?.trainR2).toBeGreaterThan(0.95);
    expect(view.regression?.testR2).toBeGreaterThan(0.95);
    expect(view.regression!.min).toBeLessThan(view.regression!.max);
  });
});
