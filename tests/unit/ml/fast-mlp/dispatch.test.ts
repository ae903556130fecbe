/**
 * Which engine the training worker picks for an MLP: the tiny engine for Playground-size nets,
 * the fast engine for larger ones on the WASM or CPU backend, tfjs on GPU backends; and the
 * worker's outcome says which ran.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainRequest, TrainingEvent } from '../../../../src/contracts/training';
import { shouldUseFastPath } from '../../../../src/ml/fast-mlp/train-fast';
import { createTrainingService } from '../../../../src/ml/training-service';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');

function request(hiddenLayers: number[]): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
        (name) => ({ name, type: 'numeric' }),
      ),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    model: {
      hiddenLayers,
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 2,
      seed: 5,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
  };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('engine choice', () => {
  it('takes MLPs above the tiny limits on wasm and cpu only', () => {
    const big = { hiddenLayers: [128, 64], batchSize: 128 };
    const small = { hiddenLayers: [8, 8], batchSize: 10 };
    expect(shouldUseFastPath('wasm', 784, 10, big, 4000)).toBe(true);
    expect(shouldUseFastPath('cpu', 784, 10, big, 4000)).toBe(true);
    expect(shouldUseFastPath('webgl', 784, 10, big, 4000)).toBe(false);
    expect(shouldUseFastPath('webgpu', 784, 10, big, 4000)).toBe(false);
    expect(shouldUseFastPath('wasm', 2, 2, small, 500)).toBe(false);
  });

  it('reports the engine that ran in the outcome, with no tensor left', async () => {
    const service = createTrainingService({
      fetchText: (url) =>
        url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(url)),
    });
    const before = tf.memory().numTensors;
    const events: TrainingEvent[] = [];
    const fast = await service.train(request([200, 100]), (e) => events.push(e));
    expect(fast).toMatchObject({ status: 'completed', engine: 'fast', backend: 'cpu' });
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(2);
    expect(events.at(-1)?.type).toBe('done');
    const tiny = await service.train(request([8]), () => undefined);
    expect(tiny).toMatchObject({ status: 'completed', engine: 'tiny' });
    expect(tf.memory().numTensors).toBe(before);
  });
});
