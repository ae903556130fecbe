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
 * v2 (the model registry): summaries gain the project they belong to and their version in it,
 * notes, tags, the dataset's content hash and their stored size; details gain the trained
 * weights and the fitted recipe when the outcome carried them. The upgrade keeps every v1 run:
 * it gets empty notes and tags, its size, and a version among the runs without a project.
 *
 * Sequence and generative runs (no version change: their fields are optional additions that
 * older runs simply lack) carry a `sequence` or `generative` model, a headline of their own kind,
 * and in their details a `task` block with what their evaluation view draws (the forecast
 * against actual, the text figures and samples, or the generative losses and image views)
 * instead of a classification or regression `test`.
 *
 * `blocked` (an older tab holds the database open while we upgrade) and `blocking` (we hold it
 * open while a newer tab upgrades: we close and report) reach the UI through callbacks.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction } from 'idb';
import type { ClassicalModelSpec } from '../contracts/classical';
import type { TrainableTask } from '../contracts/datasets';
import type { Evaluation } from '../contracts/evaluation';
import type { ModelInsights } from '../contracts/insights';
import type {
  GenerativeLosses,
  GenerativeOutcome,
  GenerativeSpec,
  GenerativeView,
} from '../contracts/generative';
import type { NetworkModelSpec } from '../contracts/network';
import type { ForecastResult, SequenceSpec, TextResult } from '../contracts/sequence';
import type {
  BackendName,
  EpochRecord,
  MlpConfig,
  SplitRatios,
  SplitStrategy,
} from '../contracts/training';

export const RUNS_DB_NAME = 'fitlab-runs';
export const RUNS_DB_VERSION = 2;

export type RunId = string & { readonly brand: 'RunId' };

/** The model a run trained: the MLP, a classical learner, or a network from the builder. */
export type RunModel =
  | { kind: 'mlp'; config: MlpConfig }
  | { kind: 'classical'; spec: ClassicalModelSpec }
  | { kind: 'network'; network: NetworkModelSpec }
  /** A forecaster or character model, with the network its preset built. */
  | { kind: 'sequence'; spec: SequenceSpec; network: NetworkModelSpec | null }
  | { kind: 'generative'; spec: GenerativeSpec };

/** Headline figures of sequence and generative runs (lower is better for each). */
export type TaskHeadlineKey = 'mae' | 'perplexity' | 'reconstruction' | 'meanGap' | 'generator';

/** Why a run's weights were not kept, when it has none. */
export type WeightsSkipped = 'tooLarge' | 'notSaved';

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
  engine?: 'tfjs' | 'tiny' | 'fast';
  testRows: number;
  /**
   * The list's headline figure: test accuracy (classification) or R² (regression); forecast
   * MAE, perplexity, reconstruction error or a GAN figure for sequence and generative runs.
   */
  headline: { key: 'accuracy' | 'r2' | TaskHeadlineKey; value: number };
  /** The project the run was trained in; null for runs recorded before projects existed. */
  project: { id: string; name: string } | null;
  /** 1-based within the project (v1, v2, …), numbered when the run is stored. */
  version: number;
  notes: string;
  tags: string[];
  /** SHA-256 of the dataset's file when the catalogue knows it ('' otherwise). */
  datasetHash: string;
  /** True when the details hold the trained model. */
  hasWeights: boolean;
  /** Set when `hasWeights` is false for a reason the details view names. */
  weightsSkipped?: WeightsSkipped;
  /** Estimated bytes of summary and details as stored. */
  sizeBytes: number;
}

/** The networks of a generative run, by role. */
export type GenerativePartName = 'encoder' | 'decoder' | 'generator' | 'discriminator';

/**
 * A trained model as the outcome carried it: a classical `SavedModel`, TF.js artifacts, or a
 * generative run's networks (TF.js artifacts each; runs recorded before they were kept lack it).
 */
export type RunWeights =
  | { kind: 'classical'; savedModel: string }
  | { kind: 'tfjs-layers'; artifacts: unknown }
  | { kind: 'generative'; parts: Partial<Record<GenerativePartName, unknown>> };

/** What a sequence or generative run's evaluation view draws, as the run left it. */
export type RunTaskDetail =
  | { kind: 'forecast'; result: ForecastResult }
  | { kind: 'text'; result: TextResult }
  | {
      kind: 'generative';
      outcome: GenerativeOutcome;
      /** Per-epoch losses (the `history` of a generative run stays empty). */
      epochs: (GenerativeLosses & { epoch: number })[];
      /** The last epoch's views: reconstructions, sample grids or scatters. */
      views: GenerativeView[];
    };

export interface RunDetail {
  id: RunId;
  history: EpochRecord[];
  /** Classification and regression runs; sequence and generative runs keep `task` instead. */
  test?: Evaluation;
  task?: RunTaskDetail;
  weights?: RunWeights;
  /** The recipe as fitted on the training split (`serializeFitted`). */
  fittedRecipe?: string;
  insights?: ModelInsights;
}

/** A v1 summary, before the registry's fields. */
export type RunSummaryV1 = Omit<
  RunSummary,
  'project' | 'version' | 'notes' | 'tags' | 'datasetHash' | 'hasWeights' | 'sizeBytes'
>;

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

/**
 * Bytes a value takes when stored, near enough to show where space goes: strings at 2 bytes a
 * character, numbers 8, binary data its length.
 */
export function estimateBytes(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 4;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + estimateBytes(item), 0);
  if (typeof value === 'object') {
    let sum = 0;
    for (const [key, item] of Object.entries(value)) sum += 2 * key.length + estimateBytes(item);
    return sum;
  }
  return 0;
}

/** v1 → v2: every old run gains the registry's fields; none is dropped. */
async function upgradeToV2(
  tx: IDBPTransaction<RunsDbSchema, ('runs' | 'details')[], 'versionchange'>,
): Promise<void> {
  const runs = tx.objectStore('runs');
  const details = tx.objectStore('details');
  const old = (await runs.getAll()) as unknown as RunSummaryV1[];
  old.sort((a, b) => a.seq - b.seq);
  let version = 0;
  for (const run of old) {
    const detail = await details.get(run.id);
    const upgraded: RunSummary = {
      ...run,
      project: null,
      version: ++version,
      notes: '',
      tags: [],
      datasetHash: '',
      hasWeights: false,
      sizeBytes: 0,
    };
    upgraded.sizeBytes = estimateBytes(upgraded) + estimateBytes(detail);
    await runs.put(upgraded);
  }
}

export async function openRunsDb(options: OpenRunsDbOptions = {}): Promise<RunsDb> {
  const db = await openDB<RunsDbSchema>(options.name ?? RUNS_DB_NAME, RUNS_DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const runs = database.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byCreatedAt', 'createdAt');
        database.createObjectStore('details', { keyPath: 'id' });
      }
      if (oldVersion >= 1 && oldVersion < 2) await upgradeToV2(transaction);
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
