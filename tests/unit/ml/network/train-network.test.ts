import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../../src/contracts/training';
import type { NetworkSpec } from '../../../../src/core/network/spec';
import { defaultOptimizer, type NetworkTraining } from '../../../../src/core/network/training-spec';
import { createRng } from '../../../../src/core/rng';
import type { NetworkCheckpoint } from '../../../../src/ml/network/checkpoint';
import { RunControl } from '../../../../src/ml/network/run-control';
import {
  trainNetwork,
  type NetworkJob,
  type NetworkResult,
} from '../../../../src/ml/network/train-network';
import type { TrainingData } from '../../../../src/ml/train-loop';
import { classificationData, regressionData, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function settings(overrides: Partial<NetworkTraining> = {}): NetworkTraining {
  return {
    loss: 'sparseCategoricalCrossentropy',
    huberDelta: 1,
    optimizer: defaultOptimizer('adam'),
    learningRate: 0.05,
    schedule: { kind: 'constant' },
    regularization: { l1: 0, l2: 0 },
    earlyStopping: { enabled: false, monitor: 'valLoss', patience: 3, restoreBest: true },
    clipNorm: 0,
    batchSize: 16,
    epochs: 6,
    seed: 42,
    ...overrides,
  };
}

const mlp: NetworkSpec = {
  inputShape: [2],
  layers: [{ type: 'dense', units: 8, activation: 'relu' }],
};

function job(overrides: Partial<NetworkJob> = {}): NetworkJob & { events: TrainingEvent[] } {
  const events: TrainingEvent[] = [];
  return {
    jobId: 3,
    data: classificationData(),
    spec: mlp,
    training: settings(),
    emit: (event) => events.push(event),
    control: new RunControl(),
    now: steppingClock(),
    events,
    ...overrides,
  };
}

function completed(result: NetworkResult) {
  if (result.status === 'failed')
    throw new Error(`failed: ${result.code} ${JSON.stringify(result.params)}`);
  return result;
}

/** 6×6 one-channel images: class 1 has a bright left half, class 0 a bright right half. */
function halvesData(seed = 5): TrainingData {
  const rng = createRng(seed);
  const make = (n: number) => {
    const x = new Float32Array(n * 36);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      y[i] = label;
      for (let r = 0; r < 6; r++) {
        for (let c = 0; c < 6; c++) {
          const bright = c < 3 === (label === 1);
          x[i * 36 + r * 6 + c] = (bright ? 1 : 0) + 0.3 * (rng() - 0.5);
        }
      }
    }
    return { x, y };
  };
  const train = make(40);
  const val = make(16);
  const test = make(16);
  return {
    task: 'classification',
    width: 36,
    classNames: ['right', 'left'],
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

describe('trainNetwork', () => {
  it('trains a dense stack to separate blobs and leaves no tensor behind', async () => {
    const before = tf.memory().numTensors;
    const run = job();
    const result = completed(await trainNetwork(run));
    expect(result.status).toBe('completed');
    expect(result.history).toHaveLength(6);
    expect(result.test.kind).toBe('classification');
    if (result.test.kind === 'classification') expect(result.test.accuracy).toBeGreaterThan(0.9);
    expect(tf.memory().numTensors).toBe(before);
    expect(run.events.some((e) => e.type === 'eval')).toBe(true);
  });

  it('keeps the tensor count flat from epoch to epoch', async () => {
    const counts: number[] = [];
    const run = job({ emit: (e) => e.type === 'epoch' && counts.push(tf.memory().numTensors) });
    completed(await trainNetwork(run));
    expect(new Set(counts).size).toBe(1);
  });

  it('trains a CNN on images reshaped from rows', async () => {
    const spec: NetworkSpec = {
      inputShape: [6, 6, 1],
      layers: [
        {
          type: 'conv2d',
          filters: 4,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
      ],
    };
    const result = completed(
      await trainNetwork(job({ data: halvesData(), spec, training: settings({ epochs: 8 }) })),
    );
    if (result.test.kind === 'classification') expect(result.test.accuracy).toBeGreaterThan(0.9);
  });

  it('trains regression with the Huber loss and beats the mean predictor', async () => {
    const result = completed(
      await trainNetwork(
        job({ data: regressionData(), training: settings({ loss: 'huber', epochs: 20 }) }),
      ),
    );
    expect(result.test.kind).toBe('regression');
    if (result.test.kind === 'regression') expect(result.test.r2).toBeGreaterThan(0.8);
  });

  it('gives the same losses for the same seed', async () => {
    const losses = async () => completed(await trainNetwork(job())).history.map((r) => r.trainLoss);
    expect(await losses()).toEqual(await losses());
  });

  it('resumes from a checkpoint exactly where an uninterrupted run would be', async () => {
    const uninterrupted = completed(await trainNetwork(job()));
    const checkpoints: NetworkCheckpoint[] = [];
    await trainNetwork(
      job({
        checkpointEvery: 3,
        training: settings({ epochs: 3 }),
        onCheckpoint: (c) => void checkpoints.push(c),
      }),
    );
    expect(checkpoints.map((c) => c.epoch)).toEqual([3]);
    const resumed = completed(await trainNetwork(job({ resumeFrom: checkpoints[0] })));
    expect(resumed.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    const a = uninterrupted.history.map((r) => r.trainLoss);
    const b = resumed.history.map((r) => r.trainLoss);
    for (let i = 0; i < a.length; i++) expect(b[i]).toBeCloseTo(a[i]!, 5);
  });

  it('with dropout: the same seed repeats, and a resumed run draws the masks an uninterrupted one would', async () => {
    const spec: NetworkSpec = {
      inputShape: [2],
      layers: [
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'dropout', rate: 0.5 },
      ],
    };
    const losses = async (overrides: Partial<NetworkJob> = {}) =>
      completed(await trainNetwork(job({ spec, ...overrides }))).history.map((r) => r.trainLoss);
    const uninterrupted = await losses();
    expect(await losses()).toEqual(uninterrupted);
    const checkpoints: NetworkCheckpoint[] = [];
    await trainNetwork(
      job({
        spec,
        checkpointEvery: 3,
        training: settings({ epochs: 3 }),
        onCheckpoint: (c) => void checkpoints.push(c),
      }),
    );
    const resumed = await losses({ resumeFrom: checkpoints[0] });
    expect(resumed.slice(3)).toEqual(uninterrupted.slice(3));
  });

  it('pauses, takes a single batch step, and stops with a checkpoint', async () => {
    const control = new RunControl();
    const checkpoints: NetworkCheckpoint[] = [];
    const run = job({ control, onCheckpoint: (c) => void checkpoints.push(c) });
    let epochsSeen = 0;
    run.emit = (event) => {
      run.events.push(event);
      if (event.type === 'epoch' && ++epochsSeen === 1) control.pause();
    };
    const done = trainNetwork(run);
    while (control.state !== 'paused' || epochsSeen === 0)
      await new Promise((r) => setTimeout(r, 1));
    await new Promise((r) => setTimeout(r, 5));
    const batchesBefore = run.events.filter((e) => e.type === 'batch').length;
    control.step('batch');
    await new Promise((r) => setTimeout(r, 20));
    expect(run.events.filter((e) => e.type === 'batch').length).toBe(batchesBefore + 1);
    control.stop();
    const result = completed(await done);
    expect(result.status).toBe('stopped');
    expect(result.epochsRun).toBe(1);
    expect(checkpoints.map((c) => c.epoch)).toEqual([1]);
  });

  it('stops early after `patience` epochs without improvement and restores the best weights', async () => {
    const result = completed(
      await trainNetwork(
        job({
          training: settings({
            epochs: 40,
            learningRate: 0.1,
            earlyStopping: { enabled: true, monitor: 'valLoss', patience: 2, restoreBest: true },
          }),
        }),
      ),
    );
    expect(result.stoppedEarlyAt).toBeDefined();
    expect(result.stoppedEarlyAt).toBeLessThan(40);
    expect(result.bestEpoch).toBe(result.stoppedEarlyAt! - 2);
  });

  it('follows the learning-rate schedule epoch by epoch', async () => {
    const result = completed(
      await trainNetwork(
        job({
          training: settings({
            epochs: 4,
            learningRate: 0.1,
            schedule: { kind: 'step', every: 2, factor: 0.5 },
          }),
        }),
      ),
    );
    expect(result.history.map((r) => r.learningRate)).toEqual([0.1, 0.1, 0.05, 0.05]);
  });

  it('reports a diverging run as a NaN loss with its epoch', async () => {
    const result = await trainNetwork(
      job({
        data: regressionData(),
        training: settings({ loss: 'mse', learningRate: 1e12, optimizer: defaultOptimizer('sgd') }),
      }),
    );
    expect(result).toMatchObject({ status: 'failed', code: 'error.training.nanLoss' });
  });

  it('refuses a loss that does not fit the task, or rows that do not fit the input', async () => {
    expect(await trainNetwork(job({ training: settings({ loss: 'mse' }) }))).toMatchObject({
      status: 'failed',
      params: { field: 'loss' },
    });
    expect(
      await trainNetwork(job({ spec: { inputShape: [3], layers: mlp.layers } })),
    ).toMatchObject({
      status: 'failed',
      params: { field: 'inputShape' },
    });
  });

  it('trains an embedding + attention stack on token sequences', async () => {
    // Class = whether token 1 comes before token 2 in the sequence: order matters.
    const rng = createRng(9);
    const make = (n: number) => {
      const x = new Float32Array(n * 6);
      const y = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const a = Math.floor(rng() * 6);
        let b = Math.floor(rng() * 5);
        if (b >= a) b++;
        for (let t = 0; t < 6; t++) x[i * 6 + t] = 3 + Math.floor(rng() * 4);
        x[i * 6 + a] = 1;
        x[i * 6 + b] = 2;
        y[i] = a < b ? 1 : 0;
      }
      return { x, y };
    };
    const train = make(160);
    const val = make(40);
    const test = make(40);
    const data: TrainingData = {
      task: 'classification',
      width: 6,
      classNames: ['after', 'before'],
      xTrain: train.x,
      yTrain: train.y,
      xVal: val.x,
      yVal: val.y,
      xTest: test.x,
      yTest: test.y,
      targetScale: null,
    };
    const spec: NetworkSpec = {
      inputShape: [6],
      layers: [
        { type: 'embedding', inputDim: 8, outputDim: 8 },
        { type: 'attention', heads: 2, keyDim: 4, feedForward: 16, dropout: 0, positional: true },
      ],
    };
    const result = completed(
      await trainNetwork(
        job({ data, spec, training: settings({ epochs: 15, learningRate: 0.01 }) }),
      ),
    );
    if (result.test.kind === 'classification') expect(result.test.accuracy).toBeGreaterThan(0.75);
  });
});
