import { describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../src/contracts/data';
import type {
  ImageImportOutcome,
  ImageSamples,
  ImageSetMeta,
  PixelCsvOutcome,
} from '../../../src/contracts/images';
import { ImageImport, pixelCsvSpecOf, type ImagePort } from '../../../src/state/ImageImport.svelte';

const SET: ImageSetMeta = {
  id: 's1' as DatasetId,
  name: 'pets',
  status: 'ready',
  size: 28,
  channels: 1,
  count: 2,
  classes: [
    { name: 'cats', count: 1 },
    { name: 'dogs', count: 1 },
  ],
  chunkImages: 10,
  chunkCount: 1,
  sizeBytes: 1572,
  createdAt: 1,
  source: { fileName: 'pets.zip', kind: 'zip', files: 3, bytes: 100 },
};

const SAMPLES: ImageSamples = {
  size: 28,
  channels: 1,
  classes: [{ name: 'cats', count: 1, images: [new Uint8Array(784)] }],
};

function fakePort(outcome: ImageImportOutcome) {
  const stored: ImageSetMeta[] = [];
  const calls: string[] = [];
  const port: ImagePort = {
    async importImages(_source, options, onProgress) {
      calls.push(`import ${options.size} ${options.color}`);
      onProgress?.({ jobId: 1, filesDone: 1, filesTotal: 2, bytesRead: 10, totalBytes: 20 });
      if (outcome.status === 'imported') stored.push(outcome.set);
      return outcome;
    },
    cancelImport: async () => void calls.push('cancel'),
    listImageSets: async () => [...stored],
    readImageSamples: async () => SAMPLES,
    deleteImageSet: async (id) => {
      const at = stored.findIndex((set) => set.id === id);
      if (at >= 0) stored.splice(at, 1);
      return at >= 0;
    },
    renameImageSet: async (id, name) => {
      const set = stored.find((item) => item.id === id);
      if (!set) return null;
      stored.splice(stored.indexOf(set), 1, { ...set, name });
      return { ...set, name };
    },
    exportImageZip: async (id) => (stored.some((set) => set.id === id) ? new Blob(['zip']) : null),
    readPixelCsv: async (): Promise<PixelCsvOutcome> => ({ status: 'failed' }),
    dispose: () => void calls.push('dispose'),
  };
  return { port, calls };
}

describe('ImageImport', () => {
  it('imports with the chosen options, lists the set and shows its samples', async () => {
    const { port, calls } = fakePort({
      status: 'imported',
      set: SET,
      skipped: [{ path: 'x.txt', reason: 'unsupportedType' }],
    });
    const images = new ImageImport(port, () => undefined);
    images.size = 64;
    images.color = 'grayscale';
    await images.importZip(new Blob(['zip']), 'pets.zip');
    expect(calls).toEqual(['import 64 grayscale']);
    expect(images.phase).toBe('idle');
    expect(images.progress).toBeNull();
    expect(images.sets).toEqual([SET]);
    expect(images.lastImported).toEqual(SET);
    expect(images.skipped).toEqual([{ path: 'x.txt', reason: 'unsupportedType' }]);
    expect(images.selection).toEqual({ kind: 'set', id: 's1' });
    expect(images.samples).toBe(SAMPLES);
    await images.rename(SET.id, 'animals');
    expect(images.sets.map((set) => set.name)).toEqual(['animals']);
    expect(await images.exportZip(SET.id)).toBeInstanceOf(Blob);
    await images.remove(SET.id);
    expect(images.sets).toEqual([]);
    expect(images.selection).toBeNull();
    expect(images.samples).toBeNull();
  });

  it('keeps a failure with its code and params and leaves the list alone', async () => {
    const failure = {
      status: 'failed',
      code: 'error.images.zipBomb',
      params: { file: 'a/b.bmp' },
    } as const;
    const { port } = fakePort(failure);
    const images = new ImageImport(port, () => undefined);
    await images.importFolder('pick', []);
    expect(images.failure).toEqual({ code: 'error.images.zipBomb', params: { file: 'a/b.bmp' } });
    expect(images.sets).toEqual([]);
  });

  it('marks built-in samples that fail to load', async () => {
    const { port } = fakePort({ status: 'cancelled' });
    const images = new ImageImport(port, () => undefined);
    const spec = pixelCsvSpecOf({ image: { shape: [8, 8, 1], pixel_range: [0, 16] } }, '/d.csv');
    expect(spec).toEqual({ url: '/d.csv', shape: [8, 8, 1], pixelRange: [0, 16] });
    await images.select({ kind: 'builtin', id: 'digits' }, spec!);
    expect(images.samplesFailed).toBe(true);
    expect(pixelCsvSpecOf({}, '/x.csv')).toBeNull();
    expect(pixelCsvSpecOf({ image: { shape: [8, 8], pixel_range: [0, 1] } }, '/x.csv')).toBeNull();
  });
});
