/**
 * A stored image set back to a zip: one folder per class, `<class>/<n>.png`, so that importing
 * the export gives the same classes and pixels again. PNGs are already compressed, so entries
 * are stored, not deflated.
 */
import { zipSync, type Zippable } from 'fflate';
import type { DatasetId } from '../../contracts/data';
import type { PixelEncoder } from './decoder';
import type { ImageStore } from './image-store-port';

export async function exportImageZip(
  store: ImageStore,
  encoder: PixelEncoder,
  id: DatasetId,
  yieldToEvents: () => Promise<void>,
): Promise<Blob | null> {
  const meta = await store.getImageSet(id);
  if (!meta) return null;
  const imageBytes = meta.size * meta.size * meta.channels;
  const files: Zippable = {};
  const seen = meta.classes.map(() => 0);
  for (let index = 0; index < meta.chunkCount; index++) {
    const chunk = await store.getImageChunk(id, index);
    if (!chunk) return null;
    for (let i = 0; i < chunk.labels.length; i++) {
      const label = chunk.labels[i] as number;
      const name = meta.classes[label]?.name ?? String(label);
      const n = (seen[label] = (seen[label] ?? 0) + 1);
      const pixels = chunk.pixels.subarray(i * imageBytes, (i + 1) * imageBytes);
      files[`${name}/${n}.png`] = [
        await encoder.encodePng(pixels, meta.size, meta.channels),
        { level: 0 },
      ];
    }
    await yieldToEvents();
  }
  return new Blob([zipSync(files)], { type: 'application/zip' });
}
