/**
 * The store writer: an import whose chunks are profiled and written by a second "thread" (a
 * comlink endpoint over an in-process MessageChannel, buffers transferred, its own IndexedDB
 * connection) stores and profiles exactly what the single-thread import does, and stays atomic
 * under faults and cancel.
 */
import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  ColumnChunk,
  DataApi,
  DatasetId,
  ImportOutcome,
  StoredDatasetMeta,
} from '../../../src/contracts/data';
import {
  createRemoteSink,
  createStoreSink,
  createStoreWriter,
  type StoreWriterApi,
} from '../../../src/ingest/chunk-sink';
import { createDataService, type DataServiceDeps } from '../../../src/ingest/data-service';
import type { DatasetStore } from '../../../src/ingest/store-port';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb, type DataDb } from '../../../src/storage/db';
import { buffersOf, writerOver } from '../../../workers/store-writer-link';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function openDb(name: string): Promise<DataDb> {
  const db = await openDataDb({ name });
  cleanups.push(() => db.close());
  return db;
}

/** A writer on the far side of a MessageChannel, over its own connection to the database. */
async function remoteWriter(name: string, wrapStore = (store: DatasetStore) => store) {
  const db = await openDataDb({ name, staleAfterMs: Infinity });
  const { port1, port2 } = new MessageChannel();
  cleanups.push(
    () => db.close(),
    () => port1.close(),
    () => port2.close(),
  );
  expose(createStoreWriter(wrapStore(createDatasetStore(db))), port1 as unknown as Endpoint);
  return writerOver(port2 as unknown as Endpoint);
}

/** A data service over a fresh database, its chunks going to `writerFor`'s writer. */
async function setup(
  overrides: Partial<DataServiceDeps> = {},
  writerFor: (name: string) => Promise<StoreWriterApi> = (name) => remoteWriter(name),
) {
  const name = `writer-test-${++dbCount}`;
  const db = await openDb(name);
  const store = createDatasetStore(db);
  const remote = await writerFor(name);
  let ids = 0;
  const service = createDataService({
    store,
    newId: () => `ds-${++ids}` as DatasetId,
    now: () => 1000,
    yieldToEvents: () => Promise.resolve(),
    createSink: (id, columns) => createRemoteSink(remote, id, columns),
    ...overrides,
  });
  return { name, db, store, service };
}

function imported(outcome: ImportOutcome): StoredDatasetMeta {
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return outcome.dataset;
}

async function counts(db: DataDb) {
  return [await db.count('datasets'), await db.count('chunks'), await db.count('profiles')];
}

/** 1,000 rows: floats with missing values, integers, categories and text. */
const MIXED = new Blob([
  'x,n,kind,note\n' +
    Array.from(
      { length: 1000 },
      (_, i) =>
        `${i % 17 === 0 ? 'NA' : ((i * 7919) % 1000) / 8},${i % 13},${['a', 'b', 'c'][i % 3]},t${i % 5}`,
    ).join('\n'),
]);

async function importBoth(chunkRows: number) {
  const remote = await setup({ chunkRows });
  const local = await setup({ chunkRows, createSink: undefined });
  const viaWriter = imported(await remote.service.importFile(1, MIXED, 'mixed.csv', {}));
  const alone = imported(await local.service.importFile(1, MIXED, 'mixed.csv', {}));
  return { remote, local, viaWriter, alone };
}

