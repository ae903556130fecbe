/**
 * Registry of the tree and instance-based learners: decision trees, random forests, gradient
 * boosting, k-nearest neighbours and naive Bayes. Each entry gives the learner, its default
 * parameters (scikit-learn's, with the seed pinned to 0) and the ranges a form or the URL codec
 * may accept. `ParamRange` has the same shape as registry-unsupervised.ts's, so the UI can
 * treat both tables alike.
 */
import { gbdtClassifier, gbdtRegressor } from './gbdt';
import { randomForestClassifier, randomForestRegressor } from './forest';
import { knnClassifier, knnRegressor } from './knn';
import { gaussianNb, multinomialNb } from './naive-bayes';
import { decisionTreeClassifier, decisionTreeRegressor } from './tree';
import type { ClassifierLearner, RegressorLearner } from './types';

export type ParamRange =
  | { type: 'number'; min: number; max: number; log?: boolean }
  | { type: 'integer'; min: number; max: number }
  | { type: 'choice'; options: readonly (string | number)[] };

type Params = Record<string, unknown>;

interface EntryBase {
  defaults: Params;
  ranges: Record<string, ParamRange>;
}

export type SupervisedRegistryEntry =
  | (EntryBase & { family: 'classifier'; learner: ClassifierLearner<Params> })
  | (EntryBase & { family: 'regressor'; learner: RegressorLearner<Params> });

const seed: ParamRange = { type: 'integer', min: 0, max: 2 ** 31 - 1 };
/** 0 (like null) means "no limit" to every learner here. */
const maxDepth: ParamRange = { type: 'integer', min: 0, max: 64 };
const minSamplesSplit: ParamRange = { type: 'integer', min: 2, max: 1000 };
const minSamplesLeaf: ParamRange = { type: 'integer', min: 1, max: 1000 };
const maxFeatures: ParamRange = { type: 'choice', options: ['sqrt', 'log2', 1] };
const nEstimators: ParamRange = { type: 'integer', min: 1, max: 1000 };

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
  tol: 1e-7,
  seed: 0,
};
const gbdtRanges: Record<string, ParamRange> = {
  learningRate: { type: 'number', min: 1e-3, max: 1, log: true },
  maxIter: { type: 'integer', min: 1, max: 2000 },
  maxLeafNodes: { type: 'integer', min: 2, max: 256 },
  maxDepth,
  minSamplesLeaf,
  l2: { type: 'number', min: 0, max: 100 },
  maxBins: { type: 'integer', min: 2, max: 255 },
  subsample: { type: 'number', min: 0.05, max: 1 },
  nIterNoChange: { type: 'integer', min: 1, max: 100 },
  seed,
};

const knnDefaults = { k: 5, weights: 'uniform', metric: 'euclidean' };
const knnRanges: Record<string, ParamRange> = {
  k: { type: 'integer', min: 1, max: 100 },
  weights: { type: 'choice', options: ['uniform', 'distance'] },
  metric: { type: 'choice', options: ['euclidean', 'manhattan', 'cosine'] },
};

// The learners' params are all optional fields of plain records, so widening to Params is safe.
const asClassifier = <P>(learner: ClassifierLearner<P>) => learner as ClassifierLearner<Params>;
const asRegressor = <P>(learner: RegressorLearner<P>) => learner as RegressorLearner<Params>;

export const SUPERVISED_REGISTRY = {
  'decision-tree-classifier': {
    family: 'classifier',
    learner: asClassifier(decisionTreeClassifier),
    defaults: { criterion: 'gini', ...treeDefaults },
    ranges: { criterion: { type: 'choice', options: ['gini', 'entropy'] }, ...treeRanges },
  },
  'decision-tree-regressor': {
    family: 'regressor',
    learner: asRegressor(decisionTreeRegressor),
    defaults: { criterion: 'squared_error', ...treeDefaults },
    ranges: treeRanges,
  },
  'random-forest-classifier': {
    family: 'classifier',
    learner: asClassifier(randomForestClassifier),
    defaults: {
      nEstimators: 100,
      criterion: 'gini',
      maxFeatures: 'sqrt',
      bootstrap: true,
      ...treeDefaults,
    },
    ranges: {
      nEstimators,
      criterion: { type: 'choice', options: ['gini', 'entropy'] },
      maxFeatures,
      ...treeRanges,
    },
  },
  'random-forest-regressor': {
    family: 'regressor',
    learner: asRegressor(randomForestRegressor),
    defaults: { nEstimators: 100, maxFeatures: 1, bootstrap: true, ...treeDefaults },
    ranges: { nEstimators, maxFeatures, ...treeRanges },
  },
  'gbdt-classifier': {
    family: 'classifier',
    learner: asClassifier(gbdtClassifier),
    defaults: gbdtDefaults,
    ranges: gbdtRanges,
  },
  'gbdt-regressor': {
    family: 'regressor',
    learner: asRegressor(gbdtRegressor),
    defaults: gbdtDefaults,
    ranges: gbdtRanges,
  },
  'knn-classifier': {
    family: 'classifier',
    learner: asClassifier(knnClassifier),
    defaults: knnDefaults,
    ranges: knnRanges,
  },
  'knn-regressor': {
    family: 'regressor',
    learner: asRegressor(knnRegressor),
    defaults: knnDefaults,
    ranges: knnRanges,
  },
  'gaussian-nb': {
    family: 'classifier',
    learner: asClassifier(gaussianNb),
    defaults: { varSmoothing: 1e-9 },
    ranges: { varSmoothing: { type: 'number', min: 1e-12, max: 1, log: true } },
  },
  'multinomial-nb': {
    family: 'classifier',
    learner: asClassifier(multinomialNb),
    defaults: { alpha: 1 },
    ranges: { alpha: { type: 'number', min: 0, max: 10 } },
  },
} as const satisfies Record<string, SupervisedRegistryEntry>;

export type SupervisedKind = keyof typeof SUPERVISED_REGISTRY;
