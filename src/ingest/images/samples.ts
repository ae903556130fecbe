/**
 * Thumbnails: the first `perClass` images of every class of a stored set, read chunk by chunk
 * and stopping as soon as every class has its share, so a 10,000-image set costs a chunk or
 * two, not the whole set.
 */
import type { DatasetId } from '../../contracts/data';
import type { ImageSamples } from '../../contracts/images';
import type { ImageStore } from './image-store-port';

export async function readImageSamples(
  store: ImageStore,
  id: DatasetId,
  perClass: number,
): Promise<ImageSamples | null> {
  const meta = await store.getImageSet(id);
  if (!meta) return null;
  const imageBytes = meta.size * meta.size * meta.channels;
  const classes = meta.classes.map((info) => ({ ...info, images: [] as Uint8Array[] }));
  let missing = classes.reduce((sum, info) => sum + Math.min(perClass, info.count), 0);
  for (let index = 0; index < meta.chunkCount && missing > 0; index++) {
    const chunk = await store.getImageChunk(id, index);
    if (!chunk) break;
    for (let i = 0; i < chunk.labels.length && missing > 0; i++) {
      const target = classes[chunk.labels[i] as number];
      if (!target || target.images.length >= perClass) continue;
      target.images.push(chunk.pixels.slice(i * imageBytes, (i + 1) * imageBytes));
      missing--;
    }
  }
  return { size: meta.size, channels: meta.channels, classes };
}
