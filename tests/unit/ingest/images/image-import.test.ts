import 'fake-indexeddb/auto';
import { zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../../src/contracts/data';
import {
  DEFAULT_IMAGE_LIMITS,
  type ImageImportOptions,
  type ImageLimits,
  type ImageSource,
} from '../../../../src/contracts/images';
import { createImageService } from '../../../../src/ingest/images/image-service';
import type { ImageStore } from '../../../../src/ingest/images/image-store-port';
import { openDataDb, type DataDb } from '../../../../src/storage/db';
import { createImageStore } from '../../../../src/storage/image-store';
import { pngDecoder, pngEncoder, solidPng } from '../../../fixtures/images/png';

let dbCount = 0;
const opened: DataDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function setup(
  overrides: {
    limits?: ImageLimits;
    chunkImages?: number;
    wrap?: (store: ImageStore) => ImageStore;
    estimate?: () => Promise<{ usage: number; quota: number } | null>;
    onYield?: () => void;
  } = {},
) {
  const db = await openDataDb({ name: `images-${++dbCount}` });
  opened.push(db);
  const base = createImageStore(db);
  let ids = 0;
  const service = createImageService({
    store: overrides.wrap ? overrides.wrap(base) : base,
    decoder: pngDecoder,
    encoder: pngEncoder,
    yieldToEvents: async () => overrides.onYield?.(),
    newId: () => `set-${++ids}` as DatasetId,
    now: () => 1000,
    ...(overrides.limits ? { limits: overrides.limits } : {}),
    ...(overrides.chunkImages ? { chunkImages: overrides.chunkImages } : {}),
    ...(overrides.estimate ? { estimate: overrides.estimate } : {}),
  });
  return { db, service };
}

const RED: [number, number, number, number] = [255, 0, 0, 255];
const BLUE: [number, number, number, number] = [0, 0, 255, 255];

function zipSource(files: Zippable, fileName = 'pets.zip'): ImageSource {
  return { kind: 'zip', file: new Blob([zipSync(files)]), fileName };
}

const OPTIONS: Partial<ImageImportOptions> = { size: 28, color: 'rgb' };

async function storedCounts(db: DataDb): Promise<[number, number]> {
  return [await db.count('imageSets'), await db.count('imageChunks')];
}

describe('image import', () => {
  it('stores uint8 pixels by class and lists what it skipped', async () => {
    const { db, service } = await setup({ chunkImages: 2 });
    const outcome = await service.importImages(
      1,
      zipSource({
        'pets/cats/1.png': solidPng(4, 4, RED),
        'pets/cats/2.png': solidPng(8, 6, RED),
        'pets/dogs/1.png': solidPng(2, 2, BLUE),
        'pets/dogs/broken.png': new TextEncoder().encode('not really a png'),
        'pets/dogs/inner.zip': zipSync({ 'x/y.png': solidPng(1, 1, RED) }),
        'pets/readme.txt': new TextEncoder().encode('hello'),
      }),
      OPTIONS,
    );
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.set).toMatchObject({
      name: 'pets',
      size: 28,
      channels: 3,
      count: 3,
      classes: [
        { name: 'cats', count: 2 },
        { name: 'dogs', count: 1 },
      ],
      chunkCount: 2,
      sizeBytes: 3 * 28 * 28 * 3 + 3 * 2,
    });
    expect(outcome.skipped).toEqual(
      expect.arrayContaining([
        { path: 'pets/dogs/broken.png', reason: 'decodeFailed' },
        { path: 'pets/dogs/inner.zip', reason: 'nestedZip' },
        { path: 'pets/readme.txt', reason: 'unsupportedType' },
      ]),
    );
    expect(outcome.skipped).toHaveLength(3);
    const samples = await service.readImageSamples(outcome.set.id, 5);
    expect(samples!.classes.map((c) => [c.name, c.count, c.images.length])).toEqual([
      ['cats', 2, 2],
      ['dogs', 1, 1],
    ]);
    const dog = samples!.classes[1]!.images[0]!;
    expect(dog).toBeInstanceOf(Uint8Array);
    expect([...dog.subarray(0, 6)]).toEqual([0, 0, 255, 0, 0, 255]);
    expect(await service.listImageSets()).toHaveLength(1);
    expect(await storedCounts(db)).toEqual([1, 2]);
  });

  it('stores grayscale as one channel', async () => {
    const { service } = await setup();
    const outcome = await service.importImages(
      1,
      {
        kind: 'folder',
        name: 'pick',
        files: [{ path: 'pick/red/a.png', file: new Blob([solidPng(3, 3, RED)]) }],
      },
      { size: 32, color: 'grayscale' },
    );
    expect(outcome.status).toBe('imported');
    if (outcome.status !== 'imported') return;
    expect(outcome.set).toMatchObject({
      name: 'pick',
      channels: 1,
      size: 32,
      classes: [{ name: 'red', count: 1 }],
    });
    const samples = await service.readImageSamples(outcome.set.id, 1);
    const pixels = samples!.classes[0]!.images[0]!;
    expect(pixels.length).toBe(32 * 32);
    expect(new Set(pixels)).toEqual(new Set([76]));
  });

  it('refuses a zip bomb, naming the entry and the numbers, and stores nothing', async () => {
    const { db, service } = await setup();
    const outcome = await service.importImages(
      1,
      zipSource({
        'pets/cats/a.png': solidPng(2, 2, RED),
        'pets/cats/bomb.bmp': [new Uint8Array(4 * 1024 * 1024), { level: 9 }],
      }),
      OPTIONS,
    );
    expect(outcome).toMatchObject({
      status: 'failed',
      code: 'error.images.zipBomb',
      params: { file: 'pets/cats/bomb.bmp', size: 4 * 1024 * 1024, max: 100 },
    });
    if (outcome.status === 'failed') expect(outcome.params.ratio).toBeGreaterThan(100);
    expect(await storedCounts(db)).toEqual([0, 0]);
  });

  it('bounds file count, entry size and total size', async () => {
    const files: Zippable = {
      'p/a/1.png': solidPng(2, 2, RED),
      'p/a/2.png': solidPng(2, 2, RED),
      'p/b/3.png': solidPng(2, 2, BLUE),
    };
    const size = solidPng(2, 2, RED).length;
    const tight = (limits: Partial<ImageLimits>) =>
      setup({ limits: { ...DEFAULT_IMAGE_LIMITS, ...limits } });
    const tooMany = await (
      await tight({ maxFiles: 2 })
    ).service.importImages(1, zipSource(files), OPTIONS);
    expect(tooMany).toMatchObject({
      code: 'error.images.tooManyFiles',
      params: { count: 3, max: 2 },
    });
    const tooBig = await (
      await tight({ maxEntryBytes: size - 1 })
    ).service.importImages(1, zipSource(files), OPTIONS);
    expect(tooBig).toMatchObject({
      code: 'error.images.entryTooLarge',
      params: { file: 'p/a/1.png', size, max: size - 1 },
    });
    const tooMuch = await (
      await tight({ maxTotalBytes: size * 2 + 1 })
    ).service.importImages(1, zipSource(files), OPTIONS);
    expect(tooMuch).toMatchObject({
      code: 'error.images.totalTooLarge',
      params: { total: size * 3, max: size * 2 + 1 },
    });
  });

  it('fails with a message for a file that is not a zip', async () => {
    const { service } = await setup();
    const outcome = await service.importImages(
      1,
      {
        kind: 'zip',
        file: new Blob(['this is plain text, not a zip archive']),
        fileName: 'notes.zip',
      },
      OPTIONS,
    );
    expect(outcome).toMatchObject({ code: 'error.images.notZip', params: { file: 'notes.zip' } });
  });

  it('fails when nothing decodes, and when the quota is too small', async () => {
    const { db, service } = await setup();
    const broken = zipSource({
      'p/a/x.png': new Uint8Array([1, 2, 3]),
      'p/b/y.png': new Uint8Array([4]),
    });
    expect(await service.importImages(1, broken, OPTIONS)).toMatchObject({
      code: 'error.images.noImages',
      params: { skipped: 2 },
    });
    const small = await setup({ estimate: async () => ({ usage: 0, quota: 100 }) });
    expect(
      await small.service.importImages(1, zipSource({ 'p/a/1.png': solidPng(2, 2, RED) }), OPTIONS),
    ).toMatchObject({
      code: 'error.images.quota',
      params: { needed: 28 * 28 * 3 + 2, available: 100 },
    });
    expect(await storedCounts(db)).toEqual([0, 0]);
  });

  it('stores nothing when a write fails mid-import', async () => {
    let writes = 0;
    const { db, service } = await setup({
      chunkImages: 1,
      wrap: (store) => ({
        ...store,
        async putImageChunk(id, index, chunk) {
          if (++writes === 3) throw new Error('disk fault');
          return store.putImageChunk(id, index, chunk);
        },
      }),
    });
    const files: Zippable = {};
    for (let i = 0; i < 5; i++) files[`p/${i % 2 ? 'a' : 'b'}/${i}.png`] = solidPng(2, 2, RED);
    await expect(service.importImages(1, zipSource(files), OPTIONS)).rejects.toThrow('disk fault');
    expect(writes).toBe(3);
    expect(await storedCounts(db)).toEqual([0, 0]);
    expect(await service.listImageSets()).toEqual([]);
  });

  it('stores nothing when cancelled mid-import', async () => {
    let yields = 0;
    let cancel = (): void => undefined;
    const { db, service } = await setup({
      chunkImages: 1,
      onYield: () => {
        if (++yields === 3) cancel();
      },
    });
    cancel = () => service.cancelImages(7);
    const files: Zippable = {};
    for (let i = 0; i < 5; i++) files[`p/${i % 2 ? 'a' : 'b'}/${i}.png`] = solidPng(2, 2, BLUE);
    expect(await service.importImages(7, zipSource(files), OPTIONS)).toEqual({
      status: 'cancelled',
    });
    expect(await storedCounts(db)).toEqual([0, 0]);
  });

  it('reports progress in files and bytes, and refuses a second import while one runs', async () => {
    const { service } = await setup();
    const events: number[] = [];
    const source = zipSource({
      'p/a/1.png': solidPng(2, 2, RED),
      'p/b/2.png': solidPng(2, 2, BLUE),
    });
    const first = service.importImages(1, source, OPTIONS, (progress) =>
      events.push(progress.filesDone),
    );
    expect(await service.importImages(2, source, OPTIONS)).toMatchObject({
      code: 'error.images.busy',
    });
    expect((await first).status).toBe('imported');
    expect(events[0]).toBe(0);
    expect(events.at(-1)).toBe(2);
  });

  it('deletes a set with its chunks', async () => {
    const { db, service } = await setup();
    const outcome = await service.importImages(
      1,
      zipSource({ 'p/a/1.png': solidPng(2, 2, RED) }),
      OPTIONS,
    );
    if (outcome.status !== 'imported') throw new Error('import failed');
    expect(await service.deleteImageSet(outcome.set.id)).toBe(true);
    expect(await storedCounts(db)).toEqual([0, 0]);
    expect(await service.deleteImageSet(outcome.set.id)).toBe(false);
  });
});

