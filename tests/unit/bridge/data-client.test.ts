import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DataApi,
  DatasetId,
  ImportOutcome,
  ImportProgress,
  ImportProgressHandler,
} from '../../../src/contracts/data';
import { DataClient } from '../../../src/bridge/data-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';

/** A DataApi whose imports settle when the test says so, honouring cancel only if told to. */
function createFakeApi() {
  const settlers = new Map<number, (outcome: ImportOutcome) => void>();
  const progress = new Map<number, ImportProgressHandler>();
  const started: (() => void)[] = [];
  const fake = {
    honoursCancel: false,
    cancels: [] as number[],
    settle: (jobId: number, outcome: ImportOutcome) => settlers.get(jobId)?.(outcome),
    progress: (jobId: number) => progress.get(jobId),
    whenStarted: () => new Promise<void>((resolve) => started.push(resolve)),
    api: {
      importFile(jobId, _file, _name, _options, onProgress) {
        if (onProgress) progress.set(jobId, onProgress);
        for (const notify of started.splice(0)) notify();
        return new Promise((resolve) => settlers.set(jobId, resolve));
      },
      cancel(jobId) {
        fake.cancels.push(jobId);
        if (fake.honoursCancel) settlers.get(jobId)?.({ status: 'cancelled' });
      },
      sniff: () => Promise.resolve({ status: 'failed', code: 'error.data.empty', params: {} }),
      listDatasets: () => Promise.resolve([]),
      getDataset: () => Promise.resolve(null),
      getProfile: () => Promise.resolve(null),
      readRows: (_id, start) => Promise.resolve({ start, rows: [[1, 'a', null]] }),
      renameDataset: () => Promise.resolve(null),
      deleteDataset: () => Promise.resolve(false),
      exportCsv: () => Promise.resolve(null),
      storageEstimate: () => Promise.resolve({ usage: 1, quota: 2, persisted: false }),
      watchStorage: () => undefined,
    } satisfies DataApi,
  };
  return fake;
}

interface FakeWorker {
  fake: ReturnType<typeof createFakeApi>;
  isTerminated: boolean;
  crash(): void;
  handle: WorkerHandle;
}

const ports: { close(): void }[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

function createFakeWorker(): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  const fake = createFakeApi();
  expose(fake.api, port2 as unknown as Endpoint);
  const errors = new EventTarget();
  const client = port1 as unknown as Endpoint;
  const worker: FakeWorker = {
    fake,
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
        worker.isTerminated = true;
        port1.close();
        port2.close();
      },
    },
  };
  return worker;
}

function setup(persist: (() => Promise<boolean>) | null = null) {
  const workers: FakeWorker[] = [];
  const client = new DataClient({
    hardStopMs: 30,
    storage: persist ? { persist } : null,
    createWorker: () => {
      const worker = createFakeWorker();
      workers.push(worker);
      return worker.handle;
    },
  });
  const current = (): FakeWorker => {
    const worker = workers.at(-1);
    if (!worker) throw new Error('no worker yet');
    return worker;
  };
  return { client, workers, current };
}

const FILE = new Blob(['a\n1\n']);
const ID = 'd' as DatasetId;

describe('DataClient', () => {
  it('forwards progress of the running import and refuses a second one', async () => {
    const { client, current } = setup();
    const seen: ImportProgress[] = [];
    const pending = client.importFile(FILE, 'a.csv', {}, (p) => seen.push(p));
    await current().fake.whenStarted();
    const event = { jobId: 1, bytesRead: 2, totalBytes: 4, rowsRead: 1 };
    await current().fake.progress(1)?.(event);
    expect(await client.importFile(FILE, 'b.csv', {})).toEqual({
      status: 'failed',
      code: 'error.data.busy',
      params: {},
    });
    current().fake.settle(1, { status: 'cancelled' });
    expect(await pending).toEqual({ status: 'cancelled' });
    expect(seen).toEqual([event]);
  });

  it('cancels cooperatively when the worker honours it', async () => {
    const { client, current, workers } = setup();
    const pending = client.importFile(FILE, 'a.csv', {});
    await current().fake.whenStarted();
    current().fake.honoursCancel = true;
    await client.cancelImport();
    expect(await pending).toEqual({ status: 'cancelled' });
    expect([workers.length, current().isTerminated, current().fake.cancels]).toEqual([
      1,
      false,
      [1],
    ]);
  });

  it('terminates a worker that ignores cancel, and starts a fresh one next time', async () => {
    const { client, workers } = setup();
    const pending = client.importFile(FILE, 'a.csv', {});
    await workers[0]?.fake.whenStarted();
    await client.cancelImport();
    expect(await pending).toEqual({ status: 'cancelled' });
    expect(workers[0]?.isTerminated).toBe(true);
    expect(await client.readRows(ID, 5, 1)).toEqual({ start: 5, rows: [[1, 'a', null]] });
    expect(workers).toHaveLength(2);
  });

  it('settles a running import as crashed when the worker dies', async () => {
    const { client, current } = setup();
    const pending = client.importFile(FILE, 'a.csv', {});
    await current().fake.whenStarted();
    current().crash();
    expect(await pending).toEqual({
      status: 'failed',
      code: 'error.data.workerCrashed',
      params: {},
    });
  });

  it('asks the main-thread storage manager for persistence', async () => {
    expect(await setup(() => Promise.resolve(true)).client.requestPersistence()).toBe(true);
    expect(await setup(null).client.requestPersistence()).toBe(false);
    expect(await setup().client.storageEstimate()).toEqual({
      usage: 1,
      quota: 2,
      persisted: false,
    });
  });
});
