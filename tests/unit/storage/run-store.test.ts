import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createRunStore, isQuotaError, RUN_QUOTA_ERROR } from '../../../src/storage/run-store';
import { openRunsDb, RUNS_DB_VERSION, type RunId, type RunsDb } from '../../../src/storage/runs-db';
import { detail, newRun } from './run-fixtures';

let dbCount = 0;
const opened: RunsDb[] = [];

async function freshDb(name = `runs-test-${++dbCount}`): Promise<RunsDb> {
  const db = await openRunsDb({ name });
  opened.push(db);
  return db;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) db.close();
});

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

describe('run store', () => {
  it('creates version 1 with both stores', async () => {
    const db = await freshDb();
    expect(db.version).toBe(RUNS_DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['details', 'runs']);
  });

  it('numbers runs, lists them newest first and loads details on demand', async () => {
    const store = createRunStore(await freshDb());
    const first = await store.addRun(newRun('a', 10), detail('a'));
    const second = await store.addRun(newRun('b', 20), detail('b', [1, 1, 1, 1]));
    expect(first).toMatchObject({ ok: true, value: { id: 'a', seq: 1 } });
    expect(second).toMatchObject({ ok: true, value: { id: 'b', seq: 2 } });
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['b', 'a']);
    const loaded = await store.getDetail('b' as RunId);
    expect(loaded?.test?.kind).toBe('classification');
    expect(loaded?.history).toHaveLength(1);
    expect(await store.getDetail('missing' as RunId)).toBeNull();
  });

  it('keeps numbering after the newest run is deleted elsewhere', async () => {
    const store = createRunStore(await freshDb());
    await store.addRun(newRun('a', 10), detail('a'));
    await store.addRun(newRun('b', 20), detail('b'));
    await store.deleteRun('a' as RunId);
    const third = await store.addRun(newRun('c', 30), detail('c'));
    expect(third.ok && third.value.seq).toBe(3);
  });

  it('renames and deletes, and survives reopening the database', async () => {
    const name = `runs-test-${++dbCount}`;
    const store = createRunStore(await freshDb(name));
    await store.addRun(newRun('a', 10), detail('a'));
    await store.addRun(newRun('b', 20), detail('b'));
    expect(await store.renameRun('a' as RunId, 'Wide MLP')).toEqual({ ok: true, value: true });
    expect(await store.renameRun('zzz' as RunId, 'x')).toEqual({ ok: true, value: false });
    await store.deleteRun('b' as RunId);
    opened.pop()!.close();

    const reopened = createRunStore(await freshDb(name));
    const runs = await reopened.listRuns();
    expect(runs.map((r) => [r.id, r.name])).toEqual([['a', 'Wide MLP']]);
    expect(await reopened.getDetail('b' as RunId)).toBeNull();
  });

  it('turns a full disk into a result and keeps neither half of the run', async () => {
    const store = createRunStore(await freshDb());
    await store.addRun(newRun('a', 10), detail('a'));
    const put = IDBObjectStore.prototype.put;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (
      this: IDBObjectStore,
      ...args: Parameters<IDBObjectStore['put']>
    ) {
      if (this.name === 'details') throw quotaError();
      return put.apply(this, args);
    });
    const result = await store.addRun(newRun('b', 20), detail('b'));
    expect(result).toEqual({ ok: false, code: RUN_QUOTA_ERROR });
    vi.restoreAllMocks();
    expect((await store.listRuns()).map((r) => r.id)).toEqual(['a']);
    expect(await store.getDetail('b' as RunId)).toBeNull();
  });

  it('turns a quota failure on rename into a result and keeps the old name', async () => {
    const store = createRunStore(await freshDb());
    await store.addRun(newRun('a', 10, { name: 'old' }), detail('a'));
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    expect(await store.renameRun('a' as RunId, 'new')).toEqual({
      ok: false,
      code: RUN_QUOTA_ERROR,
    });
    vi.restoreAllMocks();
    expect((await store.listRuns())[0]!.name).toBe('old');
  });

  it('lets other failures through', async () => {
    const store = createRunStore(await freshDb());
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new TypeError('broken');
    });
    await expect(store.addRun(newRun('a', 10), detail('a'))).rejects.toThrow('broken');
    expect(isQuotaError(quotaError())).toBe(true);
    expect(isQuotaError(new Error('x'))).toBe(false);
    expect(isQuotaError(null)).toBe(false);
  });
});
