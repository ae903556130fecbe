/**
 * Explore worker entry: clustering and embeddings run here, off the UI thread, in a worker of
 * their own so exploring never queues behind a training job. The API is built in
 * src/ml/explore/explore-service.ts (tested in Node) and only exposed here.
 */
import { expose } from 'comlink';
import type { DatasetId } from '../src/contracts/data';
import type { ExploreApi } from '../src/contracts/explore';
import { createExploreService } from '../src/ml/explore/explore-service';
import type { StoredTable } from '../src/ml/stored-dataset';
import { readStoredTableOrImages } from '../src/ml/images/stored-images';
import { openDataDb } from '../src/storage/db';
import { createDatasetStore } from '../src/storage/dataset-store';
import { createImageStore } from '../src/storage/image-store';

/** Opened per read and closed after, so this worker never blocks another tab's upgrade. */
async function readStored(id: DatasetId): Promise<StoredTable | null> {
  const db = await openDataDb();
  try {
    return await readStoredTableOrImages(createDatasetStore(db), createImageStore(db), id);
  } finally {
    db.close();
  }
}

expose(createExploreService({ readStored }) satisfies ExploreApi);
