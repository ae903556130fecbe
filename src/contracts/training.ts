/**
 * The training worker's contract. `workers/training.worker.ts` builds an object that
 * `satisfies TrainingApi`; `src/bridge/` wraps it with comlink. Only plain data crosses.
 */
import type { BoxPlot, StepReport } from '../core/recipe';
import type { FeatureSpec, TrainableTask } from './datasets';
import type { ErrorCode, ErrorParams } from './errors';
import type { Evaluation } from './evaluation';
import type { ClassicalModelSpec } from './classical';
import type { ModelInsights } from './insights';
import type { NetworkModelSpec } from './network';
import type {
  GenerativeEpochEvent,
  GenerativeLosses,
  GenerativeOutcome,
  GenerativeSpec,
} from './generative';
import type { SamplesEvent, SequenceResult, SequenceSpec } from './sequence';
import type { LiveViewsEvent, LiveViewsRequest } from './live-views';
import type {
  CrossValidationEventHandler,
  CrossValidationOutcome,
  CrossValidationRequest,
} from './cross-validation';

export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;
/** Fastest first: the order `auto` tries. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** Why a backend was not used; each is an i18n key under `backend.reason.`. */
export type BackendSkipReason =
  | 'notSupported' // the browser lacks the API (no navigator.gpu, no WebGL2, ...)
  | 'initFailed' // the API exists but tfjs could not initialise it
  | 'notForced' // the user forced another backend with ?backend=
  | 'missingKernels' // a kernel the model's forward or backward pass needs is not registered
  | 'softwareRenderer' // a GPU API backed by a software rasteriser: slower than WebAssembly
  | 'deviceLost'; // the GPU device or context was lost during training: the run moved on

export interface BackendReport {
  name: BackendName;
  forced: boolean;
  skipped: { name: BackendName; reason: BackendSkipReason; detail?: string }[];
  /** WebAssembly only: threads in use (more than 1 needs cross-origin isolation and cores). */
  threads?: number;
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

/**
 * How rows are dealt to train/validation/test. 'stratified' falls back to 'random' for
 * regression; 'time' keeps file order (the latest rows are the test set); 'grouped' keeps rows
 * sharing `groupColumn` in one part.
 */
export type SplitStrategyKind = 'random' | 'stratified' | 'time' | 'grouped';

export interface SplitStrategy {
  kind: SplitStrategyKind;
  groupColumn?: string;
}

/** Expected preparation failures: i18n keys under `recipe.error.` (see src/core/recipe). */
export type PrepareErrorCode = `recipe.error.${string}`;
export type FailureCode = ErrorCode | PrepareErrorCode;

export interface TrainRequest {
  jobId: number;
  /** Per-epoch validation views (default on); the bench turns them off to measure their cost. */
  liveEvaluation?: boolean;
  /** Live views (decision boundary, histograms, CNN maps); absent = none computed. */
  liveViews?: LiveViewsRequest;
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
    /** Set for a dataset the user stored: the worker reads it from IndexedDB, not from `url`. */
    source?: { kind: 'stored'; datasetId: string };
  };
  /** The network; with `classical` set, only its `seed` is used (split and recipe seed). */
  model: MlpConfig;
  /** A classical learner (src/core/classical-catalog) trained instead of the network. */
  classical?: ClassicalModelSpec;
  /**
   * A network from the layer builder (any stack, its own loss, optimizer and schedule), trained
   * instead of `model`'s MLP; `model.seed` still seeds the split and the recipe.
   */
  network?: NetworkModelSpec;
  /** An autoencoder, VAE, GAN or bottleneck embedding (contracts/generative.ts) instead. */
  generative?: GenerativeSpec;
  /** A sequence task (forecasting, character text), trained instead of `model` on the raw file. */
  sequence?: SequenceSpec;
  split: SplitRatios;
  /** Absent = stratified (random for regression), as before recipes existed. */
  splitStrategy?: SplitStrategy;
  /** A serialized `Recipe` (src/core/recipe); null or absent = the dataset's default recipe. */
  recipe?: string | null;
  backend: BackendPreference;
  /**
   * Builder networks, sequence and generative runs: where checkpoints go, how often, and
   * whether to continue from one.
   */
  checkpoint?: CheckpointRequest;
}

