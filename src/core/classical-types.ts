/**
 * Classical learners as the UI and the training worker both see them: which exist, for which
 * task, with which parameters and ranges. The data lives in `src/core/classical-catalog.ts`
 * (pure, tiny, safe for the main bundle); the learners themselves live in `src/ml/classical`
 * and load only in the worker. A unit test keeps the catalogue and the registries in step.
 */

export type ClassicalParamValue = number | string | boolean | null;

export type ClassicalParamRange =
  /** `special`: string values also accepted (e.g. gamma 'scale'); `nullable`: null = no limit. */
  | {
      type: 'number';
      min: number;
      max: number;
      log?: boolean;
      special?: readonly string[];
      nullable?: boolean;
    }
  | { type: 'integer'; min: number; max: number; nullable?: boolean }
  | { type: 'choice'; options: readonly (string | number)[] }
  | { type: 'boolean' };

/** Which supervised task a learner solves. */
export type ClassicalTask = 'classification' | 'regression';

/** Menu grouping, an i18n key under `classical.group.`. */
export type ClassicalGroup = 'linear' | 'tree' | 'ensemble' | 'neighbors' | 'bayes' | 'svm';

/**
 * What the live progress view counts while the learner fits: trees built (forests), boosting
 * rounds with train/validation loss, solver iterations (linear, logistic, SVM), or nothing
 * worth a bar (KNN and naive Bayes fit in one pass).
 */
export type ClassicalProgressKind = 'trees' | 'rounds' | 'iterations' | 'single';

export interface ClassicalLearnerInfo {
  /** Registry key in src/ml/classical, e.g. 'random-forest-classifier'. Also the i18n key. */
  key: string;
  task: ClassicalTask;
  group: ClassicalGroup;
  progress: ClassicalProgressKind;
  defaults: Record<string, ClassicalParamValue>;
  ranges: Record<string, ClassicalParamRange>;
  /** Learners that can explain themselves with feature importances. */
  importances?: 'impurity' | 'gain' | 'coefficient';
  /** Decision trees: the fitted tree can be drawn. */
  drawsTree?: boolean;
}

/** A classical learner chosen for a training run, in place of the neural network. */
export interface ClassicalModelSpec {
  learner: string;
  /** Overrides of the catalogue defaults; the worker validates them against the ranges. */
  params: Record<string, ClassicalParamValue>;
}

/** Unsupervised learners, run from the Explore view on the training split. */
export type ExploreMethodKind = 'clustering' | 'embedding';

export interface ExploreMethodInfo {
  key: string;
  kind: ExploreMethodKind;
  defaults: Record<string, ClassicalParamValue>;
  ranges: Record<string, ClassicalParamRange>;
}
