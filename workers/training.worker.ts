/**
 * Training worker entry: TF.js lives only here, off the UI thread. Thin by design: the API is
 * built in src/ml/training-service.ts (tested in Node) and only exposed here.
 */
import { expose } from 'comlink';
import type { TrainedModelArtifacts, TrainingApi } from '../src/contracts/training';
import { createTrainingService } from '../src/ml/training-service';
import { configureWasmPaths } from '../src/ml/wasm-paths';
import type { StoredTable } from '../src/ml/stored-dataset';
import { readStoredTableOrImages } from '../src/ml/images/stored-images';
import type { DatasetId } from '../src/contracts/data';
import { openDataDb } from '../src/storage/db';
import { createDatasetStore } from '../src/storage/dataset-store';
import { createImageStore } from '../src/storage/image-store';
import {
  createTaskCheckpointPort,
  deleteCheckpoint,
  loadNetworkCheckpoint,
  openCheckpointDb,
  saveCheckpoint,
  type CheckpointDb,
} from '../src/storage/checkpoint-store';
import type { CheckpointPort } from '../src/ml/network/network-job';
import { openRunsDb } from '../src/storage/runs-db';
import { readRunArtifacts } from '../src/storage/run-weights';

configureWasmPaths();

/**
 * Stored datasets are read with a connection opened for the read and closed after it, so the
 * training worker never holds the database open against another tab's upgrade.
 */
async function readStored(id: DatasetId): Promise<StoredTable | null> {
  const db = await openDataDb();
  try {
    return await readStoredTableOrImages(createDatasetStore(db), createImageStore(db), id);
  } finally {
    db.close();
  }
}

/** Checkpoints the same way: a connection per read or write, closed after it. */
async function withCheckpointDb<T>(use: (db: CheckpointDb) => Promise<T>): Promise<T> {
  const db = await openCheckpointDb();
  try {
    return await use(db);
  } finally {
    db.close();
  }
}

const checkpoints: CheckpointPort = {
  save: async (key, request, checkpoint) => {
    try {
      const saved = await withCheckpointDb((db) =>
        saveCheckpoint(db, { key, savedAt: Date.now(), request, checkpoint }),
      );
      return saved.ok ? saved : { ok: false, code: saved.code };
    } catch {
      // The database would not even open (private mode, blocked): the run goes on unsaved.
      return { ok: false, code: 'error.storage.failed' };
    }
  },
  load: async (key) => {
    try {
      return await withCheckpointDb((db) => loadNetworkCheckpoint(db, key));
    } catch {
      return null;
    }
  },
  remove: (key) => withCheckpointDb((db) => deleteCheckpoint(db, key)),
};

/** A registered run's network for transfer learning; a connection per read, closed after it. */
async function readRunWeights(runId: string): Promise<TrainedModelArtifacts | null> {
  try {
    const db = await openRunsDb();
    try {
      return await readRunArtifacts(db, runId);
    } finally {
      db.close();
    }
  } catch {
    // The run history would not open (private mode, blocked): the service says it is missing.
    return null;
  }
}

const taskCheckpoints = createTaskCheckpointPort();

expose(
  createTrainingService({
    readStored,
    checkpoints,
    taskCheckpoints,
    readRunWeights,
  }) satisfies TrainingApi,
);
