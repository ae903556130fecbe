/**
 * What image imports need of storage; `src/storage/image-store.ts` implements it over
 * IndexedDB. Protocol as for tables: `beginImageSet` (meta `pending`) → `putImageChunk` per
 * chunk → `commitImageSet` (meta flipped to `ready` in one transaction); any failure or cancel
 * → `discardImageSet`. Readers only ever see `ready` sets.
 */
import type { DatasetId } from '../../contracts/data';
import type { ImageChunk, ImageSetMeta } from '../../contracts/images';

export interface ImageStore {
  beginImageSet(meta: ImageSetMeta): Promise<void>;
  putImageChunk(id: DatasetId, chunkIndex: number, chunk: ImageChunk): Promise<void>;
  commitImageSet(meta: ImageSetMeta): Promise<void>;
  discardImageSet(id: DatasetId): Promise<void>;
  listImageSets(): Promise<ImageSetMeta[]>;
  getImageSet(id: DatasetId): Promise<ImageSetMeta | null>;
  getImageChunk(id: DatasetId, chunkIndex: number): Promise<ImageChunk | null>;
  deleteImageSet(id: DatasetId): Promise<boolean>;
  renameImageSet(id: DatasetId, name: string): Promise<ImageSetMeta | null>;
}
