/**
 * Cross-validation of run configurations in the training worker: k folds over the training
 * and validation rows of a run's split (the test rows are never used), the recipe fitted again
 * on each fold's training part, one score per fold. Several configurations in one request share
 * the same folds, which is what a paired t-test over folds needs.
 */
import type { ClassicalModelSpec } from './classical';
import type { ErrorParams } from './errors';
import type {
  BackendPreference,
  FailureCode,
  MlpConfig,
  SplitRatios,
  SplitStrategy,
  TrainRequest,
} from './training';

/** What sklearn's `cross_val_score` defaults to. */
export const DEFAULT_FOLDS = 5;
export const MIN_FOLDS = 2;
export const MAX_FOLDS = 20;

/** One model to cross-validate: the simple MLP (`model`) or a classical learner. */
export interface CrossValidationConfig {
  /** The MLP; with `classical` set only its seed is read (as in a training run). */
  model: MlpConfig;
  classical?: ClassicalModelSpec;
  /** A serialized recipe; null = the dataset's default recipe. */
  recipe: string | null;
  backend: BackendPreference;
}

export interface CrossValidationRequest {
  jobId: number;
  dataset: TrainRequest['dataset'];
  split: SplitRatios;
  splitStrategy?: SplitStrategy;
  /** Seeds the train/validation/test split, the recipe and the folds: same seed, same folds. */
  seed: number;
  folds: number;
  configs: CrossValidationConfig[];
}

/**
 * A fold's scores on its held-out rows: accuracy and macro F1 for classification, RMSE (in the
 * target's units) and R² for regression.
 */
export type FoldScores =
  | { kind: 'classification'; accuracy: number; macroF1: number }
  | { kind: 'regression'; rmse: number; r2: number };

export interface FoldResult {
  fold: number;
  trainRows: number;
  heldOutRows: number;
  scores: FoldScores;
}

export type CrossValidationEvent =
  | {
      type: 'fold';
      jobId: number;
      /** Index into the request's `configs`. */
      config: number;
      /** 1-based. */
      fold: number;
      folds: number;
      result: FoldResult;
    }
  | {
      type: 'foldStarted';
      jobId: number;
      config: number;
      fold: number;
      folds: number;
    };

export type CrossValidationOutcome =
  | {
      status: 'completed';
      jobId: number;
      folds: number;
      /** Rows the folds were dealt from: the split's training and validation rows. */
      rows: number;
      /** One list per config, in request order, one entry per fold in fold order. */
      results: FoldResult[][];
      durationMs: number;
    }
  | { status: 'cancelled'; jobId: number }
  | { status: 'failed'; jobId: number; code: FailureCode; params?: ErrorParams };

export type CrossValidationEventHandler = (event: CrossValidationEvent) => void;
