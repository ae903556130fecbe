/**
 * Imported image sets in memory for the ml tests: a set's meta, its uint8 chunks behind the
 * loader's storage port, and simple class patterns that a small CNN tells apart.
 */
import type { DatasetId } from '../../../../src/contracts/data';
import type { ImageChunk, ImageSetMeta } from '../../../../src/contracts/images';
import type { TrainRequest } from '../../../../src/contracts/training';
import type { StoredImageSource } from '../../../../src/ml/images/stored-images';
import { storedImageEntryOf } from '../../../../src/state/stored-image-entry';

export const ID = 'set-1' as DatasetId;

export function metaOf(
  size: number,
  channels: 1 | 3,
  classes: { name: string; count: number }[],
  chunkImages: number,
): ImageSetMeta {
  const count = classes.reduce((sum, info) => sum + info.count, 0);
  return {
    id: ID,
    name: 'shapes',
    status: 'ready',
    size: size as ImageSetMeta['size'],
    channels,
    count,
    classes,
    chunkImages,
    chunkCount: Math.ceil(count / chunkImages),
    sizeBytes: count * size * size * channels,
    createdAt: 0,
    source: { fileName: 'shapes.zip', kind: 'zip', files: count, bytes: 0 },
  };
}

/** Splits images (pixels, label index) into chunks of `meta.chunkImages`, as an import does. */
export function sourceOf(meta: ImageSetMeta, images: { pixels: Uint8Array; label: number }[]) {
  const chunks: ImageChunk[] = [];
  for (let first = 0; first < images.length; first += meta.chunkImages) {
    const part = images.slice(first, first + meta.chunkImages);
    const pixels = new Uint8Array(part.reduce((sum, image) => sum + image.pixels.length, 0));
    part.forEach((image, i) => pixels.set(image.pixels, i * image.pixels.length));
    chunks.push({ pixels, labels: Uint16Array.from(part, (image) => image.label) });
  }
  let chunkReads = 0;
  const source: StoredImageSource & { reads: () => number } = {
    getImageSet: (id) => Promise.resolve(id === meta.id ? meta : null),
    getImageChunk: (_id, index) => {
      chunkReads++;
      return Promise.resolve(chunks[index] ?? null);
    },
    reads: () => chunkReads,
  };
  return source;
}

/** An 8×8 grayscale image: class 0 lights the left half, class 1 the top half, class 2 a dot. */
export function pattern(label: number, noise: number): Uint8Array {
  const side = 8;
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const on = label === 0 ? x < side / 2 : label === 1 ? y < side / 2 : x >= 3 && x < 5;
      pixels[y * side + x] = on ? 230 - ((x * 7 + y * 3 + noise) % 25) : (x + y + noise) % 20;
    }
  }
  return pixels;
}

export function patternSet(perClass: number, classNames = ['bars', 'quads', 'stripe']) {
  const meta = metaOf(
    8,
    1,
    classNames.map((name) => ({ name, count: perClass })),
    7,
  );
  const images: { pixels: Uint8Array; label: number }[] = [];
  for (let i = 0; i < perClass; i++) {
    classNames.forEach((_, label) => images.push({ pixels: pattern(label, i), label }));
  }
  return { meta, source: sourceOf(meta, images) };
}

export function datasetOf(meta: ImageSetMeta): TrainRequest['dataset'] {
  const entry = storedImageEntryOf(meta);
  return {
    id: entry.id,
    url: `indexeddb:${meta.id}`,
    target: entry.target as string,
    task: 'classification',
    features: entry.features,
    classes: entry.classes as string[],
    source: { kind: 'stored', datasetId: meta.id },
  };
}

/** An 8×8 RGB image: red bars, green top half or blue centre stripe, never the same twice. */
export function rgbPattern(label: number, noise: number): Uint8Array {
  const grey = pattern(label, noise);
  const pixels = new Uint8Array(grey.length * 3);
  grey.forEach((value, p) => {
    pixels[p * 3 + label] = value;
    pixels[p * 3 + ((label + 1) % 3)] = (noise * 13 + p) % 30;
  });
  return pixels;
}

export function rgbPatternSet(perClass: number, classNames = ['bars', 'quads', 'stripe']) {
  const meta = metaOf(
    8,
    3,
    classNames.map((name) => ({ name, count: perClass })),
    7,
  );
  const images: { pixels: Uint8Array; label: number }[] = [];
  for (let i = 0; i < perClass; i++) {
    classNames.forEach((_, label) => images.push({ pixels: rgbPattern(label, i), label }));
  }
  return { meta, source: sourceOf(meta, images) };
}
