/**
 * The training worker's contract. `workers/training.worker.ts` builds an object that
 * `satisfies TrainingApi`; `src/bridge/` wraps it with comlink. Only plain data crosses.
 */
import type { FeatureSpec, TrainableTask } from './datasets';
import type { ErrorCode, ErrorParams } from './errors';
import type { Evaluation } from './evaluation';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
/** Fastest first: the order `auto` tries. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Why a backend was not used; each is an i18n key under `backend.reason.`. */
export type BackendSkipReason =
  | 'notSupported' // the browser lacks the API (no navigator.gpu, no WebGL2, ...)
  | 'initFailed' // the API exists but tfjs could not initialise it
  | 'notForced'; // the user forced another backend with ?backend=

export interface BackendReport {
  name: BackendName;
  forced: boolean;
  skipped: { name: BackendName; reason: BackendSkipReason; detail?: string }[];
}

export type Activation = 'relu' | 'tanh' | 'sigmoid' | 'elu' | 'selu';
export type OptimizerName = 'sgd' | 'adam' | 'rmsprop';

export interface MlpConfig {
  /** Units of each hidden layer, input side first; empty = a linear/logistic model. */
  hiddenLayers: number[];
  activation: Activation;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export interface SplitRatios {
  train: number;
  validation: number;
  test: number;
}

export interface TrainRequest {
  jobId: number;
  dataset: {
    id: string;
    /** Absolute URL of the CSV (the worker fetches and parses it itself). */
    url: string;
    target: string;
    task: TrainableTask;
    /** Declared feature columns; anything else except the target is ignored. */
    features: FeatureSpec[];
    /** Class names in label order, when the manifest declares them. */
    classes?: string[];
  };
  model: MlpConfig;
  split: SplitRatios;
  backend: BackendPreference;
}

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

export interface PreparationSummary {
  rowsTotal: number;
  rowsDroppedMissing: number;
  rowsUsed: number;
  split: SplitSizes;
  /** Input width after one-hot encoding. */
  featureCount: number;
  numericFeatures: string[];
  categoricalFeatures: string[];
  /** Classification only: class names in label order and per-split counts. */
  classNames?: string[];
  classCounts?: { train: number[]; validation: number[]; test: number[] };
  parameterCount: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** Accuracy for classification, R² for regression. */
  trainMetric: number;
  valMetric: number;
}

export type TrainingEvent =
  | { type: 'backend'; jobId: number; backend: BackendReport }
  | { type: 'prepared'; jobId: number; summary: PreparationSummary }
  | {
      type: 'batch';
      jobId: number;
      epoch: number;
      batch: number;
      batchesPerEpoch: number;
      /** Global step count since the start of the run. */
      step: number;
      loss: number;
      smoothedLoss: number;
      samplesPerSecond: number;
      elapsedMs: number;
      etaMs: number;
    }
  | ({
      type: 'epoch';
      jobId: number;
      epochs: number;
      samplesPerSecond: number;
      elapsedMs: number;
      etaMs: number;
    } & EpochRecord)
  | { type: 'eval'; jobId: number; epoch: number; split: 'validation'; evaluation: Evaluation }
  | { type: 'done'; jobId: number };

export type TrainOutcome =
  | {
      status: 'completed' | 'stopped';
      jobId: number;
      epochsRun: number;
      history: EpochRecord[];
      test: Evaluation;
      backend: BackendName;
      durationMs: number;
    }
  | { status: 'cancelled'; jobId: number }
  | { status: 'failed'; jobId: number; code: ErrorCode; params?: ErrorParams };

export type TrainingEventHandler = (event: TrainingEvent) => void;

export interface TrainingApi {
  /** Runs one job to its end; events stream through `onEvent` (a comlink proxy). */
  train(request: TrainRequest, onEvent: TrainingEventHandler): Promise<TrainOutcome>;
  /** Cooperative stop: training ends after the current batch, the test set is still scored. */
  stop(jobId: number): void;
}
