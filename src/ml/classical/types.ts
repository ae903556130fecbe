/**
 * The contract every classical learner (trees, ensembles, KNN, naive Bayes, linear models,
 * SVM, clustering, embeddings) implements. Learners are plain TypeScript over Float64Array
 * matrices — no tfjs — so they run in the training worker and in Node tests alike.
 *
 * Invariants: `fit` never mutates its inputs; a fitted model serializes to plain JSON with
 * `toJSON()` and is rebuilt by the learner's `fromJSON`; `predictProba` rows sum to 1.
 */

/** Row-major dense matrix. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

export interface FitProgress {
  /** What is being counted, an i18n key under `classical.progress.` (e.g. 'trees', 'rounds'). */
  stage: string;
  done: number;
  total: number;
  /** Learner-specific live figures, e.g. { trainLoss, validLoss } or { inertia }. */
  metrics?: Record<string, number>;
}

export interface FitOptions {
  onProgress?: (progress: FitProgress) => void;
  /** Polled between units of work (a tree, a round, an iteration); true ⇒ stop early. */
  shouldStop?: () => boolean;
  /** Awaited between units of work so a worker can receive a stop message. */
  yieldNow?: () => Promise<void>;
  /** Optional held-out data for early stopping and live validation loss (boosting). */
  validation?: { x: DenseMatrix; y: Float64Array | Int32Array };
}

export interface SavedModel {
  kind: string;
  version: 1;
  params: unknown;
}

export interface ClassifierModel {
  readonly kind: string;
  readonly numClasses: number;
  predictProba(x: DenseMatrix): Float64Array; // rows × numClasses
  predict(x: DenseMatrix): Int32Array;
  featureImportances?(): Float64Array;
  toJSON(): SavedModel;
}

export interface RegressorModel {
  readonly kind: string;
  predict(x: DenseMatrix): Float64Array;
  featureImportances?(): Float64Array;
  toJSON(): SavedModel;
}

export interface ClassifierLearner<Params> {
  readonly kind: string;
  fit(
    x: DenseMatrix,
    y: Int32Array,
    numClasses: number,
    params: Params,
    options?: FitOptions,
  ): Promise<ClassifierModel>;
  fromJSON(saved: SavedModel): ClassifierModel;
}

export interface RegressorLearner<Params> {
  readonly kind: string;
  fit(
    x: DenseMatrix,
    y: Float64Array,
    params: Params,
    options?: FitOptions,
  ): Promise<RegressorModel>;
  fromJSON(saved: SavedModel): RegressorModel;
}

export interface ClusteringResult {
  labels: Int32Array; // -1 = noise (DBSCAN)
  centers?: DenseMatrix;
  inertia?: number;
}

export interface EmbeddingResult {
  embedding: DenseMatrix; // rows × 2
}

export function denseMatrix(rows: number, cols: number, data?: ArrayLike<number>): DenseMatrix {
  const values = data ? Float64Array.from(data) : new Float64Array(rows * cols);
  if (values.length !== rows * cols) {
    throw new RangeError(`matrix data has ${values.length} values, expected ${rows}×${cols}`);
  }
  return { rows, cols, data: values };
}

export function rowOf(x: DenseMatrix, i: number): Float64Array {
  return x.data.subarray(i * x.cols, (i + 1) * x.cols);
}
