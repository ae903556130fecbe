/**
 * Boosting's score after every round (accuracy or R²), for the training curves: the fitted
 * model's trees replayed round by round on the training and validation rows. The learner
 * reports losses only while it fits; replaying afterwards costs one prediction pass and keeps
 * the learner untouched.
 *
 * Invariants: trees are stored round after round, `baseline.length` per round (one per class
 * for softmax, one for binary log-loss and regression), as src/ml/classical/gbdt.ts keeps them.
 * A binary raw score above 0 means class 1 and multiclass ties go to the lower class, as the
 * model's `predict` decides; an empty split gives NaN.
 */
import { accuracy, r2 } from '../core/metrics';
import { leafOf, type FlatTree } from './classical/shared/sup-flat-tree';
import type { DenseMatrix } from './classical/types';

export interface BoostedModel {
  readonly trees: readonly FlatTree[];
  readonly baseline: readonly number[];
}

export function isBoostedModel(model: object): model is BoostedModel {
  const candidate = model as Partial<BoostedModel>;
  return Array.isArray(candidate.trees) && Array.isArray(candidate.baseline);
}

function predictedClasses(raw: Float64Array, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    if (k === 1) {
      out[i] = raw[i]! > 0 ? 1 : 0;
      continue;
    }
    let best = 0;
    for (let c = 1; c < k; c++) if (raw[i * k + c]! > raw[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

/** One score per boosting round; `y` holds class indices or targets in their own units. */
export function stagedScores(
  model: BoostedModel,
  x: DenseMatrix,
  y: ArrayLike<number>,
  task: 'classification' | 'regression',
): number[] {
  const k = model.baseline.length;
  const rounds = Math.floor(model.trees.length / k);
  if (x.rows === 0) return new Array<number>(rounds).fill(Number.NaN);
  const raw = new Float64Array(x.rows * k);
  for (let i = 0; i < x.rows; i++) for (let c = 0; c < k; c++) raw[i * k + c] = model.baseline[c]!;
  const labels = task === 'classification' ? Int32Array.from(y) : null;
  const scores: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (let c = 0; c < k; c++) {
      const tree = model.trees[round * k + c]!;
      for (let i = 0; i < x.rows; i++) raw[i * k + c]! += tree.value[leafOf(tree, x, i)]!;
    }
    scores.push(labels ? accuracy(labels, predictedClasses(raw, x.rows, k)) : r2(y, raw));
  }
  return scores;
}
