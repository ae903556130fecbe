/**
 * Feature importances of a fitted classical model as the ranked list the bar chart draws,
 * named with the model's input columns after the recipe (`sex=male`, not column 3).
 *
 * Invariants: items are sorted by value, largest first (ties keep column order); values are
 * what the learner reports (normalised to sum 1 by every learner here). Forests add the spread
 * of each feature's importance across their trees; linear models add the signed coefficient
 * when there is one per feature (regressors, binary logistic regression).
 */
import type {
  FeatureImportanceItem,
  FeatureImportances,
  ImportanceKind,
} from '../../contracts/insights';
import type { FlatTree } from '../classical/shared/sup-flat-tree';

/** What this module reads from a fitted model; every field is optional. */
export interface ExplainableModel {
  featureImportances?(): Float64Array;
  /** Linear regressors: signed coefficients. */
  coefficients?(): Float64Array;
  /** Logistic regression: one row (binary) or one per class of weights then intercept. */
  readonly weights?: readonly Float64Array[];
  /** Forests: their trees, each with normalised impurity importances. */
  readonly trees?: readonly FlatTree[];
}

function signedCoefficients(model: ExplainableModel, width: number): Float64Array | null {
  if (typeof model.coefficients === 'function') return model.coefficients();
  const rows = model.weights;
  if (rows?.length === 1 && rows[0] !== undefined && rows[0].length === width + 1) {
    return rows[0].subarray(0, width);
  }
  return null;
}

function spreadAcrossTrees(trees: readonly FlatTree[], mean: Float64Array): Float64Array {
  const out = new Float64Array(mean.length);
  for (const tree of trees) {
    for (let j = 0; j < mean.length; j++) out[j]! += (tree.importances[j]! - mean[j]!) ** 2;
  }
  for (let j = 0; j < out.length; j++) out[j] = Math.sqrt(out[j]! / trees.length);
  return out;
}

/** Null when the model reports no importances or their width does not match the features. */
export function featureImportancesOf(
  model: ExplainableModel,
  features: readonly string[],
  kind: ImportanceKind,
): FeatureImportances | null {
  if (typeof model.featureImportances !== 'function') return null;
  const values = model.featureImportances();
  if (values.length !== features.length) return null;
  const signed = kind === 'coefficient' ? signedCoefficients(model, features.length) : null;
  const trees = model.trees;
  const hasTreeSpread =
    kind === 'impurity' &&
    trees !== undefined &&
    trees.length > 1 &&
    trees.every((tree) => tree.importances.length === features.length);
  const std = hasTreeSpread ? spreadAcrossTrees(trees, values) : null;
  const items = features.map((feature, j): FeatureImportanceItem => {
    const item: FeatureImportanceItem = { feature, value: values[j]! };
    if (std) item.std = std[j]!;
    if (signed?.length === features.length) item.signed = signed[j]!;
    return item;
  });
  // Array.prototype.sort is stable, so equal importances keep their column order.
  items.sort((a, b) => b.value - a.value);
  return { kind, items };
}
