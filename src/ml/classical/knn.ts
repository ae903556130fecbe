/**
 * k-nearest neighbours (scikit-learn's KNeighborsClassifier / Regressor, brute force): the
 * model is the training set; a query ranks every training row by euclidean, manhattan or
 * cosine distance (ties: the lower row index first) and lets the k nearest vote. Weights are
 * uniform or 1/distance, where exact matches (distance 0) take all the weight, as in sklearn.
 * Class ties go to the lowest class index.
 */
import { expectKind } from './shared/sup-flat-tree';
import { argmaxRows, checkFitInput } from './tree';
import {
  denseMatrix,
  type ClassifierLearner,
  type ClassifierModel,
  type DenseMatrix,
  type RegressorLearner,
  type RegressorModel,
  type SavedModel,
} from './types';

export type KnnMetric = 'euclidean' | 'manhattan' | 'cosine';

export interface KnnParams {
  k?: number;
  weights?: 'uniform' | 'distance';
  metric?: KnnMetric;
}

interface Resolved {
  k: number;
  weights: 'uniform' | 'distance';
  metric: KnnMetric;
}

interface SavedKnn extends Resolved {
  rows: number;
  cols: number;
  x: number[];
  y: number[];
  numClasses: number;
}

function resolve(params: KnnParams, rows: number): Resolved {
  const k = params.k ?? 5;
  if (!Number.isInteger(k) || k < 1 || k > rows) {
    throw new RangeError(`k must be an integer in [1, ${rows}] (training rows): ${k}`);
  }
  return { k, weights: params.weights ?? 'uniform', metric: params.metric ?? 'euclidean' };
}

function norms(m: DenseMatrix): Float64Array {
  const out = new Float64Array(m.rows);
  for (let i = 0; i < m.rows; i++) {
    let s = 0;
    for (let j = 0; j < m.cols; j++) s += m.data[i * m.cols + j]! ** 2;
    out[i] = Math.sqrt(s);
  }
  return out;
}

/**
 * For each query row, the k nearest training rows and their weights (summing to 1).
 * Calls `visit(query, neighbours, weights)` with reused buffers.
 */
function neighbours(
  train: DenseMatrix,
  query: DenseMatrix,
  opts: Resolved,
  visit: (q: number, index: Int32Array, weight: Float64Array) => void,
): void {
  if (query.cols !== train.cols) throw new RangeError(`expected ${train.cols} features`);
  const { k, metric } = opts;
  const cols = train.cols;
  const t = train.data;
  const trainNorms = metric === 'cosine' ? norms(train) : null;
  const queryNorms = metric === 'cosine' ? norms(query) : null;
  const bestD = new Float64Array(k);
  const bestI = new Int32Array(k);
  const weight = new Float64Array(k);
  for (let q = 0; q < query.rows; q++) {
    const qBase = q * cols;
    bestD.fill(Infinity);
    bestI.fill(-1);
    for (let r = 0; r < train.rows; r++) {
      const rBase = r * cols;
      let d = 0;
      if (metric === 'euclidean') {
        for (let j = 0; j < cols; j++) d += (query.data[qBase + j]! - t[rBase + j]!) ** 2;
      } else if (metric === 'manhattan') {
        for (let j = 0; j < cols; j++) d += Math.abs(query.data[qBase + j]! - t[rBase + j]!);
      } else {
        let dot = 0;
        for (let j = 0; j < cols; j++) dot += query.data[qBase + j]! * t[rBase + j]!;
        const denominator = queryNorms![q]! * trainNorms![r]!;
        // A zero vector has similarity 0 with everything (sklearn's normalisation leaves it 0).
        d = Math.min(2, Math.max(0, 1 - (denominator > 0 ? dot / denominator : 0)));
      }
      if (d >= bestD[k - 1]!) continue; // strict: an equal distance keeps the earlier row
      let p = k - 1;
      while (p > 0 && bestD[p - 1]! > d) {
        bestD[p] = bestD[p - 1]!;
        bestI[p] = bestI[p - 1]!;
        p--;
      }
      bestD[p] = d;
      bestI[p] = r;
    }
    if (metric === 'euclidean') for (let p = 0; p < k; p++) bestD[p] = Math.sqrt(bestD[p]!);
    if (opts.weights === 'uniform') weight.fill(1 / k);
    else if (bestD[0] === 0) {
      let exact = 0;
      for (let p = 0; p < k; p++) exact += bestD[p] === 0 ? 1 : 0;
      for (let p = 0; p < k; p++) weight[p] = bestD[p] === 0 ? 1 / exact : 0;
    } else {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += weight[p] = 1 / bestD[p]!;
      for (let p = 0; p < k; p++) weight[p]! /= sum;
    }
    visit(q, bestI, weight);
  }
}

