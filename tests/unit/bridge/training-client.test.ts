import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  CrossValidationEventHandler,
  CrossValidationOutcome,
  CrossValidationRequest,
} from '../../../src/contracts/cross-validation';
import type {
  PreviewRequest,
  RecipePreviewResult,
  TrainOutcome,
  TrainRequest,
  TrainingApi,
  TrainingEvent,
  TrainingEventHandler,
} from '../../../src/contracts/training';
import {
  HARD_STOP_MS,
  MAX_CONSECUTIVE_CRASHES,
  TrainingClient,
  type WorkerHandle,
} from '../../../src/bridge/training-client';

const REQUEST: Omit<TrainRequest, 'jobId'> = {
  dataset: { id: 'iris', url: 'x', target: 'species', task: 'classification', features: [] },
  model: {
    hiddenLayers: [4],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 8,
    epochs: 2,
    seed: 1,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  backend: 'cpu',
};

/**
 * A TrainingApi whose jobs never settle by themselves: the test drives them, sending events
 * through the real comlink callback proxy and deciding whether `stop` is honoured.
 */
class FakeTrainingApi implements TrainingApi {
  readonly handlers = new Map<number, TrainingEventHandler>();
  readonly stops: number[] = [];
  readonly #settlers = new Map<number, (outcome: TrainOutcome) => void>();
  #startWaiters: { count: number; resolve: () => void }[] = [];
  #stopped: (() => void)[] = [];
  honoursStop = false;
  /** Previews wait here until the test answers them (or forever). */
  readonly previews: { request: PreviewRequest; answer: (r: RecipePreviewResult) => void }[] = [];

  /** Cross-validations wait here until the test answers them (or forever). */
  readonly crossValidations = new Map<number, (outcome: CrossValidationOutcome) => void>();

  crossValidate(
    request: CrossValidationRequest,
    onEvent: CrossValidationEventHandler,
  ): Promise<CrossValidationOutcome> {
    this.handlers.set(request.jobId, onEvent as unknown as TrainingEventHandler);
    return new Promise((resolve) => this.crossValidations.set(request.jobId, resolve));
  }

  previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult> {
    return new Promise((answer) => this.previews.push({ request, answer }));
  }

  train(request: TrainRequest, onEvent: TrainingEventHandler): Promise<TrainOutcome> {
    this.handlers.set(request.jobId, onEvent);
    for (const waiter of this.#startWaiters)
      if (this.handlers.size >= waiter.count) waiter.resolve();
    return new Promise((resolve) => this.#settlers.set(request.jobId, resolve));
  }

  stop(jobId: number): void {
    this.stops.push(jobId);
    for (const notify of this.#stopped.splice(0)) notify();
    if (this.honoursStop) this.finish({ status: 'cancelled', jobId });
  }

  readonly controls: { action: string; jobId: number }[] = [];

  pause(jobId: number): void {
    this.controls.push({ action: 'pause', jobId });
  }

  resume(jobId: number): void {
    this.controls.push({ action: 'resume', jobId });
  }

  step(jobId: number, kind: 'batch' | 'epoch'): void {
    this.controls.push({ action: `step-${kind}`, jobId });
  }

  finish(outcome: TrainOutcome): void {
    this.#settlers.get(outcome.jobId)?.(outcome);
  }

  /** Resolves once `train` has been called `count` times in all. */
  started(count: number): Promise<void> {
    if (this.handlers.size >= count) return Promise.resolve();
    return new Promise((resolve) => this.#startWaiters.push({ count, resolve }));
  }

  stopRequested(): Promise<void> {
    return new Promise((resolve) => this.#stopped.push(resolve));
  }

  /** Sends an event through the proxy and waits until the client side has handled it. */
  async send(event: TrainingEvent): Promise<void> {
    await (this.handlers.get(event.jobId)?.(event) as unknown as Promise<void>);
  }
}

interface FakeWorker {
  handle: WorkerHandle;
  api: FakeTrainingApi;
  isTerminated: boolean;
  crash(): void;
}

/** Worker stand-in: its messages go over a Node MessageChannel to an in-process exposed API. */
function createFakeWorker(): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const api = new FakeTrainingApi();
  expose(api, port2 as unknown as Endpoint);
  const errors = new EventTarget();
  const client = port1 as unknown as Endpoint;
  const fake: FakeWorker = {
    api,
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

function setup(): { client: TrainingClient; workers: FakeWorker[] } {
  const workers: FakeWorker[] = [];
  const client = new TrainingClient({
    createWorker: () => {
      const worker = createFakeWorker();
      workers.push(worker);
      return worker.handle;
    },
  });
  return { client, workers };
}

function lastOf<T>(items: T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty');
  return item;
}

let active: TrainingClient[] = [];
afterEach(() => {
  vi.useRealTimers();
  for (const client of active) client.dispose();
  active = [];
});

function tracked(): ReturnType<typeof setup> {
  const result = setup();
  active.push(result.client);
  return result;
}

describe('TrainingClient', () => {
  it('spawns no worker until the first job, then passes results through', async () => {
    const { client, workers } = tracked();
    expect(workers).toHaveLength(0);
    const outcome = client.train(REQUEST, () => undefined);
    const worker = lastOf(workers);
    await worker.api.started(1);
    worker.api.finish({ status: 'failed', jobId: 1, code: 'error.dataset.empty' });
    expect(await outcome).toEqual({ status: 'failed', jobId: 1, code: 'error.dataset.empty' });
  });

  it('numbers jobs and drops events of a superseded job', async () => {
    const { client, workers } = tracked();
    const received: TrainingEvent[] = [];
    const first = client.train(REQUEST, (e) => received.push(e));
    const second = client.train(REQUEST, (e) => received.push(e));
    const { api } = lastOf(workers);
    await api.started(2);
    expect([...api.handlers.keys()]).toEqual([1, 2]);
    await api.send({ type: 'done', jobId: 1 });
    await api.send({ type: 'done', jobId: 2 });
    expect(received).toEqual([{ type: 'done', jobId: 2 }]);
    api.finish({ status: 'cancelled', jobId: 1 });
    api.finish({ status: 'cancelled', jobId: 2 });
    expect((await first).jobId).toBe(1);
    expect((await second).jobId).toBe(2);
  });

  it('stops cooperatively without terminating a worker that honours stop', async () => {
    const { client, workers } = tracked();
    const outcome = client.train(REQUEST, () => undefined);
    const worker = lastOf(workers);
    worker.api.honoursStop = true;
    await worker.api.started(1);
    await client.stop();
    expect(worker.api.stops).toEqual([1]);
    expect(await outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(worker.isTerminated).toBe(false);
  });

  it('forwards pause, resume and single steps to the running job', async () => {
    const { client, workers } = tracked();
    const outcome = client.train(REQUEST, () => undefined);
    const worker = lastOf(workers);
    await worker.api.started(1);
    client.pause();
    client.step('batch');
    client.step('epoch');
    client.resume();
    await vi.waitFor(() => expect(worker.api.controls).toHaveLength(4));
    expect(worker.api.controls).toEqual([
      { action: 'pause', jobId: 1 },
      { action: 'step-batch', jobId: 1 },
      { action: 'step-epoch', jobId: 1 },
      { action: 'resume', jobId: 1 },
    ]);
    worker.api.finish({ status: 'cancelled', jobId: 1 });
    await outcome;
  });

  it('terminates a worker that ignores stop after HARD_STOP_MS and starts a fresh one', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { client, workers } = tracked();
    let settled: TrainOutcome | null = null;
    void client.train(REQUEST, () => undefined).then((o) => (settled = o));
    const stuck = lastOf(workers);
    await stuck.api.started(1);
    const stopRequested = stuck.api.stopRequested();
    const stopping = client.stop();
    await stopRequested;

    await vi.advanceTimersByTimeAsync(HARD_STOP_MS - 1);
    expect(settled).toBeNull();
    expect(stuck.isTerminated).toBe(false);

    await vi.advanceTimersByTimeAsync(1);
    await stopping;
    expect(settled).toEqual({ status: 'cancelled', jobId: 1 });
    expect(stuck.isTerminated).toBe(true);

    void client.train(REQUEST, () => undefined);
    expect(workers).toHaveLength(2);
    await lastOf(workers).api.started(1);
    expect([...lastOf(workers).api.handlers.keys()]).toEqual([2]);
  });

  it('fails the pending job on a crash and restarts the worker for the next one', async () => {
    const { client, workers } = tracked();
    const outcome = client.train(REQUEST, () => undefined);
    const crashed = lastOf(workers);
    await crashed.api.started(1);
    crashed.crash();
    expect(await outcome).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.training.workerCrashed',
      params: { crashes: 1 },
    });
    expect(crashed.isTerminated).toBe(true);

    const next = client.train(REQUEST, () => undefined);
    expect(workers).toHaveLength(2);
    const fresh = lastOf(workers);
    await fresh.api.started(1);
    fresh.api.finish({ status: 'cancelled', jobId: 2 });
    expect(await next).toEqual({ status: 'cancelled', jobId: 2 });
  });

  it(`gives up after ${MAX_CONSECUTIVE_CRASHES} crashes in a row`, async () => {
    const { client, workers } = tracked();
    for (let i = 1; i <= MAX_CONSECUTIVE_CRASHES; i++) {
      const outcome = client.train(REQUEST, () => undefined);
      const worker = lastOf(workers);
      await worker.api.started(1);
      worker.crash();
      expect(await outcome).toMatchObject({ status: 'failed', params: { crashes: i } });
    }
    expect(await client.train(REQUEST, () => undefined)).toEqual({
      status: 'failed',
      jobId: MAX_CONSECUTIVE_CRASHES + 1,
      code: 'error.training.workerCrashed',
      params: { crashes: MAX_CONSECUTIVE_CRASHES, gaveUp: 1 },
    });
    expect(workers).toHaveLength(MAX_CONSECUTIVE_CRASHES);
  });

  it('forgets earlier crashes once a job settles normally', async () => {
    const { client, workers } = tracked();
    for (let i = 0; i < MAX_CONSECUTIVE_CRASHES - 1; i++) {
      const outcome = client.train(REQUEST, () => undefined);
      await lastOf(workers).api.started(1);
      lastOf(workers).crash();
      await outcome;
    }
    const ok = client.train(REQUEST, () => undefined);
    await lastOf(workers).api.started(1);
    lastOf(workers).api.finish({ status: 'cancelled', jobId: MAX_CONSECUTIVE_CRASHES });
    await ok;
    const outcome = client.train(REQUEST, () => undefined);
    await lastOf(workers).api.started(2);
    lastOf(workers).crash();
    expect(await outcome).toMatchObject({ status: 'failed', params: { crashes: 1 } });
  });

  it('cancels pending jobs and terminates the worker on dispose', async () => {
    const { client, workers } = tracked();
    const outcome = client.train(REQUEST, () => undefined);
    await lastOf(workers).api.started(1);
    client.dispose();
    expect(await outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(lastOf(workers).isTerminated).toBe(true);
  });

  it('answers a recipe preview through the worker', async () => {
    const { client, workers } = tracked();
    const request: PreviewRequest = {
      dataset: REQUEST.dataset,
      split: REQUEST.split,
      splitStrategy: { kind: 'random' },
      recipe: null,
      seed: 3,
    };
    const pending = client.previewRecipe(request);
    await vi.waitFor(() => expect(lastOf(workers).api.previews).toHaveLength(1));
    const [preview] = lastOf(workers).api.previews;
    expect(preview?.request).toEqual(request);
    preview?.answer({ ok: false, code: 'error.dataset.empty' });
    expect(await pending).toEqual({ ok: false, code: 'error.dataset.empty' });
  });

  it('rejects a pending preview when the worker goes away', async () => {
    const { client, workers } = tracked();
    const pending = client.previewRecipe({
      dataset: REQUEST.dataset,
      split: REQUEST.split,
      splitStrategy: { kind: 'stratified' },
      recipe: null,
      seed: 1,
    });
    await vi.waitFor(() => expect(lastOf(workers).api.previews).toHaveLength(1));
    lastOf(workers).crash();
    await expect(pending).rejects.toMatchObject({ name: 'WorkerLost' });
  });

  it('runs a cross-validation as a job: its outcome passes through, a crash fails it', async () => {
    const { client, workers } = tracked();
    const cvRequest = {
      dataset: REQUEST.dataset,
      split: REQUEST.split,
      seed: 1,
      folds: 5,
      configs: [{ model: REQUEST.model, recipe: null, backend: 'cpu' as const }],
    };
    const done = client.crossValidate(cvRequest, () => undefined);
    const { api } = lastOf(workers);
    await vi.waitFor(() => expect(api.crossValidations.size).toBe(1));
    const outcome: CrossValidationOutcome = {
      status: 'completed',
      jobId: 1,
      folds: 5,
      rows: 10,
      results: [[]],
      durationMs: 1,
    };
    api.crossValidations.get(1)?.(outcome);
    expect(await done).toEqual(outcome);

    const crashed = client.crossValidate(cvRequest, () => undefined);
    await vi.waitFor(() => expect(api.crossValidations.size).toBe(2));
    lastOf(workers).crash();
    expect(await crashed).toMatchObject({ status: 'failed', code: 'error.training.workerCrashed' });
  });
});
