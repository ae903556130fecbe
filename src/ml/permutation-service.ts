/**
 * Permutation importance of a finished run, in the prediction worker: the run's test split is
 * drawn again from the same dataset, split settings and seed (so these are the rows the run was
 * scored on), and each raw input column is shuffled in turn before the fitted recipe replays —
 * scikit-learn's `permutation_importance` on a whole pipeline. Shuffling raw columns (not the
 * recipe's outputs) keeps a one-hot encoded column one feature, as a user thinks of it.
 *
 * Invariants: the shuffles are seeded (core/permutation-importance); the test rows are sampled
 * (seeded) down to MAX_IMPORTANCE_ROWS; a cancel is honoured between two predictions.
 */
import type { ImportanceRequest, ImportanceResult } from '../contracts/predict';
import { getColumn, selectColumnRows, selectRows, type Column, type Frame } from '../core/frame';
import { r2 } from '../core/metrics/regression';
import { permutationImportance } from '../core/permutation-importance';
import { parseFitted, RecipeError } from '../core/recipe';
import { createRng, permutation } from '../core/rng';
import type { PredictService } from './predict';
import { DEFAULT_SPLIT_STRATEGY, splitFrame } from './prepare-recipe';
import { yieldToEventLoop } from './yield';

/** More test rows are sampled down to this many: the estimate needs hundreds, not millions. */
export const MAX_IMPORTANCE_ROWS = 2000;
/** Wider data (images) is for an occlusion map, not one shuffle per pixel. */
export const MAX_IMPORTANCE_COLUMNS = 200;
export const DEFAULT_IMPORTANCE_REPEATS = 5;

export interface ImportanceOptions {
  isCancelled: () => boolean;
  onProgress: (done: number, total: number) => void;
}

/** A failed prediction inside the shuffles: carried out of core's loop as an exception. */
class PredictionFailed extends Error {
  constructor(readonly failure: Extract<ImportanceResult, { ok: false; params?: unknown }>) {
    super(failure.code);
  }
}

function cellText(column: Column, row: number): string | null {
  const value = column.values[row];
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isNaN(value) ? null : String(value);
  return value;
}

function accuracyOf(yTrue: ArrayLike<number>, yPred: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct / yTrue.length;
}

function sampledRows(rows: readonly number[], seed: number): { rows: number[]; sampled: boolean } {
  if (rows.length <= MAX_IMPORTANCE_ROWS) return { rows: [...rows], sampled: false };
  const order = permutation(rows.length, createRng(seed));
  const picked = Array.from(order.subarray(0, MAX_IMPORTANCE_ROWS), (i) => rows[i] as number);
  return { rows: picked.sort((a, b) => a - b), sampled: true };
}

export async function runPermutationImportance(
  request: ImportanceRequest,
  frame: Frame,
  predictor: PredictService,
  options: ImportanceOptions,
): Promise<ImportanceResult> {
  const { jobId, model, dataset } = request;
  const repeats = request.repeats ?? DEFAULT_IMPORTANCE_REPEATS;
  const split = splitFrame(
    frame,
    dataset,
    request.split,
    request.splitStrategy ?? DEFAULT_SPLIT_STRATEGY,
    request.seed,
  );
  if (!split.ok) {
    return split.params === undefined
      ? { ok: false, jobId, code: split.code }
      : { ok: false, jobId, code: split.code, params: split.params };
  }
  const { rows, sampled } = sampledRows(split.parts.test, request.seed);
  if (rows.length < 2) {
    return { ok: false, jobId, code: 'error.dataset.tooFewRows', params: { rows: rows.length } };
  }
  const test = selectRows(split.used, rows);
  let inputNames: string[];
  let task: 'classification' | 'regression';
  try {
    const fitted = parseFitted(model.fittedRecipe);
    inputNames = fitted.inputColumns.map((c) => c.name).filter((name) => name !== dataset.target);
    task = fitted.task === 'regression' ? 'regression' : 'classification';
  } catch (error) {
    if (error instanceof RecipeError) return { ok: false, jobId, code: error.code };
    throw error;
  }
  if (inputNames.length > MAX_IMPORTANCE_COLUMNS) {
    return {
      ok: false,
      jobId,
      code: 'predict.error.tooManyColumns',
      params: { columns: inputNames.length, limit: MAX_IMPORTANCE_COLUMNS },
    };
  }
  const inputs: Column[] = [];
  for (const name of inputNames) {
    const column = getColumn(test, name);
    if (!column) {
      return { ok: false, jobId, code: 'predict.error.missingColumns', params: { columns: name } };
    }
    inputs.push(column);
  }
  const target = getColumn(test, dataset.target);
  if (!target) {
    return {
      ok: false,
      jobId,
      code: 'error.dataset.targetMissing',
      params: { column: dataset.target },
    };
  }
  const { classNames } = model.schema;
  const yTrue = Float64Array.from({ length: test.rowCount }, (_, row) => {
    if (task === 'regression') return target.values[row] as number;
    const label = cellText(target, row);
    return label === null ? -1 : classNames.indexOf(label);
  });

  // Each "column" handed to core is the row order of one input column: identity at first,
  // shuffled when that column's turn comes; predict rebuilds the frame from those orders.
  const orders = inputs.map(() => Float64Array.from({ length: test.rowCount }, (_, i) => i));
  const predict = async (columnOrders: readonly ArrayLike<number>[]): Promise<Float64Array> => {
    await yieldToEventLoop();
    const shuffled: Frame = {
      columns: inputs.map((column, j) => selectColumnRows(column, columnOrders[j] ?? [])),
      rowCount: test.rowCount,
    };
    const result = await predictor.outputsForFrame(model, shuffled);
    if (!result.ok) throw new PredictionFailed({ ...result, jobId });
    if (task === 'regression') return Float64Array.from(result.outputs);
    const k = classNames.length;
    return Float64Array.from({ length: test.rowCount }, (_, i) => {
      let best = 0;
      for (let c = 1; c < k; c++) {
        if ((result.outputs[i * k + c] as number) > (result.outputs[i * k + best] as number)) {
          best = c;
        }
      }
      return best;
    });
  };
  try {
    const outcome = await permutationImportance({
      columns: orders,
      featureNames: inputNames,
      yTrue,
      predict,
      score: task === 'regression' ? r2 : accuracyOf,
      repeats,
      seed: request.seed,
      shouldStop: options.isCancelled,
      onProgress: options.onProgress,
    });
    if (outcome.status === 'cancelled') return { ok: false, jobId, code: 'cancelled' };
    return {
      ok: true,
      jobId,
      metric: task === 'regression' ? 'r2' : 'accuracy',
      baseline: outcome.baseline,
      importances: outcome.importances,
      rows: test.rowCount,
      sampled,
      repeats,
    };
  } catch (error) {
    if (error instanceof PredictionFailed) return error.failure;
    // A test split whose score is undefined (R² of a constant target, say).
    if (error instanceof RangeError)
      return { ok: false, jobId, code: 'predict.error.notMeasurable' };
    throw error;
  }
}
