import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { expose, proxy, wrap, type Endpoint } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type {
  TrainOutcome,
  TrainRequest,
  TrainingApi,
  TrainingEvent,
} from '../../../src/contracts/training';
import { parseFitted, parseRecipe } from '../../../src/core/recipe';
import { createTrainingService } from '../../../src/ml/training-service';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');

function request(overrides: Partial<TrainRequest> = {}, epochs = 3): TrainRequest {
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
      hiddenLayers: [8],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 16,
      epochs,
      seed: 5,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
    ...overrides,
  };
}

const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));

function finished(outcome: TrainOutcome) {
  if (outcome.status !== 'completed' && outcome.status !== 'stopped') {
    throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('createTrainingService', () => {
  it('trains iris end to end: backend, prepared, progress, done, test evaluation', async () => {
    const before = tf.memory().numTensors;
    const service = createTrainingService({ fetchText: fetchIris });
    const events: TrainingEvent[] = [];
    const outcome = finished(await service.train(request(), (e) => events.push(e)));
    expect(outcome).toMatchObject({ status: 'completed', jobId: 1, epochsRun: 3, backend: 'cpu' });
    expect(outcome.history).toHaveLength(3);
    expect(outcome.test).toMatchObject({ kind: 'classification', n: 30 });
    expect(outcome.durationMs).toBeGreaterThanOrEqual(0);

    const types = events.map((e) => e.type);
    expect(types[0]).toBe('backend');
    expect(types[1]).toBe('prepared');
    expect(types.at(-1)).toBe('done');
    expect(types.filter((t) => t === 'epoch')).toHaveLength(3);
    const prepared = events[1];
    expect(prepared?.type === 'prepared' && prepared.summary).toMatchObject({
      rowsUsed: 150,
      split: { train: 90, validation: 30, test: 30 },
      featureCount: 4,
      // (4·8 + 8) + (8·3 + 3)
      parameterCount: 67,
    });
    expect(events.every((e) => e.jobId === 1)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('returns expected failures as codes', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const ignore = (): void => undefined;
    const missing = 'https://example.test/missing.csv';
    const badDataset = { ...request().dataset, url: missing };
    expect(await service.train(request({ dataset: badDataset }), ignore)).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.dataset.fetchFailed',
      params: { url: missing },
    });
    const noTarget = { ...request().dataset, target: 'colour' };
    expect(await service.train(request({ dataset: noTarget }), ignore)).toMatchObject({
      status: 'failed',
      code: 'error.dataset.targetMissing',
    });
    const badModel = { ...request().model, batchSize: 0 };
    expect(await service.train(request({ model: badModel }), ignore)).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.config.invalid',
      params: { field: 'batchSize' },
    });
  });

  it('stops the job named by stop() and ignores stale ids', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const events: TrainingEvent[] = [];
    const outcome = finished(
      await service.train(request({ jobId: 4 }, 200), (event) => {
        events.push(event);
        if (event.type === 'epoch' && event.epoch === 1) service.stop(3);
        if (event.type === 'epoch' && event.epoch === 2) service.stop(4);
      }),
    );
    expect(outcome.status).toBe('stopped');
    expect(outcome.epochsRun).toBe(2);
    expect(outcome.test.kind).toBe('classification');
    expect(events.at(-1)?.type).toBe('done');
  });

  it('stops the running job when a new one starts', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    let markFirstBatch = (): void => undefined;
    const firstBatch = new Promise<void>((done) => (markFirstBatch = done));
    const first = service.train(request({ jobId: 1 }, 500), (e) => {
      if (e.type === 'batch') markFirstBatch();
    });
    await firstBatch;
    const second = service.train(request({ jobId: 2 }, 1), () => undefined);
    expect((await first).status).toBe('stopped');
    expect(await second).toMatchObject({ status: 'completed', jobId: 2 });
  });
});

describe('TrainingApi over comlink (in-process MessageChannel)', () => {
  const ports: { close(): void }[] = [];
  afterEach(() => {
    for (const port of ports.splice(0)) port.close();
  });

  it('streams events and stops a job through the wire', async () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    expose(createTrainingService({ fetchText: fetchIris }), port1 as unknown as Endpoint);
    const remote = wrap<TrainingApi>(port2 as unknown as Endpoint);

    const events: TrainingEvent[] = [];
    let stepAtStop = 0;
    const outcome = finished(
      await remote.train(
        request({ jobId: 9 }, 500),
        proxy((event: TrainingEvent) => {
          events.push(event);
          if (event.type === 'batch' && stepAtStop === 0) {
            stepAtStop = event.step;
            void remote.stop(9);
          }
        }),
      ),
    );
    expect(outcome.status).toBe('stopped');
    expect(outcome.jobId).toBe(9);
    expect(outcome.test).toMatchObject({ kind: 'classification', n: 30 });
    expect(events[0]?.type).toBe('backend');
    expect(events.at(-1)?.type).toBe('done');
    // The stop crosses message hops while the loop keeps yielding, so it lands a few batches
    // later; what matters is that it lands long before the 500 epochs asked for.
    expect(outcome.epochsRun).toBeLessThan(500);
  });
});

describe('recipes in the training service', () => {
  it('stores the fitted recipe with the outcome, fitted on the training split', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const outcome = finished(await service.train(request({}, 1), () => undefined));
    const fitted = parseFitted(outcome.fittedRecipe ?? '');
    expect(fitted.target).toBe('species');
    expect(fitted.steps.map(({ step }) => step.type)).toEqual(['standardize']);
  });

  it('previews every step with samples, class distribution and no tensors', async () => {
    let fetches = 0;
    const service = createTrainingService({
      fetchText: (url) => {
        fetches++;
        return fetchIris(url);
      },
    });
    const before = tf.memory().numTensors;
    const base = request();
    const preview = await service.previewRecipe({
      dataset: base.dataset,
      split: base.split,
      splitStrategy: { kind: 'stratified' },
      recipe: null,
      seed: 5,
    });
    if (!preview.ok) throw new Error(preview.code);
    expect(preview.split).toEqual({ train: 90, validation: 30, test: 30 });
    expect(preview.classDistribution).toEqual({
      classNames: ['setosa', 'versicolor', 'virginica'],
      train: [30, 30, 30],
      validation: [10, 10, 10],
      test: [10, 10, 10],
    });
    expect(preview.steps).toHaveLength(1);
    expect(preview.steps[0]).toMatchObject({ type: 'standardize', rowsBefore: 90, rowsAfter: 90 });
    expect(preview.steps[0]?.sample.rows).toHaveLength(5);
    expect(preview.problem).toBeUndefined();
    expect(parseRecipe(preview.recipe).steps[0]?.reasonKey).toBe('recipe.why.standardizeNumerics');
    // A second preview of the same file reuses the fetched text.
    await service.previewRecipe({
      dataset: base.dataset,
      split: base.split,
      splitStrategy: { kind: 'random' },
      recipe: preview.recipe,
      seed: 5,
    });
    expect(fetches).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reports a fetch failure as a code', async () => {
    const service = createTrainingService({ fetchText: fetchIris });
    const base = request();
    const preview = await service.previewRecipe({
      dataset: { ...base.dataset, url: 'https://example.test/nope.csv' },
      split: base.split,
      splitStrategy: { kind: 'random' },
      recipe: null,
      seed: 1,
    });
    expect(preview).toMatchObject({ ok: false, code: 'error.dataset.fetchFailed' });
  });
});
