/**
 * Data worker entry: parsing, profiling and IndexedDB writes run here, off the UI thread.
 * Thin by design: the API is built in src/ingest/data-service.ts (tested in Node) over the
 * IndexedDB store of src/storage, and only wired and exposed here.
 */
import { expose } from 'comlink';
import type { StorageEventHandler } from '../src/contracts/data';
import type { DataWorkerApi } from '../src/contracts/images';
import { createDataService, yieldViaMessage } from '../src/ingest/data-service';
import { createBrowserDecoder, createBrowserEncoder } from '../src/ingest/images/decoder';
import { createImageService } from '../src/ingest/images/image-service';
import { openDataDb } from '../src/storage/db';
import { createDatasetStore } from '../src/storage/dataset-store';
import { createImageStore } from '../src/storage/image-store';
import { storeWriterSinks } from './store-writer-link';

let storageHandler: StorageEventHandler | null = null;

const db = openDataDb({
  onBlocked: () => storageHandler?.('blocked'),
  onBlocking: () => storageHandler?.('blocking'),
});

async function estimate(): Promise<{ usage: number; quota: number } | null> {
  if (!navigator.storage?.estimate) return null;
  const { usage = 0, quota = 0 } = await navigator.storage.estimate();
  return { usage, quota };
}

async function persisted(): Promise<boolean> {
  return (await navigator.storage?.persisted?.()) ?? false;
}

const datasets = createDatasetStore(db);

expose({
  ...createDataService({
    store: datasets,
    createSink: storeWriterSinks(datasets),
    estimate,
    persisted,
    onWatchStorage: (handler) => {
      storageHandler = handler;
    },
  }),
  ...createImageService({
    store: createImageStore(db),
    decoder: createBrowserDecoder(),
    encoder: createBrowserEncoder(),
    yieldToEvents: yieldViaMessage,
    estimate,
  }),
} satisfies DataWorkerApi);
