/**
 * `trainTinyMlp`'s own contract: determinism, stop and divergence semantics, tensor hygiene,
 * sparse yielding, and when the tiny path is chosen. Agreement with `trainMlp` lives in
 * equivalence.test.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { TrainingEvent } from '../../../../src/contracts/training';
import { buildMlp, countParameters } from '../../../../src/ml/mlp';
import {
  shouldUseTinyPath,
  trainTinyMlp,
  YIELD_INTERVAL_MS,
} from '../../../../src/ml/tiny/train-tiny';
import type { TrainJob, TrainResult } from '../../../../src/ml/train-loop';
import type * as YieldModule from '../../../../src/ml/yield';
import { classificationData, mlpConfig, regressionData, steppingClock } from '../synthetic';

const yields = vi.hoisted(() => ({ count: 0 }));
// Counts yields while keeping the real MessageChannel hop, so stop messages still get in.
vi.mock('../../../../src/ml/yield', async (importOriginal) => {
  const real = await importOriginal<typeof YieldModule>();
  return {
    yieldToEventLoop: () => {
      yields.count++;
      return real.yieldToEventLoop();
    },
  };
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function run(overrides: Partial<TrainJob> = {}) {
  const events: TrainingEvent[] = [];
  const result = await trainTinyMlp({
    jobId: 5,
    data: classificationData(),
    config: mlpConfig(),
    emit: (event) => events.push(event),
    isStopRequested: () => false,
    now: steppingClock(),
    ...overrides,
  });
  return { events, result };
}

function completed(result: TrainResult) {
  if (result.status === 'failed') throw new Error(`training failed: ${result.code}`);
  return result;
}

describe('trainTinyMlp', () => {
  it('learns, and repeats itself bit for bit for the same seed only', async () => {
    const a = await run({ config: mlpConfig({ epochs: 8 }) });
    const b = await run({ config: mlpConfig({ epochs: 8 }) });
    const c = await run({ config: mlpConfig({ epochs: 8, seed: 43 }) });
    const outcome = completed(a.result);
    expect(outcome.history[7]?.valMetric).toBeGreaterThan(0.9);
    expect(b.result).toEqual(a.result);
    expect(b.events).toEqual(a.events);
    expect(completed(c.result).history).not.toEqual(outcome.history);
  });

  it('reports the same parameter count as the tfjs model before training', async () => {
    const config = mlpConfig({ hiddenLayers: [8, 8] });
    const model = buildMlp(2, 3, config, 'classification');
    const expected = countParameters(model);
    model.dispose();
    let reported = 0;
    await run({ data: classificationData(3), config, onModelBuilt: (n) => (reported = n) });
    expect(reported).toBe(expected);
  });

  it('stops after the batch during which the stop was requested', async () => {
    let isStopRequested = false;
    const events: TrainingEvent[] = [];
    const { result } = await run({
      config: mlpConfig({ epochs: 50 }),
      isStopRequested: () => isStopRequested,
      emit: (event) => {
        events.push(event);
        if (event.type === 'batch' && event.step === 6) isStopRequested = true;
      },
    });
    const outcome = completed(result);
    expect(outcome.status).toBe('stopped');
    expect(events.filter((e) => e.type === 'batch' && e.step > 6)).toHaveLength(0);
    // Step 6 is batch 2 of epoch 2: only epoch 1 completed, and the test set is still scored.
    expect(outcome.epochsRun).toBe(1);
    expect(outcome.test).toMatchObject({ kind: 'classification', n: 24 });
  });

  it('yields at most every YIELD_INTERVAL_MS, and a stop message lands at the next yield', async () => {
    // One clock read per batch costs 1 ms, so a yield comes only every few batches.
    let t = 0;
    let isStopRequested = false;
    let yieldsAtRequest = -1;
    let batches = 0;
    const events: TrainingEvent[] = [];
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      isStopRequested = true;
      channel.port1.close();
    };
    yields.count = 0;
    const result = await trainTinyMlp({
      jobId: 5,
      data: classificationData(),
      config: mlpConfig({ epochs: 50, batchSize: 4 }),
      emit: (event) => {
        events.push(event);
        if (event.type === 'epoch' && event.epoch === 2) {
          yieldsAtRequest = yields.count;
          channel.port2.postMessage('stop');
        }
      },
      // Asked once after every batch, so it doubles as a batch counter.
      isStopRequested: () => {
        batches++;
        return isStopRequested;
      },
      now: () => (t += 1),
    });
    channel.port2.close();
    expect(completed(result).status).toBe('stopped');
    // Two epochs of 16 batches ran before the request.
    expect(batches).toBeGreaterThan(32);
    // Far fewer yields than batches (the saving over yielding every batch), yet one at least
    // every YIELD_INTERVAL_MS clock reads, and at most two clock reads happen per batch here.
    expect(yields.count).toBeLessThan(batches / 3);
    expect(yields.count).toBeGreaterThanOrEqual(Math.floor(batches / YIELD_INTERVAL_MS));
    // Messages on two ports are not ordered with each other, so allow the next yield but one.
    expect(yields.count - yieldsAtRequest).toBeGreaterThanOrEqual(1);
    expect(yields.count - yieldsAtRequest).toBeLessThanOrEqual(2);
  });

  it('throttles validation evals but always sends the last completed epoch', async () => {
    // A frozen clock: only the first epoch's eval passes the throttle, and the last epoch's.
    const { events, result } = await run({ now: () => 0, config: mlpConfig({ epochs: 6 }) });
    expect(completed(result).epochsRun).toBe(6);
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(6);
    expect(events.flatMap((e) => (e.type === 'eval' ? [e.epoch] : []))).toEqual([1, 6]);

    let isStopRequested = false;
    const stopped: TrainingEvent[] = [];
    await run({
      now: () => 0,
      config: mlpConfig({ epochs: 50 }),
      isStopRequested: () => isStopRequested,
      emit: (event) => {
        stopped.push(event);
        if (event.type === 'epoch' && event.epoch === 3) isStopRequested = true;
      },
    });
    // Stopped during epoch 4: the held-back eval of epoch 3 still goes out, last.
    const evals = stopped.flatMap((e) => (e.type === 'eval' ? [e.epoch] : []));
    expect(evals).toEqual([1, 3]);
  });

  it('fails with nanLoss on NaN features and on a diverging learning rate', async () => {
    const data = classificationData();
    data.xTrain[5] = Number.NaN;
    expect((await run({ data })).result).toMatchObject({
      status: 'failed',
      code: 'error.training.nanLoss',
      params: { epoch: 1 },
    });
    const diverging = await run({
      data: regressionData(),
      config: mlpConfig({ optimizer: 'sgd', learningRate: 1e6, epochs: 20 }),
    });
    expect(diverging.result).toMatchObject({ status: 'failed', code: 'error.training.nanLoss' });
  });

  it('leaves no tensor behind: only the initial-weight model ever exists, and is disposed', async () => {
    const before = tf.memory().numTensors;
    const during: number[] = [];
    await run({
      emit: (event) => {
        if (event.type === 'batch') during.push(tf.memory().numTensors);
      },
    });
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((n) => n === before)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses an empty validation split like trainMlp', async () => {
    const data = { ...classificationData(), xVal: new Float32Array(0), yVal: new Float32Array(0) };
    expect((await run({ data })).result).toMatchObject({
      status: 'failed',
      code: 'error.config.invalid',
    });
  });
});

describe('shouldUseTinyPath', () => {
  it("takes TensorFlow Playground's networks", () => {
    expect(shouldUseTinyPath(2, 2, { hiddenLayers: [8, 8], batchSize: 10 }, 500)).toBe(true);
    expect(shouldUseTinyPath(6, 1, { hiddenLayers: [8, 8, 8, 8, 8, 8], batchSize: 30 }, 500)).toBe(
      true,
    );
  });

  it('leaves wide, many-parameter or large-batch networks to tfjs', () => {
    // 784-128-64-10: over every limit.
    expect(shouldUseTinyPath(784, 10, { hiddenLayers: [128, 64], batchSize: 128 }, 1e4)).toBe(
      false,
    );
    // One layer wider than 64 units.
    expect(shouldUseTinyPath(2, 2, { hiddenLayers: [65], batchSize: 10 }, 500)).toBe(false);
    // 4,600 parameters fit, but not with 512-row batches...
    const wide = { hiddenLayers: [64, 64], batchSize: 512 };
    expect(shouldUseTinyPath(6, 2, wide, 1e4)).toBe(false);
    // ...unless the data has fewer rows than a batch, which caps the batch as trainMlp does.
    expect(shouldUseTinyPath(6, 2, wide, 40)).toBe(true);
  });
});
