/**
 * The classical learners offered beside the neural network, as pure data: defaults are
 * scikit-learn's (seeds pinned to 0) so parity figures in the README hold for a default run.
 * Kept apart from `src/ml/classical` so the main bundle can build forms without loading a
 * single learner; `tests/unit/ml/classical/catalog.test.ts` checks the two agree.
 */
import type {
  ClassicalLearnerInfo,
  ClassicalParamRange,
  ClassicalTask,
  ExploreMethodInfo,
} from './classical-types';

const seed: ClassicalParamRange = { type: 'integer', min: 0, max: 2 ** 31 - 1 };
const maxDepth: ClassicalParamRange = { type: 'integer', min: 1, max: 64, nullable: true };
const minSamplesSplit: ClassicalParamRange = { type: 'integer', min: 2, max: 1000 };
const minSamplesLeaf: ClassicalParamRange = { type: 'integer', min: 1, max: 1000 };
const maxFeatures: ClassicalParamRange = { type: 'choice', options: ['sqrt', 'log2', 1] };
const nEstimators: ClassicalParamRange = { type: 'integer', min: 1, max: 1000 };
const alpha: ClassicalParamRange = { type: 'number', min: 1e-4, max: 100, log: true };
const c: ClassicalParamRange = { type: 'number', min: 1e-3, max: 1000, log: true };
const gini: ClassicalParamRange = { type: 'choice', options: ['gini', 'entropy'] };

const treeDefaults = { maxDepth: null, minSamplesSplit: 2, minSamplesLeaf: 1, seed: 0 };
const treeRanges = { maxDepth, minSamplesSplit, minSamplesLeaf, seed };

const gbdtDefaults = {
  learningRate: 0.1,
  maxIter: 100,
  maxLeafNodes: 31,
  maxDepth: null,
  minSamplesLeaf: 20,
  l2: 0,
  maxBins: 255,
  subsample: 1,
  earlyStopping: true,
  nIterNoChange: 10,
  seed: 0,
};
const gbdtRanges: Record<string, ClassicalParamRange> = {
  learningRate: { type: 'number', min: 1e-3, max: 1, log: true },
  maxIter: { type: 'integer', min: 1, max: 2000 },
  maxLeafNodes: { type: 'integer', min: 2, max: 256 },
  maxDepth,
  minSamplesLeaf,
  l2: { type: 'number', min: 0, max: 100 },
  maxBins: { type: 'integer', min: 2, max: 255 },
  subsample: { type: 'number', min: 0.05, max: 1 },
  earlyStopping: { type: 'boolean' },
  nIterNoChange: { type: 'integer', min: 1, max: 100 },
  seed,
};

const knnDefaults = { k: 5, weights: 'uniform', metric: 'euclidean' };
const knnRanges: Record<string, ClassicalParamRange> = {
  k: { type: 'integer', min: 1, max: 100 },
  weights: { type: 'choice', options: ['uniform', 'distance'] },
  metric: { type: 'choice', options: ['euclidean', 'manhattan', 'cosine'] },
};

