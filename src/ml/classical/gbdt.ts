/**
 * Gradient-boosted trees on histograms, after scikit-learn's HistGradientBoostingClassifier /
 * Regressor: features binned into ≤ 255 bins by quantiles; each round fits a leaf-wise tree
 * (shared/sup-hist-grower.ts) to the loss's gradients and hessians — binary log-loss, softmax
 * with one tree per class per round, or squared error. Extras over sklearn 1.2: row
 * subsampling per round (seeded, without replacement) and gain-based importances.
 *
 * Early stopping follows sklearn's rule on `options.validation`: stop once none of the last
 * `nIterNoChange` validation losses beat the loss before them by `tol`. The losses are
 * sklearn's (log-loss; half squared error for regression) and are reported live with
 * `stage: 'rounds'`.
 */
import { createRng, permutation } from '../../core/rng';
import { binMatrix, fitBinThresholds, MAX_BINS } from './shared/sup-bins';
import {
  expectKind,
  loadTree,
  saveTree,
  type FlatTree,
  type SavedFlatTree,
} from './shared/sup-flat-tree';
import { growHistTree, predictBinned, type HistTreeConfig } from './shared/sup-hist-grower';
import {
  baselineOf,
  gradients,
  link,
  meanLoss,
  rawScores,
  type Loss,
} from './shared/sup-boost-loss';
import { argmaxRows, checkFitInput } from './tree';
import type {
  ClassifierLearner,
  ClassifierModel,
  DenseMatrix,
  FitOptions,
  RegressorLearner,
  RegressorModel,
  SavedModel,
} from './types';

export interface GbdtParams {
  learningRate?: number;
  /** Boosting rounds (sklearn `max_iter`). */
  maxIter?: number;
  maxLeafNodes?: number;
  /** null or 0 = limited by maxLeafNodes only. */
  maxDepth?: number | null;
  minSamplesLeaf?: number;
  /** sklearn `l2_regularization`. */
  l2?: number;
  maxBins?: number;
  /** Fraction of rows drawn (without replacement) for each round. */
  subsample?: number;
  /** Stop on `options.validation` when it stops improving (default: on when given). */
  earlyStopping?: boolean;
  nIterNoChange?: number;
  tol?: number;
  seed?: number;
}

interface SavedGbdt {
  numFeatures: number;
  numClasses: number;
  baseline: number[];
  trees: SavedFlatTree[];
}

async function boost(
  x: DenseMatrix,
  y: ArrayLike<number>,
  loss: Loss,
  k: number,
  params: GbdtParams,
  options: FitOptions | undefined,
): Promise<{ trees: FlatTree[]; baseline: number[] }> {
  checkFitInput(x, y);
  const rounds = params.maxIter ?? 100;
  const subsample = params.subsample ?? 1;
  if (!Number.isInteger(rounds) || rounds < 1) throw new RangeError(`maxIter: ${rounds}`);
  if (!(subsample > 0 && subsample <= 1)) throw new RangeError(`subsample: ${subsample}`);
  const config: HistTreeConfig = {
    learningRate: params.learningRate ?? 0.1,
    maxLeafNodes: params.maxLeafNodes ?? 31,
    maxDepth: params.maxDepth || Infinity,
    minSamplesLeaf: params.minSamplesLeaf ?? 20,
    l2: params.l2 ?? 0,
  };
  const thresholds = fitBinThresholds(x, params.maxBins ?? MAX_BINS);
  const binned = { rows: x.rows, cols: x.cols, codes: binMatrix(x, thresholds), thresholds };
  const baseline = baselineOf(loss, y, k);
  const n = x.rows;
  const raw = new Float64Array(n * k);
  for (let i = 0; i < n; i++) raw.set(baseline, i * k);
  const validation = options?.validation;
  const validRaw = validation ? rawScores([], baseline, validation.x) : null;
  const validLosses = validRaw ? [meanLoss(loss, validRaw, validation!.y, k)] : [];
  const stopEarly = validation !== undefined && params.earlyStopping !== false;
  const patience = params.nIterNoChange ?? 10;
  const tol = params.tol ?? 1e-7;
  const rng = createRng(params.seed ?? 0);
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const proba = new Float64Array(n * k);
  const trees: FlatTree[] = [];
  const allRows = new Int32Array(n);
  for (let i = 0; i < n; i++) allRows[i] = i;

  for (let round = 0; round < rounds; round++) {
    if (loss === 'softmax') {
      // All K gradients of a round come from the scores before that round, as in sklearn.
      proba.set(raw);
      link('softmax', proba, k);
    }
    // Sorted so that histogram building walks the bin codes in memory order.
    const rows =
      subsample < 1
        ? permutation(n, rng)
            .slice(0, Math.max(1, Math.floor(subsample * n)))
            .sort()
        : allRows;
    const roundTrees: FlatTree[] = [];
    for (let c = 0; c < k; c++) {
      gradients(loss, raw, y, k, c, g, h, proba);
      const samples = rows.slice();
      const { tree, splitBin } = growHistTree(binned, g, h, samples, config);
      roundTrees.push(tree);
      for (let i = 0; i < n; i++)
        raw[i * k + c]! += predictBinned(tree, splitBin, binned.codes, n, i);
    }
    trees.push(...roundTrees);
    const metrics: Record<string, number> = { trainLoss: meanLoss(loss, raw, y, k) };
    if (validation && validRaw) {
      const step = rawScores(roundTrees, new Array<number>(k).fill(0), validation.x);
      for (let s = 0; s < step.length; s++) validRaw[s]! += step[s]!;
      metrics.validLoss = meanLoss(loss, validRaw, validation.y, k);
      validLosses.push(metrics.validLoss);
    }
    options?.onProgress?.({ stage: 'rounds', done: round + 1, total: rounds, metrics });
    if (stopEarly && noRecentImprovement(validLosses, patience, tol)) break;
    await options?.yieldNow?.();
    if (options?.shouldStop?.()) break;
  }
  return { trees, baseline };
}