function save(
  kind: string,
  train: DenseMatrix,
  y: ArrayLike<number>,
  opts: Resolved,
  numClasses: number,
): SavedModel {
  const params: SavedKnn = {
    ...opts,
    rows: train.rows,
    cols: train.cols,
    x: Array.from(train.data),
    y: Array.from(y),
    numClasses,
  };
  return { kind, version: 1, params };
}

export class KnnClassifierModel implements ClassifierModel {
  readonly kind = 'knn-classifier';
  constructor(
    readonly train: DenseMatrix,
    readonly y: Int32Array,
    readonly numClasses: number,
    readonly options: Resolved,
  ) {}
  predictProba(x: DenseMatrix): Float64Array {
    const k = this.numClasses;
    const out = new Float64Array(x.rows * k);
    neighbours(this.train, x, this.options, (q, index, weight) => {
      for (let p = 0; p < index.length; p++) out[q * k + this.y[index[p]!]!]! += weight[p]!;
    });
    return out;
  }
  predict(x: DenseMatrix): Int32Array {
    return argmaxRows(this.predictProba(x), x.rows, this.numClasses);
  }
  toJSON(): SavedModel {
    return save(this.kind, this.train, this.y, this.options, this.numClasses);
  }
}

export class KnnRegressorModel implements RegressorModel {
  readonly kind = 'knn-regressor';
  constructor(
    readonly train: DenseMatrix,
    readonly y: Float64Array,
    readonly options: Resolved,
  ) {}
  predict(x: DenseMatrix): Float64Array {
    const out = new Float64Array(x.rows);
    neighbours(this.train, x, this.options, (q, index, weight) => {
      for (let p = 0; p < index.length; p++) out[q]! += weight[p]! * this.y[index[p]!]!;
    });
    return out;
  }
  toJSON(): SavedModel {
    return save(this.kind, this.train, this.y, this.options, 0);
  }
}

function copyMatrix(x: DenseMatrix): DenseMatrix {
  return denseMatrix(x.rows, x.cols, x.data);
}

function load(saved: SavedModel, kind: string): SavedKnn & { train: DenseMatrix } {
  const p = expectKind(saved, kind) as SavedKnn;
  return { ...p, train: denseMatrix(p.rows, p.cols, p.x) };
}

export const knnClassifier: ClassifierLearner<KnnParams> = {
  kind: 'knn-classifier',
  async fit(x, y, numClasses, params) {
    checkFitInput(x, y);
    const opts = resolve(params, x.rows);
    return new KnnClassifierModel(copyMatrix(x), Int32Array.from(y), numClasses, opts);
  },
  fromJSON(saved) {
    const p = load(saved, this.kind);
    const { k, weights, metric } = p;
    return new KnnClassifierModel(p.train, Int32Array.from(p.y), p.numClasses, {
      k,
      weights,
      metric,
    });
  },
};

export const knnRegressor: RegressorLearner<KnnParams> = {
  kind: 'knn-regressor',
  async fit(x, y, params) {
    checkFitInput(x, y);
    const opts = resolve(params, x.rows);
    return new KnnRegressorModel(copyMatrix(x), Float64Array.from(y), opts);
  },
  fromJSON(saved) {
    const p = load(saved, this.kind);
    const { k, weights, metric } = p;
    return new KnnRegressorModel(p.train, Float64Array.from(p.y), { k, weights, metric });
  },
};
