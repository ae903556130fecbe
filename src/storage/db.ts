/**
 * The data database: a typed idb schema with numbered upgrade steps.
 *
 * v1: `datasets` (meta by id), `chunks` (key [datasetId, columnIndex, chunkIndex] → a typed
 * column chunk; chunk index -1 holds a categorical dictionary), `profiles` (by dataset id).
 * v2: `imageSets` (image set meta by id), `imageChunks` (key [setId, chunkIndex] → uint8
 * pixels and uint16 labels).
 * v3: no new stores; a float chunk may now be stored as int32 decimal mantissas
 * (decimal-chunk.ts). The version moves so that a tab still running older code, which could
 * not read such a chunk, is told to reload (`blocking`) instead of misreading it.
 *
 * `blocked` (an older tab holds the database open while we upgrade) and `blocking` (we hold
 * it open while a newer tab upgrades: we close and report) reach the UI through callbacks.
 * Opening also removes datasets left `pending` by an import that crashed or was closed, once
 * they are older than STALE_PENDING_MS: a younger one may be an import still running in
 * another tab, which a sweep must not pull from under it.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { DatasetProfile, StoredDatasetMeta } from '../contracts/data';
import type { ImageChunk, ImageSetMeta } from '../contracts/images';
import type { StoredColumnChunk } from './decimal-chunk';

export const DATA_DB_NAME = 'fitlab-data';
export const DATA_DB_VERSION = 3;
export const STALE_PENDING_MS = 60 * 60 * 1000;

export type ChunkKey = [datasetId: string, column: number, chunkIndex: number];

export interface DataDbSchema extends DBSchema {
  datasets: { key: string; value: StoredDatasetMeta };
  chunks: { key: ChunkKey; value: StoredColumnChunk };
  profiles: { key: string; value: DatasetProfile };
  imageSets: { key: string; value: ImageSetMeta };
  imageChunks: { key: ImageChunkKey; value: ImageChunk };
}

export type ImageChunkKey = [setId: string, chunkIndex: number];

export type DataDb = IDBPDatabase<DataDbSchema>;

export interface OpenDataDbOptions {
  name?: string;
  onBlocked?: () => void;
  onBlocking?: () => void;
  /** Pending datasets created this long ago or earlier are swept on open. */
  staleAfterMs?: number;
  now?: () => number;
}

/** Every chunk key of one dataset. */
export function chunkRangeOf(datasetId: string): IDBKeyRange {
  return IDBKeyRange.bound([datasetId, -Infinity, -Infinity], [datasetId, Infinity, Infinity]);
}

export async function openDataDb(options: OpenDataDbOptions = {}): Promise<DataDb> {
  const db = await openDB<DataDbSchema>(options.name ?? DATA_DB_NAME, DATA_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('datasets', { keyPath: 'id' });
        database.createObjectStore('chunks');
        database.createObjectStore('profiles', { keyPath: 'datasetId' });
      }
      if (oldVersion < 2) {
        database.createObjectStore('imageSets', { keyPath: 'id' });
        database.createObjectStore('imageChunks');
      }
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking() {
      db.close();
      options.onBlocking?.();
    },
  });
  const now = options.now ?? Date.now;
  const staleBy = now() - (options.staleAfterMs ?? STALE_PENDING_MS);
  await removePendingDatasets(db, staleBy);
  await removePendingImageSets(db, staleBy);
  return db;
}

/** Deletes datasets created at or before `createdBy` whose import never committed. */
export async function removePendingDatasets(db: DataDb, createdBy: number): Promise<number> {
  const metas = await db.getAll('datasets');
  const pending = metas.filter((meta) => meta.status !== 'ready' && meta.createdAt <= createdBy);
  if (pending.length === 0) return 0;
  const tx = db.transaction(['datasets', 'chunks', 'profiles'], 'readwrite');
  for (const meta of pending) {
    void tx.objectStore('datasets').delete(meta.id);
    void tx.objectStore('chunks').delete(chunkRangeOf(meta.id));
    void tx.objectStore('profiles').delete(meta.id);
  }
  await tx.done;
  return pending.length;
}

/** Every chunk key of one image set. */
export function imageChunkRangeOf(setId: string): IDBKeyRange {
  return IDBKeyRange.bound([setId, -Infinity], [setId, Infinity]);
}

/** Deletes image sets created at or before `createdBy` whose import never committed. */
export async function removePendingImageSets(db: DataDb, createdBy: number): Promise<number> {
  const metas = await db.getAll('imageSets');
  const pending = metas.filter((meta) => meta.status !== 'ready' && meta.createdAt <= createdBy);
  if (pending.length === 0) return 0;
  const tx = db.transaction(['imageSets', 'imageChunks'], 'readwrite');
  for (const meta of pending) {
    void tx.objectStore('imageSets').delete(meta.id);
    void tx.objectStore('imageChunks').delete(imageChunkRangeOf(meta.id));
  }
  await tx.done;
  return pending.length;
}