export const CLASSICAL_LEARNERS: readonly ClassicalLearnerInfo[] = [
  {
    key: 'logistic-regression',
    task: 'classification',
    group: 'linear',
    progress: 'iterations',
    defaults: { c: 1, maxIter: 100 },
    ranges: { c, maxIter: { type: 'integer', min: 10, max: 10000 } },
    importances: 'coefficient',
  },
  {
    key: 'linear-regression',
    task: 'regression',
    group: 'linear',
    progress: 'single',
    defaults: {},
    ranges: {},
    importances: 'coefficient',
  },
  {
    key: 'ridge',
    task: 'regression',
    group: 'linear',
    progress: 'single',
    defaults: { alpha: 1 },
    ranges: { alpha },
    importances: 'coefficient',
  },
  {
    key: 'lasso',
    task: 'regression',
    group: 'linear',
    progress: 'iterations',
    defaults: { alpha: 1, maxIter: 1000 },
    ranges: { alpha, maxIter: { type: 'integer', min: 10, max: 10000 } },
    importances: 'coefficient',
  },
  {
    key: 'elastic-net',
    task: 'regression',
    group: 'linear',
    progress: 'iterations',
    defaults: { alpha: 1, l1Ratio: 0.5, maxIter: 1000 },
    ranges: {
      alpha,
      l1Ratio: { type: 'number', min: 0, max: 1 },
      maxIter: { type: 'integer', min: 10, max: 10000 },
    },
    importances: 'coefficient',
  },
  {
    key: 'decision-tree-classifier',
    task: 'classification',
    group: 'tree',
    progress: 'single',
    defaults: { criterion: 'gini', ...treeDefaults },
    ranges: { criterion: gini, ...treeRanges },
    importances: 'impurity',
    drawsTree: true,
  },
  {
    key: 'decision-tree-regressor',
    task: 'regression',
    group: 'tree',
    progress: 'single',
    defaults: { criterion: 'squared_error', ...treeDefaults },
    ranges: treeRanges,
    importances: 'impurity',
    drawsTree: true,
  },
  {
    key: 'random-forest-classifier',
    task: 'classification',
    group: 'ensemble',
    progress: 'trees',
    defaults: {
      nEstimators: 100,
      criterion: 'gini',
      maxFeatures: 'sqrt',
      bootstrap: true,
      ...treeDefaults,
    },
    ranges: {
      nEstimators,
      criterion: gini,
      maxFeatures,
      bootstrap: { type: 'boolean' },
      ...treeRanges,
    },
    importances: 'impurity',
  },
  {
    key: 'random-forest-regressor',
    task: 'regression',
    group: 'ensemble',
    progress: 'trees',
    defaults: { nEstimators: 100, maxFeatures: 1, bootstrap: true, ...treeDefaults },
    ranges: { nEstimators, maxFeatures, bootstrap: { type: 'boolean' }, ...treeRanges },
    importances: 'impurity',
  },
  {
    key: 'gbdt-classifier',
    task: 'classification',
    group: 'ensemble',
    progress: 'rounds',
    defaults: gbdtDefaults,
    ranges: gbdtRanges,
    importances: 'gain',
  },
  {
    key: 'gbdt-regressor',
    task: 'regression',
    group: 'ensemble',
    progress: 'rounds',
    defaults: gbdtDefaults,
    ranges: gbdtRanges,
    importances: 'gain',
  },
  {
    key: 'knn-classifier',
    task: 'classification',
    group: 'neighbors',
    progress: 'single',
    defaults: knnDefaults,
    ranges: knnRanges,
  },
  {
    key: 'knn-regressor',
    task: 'regression',
    group: 'neighbors',
    progress: 'single',
    defaults: knnDefaults,
    ranges: knnRanges,
  },
  {
    key: 'gaussian-nb',
    task: 'classification',
    group: 'bayes',
    progress: 'single',
    defaults: { varSmoothing: 1e-9 },
    ranges: { varSmoothing: { type: 'number', min: 1e-12, max: 1, log: true } },
  },
  {
    key: 'multinomial-nb',
    task: 'classification',
    group: 'bayes',
    progress: 'single',
    defaults: { alpha: 1 },
    ranges: { alpha: { type: 'number', min: 0, max: 10 } },
  },
  {
    key: 'svm',
    task: 'classification',
    group: 'svm',
    progress: 'iterations',
    defaults: { kernel: 'rbf', c: 1, gamma: 'scale' },
    ranges: {
      kernel: { type: 'choice', options: ['linear', 'rbf'] },
      c,
      gamma: { type: 'number', min: 1e-4, max: 100, log: true, special: ['scale'] },
    },
  },
];

export const EXPLORE_METHODS: readonly ExploreMethodInfo[] = [
  {
    key: 'kmeans',
    kind: 'clustering',
    defaults: { k: 3, nInit: 10, maxIter: 300, seed: 0 },
    ranges: {
      k: { type: 'integer', min: 1, max: 50 },
      nInit: { type: 'integer', min: 1, max: 50 },
      seed,
    },
  },
  {
    key: 'dbscan',
    kind: 'clustering',
    defaults: { eps: 0.5, minSamples: 5 },
    ranges: {
      eps: { type: 'number', min: 1e-3, max: 100, log: true },
      minSamples: { type: 'integer', min: 1, max: 100 },
    },
  },
  {
    key: 'agglomerative',
    kind: 'clustering',
    defaults: { nClusters: 3, linkage: 'ward' },
    ranges: {
      nClusters: { type: 'integer', min: 1, max: 50 },
      linkage: { type: 'choice', options: ['ward', 'complete', 'average', 'single'] },
    },
  },
  { key: 'pca', kind: 'embedding', defaults: {}, ranges: {} },
  {
    key: 'tsne',
    kind: 'embedding',
    defaults: { perplexity: 30, iterations: 1000, seed: 0 },
    ranges: {
      perplexity: { type: 'number', min: 2, max: 100 },
      iterations: { type: 'integer', min: 250, max: 5000 },
      seed,
    },
  },
  {
    key: 'umap',
    kind: 'embedding',
    defaults: { nNeighbors: 15, minDist: 0.1, seed: 0 },
    ranges: {
      nNeighbors: { type: 'integer', min: 2, max: 200 },
      minDist: { type: 'number', min: 0, max: 1 },
      seed,
    },
  },
];

export function findLearner(key: string): ClassicalLearnerInfo | undefined {
  return CLASSICAL_LEARNERS.find((learner) => learner.key === key);
}

export function learnersFor(task: ClassicalTask): ClassicalLearnerInfo[] {
  return CLASSICAL_LEARNERS.filter((learner) => learner.task === task);
}
