import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { expose, proxy, wrap, type Endpoint } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TrainRequest, TrainingApi, TrainingEvent } from '../../../src/contracts/training';
import { proposePresets } from '../../../src/core/network/presets';
import { createTrainingService } from '../../../src/ml/training-service';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), 'public/datasets/iris.csv'), 'utf8');
const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));

function request(epochs: number): TrainRequest {
  const [preset] = proposePresets({ task: 'classification', width: 4 });
  if (!preset) throw new Error('no preset');
  return {
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
        (name) => ({
          name,
          type: 'numeric',
        }),
      ),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    model: {
      hiddenLayers: [8],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 16,
      epochs: 1,
      seed: 5,
    },
    network: { spec: preset.spec, training: { ...preset.training, epochs, batchSize: 30 } },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
  };
}

const ports: { close(): void }[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('training service: builder networks', () => {
  it('trains the network it is given, and reports it in the outcome', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const events: TrainingEvent[] = [];
    const outcome = await service.train(request(20), (e) => events.push(e));
    expect(outcome.status).toBe('completed');
    if (outcome.status !== 'completed') return;
    expect(outcome.network?.spec.layers.map((l) => l.type)).toEqual(['dense', 'dropout', 'dense']);
    expect(outcome.backend).toBe('cpu');
    expect(outcome.engine).toBe('tfjs');
    expect(outcome.fittedRecipe).toBeTruthy();
    if (outcome.test.kind === 'classification') expect(outcome.test.accuracy).toBeGreaterThan(0.8);
    expect(events.map((e) => e.type)).toContain('backend');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(20);
    expect(events[events.length - 1]?.type).toBe('done');
  });

  it('pauses over comlink, takes one batch step, resumes and finishes', async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    expose(createTrainingService({ fetchText: fetchIris }), port1 as unknown as Endpoint);
    const api = wrap<TrainingApi>(port2 as unknown as Endpoint);
    const events: TrainingEvent[] = [];
    let paused = false;
    const done = api.train(
      request(4),
      proxy((event: TrainingEvent) => {
        events.push(event);
        if (event.type === 'epoch' && event.epoch === 1 && !paused) {
          paused = true;
          void api.pause(1);
        }
      }),
    );
    while (!paused) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 100));
    const batchesWhilePaused = events.filter((e) => e.type === 'batch').length;
    await new Promise((r) => setTimeout(r, 100));
    expect(events.filter((e) => e.type === 'batch').length).toBe(batchesWhilePaused);
    await api.step(1, 'batch');
    await new Promise((r) => setTimeout(r, 150));
    expect(events.filter((e) => e.type === 'batch').length).toBe(batchesWhilePaused + 1);
    await api.resume(1);
    const outcome = await done;
    expect(outcome.status).toBe('completed');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(4);
  });

  it('refuses a loss that does not fit the task, naming the field', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const bad = request(2);
    bad.network = { ...bad.network!, training: { ...bad.network!.training, loss: 'mse' } };
    expect(await service.train(bad, () => undefined)).toMatchObject({
      status: 'failed',
      code: 'error.config.invalid',
      params: { field: 'loss' },
    });
  });
});
