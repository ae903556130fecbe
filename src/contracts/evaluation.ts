/**
 * Evaluation results computed in the worker and sent to the UI as plain data.
 *
 * A classification evaluation carries the labels and the full n×k probability matrix, so the
 * UI can move a decision threshold and list the rows behind a confusion-matrix cell without a
 * round trip to the worker. That costs 8·n·(k + 1) bytes per message: fine for test sets up to
 * tens of thousands of rows, which is what the browser trainer handles; larger sets would need
 * a bounded sample here instead.
 */

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

/** An averaged multiclass ROC curve (thinned for drawing) and its AUC. */
export interface AverageRoc {
  fpr: number[];
  tpr: number[];
  auc: number;
}

/**
 * One precision-recall curve, one-vs-rest like `RocSeries`, recall descending. The curve is
 * thinned for drawing; `ap` (average precision) comes from the full curve.
 */
export interface PrSeries {
  classIndex: number;
  precision: number[];
  recall: number[];
  ap: number;
}

/**
 * A reliability curve over 10 uniform bins (empty bins left out). 'positive-class': binary,
 * P(class 1) against the share of class 1. 'top-label': multiclass, the confidence of the
 * predicted class against the share of rows where that prediction is right.
 */
export interface CalibrationData {
  kind: 'positive-class' | 'top-label';
  meanPredicted: number[];
  fractionPositive: number[];
  counts: number[];
}

export interface ClassificationEvaluation {
  kind: 'classification';
  /** Number of rows evaluated. */
  n: number;
  classNames: string[];
  /** rows = true class, columns = predicted class. */
  confusion: number[][];
  roc: RocSeries[];
  /** Multiclass only (null for binary): sklearn's micro average, pooled one-vs-rest. */
  rocMicro: AverageRoc | null;
  /** Multiclass only: mean TPR interpolated on the union of the per-class FPRs. */
  rocMacro: AverageRoc | null;
  pr: PrSeries[];
  accuracy: number;
  balancedAccuracy: number;
  macro: AveragedScores;
  weighted: AveragedScores;
  logLoss: number;
  /** Binary: AUC of class 1; multiclass: macro one-vs-rest AUC. */
  rocAuc: number;
  /** Matthews correlation coefficient (multiclass: Gorodkin's R_K, as sklearn). */
  mcc: number;
  kappa: number;
  /** Binary: sklearn's Brier score of P(class 1); multiclass: top-label, as `calibration`. */
  brier: number;
  calibration: CalibrationData;
  perClass: ClassScores[];
  /** True label of every row, in row order. */
  yTrue: number[];
  /** n×k class probabilities, row-major (row i is probs[i*k .. i*k+k-1]). */
  probs: number[];
}

export interface RegressionEvaluation {
  kind: 'regression';
  n: number;
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  /** As scikit-learn: a fraction (0.1 = 10 %), |y| floored at machine epsilon. */
  mape: number;
  /** Up to a few hundred (actual, predicted) pairs in target units, for a scatter plot. */
  actual: number[];
  predicted: number[];
  /**
   * actual − predicted for every row, or an evenly strided sample of MAX_RESIDUALS rows on
   * larger sets: the input of the residual histogram.
   */
  residuals: number[];
}

export type Evaluation = ClassificationEvaluation | RegressionEvaluation;
