/**
 * Trains a classical learner (src/ml/classical) on data prepared exactly as for the network
 * (same split, same fitted recipe) and scores it with the same evaluation, so the two compare
 * on one screen. Plain JavaScript on the CPU: no tfjs, no tensors.
 *
 * Invariants:
 * - Regression learners fit the target in its own units (the recipe's standardised target is
 *   undone first): penalties such as lasso's alpha mean what they mean in scikit-learn.
 * - The learners take no sample weights, so a recipe's class weights (and its noise redrawn
 *   each epoch) only affect networks; resampling steps reach the training rows as for them.
 * - `fit` events are throttled to one per FIT_EVENT_THROTTLE_MS; the last one of a fit is always
 *   sent. Single-pass learners (KNN, naive Bayes) report one event, stage 'single'.
 * - `history` holds one record per boosting round (train and validation loss as the learner
 *   reported them, accuracy or R² of the model after that round; NaN where there is no
 *   validation split) and `epochsRun` is its length; every other learner has no history and
 *   `epochsRun` 1 (one fit).
 * - A stop lands between two units of work (a tree, a round, an SVM pair); what was fitted so far
 *   is scored and comes back as 'stopped'. A stop before the fit began is 'cancelled'.
 */
import type { ErrorParams } from '../contracts/errors';
import type { Evaluation } from '../contracts/evaluation';
import type { ModelInsights, TreeView } from '../contracts/insights';
import type { EpochRecord, TrainingEventHandler } from '../contracts/training';
import { learnerParams, type ResolvedClassical } from './classical-run-params';
import { isBoostedModel, stagedScores } from './classical-run-staged';
import type { FlatTree } from './classical/shared/sup-flat-tree';
import type {
  ClassifierModel,
  DenseMatrix,
  FitOptions,
  FitProgress,
  RegressorModel,
} from './classical/types';
import { evaluateClassification, evaluateRegression, unscaleTarget } from './evaluate';
import { featureImportancesOf, type ExplainableModel } from './insights/importances';
import { treeViewOf } from './insights/tree-view';
import type { PreparedRecipeData } from './prepare-recipe';
import { yieldToEventLoop } from './yield';

/** At most 20 `fit` events a second: enough for a live bar, cheap over postMessage. */
export const FIT_EVENT_THROTTLE_MS = 50;

export interface ClassicalJob {
  jobId: number;
  data: PreparedRecipeData;
  spec: ResolvedClassical;
  emit: TrainingEventHandler;
  isStopRequested: () => boolean;
  now: () => number;
  /** Awaited between units of work so a stop message gets in (the worker's event loop). */
  yieldNow?: () => Promise<void>;
}

export type ClassicalResult =
  | {
      status: 'completed' | 'stopped';
      epochsRun: number;
      history: EpochRecord[];
      test: Evaluation;
      insights: ModelInsights;
      savedModel: string;
    }
  | { status: 'cancelled' }
  | { status: 'failed'; code: 'error.config.invalid'; params: ErrorParams };

type FittedModel =
  { family: 'classifier'; model: ClassifierModel } | { family: 'regressor'; model: RegressorModel };

function matrixOf(values: Float32Array, width: number): DenseMatrix {
  return {
    rows: width === 0 ? 0 : values.length / width,
    cols: width,
    data: Float64Array.from(values),
  };
}

/** Reports progress as throttled `fit` events and collects boosting rounds as history. */
function createProgress(job: ClassicalJob) {
  const startedAt = job.now();
  let lastSentAt = -Infinity;
  let last: FitProgress | null = null;
  const history: EpochRecord[] = [];

  const send = (progress: FitProgress, isFinal: boolean): void => {
    lastSentAt = job.now();
    const elapsedMs = lastSentAt - startedAt;
    const { done, total } = progress;
    const isRunning = !isFinal && done > 0 && total > done;
    const etaMs = isRunning ? (elapsedMs / done) * (total - done) : 0;
    job.emit({
      type: 'fit',
      jobId: job.jobId,
      stage: progress.stage,
      done,
      total,
      ...(progress.metrics ? { metrics: { ...progress.metrics } } : {}),
      elapsedMs,
      etaMs,
    });
  };

  return {
    history,
    onProgress(progress: FitProgress): void {
      last = progress;
      const trainLoss = progress.metrics?.trainLoss;
      if (progress.stage === 'rounds' && trainLoss !== undefined) {
        history.push({
          epoch: progress.done,
          trainLoss,
          valLoss: progress.metrics?.validLoss ?? Number.NaN,
          trainMetric: Number.NaN,
          valMetric: Number.NaN,
        });
      }
      if (job.now() - lastSentAt >= FIT_EVENT_THROTTLE_MS) send(progress, false);
    },
    /** The final event of a fit, never throttled away (ETA 0: early stops end short of total). */
    finish(): void {
      send(last ?? { stage: 'single', done: 1, total: 1 }, true);
    },
  };
}

