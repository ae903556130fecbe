/**
 * The prediction worker's contract (`workers/predict.worker.ts`): rows in, the fitted recipe
 * replayed at the 'inference' stage, the trained model run, class probabilities out; and model
 * export as a zip. Only plain data crosses; failures are results with an i18n code under
 * `predict.error.` (or a recipe/dataset code the app already explains).
 */
import type { ErrorParams } from './errors';
import type {
  FailureCode,
  PredictionSchema,
  TrainedModelArtifacts,
  TrainRequest,
} from './training';
import type { ClassicalModelSpec } from './classical';
import type { FeatureImportances } from './insights';
import type { NetworkModelSpec } from './network';
import type { TrainedMapRequest, TrainedMapResult } from './trained-map';

export type PredictErrorCode = `predict.error.${string}`;

/** A finished run as prediction and export need it. */
export interface PredictableModel {
  /** Changes whenever the model does: the worker keeps the last loaded model under it. */
  key: string;
  /** `serializeFitted` JSON of the recipe fitted on the training split. */
  fittedRecipe: string;
  schema: PredictionSchema;
  /** Networks. */
  network?: TrainedModelArtifacts;
  /** Classical learners: the catalogue key, parameters and the fitted model's JSON. */
  classical?: { spec: ClassicalModelSpec; savedModel: string };
  /** MLP settings or the builder network, for exported training code. */
  mlp?: {
    hiddenLayers: number[];
    activation: string;
    optimizer: string;
    learningRate: number;
    batchSize: number;
    epochs: number;
    seed: number;
  };
  builder?: NetworkModelSpec;
}

export type PredictInput =
  | { kind: 'csv'; text: string }
  /** One row as text cells by column name (the try-it form); absent or '' = missing. */
  | { kind: 'row'; values: Record<string, string> };

export interface PredictRequest {
  jobId: number;
  model: PredictableModel;
  input: PredictInput;
}

export type PredictResult =
  | {
      ok: true;
      jobId: number;
      task: 'classification' | 'regression';
      rowCount: number;
      classNames: string[];
      /** Classification: n×k probabilities, row-major; regression: empty. */
      probabilities: number[];
      /** Predicted class name, or the predicted value as text, per row. */
      predicted: string[];
      /** Regression: the predicted values. */
      values: number[];
      /** Columns of the input the model does not use (ignored). */
      extraColumns: string[];
      /** CSV input: the input rows with the prediction and probability columns appended. */
      csv?: string;
    }
  | {
      ok: false;
      jobId: number;
      code: PredictErrorCode | FailureCode;
      params?: ErrorParams;
    }
  | { ok: false; jobId: number; code: 'cancelled' };

export interface PredictProgress {
  jobId: number;
  done: number;
  total: number;
}

export interface ExportRequest {
  model: PredictableModel;
  /** The run's dataset: its CSV goes into the zip (built-in sets) so the scripts run as they are. */
  dataset: PredictDataset;
  /** Split fractions the scripts reproduce. */
  split: { train: number; validation: number; test: number };
}

export type ExportResult =
  | {
      ok: true;
      zip: Uint8Array;
      files: string[];
      /** Recipe steps the Python code does not rebuild (named in the scripts too). */
      unsupportedSteps: string[];
    }
  | { ok: false; code: PredictErrorCode; params?: ErrorParams };

/** Where the data of the run lives (as in a training request). */
export type PredictDataset = TrainRequest['dataset'];

/** One input of the try-it form, with a typical value from the dataset. */
export interface FormField {
  name: string;
  kind: 'numeric' | 'categorical' | 'text' | 'datetime';
  /** Median (numbers) or most frequent value (categories) of the dataset; '' when none. */
  defaultValue: string;
  /** Categories seen in the data, most frequent first (at most MAX_FORM_CATEGORIES). */
  options: string[];
}

export type DescribeResult =
  | {
      ok: true;
      fields: FormField[];
      /**
       * Set when the inputs are the pixels of a square image: grayscale (digits, MNIST), or RGB
       * interleaved with `channels: 3` (an imported colour set, which cannot be drawn).
       */
      image: { side: number; max: number; channels?: 3 } | null;
    }
  | { ok: false; code: FailureCode; params?: ErrorParams };

/**
 * Permutation importance of a finished run on its own test split: the split is drawn again
 * from the same settings and seed (the same rows the run was scored on), the fitted recipe
 * replayed on them, and each raw input column shuffled in turn.
 */
export interface ImportanceRequest {
  jobId: number;
  model: PredictableModel;
  dataset: PredictDataset;
  split: TrainRequest['split'];
  splitStrategy?: TrainRequest['splitStrategy'];
  seed: number;
  /** Shuffles per column (scikit-learn's n_repeats); default 5. */
  repeats?: number;
}

