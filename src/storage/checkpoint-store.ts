/**
 * Training checkpoints in IndexedDB, in a database of their own (`fitlab-checkpoints`), so a
 * run survives a reload, a crash or a lost GPU device: the training worker writes one every N
 * epochs and at stop, and on the next visit the app offers to resume the latest. One record per
 * run key (the project's dataset + model), replaced in a single transaction, so a half-written
 * checkpoint never replaces a whole one. A full quota is an expected failure, not a throw: the
 * run goes on and the previous checkpoint stays.
 *
 * v1: `checkpoints` (by run key) holding the request to resume with and the checkpoint. Records
 * carry a `kind` (builder network, sequence or generative run); those written before sequence
 * and generative runs had checkpoints have none and are network checkpoints, so the schema
 * needs no upgrade step: the kind is read, not migrated.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  GenerativeCheckpoint,
  NetworkCheckpoint,
  TaskCheckpoint,
  TaskCheckpointPort,
} from '../contracts/network';

export const CHECKPOINT_DB_NAME = 'fitlab-checkpoints';
export const CHECKPOINT_DB_VERSION = 1;

export type CheckpointKind = 'network' | 'sequence' | 'generative';

interface StoredCheckpointBase<Request> {
  /** Which run this continues, e.g. `${datasetId}:${target}`: one checkpoint per run key. */
  key: string;
  savedAt: number;
  /** The request that started the run (plain data), to restart it exactly. */
  request: Request;
}

/** A builder network's; records from before `kind` existed have none. */
export interface NetworkCheckpointRecord<Request = unknown> extends StoredCheckpointBase<Request> {
  kind?: 'network';
  checkpoint: NetworkCheckpoint;
}

/** A sequence run's (forecaster, character model): a network checkpoint of the preset. */
export interface SequenceCheckpointRecord<Request = unknown> extends StoredCheckpointBase<Request> {
  kind: 'sequence';
  checkpoint: NetworkCheckpoint;
}

export interface GenerativeCheckpointRecord<
  Request = unknown,
> extends StoredCheckpointBase<Request> {
  kind: 'generative';
  checkpoint: GenerativeCheckpoint;
}

export type StoredCheckpoint<Request = unknown> =
  | NetworkCheckpointRecord<Request>
  | SequenceCheckpointRecord<Request>
  | GenerativeCheckpointRecord<Request>;

export function checkpointKindOf(record: StoredCheckpoint<unknown>): CheckpointKind {
  return record.kind ?? 'network';
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

/** A builder network's checkpoint under `key`; null when there is none or it is another kind. */
export async function loadNetworkCheckpoint(
  db: CheckpointDb,
  key: string,
): Promise<NetworkCheckpoint | null> {
  const stored = await loadCheckpoint(db, key);
  return stored && (stored.kind === undefined || stored.kind === 'network')
    ? stored.checkpoint
    : null;
}

export async function deleteCheckpoint(db: CheckpointDb, key: string): Promise<void> {
  await db.delete('checkpoints', key);
}

/** The record a sequence or generative run's checkpoint is stored as. */
function taskRecord(key: string, request: unknown, saved: TaskCheckpoint): StoredCheckpoint {
  const savedAt = Date.now();
  return saved.kind === 'sequence'
    ? { key, savedAt, request, kind: 'sequence', checkpoint: saved.checkpoint }
    : { key, savedAt, request, kind: 'generative', checkpoint: saved.checkpoint };
}

/**
 * Sequence and generative runs' checkpoints, a connection per read or write closed after it (so
 * the worker never holds the database open against another tab's upgrade). A database that will
 * not open (private mode, blocked) saves nothing and loads nothing; the run goes on.
 */
export function createTaskCheckpointPort(
  open: () => Promise<CheckpointDb> = () => openCheckpointDb(),
): TaskCheckpointPort {
  const withDb = async <T>(use: (db: CheckpointDb) => Promise<T>): Promise<T> => {
    const db = await open();
    try {
      return await use(db);
    } finally {
      db.close();
    }
  };
  return {
    save: async (key, request, saved) => {
      try {
        const result = await withDb((db) => saveCheckpoint(db, taskRecord(key, request, saved)));
        return result.ok ? result : { ok: false, code: result.code };
      } catch {
        return { ok: false, code: 'error.storage.failed' };
      }
    },
    load: async (key) => {
      try {
        const stored = await withDb((db) => loadCheckpoint(db, key));
        if (stored?.kind === 'sequence') return { kind: 'sequence', checkpoint: stored.checkpoint };
        if (stored?.kind === 'generative')
          return { kind: 'generative', checkpoint: stored.checkpoint };
        return null;
      } catch {
        return null;
      }
    },
    remove: async (key) => {
      try {
        await withDb((db) => deleteCheckpoint(db, key));
      } catch {
        // Nothing to resume is left behind either way: a stale checkpoint is only offered.
      }
    },
  };
}