export interface CheckpointRequest {
  /** One checkpoint per key in IndexedDB (src/storage/checkpoint-store.ts). */
  key: string;
  /** Save every N epochs (and when the run is stopped); 0 = only when stopped. */
  every: number;
  /** Continue from the checkpoint saved under `key` (a fresh run if there is none). */
  resume?: boolean;
}

/** What a recipe preview needs: the data, the split and the recipe, no model. */
export interface PreviewRequest {
  dataset: TrainRequest['dataset'];
  split: SplitRatios;
  splitStrategy: SplitStrategy;
  recipe: string | null;
  seed: number;
}

/** A few rows of a frame as display text (missing = ''), for before/after previews. */
export interface FrameSample {
  columns: string[];
  /** Columns left out of `columns` to keep the sample narrow. */
  hiddenColumns: number;
  rows: string[][];
}

export interface StepPreview extends StepReport {
  sample: FrameSample;
  /** Outlier steps: the fitted box plot numbers per column. */
  boxes?: BoxPlot[];
}

export interface ClassDistribution {
  classNames: string[];
  train: number[];
  validation: number[];
  test: number[];
}

export type RecipePreviewResult =
  | {
      ok: true;
      /** The recipe previewed, serialized (the default one when the request had none). */
      recipe: string;
      inputColumns: { name: string; kind: string }[];
      rowsTotal: number;
      rowsDroppedMissingTarget: number;
      split: SplitSizes;
      classDistribution?: ClassDistribution;
      input: FrameSample;
      steps: StepPreview[];
      /** A failure training would meet with this recipe (e.g. a column left unencoded). */
      problem?: { code: FailureCode; params?: ErrorParams };
    }
  | { ok: false; code: FailureCode; params?: ErrorParams };

export interface SplitSizes {
  train: number;
  validation: number;
  test: number;
}

export interface PreparationSummary {
  rowsTotal: number;
  /** Rows without a target value, dropped before the split (they can be neither fitted nor scored). */
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
  /** The recipe's steps on the training split, in order (absent only in old fixtures). */
  steps?: StepReport[];
  /** Rows the recipe fed to training (resampling changes it), and its validation/test rows. */
  preparedRows?: SplitSizes;
  splitStrategy?: SplitStrategyKind;
  parameterCount: number;
}

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  valLoss: number;
  /** Accuracy for classification, R² for regression. */
  trainMetric: number;
  valMetric: number;
  /** The learning rate the epoch trained with (networks with a schedule). */
  learningRate?: number;
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
  | {
      /** Classical learners: one unit of work done (a tree, a boosting round, an iteration). */
      type: 'fit';
      jobId: number;
      /** What is counted, an i18n key under `classical.progress.` ('trees', 'rounds', ...). */
      stage: string;
      done: number;
      total: number;
      /** Live figures of the learner, e.g. { trainLoss, validLoss } or { inertia }. */
      metrics?: Record<string, number>;
      elapsedMs: number;
      etaMs: number;
    }
  | LiveViewsEvent
  | SamplesEvent
  | GenerativeEpochEvent
  | CheckpointEvent
  | { type: 'done'; jobId: number };

/**
 * Builder networks: a checkpoint written (or not: a full quota is news, not a failure, and the
 * previous checkpoint stays), or the run continuing from one, after a resume or a lost GPU
 * device, with the history up to there.
 */
export type CheckpointEvent =
  | { type: 'checkpoint'; jobId: number; epoch: number; saved: true }
  | {
      type: 'checkpoint';
      jobId: number;
      epoch: number;
      saved: false;
      code: 'error.storage.quota' | 'error.storage.failed';
    }
  | {
      type: 'resumed';
      jobId: number;
      /** The checkpoint's epoch; 0 = started over (a device lost before any checkpoint). */
      epoch: number;
      history: EpochRecord[];
      reason: 'checkpoint' | 'deviceLost';
      /** A generative run's losses per epoch up to the checkpoint (its `history` is empty). */
      generativeHistory?: ({ epoch: number } & GenerativeLosses)[];
    };

