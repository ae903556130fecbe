import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../../src/contracts/data';
import type { ImageSetMeta } from '../../../../src/contracts/images';
import { createImageService } from '../../../../src/ingest/images/image-service';
import { samplesFromPixelCsv } from '../../../../src/ingest/images/pixel-csv';
import { openDataDb } from '../../../../src/storage/db';
import { createImageStore } from '../../../../src/storage/image-store';
import { pngDecoder, pngEncoder } from '../../../fixtures/images/png';

const CSV = ['label,p0,p1,p2,p3', '1,0,16,16,0', '0,16,0,0,16', '1,8,8,8,8', ''].join('\n');

describe('samplesFromPixelCsv', () => {
  it('groups rows by label and maps the pixel range onto 0-255', () => {
    const samples = samplesFromPixelCsv(
      CSV,
      { shape: [2, 2, 1], pixelRange: [0, 16], classes: ['zero', 'one'] },
      1,
    );
    expect(samples).not.toBeNull();
    expect(samples!.size).toBe(2);
    expect(samples!.classes.map((c) => [c.name, c.count, c.images.map((i) => [...i])])).toEqual([
      ['zero', 1, [[255, 0, 0, 255]]],
      ['one', 2, [[0, 255, 255, 0]]],
    ]);
  });

  it('refuses rows of the wrong width and non-square shapes', () => {
    expect(
      samplesFromPixelCsv('label,a\n1,2,3\n', { shape: [1, 1, 1], pixelRange: [0, 1] }, 1),
    ).toBeNull();
    expect(samplesFromPixelCsv(CSV, { shape: [1, 4, 1], pixelRange: [0, 16] }, 1)).toBeNull();
  });

  it('is read through the service from a URL', async () => {
    const db = await openDataDb({ name: 'pixel-csv' });
    const service = createImageService({
      store: createImageStore(db),
      decoder: pngDecoder,
      encoder: pngEncoder,
      yieldToEvents: async () => undefined,
      fetchText: async (url) => {
        if (url !== 'https://example.test/digits.csv') throw new Error('404');
        return CSV;
      },
    });
    const spec = {
      shape: [2, 2, 1] as [number, number, number],
      pixelRange: [0, 16] as [number, number],
    };
    const ok = await service.readPixelCsv({ url: 'https://example.test/digits.csv', ...spec }, 2);
    expect(ok.status).toBe('ok');
    expect(
      await service.readPixelCsv({ url: 'https://example.test/missing.csv', ...spec }, 2),
    ).toEqual({
      status: 'failed',
    });
    db.close();
  });
});

describe('image store', () => {
  it('sweeps image sets left pending by a crash when the database opens', async () => {
    const name = 'image-sweep';
    const first = await openDataDb({ name, now: () => 1000 });
    const store = createImageStore(first);
    const meta: ImageSetMeta = {
      id: 'crashed' as DatasetId,
      name: 'crashed',
      status: 'pending',
      size: 28,
      channels: 1,
      count: 1,
      classes: [{ name: 'a', count: 1 }],
      chunkImages: 1,
      chunkCount: 1,
      sizeBytes: 786,
      createdAt: 1000,
      source: { fileName: 'x.zip', kind: 'zip', files: 1, bytes: 10 },
    };
    await store.beginImageSet(meta);
    await store.putImageChunk(meta.id, 0, {
      pixels: new Uint8Array(784),
      labels: new Uint16Array(1),
    });
    await store.beginImageSet({ ...meta, id: 'young' as DatasetId, createdAt: 1900 });
    expect(await store.listImageSets()).toEqual([]);
    expect(await store.getImageSet(meta.id)).toBeNull();
    first.close();
    const second = await openDataDb({ name, now: () => 2000, staleAfterMs: 500 });
    expect((await second.getAllKeys('imageSets')).sort()).toEqual(['young']);
    expect(await second.count('imageChunks')).toBe(0);
    second.close();
  });
});
