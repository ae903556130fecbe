/**
 * IndexedDB repository of datasets, implementing the ingest layer's `DatasetStore` port.
 *
 * Atomicity by commit marker, not one transaction: an import of 150 MB cannot sit in a single
 * transaction (it would need to await file reads inside it, and hold every chunk in memory
 * until commit). So chunks are written per row group under a meta whose status is `pending`;
 * `commitDataset` flips it to `ready` in one transaction with the dictionaries and profile.
 * Readers see only `ready` datasets; failures and cancels call `discardDataset`, and
 * `openDataDb` sweeps pending leftovers of a crash.
 */
import type { ColumnChunk, DatasetId, DatasetProfile, StoredDatasetMeta } from '../contracts/data';
import { DICTIONARY_CHUNK } from '../contracts/data';
import { chunkRangeOf, type DataDb } from './db';
import { fromStored, storedChunkBytes, toStored } from './decimal-chunk';

/** Takes the database or its opening promise, so a worker can build its API synchronously. */
export function createDatasetStore(database: DataDb | Promise<DataDb>) {
  const opened = Promise.resolve(database);
  // Opening failures surface on the first call that needs the database, not as unhandled.
  opened.catch(() => undefined);
  const readyOrNull = (meta: StoredDatasetMeta | undefined): StoredDatasetMeta | null =>
    meta && meta.status === 'ready' ? meta : null;

  return {
    async beginDataset(meta: StoredDatasetMeta): Promise<void> {
      const db = await opened;
      await db.put('datasets', { ...meta, status: 'pending' });
    },

    /** Resolves to the bytes the chunks take as stored. */
    async putChunks(id: DatasetId, chunkIndex: number, chunks: readonly ColumnChunk[]) {
      const db = await opened;
      const stored = chunks.map(toStored);
      const tx = db.transaction('chunks', 'readwrite');
      const writes = stored.map((chunk, column) => tx.store.put(chunk, [id, column, chunkIndex]));
      await Promise.all([...writes, tx.done]);
      return stored.reduce((sum, chunk) => sum + storedChunkBytes(chunk), 0);
    },

    async commitDataset(
      meta: StoredDatasetMeta,
      dictionaries: readonly (string[] | null)[],
      profile: DatasetProfile,
    ): Promise<void> {
      const db = await opened;
      const tx = db.transaction(['datasets', 'chunks', 'profiles'], 'readwrite');
      const writes: Promise<unknown>[] = [];
      dictionaries.forEach((values, column) => {
        if (!values) return;
        const chunk: ColumnChunk = { kind: 'dictionary', values };
        writes.push(tx.objectStore('chunks').put(chunk, [meta.id, column, DICTIONARY_CHUNK]));
      });
      writes.push(tx.objectStore('profiles').put(profile));
      writes.push(tx.objectStore('datasets').put({ ...meta, status: 'ready' }));
      await Promise.all([...writes, tx.done]);
    },

    async discardDataset(id: DatasetId): Promise<void> {
      const db = await opened;
      const tx = db.transaction(['datasets', 'chunks', 'profiles'], 'readwrite');
      await Promise.all([
        tx.objectStore('datasets').delete(id),
        tx.objectStore('chunks').delete(chunkRangeOf(id)),
        tx.objectStore('profiles').delete(id),
        tx.done,
      ]);
    },

    async listDatasets(): Promise<StoredDatasetMeta[]> {
      const db = await opened;
      const metas = await db.getAll('datasets');
      return metas
        .filter((meta) => meta.status === 'ready')
        .sort((a, b) => b.createdAt - a.createdAt);
    },

    async getDataset(id: DatasetId): Promise<StoredDatasetMeta | null> {
      const db = await opened;
      return readyOrNull(await db.get('datasets', id));
    },

    async getProfile(id: DatasetId): Promise<DatasetProfile | null> {
      const db = await opened;
      return (await db.get('profiles', id)) ?? null;
    },

    async getChunk(id: DatasetId, column: number, chunkIndex: number) {
      const db = await opened;
      const stored = await db.get('chunks', [id, column, chunkIndex]);
      return stored ? fromStored(stored) : null;
    },

    async renameDataset(id: DatasetId, name: string): Promise<StoredDatasetMeta | null> {
      const db = await opened;
      const tx = db.transaction('datasets', 'readwrite');
      const meta = readyOrNull(await tx.store.get(id));
      if (!meta) {
        await tx.done;
        return null;
      }
      const renamed = { ...meta, name };
      await Promise.all([tx.store.put(renamed), tx.done]);
      return renamed;
    },

    async deleteDataset(id: DatasetId): Promise<boolean> {
      const db = await opened;
      const meta = await db.get('datasets', id);
      if (!meta) return false;
      await this.discardDataset(id);
      return true;
    },
  };
}
