/**
 * Training worker entry: TF.js lives only here, off the UI thread. Thin by design: the API is
 * built in src/ml/training-service.ts (tested in Node) and only exposed here.
 */
import { expose } from 'comlink';
import type { TrainingApi } from '../src/contracts/training';
import { createTrainingService } from '../src/ml/training-service';
import { configureWasmPaths } from '../src/ml/wasm-paths';
import { readStoredTable, type StoredTable } from '../src/ml/stored-dataset';
import type { DatasetId } from '../src/contracts/data';
import { openDataDb } from '../src/storage/db';
import { createDatasetStore } from '../src/storage/dataset-store';

configureWasmPaths();

/**
 * Stored datasets are read with a connection opened for the read and closed after it, so the
 * training worker never holds the database open against another tab's upgrade.
 */
async function readStored(id: DatasetId): Promise<StoredTable | null> {
  const db = await openDataDb();
  try {
    return await readStoredTable(createDatasetStore(db), id);
  } finally {
    db.close();
  }
}

expose(createTrainingService({ readStored }) satisfies TrainingApi);
