/** Evaluation results computed in the worker and sent to the UI as plain data. */

export interface AveragedScores {
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassScores extends AveragedScores {
  support: number;
}

/** One ROC curve: one-vs-rest for `classIndex` (binary problems have one, for class 1). */
export interface RocSeries {
  classIndex: number;
  fpr: number[];
  tpr: number[];
  auc: number;
}

export interface ClassificationEvaluation {
  kind: 'classification';
  /** Number of rows evaluated. */
  n: number;
  classNames: string[];
  /** rows = true class, columns = predicted class. */
  confusion: number[][];
  roc: RocSeries[];
  accuracy: number;
  balancedAccuracy: number;
  macro: AveragedScores;
  weighted: AveragedScores;
  logLoss: number;
  /** Binary: AUC of class 1; multiclass: macro one-vs-rest AUC. */
  rocAuc: number;
  perClass: ClassScores[];
}

export interface RegressionEvaluation {
  kind: 'regression';
  n: number;
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  /** Up to a few hundred (actual, predicted) pairs in target units, for a scatter plot. */
  actual: number[];
  predicted: number[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;
