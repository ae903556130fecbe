/**
 * K-fold cross-validation of run configurations (the simple MLP or a classical learner), in the
 * training worker.
 *
 * Invariants:
 * - Folds are dealt from the training and validation rows of the run's own split; the test
 *   rows never reach a fold, a fitted statistic or a score. Classification folds are
 *   stratified. The folds depend only on the data, split and seed, so every configuration of
 *   one request (and of any request with the same seed) meets exactly the same folds.
 * - Each fold goes through `prepareWithRecipe` with its rows re-dealt: the recipe is fitted on
 *   the fold's training part alone and replayed on its held-out part, as a run does with
 *   train and test; the held-out part is scored like a test set.
 * - The held-out part is also the networks' per-epoch validation data, which a simple MLP only
 *   reports, never acts on. Classical learners get no validation rows: boosting would stop
 *   early on the very rows it is scored on.
 * - A stop lands within a batch or a unit of work and the whole request comes back
 *   'cancelled'; expected failures come back as `{ status: 'failed', code }`.
 */
import type {
  CrossValidationConfig,
  CrossValidationEventHandler,
  CrossValidationOutcome,
  CrossValidationRequest,
  FoldResult,
  FoldScores,
} from '../contracts/cross-validation';
import { MAX_FOLDS, MIN_FOLDS } from '../contracts/cross-validation';
import type { Evaluation } from '../contracts/evaluation';
import type { BackendName, TrainingEvent } from '../contracts/training';
import { getColumn, isMissing } from '../core/frame';
import { validateMlpSettings } from '../core/mlp-config';
import { kFold, stratifiedKFold, type Fold } from '../core/split-strategies';
import { BackendUnavailableError, selectBackend, type BackendEnvironment } from './backend';
import { trainClassical } from './classical-run';
import { resolveClassicalSpec } from './classical-run-params';
import { shouldUseFastPath, trainFastMlp } from './fast-mlp/train-fast';
import { mlpTrainingSpec, requiredKernels } from './kernels/required-kernels';
import {
  DEFAULT_SPLIT_STRATEGY,
  frameFromCsv,
  prepareWithRecipe,
  splitFrame,
  type PreparedRecipeData,
  type PrepareFailure,
  type SplitFrames,
} from './prepare-recipe';
import type { DatasetInput } from './stored-dataset';
import { shouldUseTinyPath, trainTinyMlp } from './tiny/train-tiny';
import { trainMlp } from './train-loop';
import { yieldToEventLoop } from './yield';

export interface CrossValidationJob {
  request: CrossValidationRequest;
  /** The dataset as the service loaded it (CSV text or a stored frame). */
  input: DatasetInput;
  emit: CrossValidationEventHandler;
  isStopRequested: () => boolean;
  now: () => number;
  backends?: BackendEnvironment;
}

type Failed = Extract<CrossValidationOutcome, { status: 'failed' }>;

function failed(jobId: number, failure: { code: Failed['code']; params?: Failed['params'] }) {
  const out: Failed = { status: 'failed', jobId, code: failure.code };
  if (failure.params !== undefined) out.params = failure.params;
  return out;
}

/**
 * The folds, as row indices into `split.used`: `k` folds over the training and validation rows
 * together, stratified by the target for classification.
 */
export function crossValidationFolds(
  split: SplitFrames,
  target: string,
  task: 'classification' | 'regression',
  k: number,
  seed: number,
): Fold[] {
  const pool = [...split.parts.train, ...split.parts.validation].sort((a, b) => a - b);
  let local: Fold[];
  if (task === 'classification') {
    const column = getColumn(split.used, target);
    const labels = pool.map((row) =>
      column && !isMissing(column, row) ? String(column.values[row]) : '',
    );
    local = stratifiedKFold(labels, k, seed);
  } else {
    local = kFold(pool.length, k, seed);
  }
  const toRows = (indices: number[]): number[] => indices.map((i) => pool[i] as number);
  return local.map((fold) => ({ train: toRows(fold.train), validation: toRows(fold.validation) }));
}

/** The split with its rows re-dealt to one fold: fold training rows, held-out rows scored. */
export function foldSplit(split: SplitFrames, fold: Fold): SplitFrames {
  return {
    ...split,
    parts: { train: fold.train, validation: fold.validation, test: fold.validation },
  };
}

/** Prepares one fold: the recipe fitted on its training rows, replayed on its held-out rows. */
export function prepareFold(
  input: DatasetInput,
  request: Pick<CrossValidationRequest, 'dataset' | 'split' | 'splitStrategy' | 'seed'>,
  recipe: string | null,
  fold: Fold,
): PreparedRecipeData | PrepareFailure {
  return prepareWithRecipe(
    input,
    { dataset: request.dataset, split: request.split, recipe, ...splitStrategyOf(request) },
    request.seed,
    (split) => foldSplit(split, fold),
  );
}

function splitStrategyOf(request: Pick<CrossValidationRequest, 'splitStrategy'>) {
  return request.splitStrategy ? { splitStrategy: request.splitStrategy } : {};
}

export function foldScoresOf(evaluation: Evaluation): FoldScores {
  return evaluation.kind === 'classification'
    ? { kind: 'classification', accuracy: evaluation.accuracy, macroF1: evaluation.macro.f1 }
    : { kind: 'regression', rmse: evaluation.rmse, r2: evaluation.r2 };
}

