/**
 * Training checkpoints in IndexedDB, in a database of their own (`fitlab-checkpoints`), so a
 * run survives a reload, a crash or a lost GPU device: the training worker writes one every N
 * epochs and at stop, and on the next visit the app offers to resume the latest. One record per
 * run key (the project's dataset + model), replaced in a single transaction, so a half-written
 * checkpoint never replaces a whole one. A full quota is an expected failure, not a throw: the
 * run goes on and the previous checkpoint stays.
 *
 * v1: `checkpoints` (by run key) holding the request to resume with and the checkpoint.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { NetworkCheckpoint } from '../contracts/network';

export const CHECKPOINT_DB_NAME = 'fitlab-checkpoints';
export const CHECKPOINT_DB_VERSION = 1;

export interface StoredCheckpoint<Request = unknown> {
  /** Which run this continues, e.g. `${datasetId}:${target}`: one checkpoint per run key. */
  key: string;
  savedAt: number;
  /** The request that started the run (plain data), to restart it exactly. */
  request: Request;
  checkpoint: NetworkCheckpoint;
}

interface CheckpointDbSchema extends DBSchema {
  checkpoints: { key: string; value: StoredCheckpoint };
}

export type CheckpointDb = IDBPDatabase<CheckpointDbSchema>;

export type SaveResult =
  | { ok: true }
  | { ok: false; code: 'error.storage.quota' | 'error.storage.failed'; detail: string };

export function openCheckpointDb(name = CHECKPOINT_DB_NAME): Promise<CheckpointDb> {
  return openDB<CheckpointDbSchema>(name, CHECKPOINT_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) database.createObjectStore('checkpoints', { keyPath: 'key' });
    },
  });
}

function isQuotaError(error: unknown): boolean {
  return (
    error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)
  );
}

export async function saveCheckpoint<Request>(
  db: CheckpointDb,
  record: StoredCheckpoint<Request>,
): Promise<SaveResult> {
  try {
    const tx = db.transaction('checkpoints', 'readwrite');
    await Promise.all([tx.store.put(record as StoredCheckpoint), tx.done]);
    return { ok: true };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      code: isQuotaError(error) ? 'error.storage.quota' : 'error.storage.failed',
      detail,
    };
  }
}

export async function loadCheckpoint<Request>(
  db: CheckpointDb,
  key: string,
): Promise<StoredCheckpoint<Request> | null> {
  return ((await db.get('checkpoints', key)) as StoredCheckpoint<Request> | undefined) ?? null;
}

/**
 * The most recent checkpoint of any run (or of those whose key starts with `prefix`: one
 * project's runs), for the "resume?" offer after a reload.
 */
export async function latestCheckpoint<Request>(
  db: CheckpointDb,
  prefix = '',
): Promise<StoredCheckpoint<Request> | null> {
  const range = prefix ? IDBKeyRange.bound(prefix, `${prefix}\uffff`) : undefined;
  const all = (await db.getAll('checkpoints', range)) as StoredCheckpoint<Request>[];
  return all.reduce<StoredCheckpoint<Request> | null>(
    (latest, c) => (!latest || c.savedAt > latest.savedAt ? c : latest),
    null,
  );
}

export async function deleteCheckpoint(db: CheckpointDb, key: string): Promise<void> {
  await db.delete('checkpoints', key);
}
