import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { ExploreClient } from '../../../src/bridge/explore-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';
import type {
  ExploreApi,
  ExploreEvent,
  ExploreOutcome,
  ExploreRequest,
} from '../../../src/contracts/explore';
import { createExploreService } from '../../../src/ml/explore/explore-service';

const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');

const REQUEST: Omit<ExploreRequest, 'jobId'> = {
  dataset: {
    id: 'iris',
    url: 'iris.csv',
    target: 'species',
    task: 'classification',
    features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
      (name) => ({ name, type: 'numeric' }),
    ),
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  splitStrategy: { kind: 'stratified' },
  recipe: null,
  seed: 1,
  method: 'pca',
  params: {},
  colorBy: 'label',
};

interface FakeWorker {
  handle: WorkerHandle;
  isTerminated: boolean;
  crash(): void;
}

/** Worker stand-in: messages go over a Node MessageChannel to an in-process exposed API. */
function fakeWorker(api: ExploreApi): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Endpoint);
  const errors = new EventTarget();
  const client = port1 as unknown as Endpoint;
  const fake: FakeWorker = {
    isTerminated: false,
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
        fake.isTerminated = true;
        port1.close();
        port2.close();
      },
    },
  };
  return fake;
}

/** Never settles and ignores stop: a worker stuck in a synchronous step. */
const stuckApi: ExploreApi = {
  explore: () => new Promise<ExploreOutcome>(() => undefined),
  stop: () => undefined,
};

let clients: ExploreClient[] = [];
afterEach(() => {
  for (const client of clients) client.dispose();
  clients = [];
});

function setup(api: () => ExploreApi, hardStopMs = 2000) {
  const workers: FakeWorker[] = [];
  const client = new ExploreClient({
    hardStopMs,
    createWorker: () => {
      const worker = fakeWorker(api());
      workers.push(worker);
      return worker.handle;
    },
  });
  clients.push(client);
  return { client, workers };
}

describe('ExploreClient', () => {
  it('starts the worker on the first job and passes events and the result through', async () => {
    const { client, workers } = setup(() =>
      createExploreService({ fetchText: () => Promise.resolve(IRIS) }),
    );
    expect(workers).toHaveLength(0);
    const events: ExploreEvent[] = [];
    const outcome = await client.explore(REQUEST, (event) => events.push(event));
    expect(outcome.status).toBe('completed');
    expect(outcome.jobId).toBe(1);
    expect(events[0]).toMatchObject({ type: 'prepared', jobId: 1, rows: 90 });
    expect(workers).toHaveLength(1);
  });

  it('terminates a worker that ignores stop and answers cancelled', async () => {
    const { client, workers } = setup(() => stuckApi, 20);
    const outcome = client.explore(REQUEST, () => undefined);
    await client.stop();
    expect(await outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(workers[0]!.isTerminated).toBe(true);
  });

  it('a crash fails the pending job; a fresh worker takes the next one', async () => {
    const { client, workers } = setup(() => stuckApi);
    const outcome = client.explore(REQUEST, () => undefined);
    workers[0]!.crash();
    expect(await outcome).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.training.workerCrashed',
      params: { crashes: 1 },
    });
    void client.explore(REQUEST, () => undefined);
    expect(workers).toHaveLength(2);
  });

  it('after dispose, jobs come back cancelled without a worker', async () => {
    const { client, workers } = setup(() => stuckApi);
    client.dispose();
    expect(await client.explore(REQUEST, () => undefined)).toEqual({
      status: 'cancelled',
      jobId: 1,
    });
    expect(workers).toHaveLength(0);
  });
});
