/**
 * CART decision trees (scikit-learn's DecisionTreeClassifier / DecisionTreeRegressor): gini or
 * entropy for classes, squared error for targets; max depth, min samples per split and leaf,
 * max features; seeded. The grower lives in shared/sup-cart.ts (forests reuse it). A fitted
 * tree exports a plain-data diagram (`treeToDiagram`) for the UI to draw.
 */
import { createRng } from '../../core/rng';
import { growTree, presort, type CartConfig, type Criterion } from './shared/sup-cart';
import {
  expectKind,
  leafOf,
  loadTree,
  saveTree,
  type FlatTree,
  type SavedFlatTree,
} from './shared/sup-flat-tree';
import type {
  ClassifierLearner,
  ClassifierModel,
  DenseMatrix,
  RegressorLearner,
  RegressorModel,
  SavedModel,
} from './types';

/** 'sqrt' | 'log2'; a number in (0, 1] is a fraction of the features, above 1 a count. */
export type MaxFeatures = 'sqrt' | 'log2' | number | null;

export interface TreeParams {
  criterion?: Criterion;
  /** null or 0 = grow until leaves are pure or too small. */
  maxDepth?: number | null;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  maxFeatures?: MaxFeatures;
  seed?: number;
}

export function resolveMaxFeatures(spec: MaxFeatures | undefined, numFeatures: number): number {
  let count: number;
  if (spec === 'sqrt') count = Math.floor(Math.sqrt(numFeatures));
  else if (spec === 'log2') count = Math.floor(Math.log2(numFeatures));
  else if (spec === null || spec === undefined) count = numFeatures;
  else if (!(spec > 0)) throw new RangeError(`maxFeatures must be positive: ${spec}`);
  else count = spec <= 1 ? Math.floor(spec * numFeatures) : Math.floor(spec);
  return Math.min(numFeatures, Math.max(1, count));
}

export function cartConfig(
  params: TreeParams,
  numClasses: number,
  numFeatures: number,
): CartConfig {
  const criterion = params.criterion ?? (numClasses > 0 ? 'gini' : 'squared_error');
  if (numClasses > 0 === (criterion === 'squared_error')) {
    throw new RangeError(`criterion ${criterion} does not fit this task`);
  }
  const config: CartConfig = {
    criterion,
    numClasses,
    maxDepth: params.maxDepth || Infinity,
    minSamplesSplit: params.minSamplesSplit ?? 2,
    minSamplesLeaf: params.minSamplesLeaf ?? 1,
    maxFeatures: resolveMaxFeatures(params.maxFeatures, numFeatures),
  };
  if (!(config.maxDepth >= 1) || config.minSamplesSplit < 2 || config.minSamplesLeaf < 1) {
    throw new RangeError('maxDepth ≥ 1, minSamplesSplit ≥ 2 and minSamplesLeaf ≥ 1 are required');
  }
  return config;
}

export function checkFitInput(x: DenseMatrix, y: ArrayLike<number>): void {
  if (x.rows === 0 || x.rows !== y.length) {
    throw new RangeError(`need matching, non-empty x and y: ${x.rows} rows, ${y.length} labels`);
  }
}

/** Leaf class counts → probabilities, rows × numClasses. */
export function treeProba(tree: FlatTree, x: DenseMatrix, out: Float64Array, scale = 1): void {
  const k = tree.valueSize;
  for (let i = 0; i < x.rows; i++) {
    const leaf = leafOf(tree, x, i);
    let sum = 0;
    for (let c = 0; c < k; c++) sum += tree.value[leaf * k + c]!;
    for (let c = 0; c < k; c++) out[i * k + c]! += (scale * tree.value[leaf * k + c]!) / sum;
  }
}

export function argmaxRows(proba: Float64Array, rows: number, k: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if (proba[i * k + c]! > proba[i * k + best]!) best = c;
    out[i] = best;
  }
  return out;
}

export class TreeClassifierModel implements ClassifierModel {
  readonly kind = 'decision-tree-classifier';
  constructor(
    readonly tree: FlatTree,
    readonly numClasses: number,
  ) {}
  predictProba(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows * this.numClasses);
    treeProba(this.tree, x, out);
    return out;
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.predictProba(x), x.rows, this.numClasses);
  }
  featureImportances(): Float64Array {
    return Float64Array.from(this.tree.importances);
  }
  toJSON(): SavedModel {
    return { kind: this.kind, version: 1, params: saveTree(this.tree) };
  }
}

export class TreeRegressorModel implements RegressorModel {
  readonly kind = 'decision-tree-regressor';
  constructor(readonly tree: FlatTree) {}
  predict(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows);
    for (let i = 0; i < x.rows; i++) out[i] = this.tree.value[leafOf(this.tree, x, i)]!;
    return out;
  }
  featureImportances(): Float64Array {
    return Float64Array.from(this.tree.importances);
  }
  toJSON(): SavedModel {
    return { kind: this.kind, version: 1, params: saveTree(this.tree) };
  }
}

export const decisionTreeClassifier: ClassifierLearner<TreeParams> = {
  kind: 'decision-tree-classifier',
  async fit(x, y, numClasses, params) {
    checkFitInput(x, y);
    const config = cartConfig(params, numClasses, x.cols);
    const tree = growTree(x, y, null, presort(x), config, createRng(params.seed ?? 0));
    return new TreeClassifierModel(tree, numClasses);
  },
  fromJSON(saved) {
    const tree = loadTree(expectKind(saved, this.kind) as SavedFlatTree);
    return new TreeClassifierModel(tree, tree.valueSize);
  },
};

export const decisionTreeRegressor: RegressorLearner<TreeParams> = {
  kind: 'decision-tree-regressor',
  async fit(x, y, params) {
    checkFitInput(x, y);
    const config = cartConfig(params, 0, x.cols);
    const tree = growTree(x, y, null, presort(x), config, createRng(params.seed ?? 0));
    return new TreeRegressorModel(tree);
  },
  fromJSON(saved) {
    return new TreeRegressorModel(loadTree(expectKind(saved, this.kind) as SavedFlatTree));
  },
};

export interface TreeDiagramNode {
  id: number;
  /** null for a leaf. */
  feature: string | null;
  threshold: number | null;
  impurity: number;
  samples: number;
  /** Class proportions (classification) or the mean target (regression). */
  value: number[];
  /** Majority class name, or the predicted value as text. */
  label: string;
  /** [left (x ≤ threshold), right], or null for a leaf. */
  children: [number, number] | null;
}

/** Plain data for drawing a fitted tree; node 0 is the root. */
export function treeToDiagram(
  model: { tree: FlatTree },
  featureNames: readonly string[],
  classNames: readonly string[] = [],
): TreeDiagramNode[] {
  const { tree } = model;
  const k = tree.valueSize;
  return tree.feature.map((f, id) => {
    let value = tree.value.slice(id * k, (id + 1) * k);
    let label: string;
    if (k > 1 || classNames.length > 0) {
      const sum = value.reduce((a, b) => a + b, 0);
      value = value.map((v) => v / sum);
      const best = value.indexOf(Math.max(...value));
      label = classNames[best] ?? String(best);
    } else label = String(value[0]);
    const split = f >= 0;
    return {
      id,
      feature: split ? (featureNames[f] ?? `x${f}`) : null,
      threshold: split ? tree.threshold[id]! : null,
      impurity: tree.impurity[id]!,
      samples: tree.samples[id]!,
      value,
      label,
      children: split ? [tree.left[id]!, tree.right[id]!] : null,
    };
  });
}