interface LabelledRows {
  x: DenseMatrix;
  /** Class indices, or targets in their own units. */
  y: Int32Array | Float64Array;
}

function rowsOf(data: PreparedRecipeData, x: Float32Array, y: Float32Array): LabelledRows {
  return {
    x: matrixOf(x, data.width),
    y: data.task === 'classification' ? Int32Array.from(y) : unscaleTarget(y, data.targetScale),
  };
}

async function fitModel(
  job: ClassicalJob,
  train: LabelledRows,
  options: FitOptions,
): Promise<FittedModel> {
  const { data, spec } = job;
  const params = learnerParams(spec.params);
  const resolved = spec.learner;
  if (resolved.family === 'classifier') {
    const labels = train.y as Int32Array;
    const k = data.classNames.length;
    const model = await resolved.learner.fit(train.x, labels, k, params, options);
    return { family: 'classifier', model };
  }
  const model = await resolved.learner.fit(train.x, train.y as Float64Array, params, options);
  return { family: 'regressor', model };
}

/** Fills the boosting rounds' accuracy or R², which the learner does not report live. */
function addStagedScores(
  history: EpochRecord[],
  fitted: FittedModel,
  data: PreparedRecipeData,
  train: LabelledRows,
  validation: LabelledRows,
): void {
  const model = fitted.model;
  if (history.length === 0 || !isBoostedModel(model)) return;
  const trainScores = stagedScores(model, train.x, train.y, data.task);
  const valScores = stagedScores(model, validation.x, validation.y, data.task);
  history.forEach((record, i) => {
    record.trainMetric = trainScores[i] ?? Number.NaN;
    record.valMetric = valScores[i] ?? Number.NaN;
  });
}

function evaluateTest(fitted: FittedModel, data: PreparedRecipeData): Evaluation {
  const x = matrixOf(data.xTest, data.width);
  if (fitted.family === 'classifier') {
    const probs = Float32Array.from(fitted.model.predictProba(x));
    return evaluateClassification(data.yTest, probs, data.classNames);
  }
  return evaluateRegression(unscaleTarget(data.yTest, data.targetScale), fitted.model.predict(x));
}

function treeOf(model: object): FlatTree | null {
  const tree = (model as { tree?: FlatTree }).tree;
  return tree && Array.isArray(tree.feature) ? tree : null;
}

function insightsOf(fitted: FittedModel, job: ClassicalJob): ModelInsights {
  const { info, params } = job.spec;
  const { data } = job;
  const insights: ModelInsights = {};
  if (info.importances) {
    const model = fitted.model as ExplainableModel;
    const importances = featureImportancesOf(model, data.features, info.importances);
    if (importances) insights.importances = importances;
  }
  const tree = info.drawsTree ? treeOf(fitted.model) : null;
  if (tree) {
    const criterion = (
      fitted.family === 'regressor' ? 'squared_error' : params.criterion
    ) as TreeView['criterion'];
    const classNames = fitted.family === 'classifier' ? data.classNames : undefined;
    insights.tree = treeViewOf(tree, criterion, data.features, classNames);
  }
  return insights;
}

export async function trainClassical(job: ClassicalJob): Promise<ClassicalResult> {
  if (job.isStopRequested()) return { status: 'cancelled' };
  const { data } = job;
  const progress = createProgress(job);
  const options: FitOptions = {
    onProgress: (p) => progress.onProgress(p),
    shouldStop: job.isStopRequested,
    yieldNow: job.yieldNow ?? yieldToEventLoop,
  };
  const train = rowsOf(data, data.xTrain, data.yTrain);
  const validation = rowsOf(data, data.xVal, data.yVal);
  if (validation.x.rows > 0) options.validation = validation;

  let fitted: FittedModel;
  try {
    fitted = await fitModel(job, train, options);
  } catch (error) {
    // The learners reject what their maths cannot take (k above the row count, negative
    // counts for multinomial naive Bayes) with a RangeError: a setting to change, not a bug.
    if (!(error instanceof RangeError)) throw error;
    return {
      status: 'failed',
      code: 'error.config.invalid',
      params: { field: `classical.${job.spec.info.key}`, detail: error.message },
    };
  }
  progress.finish();
  const history = progress.history;
  addStagedScores(history, fitted, data, train, validation);
  return {
    status: job.isStopRequested() ? 'stopped' : 'completed',
    epochsRun: history.length > 0 ? history.length : 1,
    history,
    test: evaluateTest(fitted, data),
    insights: insightsOf(fitted, job),
    savedModel: JSON.stringify(fitted.model.toJSON()),
  };
}
