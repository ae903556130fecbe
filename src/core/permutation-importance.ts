/**
 * Permutation importance (Breiman 2001; scikit-learn's `permutation_importance`): how much a
 * fitted model's score on held-out rows drops when one input column is shuffled, which breaks
 * that column's link to the target while keeping its distribution. Works for any model, since
 * it only calls `predict`.
 *
 * Invariants: the caller's columns are never mutated (each shuffle works on a copy of one
 * column); the same seed gives the same shuffles, column by column and repeat by repeat, so a
 * result can be reproduced; a column the model ignores gets exactly 0 in every repeat.
 *
 * The returned items have the shape of the contracts' `FeatureImportances` with kind
 * 'permutation' (core may not import contracts, so the shape is restated here). `value` is the
 * mean drop clamped at 0, because the importance chart reads values as non-negative; the
 * unclamped means, which can dip below 0 by chance, stay in `scores`.
 */
import { createRng, permutation } from './rng';

/** A model's predictions for column-major inputs (one array per column, equal lengths). */
export type PredictFn = (
  columns: readonly ArrayLike<number>[],
) => ArrayLike<number> | Promise<ArrayLike<number>>;

/** Score of predictions against the truth; higher is better unless `greaterIsBetter` is false. */
export type ScoreFn = (yTrue: ArrayLike<number>, yPred: ArrayLike<number>) => number;

export interface PermutationImportanceOptions {
  /** Column-major test inputs, as the model takes them. */
  columns: readonly ArrayLike<number>[];
  featureNames: readonly string[];
  yTrue: ArrayLike<number>;
  predict: PredictFn;
  score: ScoreFn;
  /** False for losses and errors (MSE, log loss): a rise then counts as a drop. Default true. */
  greaterIsBetter?: boolean;
  /** Shuffles per column (scikit-learn's `n_repeats`, default 5). */
  repeats?: number;
  seed: number;
  /** Polled between predictions; true ends the run with `{ status: 'cancelled' }`. */
  shouldStop?: () => boolean;
  onProgress?: (done: number, total: number) => void;
}

export interface PermutationScore {
  feature: string;
  /** Mean drop in the score over the repeats (may be slightly negative). */
  mean: number;
  /** Population standard deviation of the drops (numpy's default, as scikit-learn). */
  std: number;
  drops: number[];
}

export interface PermutationImportanceItem {
  feature: string;
  value: number;
  std: number;
}

export type PermutationImportanceResult =
  | {
      status: 'completed';
      baseline: number;
      scores: PermutationScore[];
      importances: { kind: 'permutation'; items: PermutationImportanceItem[] };
    }
  | { status: 'cancelled' };

export const DEFAULT_PERMUTATION_REPEATS = 5;

function validate(options: PermutationImportanceOptions, repeats: number): number {
  const { columns, featureNames, yTrue } = options;
  if (columns.length === 0) throw new RangeError('permutation importance: no columns');
  if (columns.length !== featureNames.length) {
    throw new RangeError('permutation importance: one feature name per column');
  }
  const n = yTrue.length;
  if (n < 2) throw new RangeError('permutation importance: needs at least two rows');
  for (const column of columns) {
    if (column.length !== n) {
      throw new RangeError('permutation importance: every column needs one value per row');
    }
  }
  if (!Number.isInteger(repeats) || repeats < 1) {
    throw new RangeError(`permutation importance: repeats must be a positive integer: ${repeats}`);
  }
  return n;
}

export async function permutationImportance(
  options: PermutationImportanceOptions,
): Promise<PermutationImportanceResult> {
  const repeats = options.repeats ?? DEFAULT_PERMUTATION_REPEATS;
  const n = validate(options, repeats);
  const { columns, featureNames, yTrue, predict, score } = options;
  const sign = options.greaterIsBetter === false ? -1 : 1;
  const total = columns.length * repeats + 1;
  let done = 0;
  const stopped = () => options.shouldStop?.() === true;

  const baseline = score(yTrue, await predict(columns));
  if (!Number.isFinite(baseline)) {
    throw new RangeError('permutation importance: the baseline score is not finite');
  }
  options.onProgress?.(++done, total);
  const rng = createRng(options.seed);
  const scores: PermutationScore[] = [];

  for (let c = 0; c < columns.length; c++) {
    const original = columns[c]!;
    const shuffled = new Float64Array(n);
    const inputs = [...columns];
    inputs[c] = shuffled;
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      if (stopped()) return { status: 'cancelled' };
      const order = permutation(n, rng);
      for (let i = 0; i < n; i++) shuffled[i] = original[order[i]!]!;
      drops.push(sign * (baseline - score(yTrue, await predict(inputs))));
      options.onProgress?.(++done, total);
    }
    const mean = drops.reduce((sum, d) => sum + d, 0) / repeats;
    const variance = drops.reduce((sum, d) => sum + (d - mean) ** 2, 0) / repeats;
    scores.push({ feature: featureNames[c]!, mean, std: Math.sqrt(variance), drops });
  }

  const items = scores
    .map((s) => ({ feature: s.feature, value: Math.max(0, s.mean), std: s.std }))
    .sort((a, b) => b.value - a.value);
  return { status: 'completed', baseline, scores, importances: { kind: 'permutation', items } };
}