function failureOf(result: { code: PrepareFailure['code']; params?: PrepareFailure['params'] }) {
  const out: PrepareFailure = { ok: false, code: result.code };
  if (result.params !== undefined) out.params = result.params;
  return out;
}

type FoldTrainer = (
  data: PreparedRecipeData,
) => Promise<{ ok: true; test: Evaluation } | { ok: false; failure: PrepareFailure } | null>;

const ignoreEvent = (_event: TrainingEvent): void => undefined;

/** How one configuration is fitted on a prepared fold; null result = stopped. */
async function trainerFor(
  config: CrossValidationConfig,
  job: CrossValidationJob,
  task: 'classification' | 'regression',
): Promise<FoldTrainer | PrepareFailure> {
  const { jobId } = job.request;
  const isStopRequested = job.isStopRequested;
  if (config.classical) {
    const spec = resolveClassicalSpec(config.classical, task);
    if (!spec.ok) return { ok: false, code: 'error.config.invalid', params: { field: spec.field } };
    return async (data) => {
      // No validation rows: see the module's invariants.
      const withoutValidation = { ...data, xVal: new Float32Array(0), yVal: new Float32Array(0) };
      const result = await trainClassical({
        jobId,
        data: withoutValidation,
        spec,
        emit: ignoreEvent,
        isStopRequested,
        now: job.now,
      });
      if (result.status === 'failed') return { ok: false, failure: failureOf(result) };
      if (result.status === 'cancelled' || isStopRequested()) return null;
      return { ok: true, test: result.test };
    };
  }
  const problem = validateMlpSettings(config.model)[0];
  if (problem) return { ok: false, code: 'error.config.invalid', params: { field: problem.field } };
  let backend: BackendName;
  try {
    const kernels = requiredKernels(mlpTrainingSpec(config.model, task));
    backend = (await selectBackend(config.backend, job.backends, kernels)).name;
  } catch (error) {
    if (!(error instanceof BackendUnavailableError)) throw error;
    return { ok: false, code: 'error.training.backendFailed', params: { detail: error.message } };
  }
  return async (data) => {
    // The same engine choice as a training run (src/ml/training-service.ts).
    const outputs = task === 'classification' ? data.classNames.length : 1;
    const rows = data.yTrain.length;
    const useTiny = shouldUseTinyPath(data.width, outputs, config.model, rows);
    const useFast = !useTiny && shouldUseFastPath(backend, data.width, outputs, config.model, rows);
    const train = useTiny ? trainTinyMlp : useFast ? trainFastMlp : trainMlp;
    const result = await train({
      jobId,
      liveEvaluation: false,
      data,
      config: config.model,
      emit: ignoreEvent,
      isStopRequested,
      now: job.now,
    });
    if (result.status === 'failed') return { ok: false, failure: failureOf(result) };
    if (isStopRequested()) return null;
    return { ok: true, test: result.test };
  };
}

function checkFolds(k: number, rows: number): boolean {
  return Number.isInteger(k) && k >= MIN_FOLDS && k <= MAX_FOLDS && k <= rows;
}

export async function runCrossValidation(job: CrossValidationJob): Promise<CrossValidationOutcome> {
  const { request } = job;
  const { jobId, dataset } = request;
  const startedAt = job.now();
  const cancelled: CrossValidationOutcome = { status: 'cancelled', jobId };
  if (!Number.isSafeInteger(request.seed) || request.seed < 0) {
    return failed(jobId, { code: 'error.config.invalid', params: { field: 'seed' } });
  }
  // Parse once: every fold starts from the same frame.
  const input = typeof job.input === 'string' ? frameFromCsv(job.input, dataset) : job.input;
  if (!input.ok) return failed(jobId, input);
  const strategy = request.splitStrategy ?? DEFAULT_SPLIT_STRATEGY;
  const split = splitFrame(input.frame, dataset, request.split, strategy, request.seed);
  if (!split.ok) return failed(jobId, split);
  const poolRows = split.parts.train.length + split.parts.validation.length;
  if (!checkFolds(request.folds, poolRows)) {
    return failed(jobId, { code: 'error.config.invalid', params: { field: 'folds' } });
  }
  const folds = crossValidationFolds(
    split,
    dataset.target,
    dataset.task,
    request.folds,
    request.seed,
  );

  const results: FoldResult[][] = [];
  for (const [configIndex, config] of request.configs.entries()) {
    const trainer = await trainerFor(config, job, dataset.task);
    if (typeof trainer !== 'function') return failed(jobId, trainer);
    const configResults: FoldResult[] = [];
    for (const [i, fold] of folds.entries()) {
      await yieldToEventLoop();
      if (job.isStopRequested()) return cancelled;
      const base = { jobId, config: configIndex, fold: i + 1, folds: folds.length };
      job.emit({ type: 'foldStarted', ...base });
      const data = prepareFold(input, request, config.recipe, fold);
      if (!data.ok) return failed(jobId, data);
      const trained = await trainer(data);
      if (trained === null) return cancelled;
      if (!trained.ok) return failed(jobId, trained.failure);
      const result: FoldResult = {
        fold: i + 1,
        trainRows: fold.train.length,
        heldOutRows: fold.validation.length,
        scores: foldScoresOf(trained.test),
      };
      configResults.push(result);
      job.emit({ type: 'fold', ...base, result });
    }
    results.push(configResults);
  }
  return {
    status: 'completed',
    jobId,
    folds: folds.length,
    rows: poolRows,
    results,
    durationMs: job.now() - startedAt,
  };
}