export type ImportanceResult =
  | {
      ok: true;
      jobId: number;
      /** Test accuracy (classification) or R² (regression) before any shuffle. */
      metric: 'accuracy' | 'r2';
      baseline: number;
      importances: FeatureImportances;
      /** Test rows scored; `sampled` when the split had more than MAX_IMPORTANCE_ROWS. */
      rows: number;
      sampled: boolean;
      repeats: number;
    }
  | { ok: false; jobId: number; code: PredictErrorCode | FailureCode; params?: ErrorParams }
  | { ok: false; jobId: number; code: 'cancelled' };

/** Where the image to explain comes from. */
export type OcclusionImage =
  /** Raw pixel values (before the recipe) in the order of the model's input columns. */
  | { kind: 'pixels'; values: number[] }
  /** Image `index` (0-based) of the run's test split, drawn again as for permutation importance. */
  | {
      kind: 'test';
      index: number;
      dataset: PredictDataset;
      split: TrainRequest['split'];
      splitStrategy?: TrainRequest['splitStrategy'];
      seed: number;
    };

/**
 * An occlusion map of one image: a `patch`-pixel square of `fill` slides by `stride` over the
 * image and the drop of one class's probability is recorded per position.
 */
export interface OcclusionRequest {
  jobId: number;
  model: PredictableModel;
  image: OcclusionImage;
  patch: number;
  /** Default: half the patch, rounded up. */
  stride?: number;
  /** 'zero' (black, the digits' background) or the image's mean value. */
  fill: 'zero' | 'mean';
  /** The class whose probability is watched; default the predicted one. */
  classIndex?: number;
}

export type OcclusionResult =
  | {
      ok: true;
      jobId: number;
      height: number;
      width: number;
      channels: number;
      /** The image's raw values (height × width × channels) and the top of their range. */
      pixels: number[];
      pixelMax: number;
      /** Per-pixel mean probability drop (height × width); positive = the region matters. */
      heat: number[];
      patch: number;
      stride: number;
      classNames: string[];
      classIndex: number;
      predictedIndex: number;
      /** The watched class's probability on the whole image. */
      baseProbability: number;
      /** Test images: the true class (−1 when unknown), the index asked and the split size. */
      trueIndex: number;
      testIndex: number | null;
      testCount: number | null;
      /** Occluded images scored, and the milliseconds it took. */
      evaluations: number;
      durationMs: number;
    }
  | { ok: false; jobId: number; code: PredictErrorCode | FailureCode; params?: ErrorParams }
  | { ok: false; jobId: number; code: 'cancelled' };

/**
 * The raw input values of chosen rows of a finished run's test split (drawn again from the
 * same split settings and seed, as for permutation importance), for the confusion matrix's
 * cell list: a table of feature values, or thumbnails when the inputs are a greyscale image.
 */
export interface TestExamplesRequest {
  model: PredictableModel;
  dataset: PredictDataset;
  split: TrainRequest['split'];
  splitStrategy?: TrainRequest['splitStrategy'];
  seed: number;
  /** 0-based positions in the test split; at most MAX_TEST_EXAMPLES are answered. */
  rows: number[];
}

export type TestExampleValue = number | string | null;

export type TestExamplesResult =
  | {
      ok: true;
      /** The rows answered (those asked, capped), in the order asked. */
      rows: number[];
      /** Column names of `values`; at most MAX_EXAMPLE_VALUES. */
      columns: string[];
      /** Input columns there were before the cap. */
      totalColumns: number;
      /** One array per answered row; missing values are null. */
      values: TestExampleValue[][];
      /** Each row's target value as the dataset has it. */
      targets: TestExampleValue[];
      /**
       * Set when `columns` are the pixels of a square image, interleaved when `channels` is 3
       * (an imported RGB set); absent `channels` means greyscale.
       */
      image: { side: number; max: number; channels?: 1 | 3 } | null;
    }
  | { ok: false; code: PredictErrorCode | FailureCode; params?: ErrorParams };

export interface PredictApi {
  /** The try-it form's fields for the model's inputs, with defaults from the dataset. */
  describe(model: PredictableModel, dataset: PredictDataset): Promise<DescribeResult>;
  predict(
    request: PredictRequest,
    onProgress: (progress: PredictProgress) => void,
  ): Promise<PredictResult>;
  cancel(jobId: number): void;
  exportModel(request: ExportRequest): Promise<ExportResult>;
  /** Cancelled by `cancel(jobId)` between shuffles. */
  permutationImportance(
    request: ImportanceRequest,
    onProgress: (progress: PredictProgress) => void,
  ): Promise<ImportanceResult>;
  /** Cancelled by `cancel(jobId)` between batches of occluded images. */
  occlusionMap(
    request: OcclusionRequest,
    onProgress: (progress: PredictProgress) => void,
  ): Promise<OcclusionResult>;
  /** The decision map of a network on two inputs trained elsewhere (contracts/trained-map). */
  trainedMap(request: TrainedMapRequest): Promise<TrainedMapResult>;
  /** Raw input values of chosen test rows of the run (the confusion matrix's cell list). */
  testExamples(request: TestExamplesRequest): Promise<TestExamplesResult>;
}
