/**
 * A lost GPU device during a sequence or generative run, faked as in the builder's tests: "webgl"
 * is the CPU backend underneath until a wrapped kernel throws the device-lost error. The run
 * moves to the next backend and continues from its last checkpoint, so it ends as an
 * uninterrupted run does (the forecaster bit for bit on the CPU backend).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import type {
  BackendName,
  BackendReport,
  TrainRequest,
  TrainingEvent,
} from '../../../../src/contracts/training';
import type { BackendEnvironment } from '../../../../src/ml/backend';
import { createTrainingService } from '../../../../src/ml/training-service';
import { buildSequenceRequest } from '../../../../src/state/sequence-request';

const DATASETS = resolve(process.cwd(), 'public/datasets');
const AIR = readFileSync(resolve(DATASETS, 'air_passengers.csv'), 'utf8');
const DIGITS = readFileSync(resolve(DATASETS, 'digits.csv'), 'utf8');
const MANIFEST = JSON.parse(
  readFileSync(resolve(DATASETS, 'manifest.json'), 'utf8'),
) as BuiltinDatasetEntry[];

let active: BackendName = 'cpu';
let isDeviceGone = false;
const fakeGpu: BackendEnvironment = {
  isSupported: (name) => Promise.resolve(name === 'webgl' || name === 'cpu'),
  activate: async (name) => {
    await tf.setBackend('cpu');
    active = name;
  },
};

const WRAPPED = ['Tanh', 'Relu'] as const;
const originals = WRAPPED.map((name) => tf.getKernel(name, 'cpu'));
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  WRAPPED.forEach((name, i) => {
    const original = originals[i];
    if (!original) throw new Error(`no ${name} kernel`);
    tf.unregisterKernel(name, 'cpu');
    tf.registerKernel({
      ...original,
      kernelFunc: (args) => {
        if (active === 'webgl' && isDeviceGone) {
          throw new Error('GPUDevice was lost: the device was destroyed (fake)');
        }
        return original.kernelFunc(args);
      },
    });
  });
});
afterAll(() => {
  WRAPPED.forEach((name, i) => {
    tf.unregisterKernel(name, 'cpu');
    const original = originals[i];
    if (original) tf.registerKernel(original);
  });
});

/** Trains with the device lost once `loseAt` reports an epoch (both kinds of runs). */
async function train(request: TrainRequest, loseAt?: (event: TrainingEvent) => boolean) {
  const service = createTrainingService({
    fetchText: (url) => Promise.resolve(url.endsWith('digits.csv') ? DIGITS : AIR),
    backends: fakeGpu,
  });
  const events: TrainingEvent[] = [];
  try {
    const outcome = await service.train(request, (event) => {
      events.push(event);
      if (loseAt?.(event) && active === 'webgl') isDeviceGone = true;
    });
    return { outcome, events };
  } finally {
    isDeviceGone = false;
  }
}

const backendsOf = (events: TrainingEvent[]): BackendReport[] =>
  events.flatMap((e) => (e.type === 'backend' ? [e.backend] : []));

describe('a lost GPU device during sequence and generative runs', () => {
  it('air_passengers: the forecaster moves to the CPU and continues from epoch 2', async () => {
    const entry = MANIFEST.find((e) => e.id === 'air_passengers');
    if (!entry) throw new Error('air_passengers is not shipped');
    const spec = {
      kind: 'forecast' as const,
      column: 'passengers',
      multivariate: false,
      timeColumn: 'month',
      lookback: 12,
      horizon: 1,
      epochs: 5,
      learningRate: 0.01,
      seed: 42,
    };
    const request = {
      ...buildSequenceRequest(entry, 'air_passengers.csv', spec, 'auto'),
      jobId: 1,
      checkpoint: { key: 'sequence:air_passengers', every: 2 },
    };
    const straight = await train(request);
    // Without a store the checkpoints stay in memory; the device goes during epoch 4.
    const lost = await train(request, (e) => e.type === 'epoch' && e.epoch === 3);
    if (straight.outcome.status !== 'completed' || lost.outcome.status !== 'completed')
      throw new Error(JSON.stringify(lost.outcome));
    expect(lost.outcome.backend).toBe('cpu');
    expect(backendsOf(lost.events).map((b) => b.name)).toEqual(['webgl', 'cpu']);
    expect(backendsOf(lost.events)[1]?.skipped).toContainEqual({
      name: 'webgl',
      reason: 'deviceLost',
    });
    const resumed = lost.events.find((e) => e.type === 'resumed');
    expect(resumed).toMatchObject({ reason: 'deviceLost', epoch: 2 });
    expect(lost.outcome.history).toEqual(straight.outcome.history);
    expect(lost.outcome.sequence).toEqual(straight.outcome.sequence);
  });

  it('digits: an autoencoder moves to the CPU with its losses so far', async () => {
    const request: TrainRequest = {
      jobId: 2,
      dataset: {
        id: 'digits',
        url: 'digits.csv',
        target: 'label',
        task: 'classification',
        features: Array.from({ length: 64 }, (_, i) => ({
          name: `pixel${i}`,
          type: 'image-pixel',
        })),
        classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      },
      model: {
        hiddenLayers: [],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 32,
        epochs: 1,
        seed: 3,
      },
      generative: {
        kind: 'autoencoder',
        image: { shape: [8, 8, 1], pixelRange: [0, 16] },
        hidden: [16],
        latent: 4,
        epochs: 4,
        batchSize: 64,
        learningRate: 0.005,
        beta: 1,
        seed: 3,
      },
      split: { train: 0.7, validation: 0.15, test: 0.15 },
      backend: 'auto',
      checkpoint: { key: 'generative:digits:latest', every: 2 },
    };
    const straight = await train(request);
    const lost = await train(request, (e) => e.type === 'generated' && e.epoch === 3);
    if (straight.outcome.status !== 'generated' || lost.outcome.status !== 'generated')
      throw new Error(JSON.stringify(lost.outcome));
    expect(lost.outcome.backend).toBe('cpu');
    const resumed = lost.events.find((e) => e.type === 'resumed');
    expect(resumed).toMatchObject({ reason: 'deviceLost', epoch: 2 });
    if (resumed?.type !== 'resumed') return;
    expect(resumed.generativeHistory?.map((h) => h.epoch)).toEqual([1, 2]);
    // Adam's restored bias corrections are powers of β where the straight run multiplied them
    // step by step: the same to float32 rounding, not always to the bit.
    const { reconstruction = NaN, baselineReconstruction } = lost.outcome.metrics;
    expect(baselineReconstruction).toBe(straight.outcome.metrics.baselineReconstruction);
    expect(reconstruction).toBeCloseTo(straight.outcome.metrics.reconstruction ?? NaN, 6);
    expect(lost.outcome.epochsRun).toBe(4);
  });
});