/** sklearn's `_should_stop`: none of the last `patience` losses beat the one before by tol. */
export function noRecentImprovement(losses: number[], patience: number, tol: number): boolean {
  if (losses.length < patience + 1) return false;
  const reference = losses[losses.length - patience - 1]! - tol;
  return losses.slice(-patience).every((value) => !(value < reference));
}

function gainImportances(trees: FlatTree[], numFeatures: number): Float64Array {
  const out = new Float64Array(numFeatures);
  for (const tree of trees)
    for (let f = 0; f < numFeatures; f++) out[f]! += tree.importances[f] ?? 0;
  const sum = out.reduce((a, b) => a + b, 0);
  if (sum > 0) for (let f = 0; f < numFeatures; f++) out[f]! /= sum;
  return out;
}

export class GbdtClassifierModel implements ClassifierModel {
  readonly kind = 'gbdt-classifier';
  constructor(
    readonly trees: FlatTree[],
    readonly baseline: number[],
    readonly numClasses: number,
    readonly numFeatures: number,
  ) {}
  /** Boosting rounds kept (fewer than maxIter after early stopping or cancel). */
  get rounds(): number {
    return this.trees.length / this.baseline.length;
  }
  predictProba(x: DenseMatrix): Float64Array {
    const raw = rawScores(this.trees, this.baseline, x);
    if (this.numClasses <= 2) return link('log_loss', raw, 1);
    return link('softmax', raw, this.numClasses);
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.predictProba(x), x.rows, Math.max(2, this.numClasses));
  }
  featureImportances(): Float64Array {
    return gainImportances(this.trees, this.numFeatures);
  }
  toJSON(): SavedModel {
    const { baseline, numClasses, numFeatures } = this;
    const params: SavedGbdt = {
      numFeatures,
      numClasses,
      baseline,
      trees: this.trees.map(saveTree),
    };
    return { kind: this.kind, version: 1, params };
  }
}

export class GbdtRegressorModel implements RegressorModel {
  readonly kind = 'gbdt-regressor';
  constructor(
    readonly trees: FlatTree[],
    readonly baseline: number[],
    readonly numFeatures: number,
  ) {}
  get rounds(): number {
    return this.trees.length;
  }
  predict(x: DenseMatrix): Float64Array {
    return rawScores(this.trees, this.baseline, x);
  }
  featureImportances(): Float64Array {
    return gainImportances(this.trees, this.numFeatures);
  }
  toJSON(): SavedModel {
    const { baseline, numFeatures } = this;
    const params: SavedGbdt = {
      numFeatures,
      numClasses: 0,
      baseline,
      trees: this.trees.map(saveTree),
    };
    return { kind: this.kind, version: 1, params };
  }
}

function loadGbdt(saved: SavedModel, kind: string): SavedGbdt & { loaded: FlatTree[] } {
  const params = expectKind(saved, kind) as SavedGbdt;
  return { ...params, loaded: params.trees.map(loadTree) };
}

export const gbdtClassifier: ClassifierLearner<GbdtParams> = {
  kind: 'gbdt-classifier',
  async fit(x, y, numClasses, params, options) {
    if (numClasses < 2) throw new RangeError('gradient boosting needs at least 2 classes');
    const loss: Loss = numClasses === 2 ? 'log_loss' : 'softmax';
    const k = numClasses === 2 ? 1 : numClasses;
    const { trees, baseline } = await boost(x, y, loss, k, params, options);
    return new GbdtClassifierModel(trees, baseline, numClasses, x.cols);
  },
  fromJSON(saved) {
    const p = loadGbdt(saved, this.kind);
    return new GbdtClassifierModel(p.loaded, p.baseline, p.numClasses, p.numFeatures);
  },
};

export const gbdtRegressor: RegressorLearner<GbdtParams> = {
  kind: 'gbdt-regressor',
  async fit(x, y, params, options) {
    const { trees, baseline } = await boost(x, y, 'squared_error', 1, params, options);
    return new GbdtRegressorModel(trees, baseline, x.cols);
  },
  fromJSON(saved) {
    const p = loadGbdt(saved, this.kind);
    return new GbdtRegressorModel(p.loaded, p.baseline, p.numFeatures);
  },
};
