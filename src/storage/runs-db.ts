/**
 * The run-history database, apart from the data database so the two evolve on their own
 * version numbers: a typed idb schema with numbered upgrade steps.
 *
 * v1: `runs` (a small summary per finished run, by id, indexed by creation time) and `details`
 * (the heavy part, by run id: per-epoch history and the full test evaluation with its
 * probabilities). The list reads summaries only; a comparison loads details of the runs chosen.
 * A run's summary and details are written, renamed and deleted in one transaction each, so a
 * failure leaves neither half.
 *
 * `blocked` (an older tab holds the database open while we upgrade) and `blocking` (we hold it
 * open while a newer tab upgrades: we close and report) reach the UI through callbacks.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ClassicalModelSpec } from '../contracts/classical';
import type { TrainableTask } from '../contracts/datasets';
import type { Evaluation } from '../contracts/evaluation';
import type {
  BackendName,
  EpochRecord,
  MlpConfig,
  SplitRatios,
  SplitStrategy,
} from '../contracts/training';

export const RUNS_DB_NAME = 'fitlab-runs';
export const RUNS_DB_VERSION = 1;

export type RunId = string & { readonly brand: 'RunId' };

/** The model a run trained: a network, or a classical learner from the catalogue. */
export type RunModel =
  { kind: 'mlp'; config: MlpConfig } | { kind: 'classical'; spec: ClassicalModelSpec };

export interface RunSummary {
  id: RunId;
  /** 1-based order of recording; default names ("Run 3") use it. */
  seq: number;
  /** What the person called the run; '' = the default name. */
  name: string;
  createdAt: number;
  dataset: { id: string; title: string; target: string; task: TrainableTask };
  model: RunModel;
  split: SplitRatios;
  splitStrategy: SplitStrategy;
  /** Split and recipe seed (the network's seed; classical runs use it for the split only). */
  seed: number;
  /** The serialized recipe the run asked for; null = the dataset's default one. */
  recipe: string | null;
  status: 'completed' | 'stopped';
  epochsRun: number;
  durationMs: number;
  backend: BackendName;
  engine?: 'tfjs' | 'tiny';
  testRows: number;
  /** The list's headline figure: test accuracy (classification) or R² (regression). */
  headline: { key: 'accuracy' | 'r2'; value: number };
}

export interface RunDetail {
  id: RunId;
  history: EpochRecord[];
  test: Evaluation;
}

export interface RunsDbSchema extends DBSchema {
  runs: { key: string; value: RunSummary; indexes: { byCreatedAt: number } };
  details: { key: string; value: RunDetail };
}

export type RunsDb = IDBPDatabase<RunsDbSchema>;

export interface OpenRunsDbOptions {
  name?: string;
  onBlocked?: () => void;
  onBlocking?: () => void;
}

export async function openRunsDb(options: OpenRunsDbOptions = {}): Promise<RunsDb> {
  const db = await openDB<RunsDbSchema>(options.name ?? RUNS_DB_NAME, RUNS_DB_VERSION, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        const runs = database.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byCreatedAt', 'createdAt');
        database.createObjectStore('details', { keyPath: 'id' });
      }
    },
    blocked() {
      options.onBlocked?.();
    },
    blocking() {
      db.close();
      options.onBlocking?.();
    },
  });
  return db;
}
