import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { expose, type Endpoint } from 'comlink';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { ImageClient } from '../../../src/bridge/image-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';
import type { ImageImportProgress, ImageSource } from '../../../src/contracts/images';
import type { PixelDecoder } from '../../../src/ingest/images/decoder';
import { createImageService } from '../../../src/ingest/images/image-service';
import { openDataDb } from '../../../src/storage/db';
import { createImageStore } from '../../../src/storage/image-store';
import { pngDecoder, pngEncoder, solidPng } from '../../fixtures/images/png';

const closers: { close(): void }[] = [];
afterEach(() => {
  for (const item of closers.splice(0)) item.close();
});

let dbCount = 0;

/** The real image service over fake-indexeddb, exposed on a MessageChannel as a worker. */
async function setup(decoder: PixelDecoder = pngDecoder) {
  const db = await openDataDb({ name: `image-client-${++dbCount}` });
  closers.push(db);
  const state = { terminated: 0 };
  const errors = new EventTarget();
  const client = new ImageClient({
    hardStopMs: 30,
    createWorker: (): WorkerHandle => {
      const { port1, port2 } = new MessageChannel();
      closers.push(port1, port2);
      const service = createImageService({
        store: createImageStore(db),
        decoder,
        encoder: pngEncoder,
        yieldToEvents: () => new Promise((resolve) => setTimeout(resolve, 0)),
      });
      expose(service, port2 as unknown as Endpoint);
      const end = port1 as unknown as Endpoint;
      return {
        postMessage: (message: unknown, transfer?: Transferable[]) =>
          end.postMessage(message, transfer),
        addEventListener: (type, listener) =>
          type === 'message'
            ? end.addEventListener(type, listener)
            : errors.addEventListener(type, listener),
        removeEventListener: (type, listener) =>
          type === 'message'
            ? end.removeEventListener(type, listener)
            : errors.removeEventListener(type, listener),
        start: () => port1.start(),
        terminate: () => {
          state.terminated++;
          port1.close();
          port2.close();
        },
      };
    },
  });
  return { client, db, state, crash: () => errors.dispatchEvent(new Event('error')) };
}

const SOURCE: ImageSource = {
  kind: 'zip',
  file: new Blob([
    zipSync({
      'a/1.png': solidPng(2, 2, [255, 0, 0, 255]),
      'b/2.png': solidPng(2, 2, [0, 0, 255, 255]),
    }),
  ]),
  fileName: 'two.zip',
};

const hanging: PixelDecoder = { decode: () => new Promise(() => undefined) };

describe('ImageClient', () => {
  it('imports through the worker with progress, lists and reads samples', async () => {
    const { client } = await setup();
    const seen: ImageImportProgress[] = [];
    const outcome = await client.importImages(SOURCE, { size: 28, color: 'rgb' }, (p) =>
      seen.push(p),
    );
    expect(outcome.status).toBe('imported');
    // Progress travels on its own port: events after the outcome are dropped as stale.
    expect(seen[0]).toMatchObject({ jobId: 1, filesDone: 0, filesTotal: 2 });
    const sets = await client.listImageSets();
    expect(sets.map((set) => set.count)).toEqual([2]);
    const samples = await client.readImageSamples(sets[0]!.id, 3);
    expect(samples?.classes.map((c) => c.images[0]!.length)).toEqual([28 * 28 * 3, 28 * 28 * 3]);
    client.dispose();
  });

  it('refuses a second import and hard-stops one that ignores cancel', async () => {
    const { client, state } = await setup(hanging);
    const pending = client.importImages(SOURCE, {});
    expect(await client.importImages(SOURCE, {})).toMatchObject({ code: 'error.images.busy' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await client.cancelImport();
    expect(await pending).toEqual({ status: 'cancelled' });
    expect(state.terminated).toBe(1);
    client.dispose();
  });

  it('settles a running import as crashed when the worker dies', async () => {
    const { client, crash } = await setup(hanging);
    const pending = client.importImages(SOURCE, {});
    await new Promise((resolve) => setTimeout(resolve, 20));
    crash();
    expect(await pending).toMatchObject({ status: 'failed', code: 'error.images.workerCrashed' });
    client.dispose();
  });
});
