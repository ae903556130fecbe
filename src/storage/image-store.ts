/**
 * IndexedDB repository of image sets; structurally the ingest layer's `ImageStore` port
 * (storage does not import ingest, so the worker's wiring is where the two are checked).
 * Atomic by commit marker, as for tables: chunks go in under a `pending` meta (a 10,000-image
 * import cannot sit in one transaction, which would have to await decoding inside it), and
 * `commitImageSet` flips the meta to `ready`. Readers see only `ready` sets; failures and
 * cancels call `discardImageSet`, and `openDataDb` sweeps pending leftovers of a crash.
 */
import type { DatasetId } from '../contracts/data';
import type { ImageChunk, ImageSetMeta } from '../contracts/images';
import { imageChunkRangeOf, type DataDb } from './db';

/** Takes the database or its opening promise, so a worker can build its API synchronously. */
export function createImageStore(database: DataDb | Promise<DataDb>) {
  const opened = Promise.resolve(database);
  opened.catch(() => undefined);
  const readyOrNull = (meta: ImageSetMeta | undefined): ImageSetMeta | null =>
    meta && meta.status === 'ready' ? meta : null;

  async function discardImageSet(id: DatasetId): Promise<void> {
    const db = await opened;
    const tx = db.transaction(['imageSets', 'imageChunks'], 'readwrite');
    await Promise.all([
      tx.objectStore('imageSets').delete(id),
      tx.objectStore('imageChunks').delete(imageChunkRangeOf(id)),
      tx.done,
    ]);
  }

  return {
    async beginImageSet(meta: ImageSetMeta): Promise<void> {
      const db = await opened;
      await db.put('imageSets', { ...meta, status: 'pending' });
    },

    async putImageChunk(id: DatasetId, chunkIndex: number, chunk: ImageChunk): Promise<void> {
      const db = await opened;
      await db.put('imageChunks', chunk, [id, chunkIndex]);
    },

    async commitImageSet(meta: ImageSetMeta): Promise<void> {
      const db = await opened;
      await db.put('imageSets', { ...meta, status: 'ready' });
    },

    discardImageSet,

    async listImageSets(): Promise<ImageSetMeta[]> {
      const db = await opened;
      const metas = await db.getAll('imageSets');
      return metas
        .filter((meta) => meta.status === 'ready')
        .sort((a, b) => b.createdAt - a.createdAt);
    },

    async getImageSet(id: DatasetId): Promise<ImageSetMeta | null> {
      const db = await opened;
      return readyOrNull(await db.get('imageSets', id));
    },

    async getImageChunk(id: DatasetId, chunkIndex: number): Promise<ImageChunk | null> {
      const db = await opened;
      return (await db.get('imageChunks', [id, chunkIndex])) ?? null;
    },

    async renameImageSet(id: DatasetId, name: string): Promise<ImageSetMeta | null> {
      const db = await opened;
      const tx = db.transaction('imageSets', 'readwrite');
      const meta = readyOrNull(await tx.store.get(id));
      if (!meta) {
        await tx.done;
        return null;
      }
      const renamed = { ...meta, name };
      await Promise.all([tx.store.put(renamed), tx.done]);
      return renamed;
    },

    async deleteImageSet(id: DatasetId): Promise<boolean> {
      const db = await opened;
      if (!(await db.get('imageSets', id))) return false;
      await discardImageSet(id);
      return true;
    },
  };
}
