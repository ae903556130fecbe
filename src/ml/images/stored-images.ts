/**
 * Reads an imported image set (uint8 chunks in IndexedDB) as the stored table the recipe path
 * trains on: one numeric column per pixel value, in stored order (row-major, channels
 * interleaved; see src/core/image-columns.ts), then the class name as the `label` column. So an
 * imported set takes the route the shipped pixel CSVs take (frame → split → recipe → Float32
 * matrices → CNN reshaped to its `[size, size, channels]` input), with no CSV text in between.
 *
 * Memory: the uint8 pixels become floats once, here in the worker, into one Float64Array per
 * pixel column (the frame's column type); chunks are read one at a time and not kept. A set
 * with a single class is read as it is; the split then fails with `error.dataset.singleClass`.
 *
 * Storage is reached through a two-method port that src/storage/image-store.ts satisfies, so
 * this module stays free of IndexedDB and is tested with an in-memory fake.
 */
import type { DatasetId } from '../../contracts/data';
import type { ImageChunk, ImageSetMeta } from '../../contracts/images';
import { IMAGE_TARGET_COLUMN, imagePixelColumnNames } from '../../core/image-columns';
import {
  readStoredTable,
  type StoredChunkSource,
  type StoredTable,
  type StoredValues,
} from '../stored-dataset';

export interface StoredImageSource {
  getImageSet(id: DatasetId): Promise<ImageSetMeta | null>;
  getImageChunk(id: DatasetId, chunkIndex: number): Promise<ImageChunk | null>;
}

/** The whole image set as a table, or null when no ready set has that id. */
export async function readStoredImageTable(
  source: StoredImageSource,
  id: DatasetId,
): Promise<StoredTable | null> {
  const meta = await source.getImageSet(id);
  if (!meta || meta.status !== 'ready') return null;
  const names = imagePixelColumnNames(meta.size, meta.channels);
  const width = names.length;
  const rows = meta.count;
  const pixels = Array.from({ length: width }, () => new Float64Array(rows));
  const labels = new Array<string | null>(rows).fill(null);
  const classNames = meta.classes.map((info) => info.name);
  for (let chunkIndex = 0; chunkIndex < meta.chunkCount; chunkIndex++) {
    const chunk = await source.getImageChunk(id, chunkIndex);
    if (!chunk) continue;
    const first = chunkIndex * meta.chunkImages;
    const count = Math.min(chunk.labels.length, rows - first);
    for (let i = 0; i < count; i++) {
      const row = first + i;
      labels[row] = classNames[chunk.labels[i] as number] ?? null;
      const offset = i * width;
      for (let j = 0; j < width; j++) {
        (pixels[j] as Float64Array)[row] = chunk.pixels[offset + j] as number;
      }
    }
  }
  const columns: StoredValues[] = pixels.map((numbers) => ({ type: 'integer', numbers }));
  columns.push({ type: 'categorical', texts: labels });
  return { names: [...names, IMAGE_TARGET_COLUMN], columns, rows };
}

/** What the workers read for a stored dataset id: a stored table, else an image set. */
export async function readStoredTableOrImages(
  tables: StoredChunkSource,
  images: StoredImageSource,
  id: DatasetId,
): Promise<StoredTable | null> {
  return (await readStoredTable(tables, id)) ?? (await readStoredImageTable(images, id));
}
