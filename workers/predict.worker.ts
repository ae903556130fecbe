/**
 * Prediction worker entry: try-it rows, batch CSV prediction and model export run here, off the
 * UI thread and apart from training, so predicting never waits for a run. The API is built in
 * src/ml/predict-service.ts (tested in Node) and only exposed here.
 */
import { expose } from 'comlink';
import type { DatasetId } from '../src/contracts/data';
import type { PredictApi } from '../src/contracts/predict';
import { createPredictService } from '../src/ml/predict-service';
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

expose(createPredictService({ readStored }) satisfies PredictApi);
