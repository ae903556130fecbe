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
      /** Set when the inputs are the pixels of a square grayscale image (digits, MNIST). */
      image: { side: number; max: number } | null;
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
}
