/**
 * A fitted binary tree stored as parallel arrays (sklearn's `tree_` layout), shared by CART,
 * forests and boosting: node i splits on `feature[i]` at `threshold[i]` (`x <= t` goes to
 * `left[i]`), or is a leaf when `feature[i] === -1`. Plain arrays so that `toJSON` is the
 * identity and a saved tree is readable JSON.
 */
import type { DenseMatrix } from '../types';

export interface FlatTree {
  valueSize: number;
  feature: number[];
  threshold: number[];
  left: number[];
  right: number[];
  impurity: number[];
  /** Distinct training rows that reached the node. */
  samples: number[];
  /** Their summed weight (bootstrap counts, or hessians for boosting). */
  weightedSamples: number[];
  /** valueSize numbers per node: class counts, a mean, or a leaf's raw score. */
  value: number[];
  /** Per-feature importance, normalised to sum 1 (all 0 for a tree with no split). */
  importances: Float64Array;
}

export function emptyTree(valueSize: number, numFeatures: number): FlatTree {
  return {
    valueSize,
    feature: [],
    threshold: [],
    left: [],
    right: [],
    impurity: [],
    samples: [],
    weightedSamples: [],
    value: [],
    importances: new Float64Array(numFeatures),
  };
}

/** Appends a leaf and returns its id; the grower turns it into a split by setting feature. */
export function pushNode(
  tree: FlatTree,
  impurity: number,
  samples: number,
  weightedSamples: number,
  value: ArrayLike<number>,
): number {
  const id = tree.feature.length;
  tree.feature.push(-1);
  tree.threshold.push(0);
  tree.left.push(-1);
  tree.right.push(-1);
  tree.impurity.push(impurity);
  tree.samples.push(samples);
  tree.weightedSamples.push(weightedSamples);
  for (let v = 0; v < tree.valueSize; v++) tree.value.push(value[v]!);
  return id;
}

/** Index of the leaf that row `row` of x falls into. */
export function leafOf(tree: FlatTree, x: DenseMatrix, row: number): number {
  const base = row * x.cols;
  let node = 0;
  while (tree.feature[node]! >= 0) {
    node =
      x.data[base + tree.feature[node]!]! <= tree.threshold[node]!
        ? tree.left[node]!
        : tree.right[node]!;
  }
  return node;
}

export interface SavedFlatTree extends Omit<FlatTree, 'importances'> {
  importances: number[];
}

export function saveTree(tree: FlatTree): SavedFlatTree {
  return {
    valueSize: tree.valueSize,
    feature: [...tree.feature],
    threshold: [...tree.threshold],
    left: [...tree.left],
    right: [...tree.right],
    impurity: [...tree.impurity],
    samples: [...tree.samples],
    weightedSamples: [...tree.weightedSamples],
    value: [...tree.value],
    importances: Array.from(tree.importances),
  };
}

export function loadTree(saved: SavedFlatTree): FlatTree {
  const n = saved.feature.length;
  const lengths = [saved.threshold, saved.left, saved.right, saved.impurity, saved.samples];
  if (
    n === 0 ||
    lengths.some((a) => a.length !== n) ||
    saved.value.length !== n * saved.valueSize
  ) {
    throw new RangeError('saved tree arrays disagree in length');
  }
  return {
    ...saveTree({ ...saved, importances: new Float64Array(0) }),
    importances: Float64Array.from(saved.importances),
  };
}

/** Mean of per-tree importances, renormalised (sklearn's forest `feature_importances_`). */
export function meanImportances(trees: FlatTree[], numFeatures: number): Float64Array {
  const out = new Float64Array(numFeatures);
  for (const tree of trees)
    for (let f = 0; f < numFeatures; f++) out[f]! += tree.importances[f] ?? 0;
  let sum = 0;
  for (let f = 0; f < numFeatures; f++) sum += out[f]!;
  if (sum > 0) for (let f = 0; f < numFeatures; f++) out[f]! /= sum;
  return out;
}

/** Throws unless `saved` is a model of `kind` at version 1; returns its params. */
export function expectKind(
  saved: { kind: string; version: number; params: unknown },
  kind: string,
): unknown {
  if (saved.kind !== kind || saved.version !== 1) {
    throw new TypeError(`expected a saved ${kind} v1 model, got ${saved.kind} v${saved.version}`);
  }
  return saved.params;
}
