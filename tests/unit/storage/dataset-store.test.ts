import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ColumnChunk, DatasetId, StoredDatasetMeta } from '../../../src/contracts/data';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { DATA_DB_VERSION, openDataDb, type DataDb } from '../../../src/storage/db';

let dbCount = 0;
const opened: DataDb[] = [];

async function freshDb(name = `store-test-${++dbCount}`, now = 1000): Promise<DataDb> {
  const db = await openDataDb({ name, now: () => now, staleAfterMs: 500 });
  opened.push(db);
  return db;
}

afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

function meta(id: string, overrides: Partial<StoredDatasetMeta> = {}): StoredDatasetMeta {
  return {
    id: id as DatasetId,
    name: id,
    kind: 'table',
    status: 'pending',
    rows: 2,
    columns: [{ name: 'v', type: 'numeric', invalidCount: 0 }],
    chunkRows: 2,
    chunkCount: 1,
    sizeBytes: 16,
    createdAt: 1,
    source: {
      fileName: `${id}.csv`,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      fileBytes: 9,
    },
    ...overrides,
  };
}

const CHUNK: ColumnChunk = { kind: 'float64', values: new Float64Array([1, 2]) };

async function storeReady(db: DataDb, id: string, createdAt = 1) {
  const store = createDatasetStore(db);
  const m = meta(id, { createdAt });
  await store.beginDataset(m);
  await store.putChunks(m.id, 0, [CHUNK]);
  await store.commitDataset({ ...m, status: 'ready' }, [null], {
    datasetId: m.id,
    rows: 2,
    columns: [],
    correlation: { columns: [], matrix: [] },
  });
  return m.id;
}

describe('dataset store', () => {
  it('hides pending datasets and lists ready ones newest first', async () => {
    const db = await freshDb();
    const store = createDatasetStore(db);
    await storeReady(db, 'old', 1);
    await storeReady(db, 'new', 2);
    await store.beginDataset(meta('half'));
    expect((await store.listDatasets()).map((m) => m.id)).toEqual(['new', 'old']);
    expect(await store.getDataset('half' as DatasetId)).toBeNull();
    const chunk = await store.getChunk('old' as DatasetId, 0, 0);
    expect(chunk?.kind === 'float64' && [...chunk.values]).toEqual([1, 2]);
  });

  it('renames and deletes with chunks and profile', async () => {
    const db = await freshDb();
    const store = createDatasetStore(db);
    const id = await storeReady(db, 'a');
    const keep = await storeReady(db, 'b');
    expect((await store.renameDataset(id, '<i>new</i>'))?.name).toBe('<i>new</i>');
    expect((await store.getDataset(id))?.name).toBe('<i>new</i>');
    expect(await store.deleteDataset(id)).toBe(true);
    expect(await store.deleteDataset(id)).toBe(false);
    expect(await store.getChunk(id, 0, 0)).toBeNull();
    expect(await store.getProfile(id)).toBeNull();
    expect(await db.count('chunks')).toBe(1);
    expect((await store.getProfile(keep))?.datasetId).toBe('b');
    expect(await store.renameDataset('missing' as DatasetId, 'x')).toBeNull();
  });

  it('sweeps datasets left pending by a crash when the database opens again', async () => {
    const name = `store-test-${++dbCount}`;
    const first = await freshDb(name);
    const store = createDatasetStore(first);
    const kept = await storeReady(first, 'kept');
    await store.beginDataset(meta('crashed', { createdAt: 100 }));
    await store.putChunks('crashed' as DatasetId, 0, [CHUNK]);
    await store.beginDataset(meta('running', { createdAt: 900 }));
    first.close();
    // At t = 1000 with a 500 ms staleness bound, 'crashed' is stale and 'running' is not.
    const second = await freshDb(name);
    expect(await second.getAllKeys('datasets')).toEqual([kept, 'running']);
    expect(await second.count('chunks')).toBe(1);
  });

  it('reports blocking to the holder when a newer version opens', async () => {
    const name = `store-test-${++dbCount}`;
    let events = 0;
    await openDataDb({ name, onBlocking: () => events++ });
    const { openDB } = await import('idb');
    const newer = await openDB(name, DATA_DB_VERSION + 1);
    newer.close();
    expect(events).toBe(1);
  });

  it('stores decimal columns as int32 mantissas and reads back the same doubles', async () => {
    const db = await freshDb();
    const store = createDatasetStore(db);
    const id = 'decimals' as DatasetId;
    const decimals = Float64Array.of(20.221, -10.342, NaN, 0.5, 1e-3);
    const notDecimal = Float64Array.of(Math.PI, 1);
    const bytes = await store.putChunks(id, 0, [
      { kind: 'float64', values: decimals },
      { kind: 'float64', values: notDecimal },
    ]);
    expect(bytes).toBe(decimals.length * 4 + notDecimal.length * 8);
    expect((await db.get('chunks', [id, 0, 0]))?.kind).toBe('decimal32');
    expect((await db.get('chunks', [id, 1, 0]))?.kind).toBe('float64');
    const read = await store.getChunk(id, 0, 0);
    expect(read?.kind).toBe('float64');
    expect([...(read as { values: Float64Array }).values]).toEqual([...decimals]);
    expect(await store.getChunk(id, 1, 0)).toEqual({ kind: 'float64', values: notDecimal });
  });

  it('opens a version 2 database and reads its float64 chunks unchanged', async () => {
    const name = `store-test-${++dbCount}`;
    const { openDB } = await import('idb');
    const old = await openDB(name, 2, {
      upgrade(database) {
        for (const store of ['chunks', 'imageChunks']) database.createObjectStore(store);
        database.createObjectStore('datasets', { keyPath: 'id' });
        database.createObjectStore('profiles', { keyPath: 'datasetId' });
        database.createObjectStore('imageSets', { keyPath: 'id' });
      },
    });
    const values = Float64Array.of(1.5, NaN, -2);
    await old.put('chunks', { kind: 'float64', values }, ['old', 0, 0]);
    old.close();
    const db = await freshDb(name);
    expect(db.version).toBe(DATA_DB_VERSION);
    const read = await createDatasetStore(db).getChunk('old' as DatasetId, 0, 0);
    expect(read).toEqual({ kind: 'float64', values });
  });
});
