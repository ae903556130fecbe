/**
 * Registry of the learners in this half of the classical family: linear, ridge, lasso,
 * elastic net, logistic regression and SVM (supervised), k-means, DBSCAN and agglomerative
 * (clustering), PCA, t-SNE and UMAP (embeddings). Each entry gives the runner, its default
 * parameters (scikit-learn's, where sklearn has one) and the ranges a form may offer.
 */
import { agglomerative } from './agglomerative';
import { dbscan } from './dbscan';
import { pcaEmbedding, tsne, umap } from './embeddings';
import { kmeans } from './kmeans';
import { elasticNetRegression, lassoRegression, linearRegression, ridgeRegression } from './linear';
import { logisticRegression } from './logistic';
import { svmClassifier } from './svm';
import type {
  ClassifierLearner,
  ClusteringResult,
  DenseMatrix,
  EmbeddingResult,
  FitOptions,
  RegressorLearner,
} from './types';

export type ParamRange =
  | { type: 'number'; min: number; max: number; log?: boolean }
  | { type: 'integer'; min: number; max: number }
  | { type: 'choice'; options: readonly (string | number)[] };

type Params = Record<string, unknown>;

interface EntryBase {
  defaults: Params;
  ranges: Record<string, ParamRange>;
}

export type UnsupervisedRegistryEntry =
  | (EntryBase & { family: 'regressor'; learner: RegressorLearner<Params> })
  | (EntryBase & { family: 'classifier'; learner: ClassifierLearner<Params> })
  | (EntryBase & {
      family: 'clustering';
      run(x: DenseMatrix, params: Params, options?: FitOptions): Promise<ClusteringResult>;
    })
  | (EntryBase & {
      family: 'embedding';
      run(x: DenseMatrix, params: Params, options?: FitOptions): Promise<EmbeddingResult>;
    });

const alpha: ParamRange = { type: 'number', min: 1e-4, max: 100, log: true };
const c: ParamRange = { type: 'number', min: 1e-3, max: 1000, log: true };
const seed: ParamRange = { type: 'integer', min: 0, max: 2 ** 31 - 1 };

export const UNSUPERVISED_REGISTRY = {
  'linear-regression': { family: 'regressor', learner: linearRegression, defaults: {}, ranges: {} },
  ridge: {
    family: 'regressor',
    learner: ridgeRegression,
    defaults: { alpha: 1 },
    ranges: { alpha },
  },
  lasso: {
    family: 'regressor',
    learner: lassoRegression,
    defaults: { alpha: 1, maxIter: 1000, tol: 1e-4 },
    ranges: { alpha, maxIter: { type: 'integer', min: 10, max: 10000 } },
  },
  'elastic-net': {
    family: 'regressor',
    learner: elasticNetRegression,
    defaults: { alpha: 1, l1Ratio: 0.5, maxIter: 1000, tol: 1e-4 },
    ranges: { alpha, l1Ratio: { type: 'number', min: 0, max: 1 } },
  },
  'logistic-regression': {
    family: 'classifier',
    learner: logisticRegression,
    defaults: { c: 1, maxIter: 100 },
    ranges: { c, maxIter: { type: 'integer', min: 10, max: 10000 } },
  },
  svm: {
    family: 'classifier',
    learner: svmClassifier,
    defaults: { kernel: 'rbf', c: 1, gamma: 'scale' },
    ranges: {
      kernel: { type: 'choice', options: ['linear', 'rbf'] },
      c,
      gamma: { type: 'number', min: 1e-4, max: 100, log: true },
    },
  },
  kmeans: {
    family: 'clustering',
    run: (x, params, options) => kmeans(x, { k: 8, ...params }, options),
    defaults: { k: 8, nInit: 10, maxIter: 300, seed: 0 },
    ranges: {
      k: { type: 'integer', min: 1, max: 50 },
      nInit: { type: 'integer', min: 1, max: 50 },
      seed,
    },
  },
  dbscan: {
    family: 'clustering',
    run: async (x, params) => dbscan(x, params),
    defaults: { eps: 0.5, minSamples: 5 },
    ranges: {
      eps: { type: 'number', min: 1e-3, max: 100, log: true },
      minSamples: { type: 'integer', min: 1, max: 100 },
    },
  },
  agglomerative: {
    family: 'clustering',
    run: async (x, params) => agglomerative(x, params),
    defaults: { nClusters: 2, linkage: 'ward' },
    ranges: {
      nClusters: { type: 'integer', min: 1, max: 50 },
      linkage: { type: 'choice', options: ['ward', 'complete', 'average', 'single'] },
    },
  },
  pca: {
    family: 'embedding',
    run: async (x) => pcaEmbedding(x, 2),
    defaults: {},
    ranges: {},
  },
  tsne: {
    family: 'embedding',
    run: (x, params, options) => tsne(x, params, options),
    defaults: { perplexity: 30, iterations: 1000, learningRate: 'auto', seed: 0 },
    ranges: {
      perplexity: { type: 'number', min: 2, max: 100 },
      iterations: { type: 'integer', min: 250, max: 5000 },
      seed,
    },
  },
  umap: {
    family: 'embedding',
    run: (x, params, options) => umap(x, params, options),
    defaults: { nNeighbors: 15, minDist: 0.1, seed: 0 },
    ranges: {
      nNeighbors: { type: 'integer', min: 2, max: 200 },
      minDist: { type: 'number', min: 0, max: 1 },
      seed,
    },
  },
} satisfies Record<string, UnsupervisedRegistryEntry>;

export type UnsupervisedKind = keyof typeof UNSUPERVISED_REGISTRY;