/**
 * A trained network as TF.js layers-model artifacts (what `tf.io.withSaveHandler` receives):
 * `modelTopology` is the Keras-style JSON of model.json, `weightData` the weights.bin bytes in
 * `weightSpecs` order. Tiny-engine MLPs come as the equivalent `buildMlp` model, so every
 * network loads with `tf.loadLayersModel(tf.io.fromMemory(...))`.
 */
export interface TrainedModelArtifacts {
  format: 'tfjs-layers';
  modelTopology: Record<string, unknown>;
  weightSpecs: { name: string; shape: number[]; dtype: 'float32' | 'int32' | 'bool' }[];
  weightData: ArrayBuffer;
}

/** How prediction rows reach the model after the fitted recipe, and outputs reach answers. */
export interface PredictionSchema {
  /** The model's input columns after the recipe, in matrix column order. */
  features: string[];
  /** Classification: class names in label (output) order; empty for regression. */
  classNames: string[];
  /** Regression networks predict the standardized target: value = output × std + mean. */
  targetScale: { mean: number; std: number } | null;
}

export type TrainOutcome =
  | {
      status: 'completed' | 'stopped';
      jobId: number;
      epochsRun: number;
      history: EpochRecord[];
      test: Evaluation;
      backend: BackendName;
      /** 'tiny': the plain-JS small-network engine ran instead of TF.js (see src/ml/tiny). */
      /** 'fast': the buffer engine with WASM/JS products ran instead (see src/ml/fast-mlp). */
      engine?: 'tfjs' | 'tiny' | 'fast';
      durationMs: number;
      /**
       * The recipe fitted on the training split (`serializeFitted`), replayed at prediction.
       * Always set by the training service; optional only so older stored runs still type.
       */
      fittedRecipe?: string;
      /** Builder networks: the stack and settings, and where early stopping ended the run. */
      network?: NetworkModelSpec;
      stoppedEarlyAt?: number;
      bestEpoch?: number;
      /** Classical runs: the learner's catalogue key and the parameters it ran with. */
      classical?: ClassicalModelSpec;
      /** What the fitted model tells about itself (importances, the tree). */
      insights?: ModelInsights;
      /** Classical runs: the fitted model (`SavedModel` JSON), for the registry and export. */
      savedModel?: string;
      /** Sequence runs: the forecast against actual, or the text model's figures and samples. */
      sequence?: SequenceResult;
      /** Networks (MLP, tiny engine, builder): the trained weights, for export and prediction. */
      trainedModel?: TrainedModelArtifacts;
      /** Always set by the training service for new runs; absent in older stored ones. */
      prediction?: PredictionSchema;
    }
  | GenerativeOutcome
  | { status: 'cancelled'; jobId: number }
  | { status: 'failed'; jobId: number; code: FailureCode; params?: ErrorParams };

export type TrainingEventHandler = (event: TrainingEvent) => void;

export interface TrainingApi {
  /** Runs one job to its end; events stream through `onEvent` (a comlink proxy). */
  train(request: TrainRequest, onEvent: TrainingEventHandler): Promise<TrainOutcome>;
  /** Cooperative stop: training ends after the current batch, the test set is still scored. */
  stop(jobId: number): void;
  /** Builder networks: hold after the current batch, without using the CPU while held. */
  pause(jobId: number): void;
  resume(jobId: number): void;
  /** While paused: train one more batch or to the end of the epoch, then hold again. */
  step(jobId: number, kind: 'batch' | 'epoch'): void;
  /** Fits the recipe on the training split and reports every step; never touches tfjs. */
  previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult>;
  /** K-fold cross-validation of run configurations, a job like `train` (`stop` cancels it). */
  crossValidate(
    request: CrossValidationRequest,
    onEvent: CrossValidationEventHandler,
  ): Promise<CrossValidationOutcome>;
}
