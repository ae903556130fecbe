import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../src/contracts/training';
import { createRng, normalSample } from '../../../src/core/rng';
import {
  trainMlp,
  type TrainingData,
  type TrainJob,
  type TrainResult,
} from '../../../src/ml/train-loop';
import { classificationData, mlpConfig, regressionData, steppingClock } from './synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function run(overrides: Partial<TrainJob> = {}): {
  events: TrainingEvent[];
  result: Promise<TrainResult>;
} {
  const events: TrainingEvent[] = [];
  const result = trainMlp({
    jobId: 7,
    data: classificationData(),
    config: mlpConfig(),
    emit: (event) => events.push(event),
    isStopRequested: () => false,
    now: steppingClock(),
    ...overrides,
  });
  return { events, result };
}

function batchLosses(events: TrainingEvent[]): number[] {
  return events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));
}

function completed(result: TrainResult) {
  if (result.status === 'failed') throw new Error(`training failed: ${result.code}`);
  return result;
}

describe('trainMlp on classification', () => {
  it('lowers the loss and learns separable blobs', async () => {
    const { events, result } = run({ config: mlpConfig({ epochs: 8 }) });
    const outcome = completed(await result);
    expect(outcome.status).toBe('completed');
    expect(outcome.epochsRun).toBe(8);
    const first = outcome.history[0];
    const last = outcome.history[7];
    expect(last?.trainLoss).toBeLessThan((first?.trainLoss ?? 0) / 2);
    expect(last?.valMetric).toBeGreaterThan(0.9);
    expect(outcome.test.kind).toBe('classification');
    expect(outcome.test.n).toBe(24);
    expect(events.every((e) => e.jobId === 7)).toBe(true);
  });

  it('emits numbered batch, epoch and validation eval events', async () => {
    const { events, result } = run({ config: mlpConfig({ epochs: 2 }) });
    await result;
    const batches = events.filter((e) => e.type === 'batch');
    // 64 rows in batches of 16, and the stepping clock defeats the throttle.
    expect(batches).toHaveLength(8);
    expect(batches.map((b) => b.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(batches[4]).toMatchObject({ epoch: 2, batch: 1, batchesPerEpoch: 4 });
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2]);
    expect(epochs[1]).toMatchObject({ epochs: 2, etaMs: 0 });
    const evals = events.filter((e) => e.type === 'eval');
    expect(evals.map((e) => [e.epoch, e.split, e.evaluation.kind])).toEqual([
      [1, 'validation', 'classification'],
      [2, 'validation', 'classification'],
    ]);
  });

  it('throttles batch events with a real clock reading', async () => {
    const { events, result } = run({ now: () => 0, config: mlpConfig({ epochs: 2 }) });
    await result;
    // A clock that never moves leaves only the first batch event through.
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(1);
  });

  it('repeats the exact loss sequence for the same seed, not for another', async () => {
    const a = run();
    const b = run();
    const c = run({ config: mlpConfig({ seed: 43 }) });
    await Promise.all([a.result, b.result, c.result]);
    expect(batchLosses(a.events).length).toBe(20);
    expect(batchLosses(b.events)).toEqual(batchLosses(a.events));
    expect(batchLosses(c.events)).not.toEqual(batchLosses(a.events));
  });

  it('stops within one batch of the request and still scores the test set', async () => {
    let isStopRequested = false;
    let stepAtRequest = 0;
    const events: TrainingEvent[] = [];
    const outcome = completed(
      await trainMlp({
        jobId: 1,
        data: classificationData(),
        config: mlpConfig({ epochs: 50 }),
        emit: (event) => {
          events.push(event);
          if (event.type === 'batch' && event.step === 6) {
            isStopRequested = true;
            stepAtRequest = event.step;
          }
        },
        isStopRequested: () => isStopRequested,
        now: steppingClock(),
      }),
    );
    const laterBatches = events.filter((e) => e.type === 'batch' && e.step > stepAtRequest);
    expect(laterBatches.length).toBeLessThanOrEqual(1);
    expect(outcome.status).toBe('stopped');
    // Step 6 is batch 2 of epoch 2: only epoch 1 completed.
    expect(outcome.epochsRun).toBe(1);
    expect(outcome.test).toMatchObject({ kind: 'classification', n: 24 });
  });

  it('keeps the tensor count flat across epochs and releases everything at the end', async () => {
    const before = tf.memory().numTensors;
    const atEpochEnd: number[] = [];
    const atBatch: number[] = [];
    const { result } = run({
      config: mlpConfig({ epochs: 4, optimizer: 'adam' }),
      emit: (event) => {
        if (event.type === 'epoch') atEpochEnd.push(tf.memory().numTensors);
        if (event.type === 'batch' && event.step > 1) atBatch.push(tf.memory().numTensors);
      },
    });
    completed(await result);
    expect(atEpochEnd).toHaveLength(4);
    expect(new Set(atEpochEnd.slice(1))).toEqual(new Set([atEpochEnd[0]]));
    expect(new Set(atBatch).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it.each(['sgd', 'rmsprop'] as const)('releases the %s optimizer state too', async (optimizer) => {
    const before = tf.memory().numTensors;
    completed(await run({ config: mlpConfig({ optimizer, epochs: 1 }) }).result);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails with nanLoss when features hold NaN, and leaks nothing', async () => {
    const data = classificationData();
    data.xTrain[5] = Number.NaN;
    const before = tf.memory().numTensors;
    const { events, result } = run({ data, config: mlpConfig({ batchSize: 64 }) });
    expect(await result).toEqual({
      status: 'failed',
      code: 'error.training.nanLoss',
      params: { epoch: 1 },
    });
    expect(events.some((e) => e.type === 'epoch')).toBe(false);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('trains a 3-class softmax and a model without hidden layers', async () => {
    const outcome = completed(
      await run({
        data: classificationData(3),
        config: mlpConfig({ hiddenLayers: [], epochs: 10 }),
      }).result,
    );
    expect(outcome.test.kind).toBe('classification');
    if (outcome.test.kind !== 'classification') return;
    expect(outcome.test.classNames).toHaveLength(3);
    expect(outcome.test.roc.map((r) => r.classIndex)).toEqual([0, 1, 2]);
    expect(outcome.test.accuracy).toBeGreaterThan(0.8);
  });

  it('reports the parameter count before the first batch', async () => {
    const order: string[] = [];
    const { result } = run({
      config: mlpConfig({ hiddenLayers: [8, 4], epochs: 1 }),
      onModelBuilt: (count) => order.push(`built ${count}`),
      emit: (event) => order.push(event.type),
    });
    await result;
    // (2·8 + 8) + (8·4 + 4) + (4·2 + 2)
    expect(order[0]).toBe('built 70');
    expect(order[1]).toBe('batch');
  });

  it('refuses an empty validation or test split', async () => {
    const data = classificationData();
    data.xTest = new Float32Array(0);
    data.yTest = new Float32Array(0);
    expect(await run({ data }).result).toMatchObject({
      status: 'failed',
      code: 'error.config.invalid',
    });
  });
});

describe('trainMlp on regression', () => {
  it('lowers the loss and scores the test set in target units', async () => {
    const data = regressionData();
    const { events, result } = run({
      data,
      config: mlpConfig({ epochs: 20, learningRate: 0.02 }),
    });
    const outcome = completed(await result);
    const first = outcome.history[0];
    const last = outcome.history[outcome.history.length - 1];
    expect(last?.trainLoss).toBeLessThan((first?.trainLoss ?? 0) / 2);
    expect(last?.valMetric).toBeGreaterThan(0.8);
    expect(outcome.test.kind).toBe('regression');
    if (outcome.test.kind !== 'regression') return;
    expect(outcome.test.actual[0]).toBeCloseTo((data.yTest[0] as number) * 10 + 100, 4);
    expect(outcome.test.r2).toBeGreaterThan(0.8);
    expect(events.some((e) => e.type === 'eval' && e.evaluation.kind === 'regression')).toBe(true);
  });

  it('fails with nanLoss when the learning rate makes it diverge', async () => {
    const before = tf.memory().numTensors;
    const { result } = run({
      data: regressionData(),
      config: mlpConfig({ optimizer: 'sgd', learningRate: 1e30, epochs: 5 }),
    });
    expect(await result).toMatchObject({ status: 'failed', code: 'error.training.nanLoss' });
    expect(tf.memory().numTensors).toBe(before);
  });
});

/** Two overlapping classes, nine rows of class 0 for each row of class 1. */
function imbalancedData(weights: Float32Array | null): TrainingData {
  const rng = createRng(3);
  const make = (n: number): { x: Float32Array; y: Float32Array } => {
    const x = new Float32Array(n * 2);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const c = i % 10 === 0 ? 1 : 0;
      x[i * 2] = c * 1.5 + normalSample(rng);
      x[i * 2 + 1] = normalSample(rng);
      y[i] = c;
    }
    return { x, y };
  };
  const train = make(400);
  const val = make(100);
  const test = make(400);
  return {
    task: 'classification',
    width: 2,
    classNames: ['common', 'rare'],
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
    classWeights: weights,
  };
}

describe('trainMlp with class weights', () => {
  const config = mlpConfig({ epochs: 10, hiddenLayers: [8], batchSize: 32, learningRate: 0.02 });

  async function rareRecall(weights: Float32Array | null): Promise<number> {
    const { result } = run({ data: imbalancedData(weights), config });
    const test = completed(await result).test;
    if (test.kind !== 'classification') throw new Error('expected classification');
    return test.perClass[1]?.recall ?? Number.NaN;
  }

  it('raises the recall of the rare class with balanced weights', async () => {
    // Balanced weights for 360/40 rows: n / (2 × count).
    const balanced = Float32Array.from([400 / (2 * 360), 400 / (2 * 40)]);
    const unweighted = await rareRecall(null);
    const weighted = await rareRecall(balanced);
    expect(weighted).toBeGreaterThan(unweighted);
    expect(weighted).toBeGreaterThan(0.5);
  });

  it('leaks no tensors with weights', async () => {
    const weights = Float32Array.from([0.5, 5]);
    await run({ data: imbalancedData(weights), config: mlpConfig({ epochs: 1 }) }).result;
    const before = tf.memory().numTensors;
    await run({ data: imbalancedData(weights), config: mlpConfig({ epochs: 2 }) }).result;
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainMlp with per-epoch training rows', () => {
  it('asks for fresh rows from the second epoch on and leaks nothing', async () => {
    const base = classificationData();
    const asked: number[] = [];
    const data: TrainingData = {
      ...base,
      trainForEpoch: (epoch) => {
        asked.push(epoch);
        return { x: base.xTrain.map((v) => v + 0.01 * epoch), y: base.yTrain };
      },
    };
    await run({ data, config: mlpConfig({ epochs: 1 }) }).result;
    asked.length = 0;
    const before = tf.memory().numTensors;
    const outcome = completed(await run({ data, config: mlpConfig({ epochs: 3 }) }).result);
    expect(outcome.epochsRun).toBe(3);
    expect(asked).toEqual([2, 3]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