describe('store writer', () => {
  it('stores and profiles exactly what the single-thread import does', async () => {
    const { remote, local, viaWriter, alone } = await importBoth(64);
    expect(viaWriter).toEqual(alone);
    expect(viaWriter.chunkCount).toBe(16);
    const profile = await remote.service.getProfile(viaWriter.id);
    expect(profile).toEqual(await local.service.getProfile(alone.id));
    expect(profile?.columns[0]?.missing).toBe(59);
    expect(await remote.service.readRows(viaWriter.id, 990, 10)).toEqual(
      await local.service.readRows(alone.id, 990, 10),
    );
    expect(await counts(remote.db)).toEqual(await counts(local.db));
  });

  it('moves typed chunks by transfer: the parser keeps none of their buffers', async () => {
    const name = `writer-test-${++dbCount}`;
    await openDb(name);
    const writer = await remoteWriter(name);
    const values = new Float64Array([1, 2, 3]);
    const codes = new Uint32Array([0, 1, 0]);
    const chunks: ColumnChunk[] = [
      { kind: 'float64', values },
      { kind: 'codes', codes },
      { kind: 'strings', values: ['p', null, 'q'] },
    ];
    expect(buffersOf(chunks)).toEqual([values.buffer, codes.buffer]);
    const sink = createRemoteSink(writer, 'ds-t' as DatasetId, [
      { name: 'x', type: 'numeric' },
      { name: 'k', type: 'categorical' },
      { name: 's', type: 'text' },
    ]);
    await sink.add(0, chunks);
    expect([values.byteLength, codes.byteLength]).toEqual([0, 0]);
    const { profile, storedBytes } = await sink.finish([null, ['a', 'b'], null]);
    // Three int32 mantissas (1, 2, 3 are whole), three uint32 codes, two one-letter strings.
    expect(storedBytes).toBe(12 + 12 + (2 + 8) * 2 + 8);
    expect(profile.columns[0]?.numeric?.mean).toBe(2);
    expect(profile.columns[1]?.topCategories).toEqual([
      { value: 'a', count: 2 },
      { value: 'b', count: 1 },
    ]);
  });

  it('has at most one chunk on its way while the parser builds the next', async () => {
    let outstanding = 0;
    let most = 0;
    const counting = async (name: string): Promise<StoreWriterApi> => {
      const inner = await remoteWriter(name);
      return {
        ...inner,
        add: async (index, chunks) => {
          most = Math.max(most, ++outstanding);
          await new Promise((resolve) => setTimeout(resolve, 2));
          await inner.add(index, chunks);
          outstanding--;
        },
      };
    };
    const { service } = await setup({ chunkRows: 50 }, counting);
    expect(imported(await service.importFile(1, MIXED, 'mixed.csv', {})).chunkCount).toBe(20);
    expect(most).toBe(1);
  });

  /** The writer's store fails its third chunk write. */
  const failingThird =
    (error: Error) =>
    (store: DatasetStore): DatasetStore => {
      let calls = 0;
      return {
        ...store,
        putChunks: (id, index, chunks) =>
          ++calls === 3 ? Promise.reject(error) : store.putChunks(id, index, chunks),
      };
    };

  async function withExisting(error: Error) {
    const name = `writer-test-${++dbCount}`;
    const db = await openDb(name);
    const store = createDatasetStore(db);
    const healthy = createDataService({ store, chunkRows: 64 });
    const existing = imported(await healthy.importFile(1, MIXED, 'keep.csv', {}));
    const before = await counts(db);
    const writer = await remoteWriter(name, failingThird(error));
    const broken = createDataService({
      store,
      chunkRows: 64,
      yieldToEvents: () => Promise.resolve(),
      createSink: (id, columns) => createRemoteSink(writer, id, columns),
    });
    const expectUntouched = async (service: DataApi) => {
      expect(await counts(db)).toEqual(before);
      expect((await service.readRows(existing.id, 0, 1000)).rows).toHaveLength(1000);
      expect((await service.listDatasets()).map((d) => d.id)).toEqual([existing.id]);
    };
    return { broken, healthy, expectUntouched };
  }

  it('leaves nothing after a write fails in the writer mid-import', async () => {
    const { broken, healthy, expectUntouched } = await withExisting(new Error('disk on fire'));
    await expect(broken.importFile(2, MIXED, 'x.csv', {})).rejects.toThrow('disk on fire');
    await expectUntouched(healthy);
  });

  it('reports a full disk in the writer as the quota error, leaving nothing', async () => {
    const quota = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const { broken, healthy, expectUntouched } = await withExisting(quota);
    const outcome = await broken.importFile(2, MIXED, 'x.csv', {});
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.data.quota' });
    await expectUntouched(healthy);
  });

  it('leaves nothing when a writer that died fails the import', async () => {
    const dying = async (name: string): Promise<StoreWriterApi> => {
      const inner = await remoteWriter(name);
      let adds = 0;
      return {
        ...inner,
        add: (index, chunks) =>
          ++adds === 4
            ? Promise.reject(new Error('store writer failed'))
            : inner.add(index, chunks),
        abort: () => Promise.reject(new Error('store writer failed')),
      };
    };
    const { db, service } = await setup({ chunkRows: 64 }, dying);
    await expect(service.importFile(1, MIXED, 'x.csv', {})).rejects.toThrow('store writer failed');
    // The writes that landed are gone with the pending meta.
    expect(await counts(db)).toEqual([0, 0, 0]);
  });

  it('imports on the parsing thread when the writer cannot start', async () => {
    const db = await openDb(`writer-test-${++dbCount}`);
    const store = createDatasetStore(db);
    const refused = () => Promise.reject(new Error('store writer failed'));
    const unstarted: StoreWriterApi = {
      begin: refused,
      add: refused,
      finish: refused,
      abort: refused,
    };
    const service = createDataService({
      store,
      chunkRows: 64,
      yieldToEvents: () => Promise.resolve(),
      createSink: (id, columns) =>
        createRemoteSink(unstarted, id, columns, () => createStoreSink(store, id, columns)),
    });
    const dataset = imported(await service.importFile(1, MIXED, 'mixed.csv', {}));
    expect([dataset.rows, dataset.chunkCount]).toEqual([1000, 16]);
    expect((await service.readRows(dataset.id, 999, 1)).rows).toHaveLength(1);
  });

  it('cancels between batches and removes what the writer stored', async () => {
    const holder: { service: DataApi | null } = { service: null };
    let yields = 0;
    let clock = 0;
    const context = await setup({
      chunkRows: 500,
      now: () => (clock += 100),
      // Cancel once a few chunks have gone to the writer.
      yieldToEvents: () => Promise.resolve(++yields === 3 ? holder.service?.cancel(2) : undefined),
    });
    holder.service = context.service;
    const blob = new Blob(['n\n' + '1\n'.repeat(200_000)]);
    expect(await context.service.importFile(2, blob, 'x.csv', {})).toEqual({
      status: 'cancelled',
    });
    expect(await counts(context.db)).toEqual([0, 0, 0]);
    // The writer takes the next import.
    expect(imported(await context.service.importFile(3, MIXED, 'y.csv', {})).rows).toBe(1000);
  });
});
