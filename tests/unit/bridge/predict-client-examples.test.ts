/**
 * The cell list's examples over a real comlink channel to the real prediction service (in
 * process), through the `Prediction` state the Try it panel owns: the rows come through, a
 * crashed worker answers with the crash code, and a thrown error becomes a failed result (the
 * list still shows its table) reported to the listener.
 */
import { MessageChannel } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { expose, type Endpoint } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PredictClient } from '../../../src/bridge/predict-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';
import type { PredictApi, TestExamplesRequest } from '../../../src/contracts/predict';
import { createPredictService } from '../../../src/ml/predict-service';
import { Prediction } from '../../../src/state/Prediction.svelte';
import { DATASET, cornerModel, fetchCorners } from '../ml/predict/occlusion-fixtures';

function fakeWorker(api: PredictApi): { handle: WorkerHandle; crash(): void } {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Endpoint);
  const errors = new EventTarget();
  const client = port1 as unknown as Endpoint;
  return {
    crash: () => errors.dispatchEvent(new Event('error')),
    handle: {
      postMessage: (message: unknown, transfer?: Transferable[]) =>
        client.postMessage(message, transfer),
      addEventListener: (type, listener) =>
        type === 'message'
          ? client.addEventListener(type, listener)
          : errors.addEventListener(type, listener),
      removeEventListener: (type, listener) =>
        type === 'message'
          ? client.removeEventListener(type, listener)
          : errors.removeEventListener(type, listener),
      start: () => port1.start(),
      terminate: () => {
        port1.close();
        port2.close();
      },
    },
  };
}

let request: TestExamplesRequest;
const predictions: Prediction[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  request = {
    model: await cornerModel(),
    dataset: DATASET,
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    seed: 7,
    rows: [3, 0],
  };
});

afterEach(() => {
  for (const prediction of predictions.splice(0)) prediction.dispose();
});

function setup(api: () => PredictApi, unexpected: unknown[] = []) {
  const workers: ReturnType<typeof fakeWorker>[] = [];
  const client = new PredictClient(() => {
    const worker = fakeWorker(api());
    workers.push(worker);
    return worker.handle;
  });
  const prediction = new Prediction({ onUnexpected: (e) => unexpected.push(e) }, client);
  predictions.push(prediction);
  return { prediction, workers };
}

describe('Prediction.testExamples', () => {
  it('reads the test rows through the worker', async () => {
    const { prediction } = setup(() => createPredictService({ fetchText: fetchCorners }));
    const result = await prediction.testExamples(request);
    expect(result).toMatchObject({ ok: true, rows: [3, 0], image: { side: 8, max: 16 } });
  });

  it('answers the crash code when the worker dies', async () => {
    const stuck = {
      ...createPredictService({ fetchText: fetchCorners }),
      testExamples: () => new Promise<never>(() => undefined),
    } satisfies PredictApi;
    const { prediction, workers } = setup(() => stuck);
    const pending = prediction.testExamples(request);
    await new Promise((resolve) => setTimeout(resolve, 20));
    workers[0]?.crash();
    expect(await pending).toEqual({ ok: false, code: 'error.training.workerCrashed' });
  });

  it('turns a thrown error into a failed result and tells the listener', async () => {
    const unexpected: unknown[] = [];
    const broken = {
      ...createPredictService({ fetchText: fetchCorners }),
      testExamples: () => Promise.reject(new Error('boom')),
    } satisfies PredictApi;
    const { prediction } = setup(() => broken, unexpected);
    expect(await prediction.testExamples(request)).toEqual({
      ok: false,
      code: 'predict.error.examplesFailed',
    });
    expect(unexpected).toHaveLength(1);
  });
});