describe('rename and export', () => {
  it('renames a set and exports it as a zip that imports back to the same pixels', async () => {
    const { service } = await setup({ chunkImages: 2 });
    const first = await service.importImages(
      1,
      zipSource({
        'p/a/1.png': solidPng(4, 4, RED),
        'p/a/2.png': solidPng(4, 4, BLUE),
        'p/b/3.png': solidPng(4, 4, BLUE),
      }),
      { size: 28, color: 'grayscale' },
    );
    if (first.status !== 'imported') throw new Error('import failed');
    expect((await service.renameImageSet(first.set.id, '  shapes '))?.name).toBe('shapes');
    expect((await service.renameImageSet(first.set.id, '   '))?.name).toBe('shapes');
    expect(await service.renameImageSet('missing' as DatasetId, 'x')).toBeNull();
    const zip = await service.exportImageZip(first.set.id);
    expect(zip).toBeInstanceOf(Blob);
    const again = await service.importImages(
      2,
      { kind: 'zip', file: zip!, fileName: 'shapes.zip' },
      { size: 28, color: 'grayscale' },
    );
    if (again.status !== 'imported') throw new Error('re-import failed');
    expect(again.set.classes).toEqual(first.set.classes);
    const before = await service.readImageSamples(first.set.id, 5);
    const after = await service.readImageSamples(again.set.id, 5);
    expect(after!.classes.map((c) => c.images.map((i) => [...i].slice(0, 4)))).toEqual(
      before!.classes.map((c) => c.images.map((i) => [...i].slice(0, 4))),
    );
    expect(await service.exportImageZip('missing' as DatasetId)).toBeNull();
  });
});
