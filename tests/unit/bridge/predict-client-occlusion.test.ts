/**
 * The prediction client's occlusion map over a real comlink channel to the real prediction
 * service (in process): progress and the map come through, a cancel reaches the worker, and a
 * crash answers the pending map with the crash code. (The service's own cancel between batches
 * is tested in tests/unit/ml/predict/occlusion.test.ts.)
 */
import { MessageChannel } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { expose, type Endpoint } from 'comlink';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PredictClient } from '../../../src/bridge/predict-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';
import type {
  OcclusionRequest,
  OcclusionResult,
  PredictApi,
  PredictableModel,
  PredictProgress,
} from '../../../src/contracts/predict';
import { createPredictService } from '../../../src/ml/predict-service';
import { PIXELS, cornerModel, fetchCorners } from '../ml/predict/occlusion-fixtures';

interface FakeWorker {
  handle: WorkerHandle;
  crash(): void;
}

/** Worker stand-in: messages go over a Node MessageChannel to an in-process exposed API. */
function fakeWorker(api: PredictApi): FakeWorker {
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

let model: PredictableModel;
let clients: PredictClient[] = [];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await cornerModel();
});

afterEach(() => {
  for (const client of clients) client.dispose();
  clients = [];
});

function setup(api: () => PredictApi) {
  const workers: FakeWorker[] = [];
  const client = new PredictClient(() => {
    const worker = fakeWorker(api());
    workers.push(worker);
    return worker.handle;
  });
  clients.push(client);
  return { client, workers };
}

function request(patch = 2): Omit<OcclusionRequest, 'jobId'> {
  return { model, image: { kind: 'pixels', values: PIXELS.map(() => 4) }, patch, fill: 'zero' };
}

describe('PredictClient.occlusionMap', () => {
  it('passes progress and the map through', async () => {
    const { client } = setup(() => createPredictService({ fetchText: fetchCorners }));
    const progress: PredictProgress[] = [];
    const job = client.occlusionMap(request(), (p) => progress.push(p));
    const result = await job.result;
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.jobId).toBe(job.jobId);
    expect(result.evaluations).toBe(49);
    expect(result.heat[0]).toBeGreaterThan(0.4);
    expect(progress.at(-1)).toEqual({ jobId: job.jobId, done: 49, total: 49 });
  });

  it('reaches the worker with a cancel', async () => {
    // A map that only ends when its cancel arrives: the test does not race a real loop.
    let release: (jobId: number) => void = () => undefined;
    const waiting = {
      ...createPredictService({ fetchText: fetchCorners }),
      occlusionMap: (r: OcclusionRequest) =>
        new Promise<OcclusionResult>((settle) => {
          release = (jobId) => settle({ ok: false, jobId, code: 'cancelled' });
          expect(r.jobId).toBeGreaterThan(0);
        }),
      cancel: (jobId: number) => release(jobId),
    } satisfies PredictApi;
    const { client } = setup(() => waiting);
    const job = client.occlusionMap(request(), () => undefined);
    await new Promise((resolve) => setTimeout(resolve, 20));
    client.cancel(job.jobId);
    expect(await job.result).toEqual({ ok: false, jobId: job.jobId, code: 'cancelled' });
  });

  it('answers a pending map with the crash code when the worker dies', async () => {
    const stuck = {
      ...createPredictService({ fetchText: fetchCorners }),
      occlusionMap: () => new Promise<never>(() => undefined),
    } satisfies PredictApi;
    const { client, workers } = setup(() => stuck);
    const job = client.occlusionMap(request(), () => undefined);
    workers[0]?.crash();
    expect(await job.result).toEqual({
      ok: false,
      jobId: job.jobId,
      code: 'error.training.workerCrashed',
    });
  });
});
