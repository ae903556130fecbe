import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { NetworkCheckpoint } from '../../../src/contracts/network';
import {
  deleteCheckpoint,
  latestCheckpoint,
  loadCheckpoint,
  loadNetworkCheckpoint,
  openCheckpointDb,
  saveCheckpoint,
  type CheckpointDb,
} from '../../../src/storage/checkpoint-store';

let count = 0;
const opened: CheckpointDb[] = [];

async function freshDb(): Promise<CheckpointDb> {
  const db = await openCheckpointDb(`checkpoints-test-${++count}`);
  opened.push(db);
  return db;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) db.close();
});

function checkpoint(epoch: number): NetworkCheckpoint {
  return {
    version: 1,
    epoch,
    history: [{ epoch, trainLoss: 1 / epoch, valLoss: 1, trainMetric: 0.5, valMetric: 0.5 }],
    learningRate: 0.01,
    weights: [{ name: 'dense/kernel', shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) }],
    optimizer: [],
  };
}

describe('checkpoint store', () => {
  it('keeps one checkpoint per run, replacing it, with its typed arrays intact', async () => {
    const db = await freshDb();
    expect(
      await saveCheckpoint(db, {
        key: 'iris:species',
        savedAt: 1,
        request: { jobId: 1 },
        checkpoint: checkpoint(2),
      }),
    ).toEqual({ ok: true });
    await saveCheckpoint(db, {
      key: 'iris:species',
      savedAt: 2,
      request: { jobId: 1 },
      checkpoint: checkpoint(4),
    });
    const loaded = await loadCheckpoint<{ jobId: number }>(db, 'iris:species');
    expect(loaded?.checkpoint.epoch).toBe(4);
    expect(loaded?.kind).toBeUndefined();
    expect((await loadNetworkCheckpoint(db, 'iris:species'))?.weights[0]?.values).toEqual(
      Float32Array.from([1, 2, 3, 4]),
    );
    expect(loaded?.request.jobId).toBe(1);
  });

  it('finds the latest checkpoint of any run, and forgets a deleted one', async () => {
    const db = await freshDb();
    await saveCheckpoint(db, { key: 'a', savedAt: 10, request: null, checkpoint: checkpoint(1) });
    await saveCheckpoint(db, { key: 'b', savedAt: 20, request: null, checkpoint: checkpoint(3) });
    expect((await latestCheckpoint(db))?.key).toBe('b');
    await deleteCheckpoint(db, 'b');
    expect((await latestCheckpoint(db))?.key).toBe('a');
    expect(await loadCheckpoint(db, 'b')).toBeNull();
  });

  it('reports a full quota as a result and keeps the previous checkpoint', async () => {
    const db = await freshDb();
    await saveCheckpoint(db, { key: 'a', savedAt: 1, request: null, checkpoint: checkpoint(1) });
    const realTransaction = db.transaction.bind(db);
    vi.spyOn(db, 'transaction').mockImplementation(((
      ...args: Parameters<typeof realTransaction>
    ) => {
      const tx = realTransaction(...args);
      // The spread arguments widen `store` to possibly undefined; these transactions name one store.
      vi.spyOn(tx.store as unknown as { put: () => Promise<unknown> }, 'put').mockRejectedValue(
        new DOMException('full', 'QuotaExceededError'),
      );
      return tx;
    }) as typeof db.transaction);
    const result = await saveCheckpoint(db, {
      key: 'a',
      savedAt: 2,
      request: null,
      checkpoint: checkpoint(9),
    });
    expect(result).toMatchObject({ ok: false, code: 'error.storage.quota' });
    vi.restoreAllMocks();
    expect((await loadCheckpoint(db, 'a'))?.checkpoint.epoch).toBe(1);
  });
});
