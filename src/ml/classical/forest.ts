/**
 * Random forests (scikit-learn's RandomForestClassifier / RandomForestRegressor): each tree is
 * a CART grown on a bootstrap sample (drawn as per-row counts, i.e. weights, as sklearn does)
 * with `maxFeatures` features tried per split — 'sqrt' by default for classes, all features
 * for regression (sklearn ≥ 1.1). Probabilities are the mean of the trees' leaf proportions.
 * Fitting reports `stage: 'trees'` after each tree, yields, and stops early on `shouldStop`,
 * keeping the trees built so far.
 */
import { createRng, type Rng } from '../../core/rng';
import { growTree, presort, type Criterion } from './shared/sup-cart';
import {
  expectKind,
  leafOf,
  loadTree,
  meanImportances,
  saveTree,
  type FlatTree,
  type SavedFlatTree,
} from './shared/sup-flat-tree';
import { argmaxRows, cartConfig, checkFitInput, treeProba, type MaxFeatures } from './tree';
import type {
  ClassifierLearner,
  ClassifierModel,
  DenseMatrix,
  FitOptions,
  RegressorLearner,
  RegressorModel,
  SavedModel,
} from './types';

export interface ForestParams {
  nEstimators?: number;
  criterion?: Criterion;
  maxDepth?: number | null;
  minSamplesSplit?: number;
  minSamplesLeaf?: number;
  maxFeatures?: MaxFeatures;
  bootstrap?: boolean;
  seed?: number;
}

interface SavedForest {
  numFeatures: number;
  trees: SavedFlatTree[];
}

async function growForest(
  x: DenseMatrix,
  y: ArrayLike<number>,
  numClasses: number,
  params: ForestParams,
  options: FitOptions | undefined,
): Promise<FlatTree[]> {
  checkFitInput(x, y);
  const total = params.nEstimators ?? 100;
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`nEstimators: ${total}`);
  const defaultFeatures = numClasses > 0 ? 'sqrt' : 1;
  const config = cartConfig(
    {
      ...params,
      maxFeatures: params.maxFeatures === undefined ? defaultFeatures : params.maxFeatures,
    },
    numClasses,
    x.cols,
  );
  const sorted = presort(x);
  const master = createRng(params.seed ?? 0);
  const trees: FlatTree[] = [];
  for (let t = 0; t < total; t++) {
    // Each tree gets its own stream, so tree t does not depend on how long tree t-1 ran.
    const rng = createRng(Math.floor(master() * 4294967296));
    const weights = params.bootstrap === false ? null : bootstrapCounts(x.rows, rng);
    trees.push(growTree(x, y, weights, sorted, config, rng));
    options?.onProgress?.({ stage: 'trees', done: t + 1, total });
    await options?.yieldNow?.();
    if (options?.shouldStop?.()) break;
  }
  return trees;
}

/** n draws with replacement, as counts per row. */
function bootstrapCounts(n: number, rng: Rng): Float64Array {
  const counts = new Float64Array(n);
  for (let i = 0; i < n; i++) counts[Math.floor(rng() * n)]! += 1;
  return counts;
}

export class ForestClassifierModel implements ClassifierModel {
  readonly kind = 'random-forest-classifier';
  constructor(
    readonly trees: FlatTree[],
    readonly numClasses: number,
    readonly numFeatures: number,
  ) {}
  predictProba(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows * this.numClasses);
    for (const tree of this.trees) treeProba(tree, x, out, 1 / this.trees.length);
    return out;
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.predictProba(x), x.rows, this.numClasses);
  }
  featureImportances(): Float64Array {
    return meanImportances(this.trees, this.numFeatures);
  }
  toJSON(): SavedModel {
    const params: SavedForest = { numFeatures: this.numFeatures, trees: this.trees.map(saveTree) };
    return { kind: this.kind, version: 1, params };
  }
}

export class ForestRegressorModel implements RegressorModel {
  readonly kind = 'random-forest-regressor';
  constructor(
    readonly trees: FlatTree[],
    readonly numFeatures: number,
  ) {}
  predict(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows);
    for (const tree of this.trees) {
      for (let i = 0; i < x.rows; i++) out[i]! += tree.value[leafOf(tree, x, i)]!;
    }
    for (let i = 0; i < x.rows; i++) out[i]! /= this.trees.length;
    return out;
  }
  featureImportances(): Float64Array {
    return meanImportances(this.trees, this.numFeatures);
  }
  toJSON(): SavedModel {
    const params: SavedForest = { numFeatures: this.numFeatures, trees: this.trees.map(saveTree) };
    return { kind: this.kind, version: 1, params };
  }
}

function loadForest(saved: SavedModel, kind: string): { trees: FlatTree[]; numFeatures: number } {
  const params = expectKind(saved, kind) as SavedForest;
  if (params.trees.length === 0) throw new RangeError('a saved forest needs at least one tree');
  return { trees: params.trees.map(loadTree), numFeatures: params.numFeatures };
}

export const randomForestClassifier: ClassifierLearner<ForestParams> = {
  kind: 'random-forest-classifier',
  async fit(x, y, numClasses, params, options) {
    const trees = await growForest(x, y, numClasses, params, options);
    return new ForestClassifierModel(trees, numClasses, x.cols);
  },
  fromJSON(saved) {
    const { trees, numFeatures } = loadForest(saved, this.kind);
    return new ForestClassifierModel(trees, trees[0]!.valueSize, numFeatures);
  },
};

export const randomForestRegressor: RegressorLearner<ForestParams> = {
  kind: 'random-forest-regressor',
  async fit(x, y, params, options) {
    const trees = await growForest(x, y, 0, params, options);
    return new ForestRegressorModel(trees, x.cols);
  },
  fromJSON(saved) {
    const { trees, numFeatures } = loadForest(saved, this.kind);
    return new ForestRegressorModel(trees, numFeatures);
  },
};
