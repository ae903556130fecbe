/**
 * Turns model outputs into the plain-data evaluations the UI shows, using the pure metrics of
 * core/metrics (checked against scikit-learn), so the worker sends numbers, never tensors.
 *
 * Invariants: AUCs come from the full ROC curves; only the curves sent for drawing are thinned
 * (at most MAX_ROC_POINTS points, first and last kept, every dropped point within 1/99 in L1
 * distance of a kept neighbour). A class that is absent from (or is all of) the rows has no ROC
 * curve and does not enter the macro AUC; with no curve at all the AUC is NaN, not a throw.
 */
import type {
  ClassificationEvaluation,
  RegressionEvaluation,
  RocSeries,
} from '../contracts/evaluation';
import {
  accuracy,
  balancedAccuracy,
  confusionMatrix,
  logLoss,
  meanAbsoluteError,
  meanSquaredError,
  perClassScores,
  precisionRecallF1,
  r2,
  rocAuc,
  rocCurve,
  rootMeanSquaredError,
} from '../core/metrics';

export const MAX_ROC_POINTS = 200;
export const MAX_SCATTER_POINTS = 300;

/** Row-wise argmax of an n×k matrix; ties go to the lower class, like numpy. */
export function argmaxRows(probs: Float32Array, k: number): Int32Array {
  const n = probs.length / k;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestValue = probs[i * k] as number;
    for (let c = 1; c < k; c++) {
      const value = probs[i * k + c] as number;
      if (value > bestValue) {
        best = c;
        bestValue = value;
      }
    }
    out[i] = best;
  }
  return out;
}

/**
 * Keeps a point when it lies at least `step` (L1) from the last kept one. A ROC curve is
 * monotone from (0, 0) to (1, 1), so its L1 length is exactly 2 and at most 2 / step interior
 * points survive: step = 2 / (max - 2) bounds the result by `max`.
 */
export function thinCurve(
  fpr: readonly number[],
  tpr: readonly number[],
  max = MAX_ROC_POINTS,
): { fpr: number[]; tpr: number[] } {
  if (fpr.length <= max) return { fpr: [...fpr], tpr: [...tpr] };
  const step = 2 / (max - 2);
  const last = fpr.length - 1;
  const keptFpr = [fpr[0] as number];
  const keptTpr = [tpr[0] as number];
  for (let i = 1; i < last; i++) {
    const x = fpr[i] as number;
    const y = tpr[i] as number;
    const distance =
      Math.abs(x - (keptFpr[keptFpr.length - 1] as number)) +
      Math.abs(y - (keptTpr[keptTpr.length - 1] as number));
    if (distance >= step) {
      keptFpr.push(x);
      keptTpr.push(y);
    }
  }
  keptFpr.push(fpr[last] as number);
  keptTpr.push(tpr[last] as number);
  return { fpr: keptFpr, tpr: keptTpr };
}

function rocSeries(classIndex: number, isPositive: Uint8Array, scores: Float64Array): RocSeries {
  const curve = rocCurve(isPositive, scores);
  const thin = thinCurve(curve.fpr, curve.tpr);
  return { classIndex, fpr: thin.fpr, tpr: thin.tpr, auc: rocAuc(isPositive, scores) };
}

/** One-vs-rest curves: class 1 only when k = 2, every class with both outcomes present otherwise. */
function rocCurves(yTrue: ArrayLike<number>, probs: Float32Array, k: number): RocSeries[] {
  const n = yTrue.length;
  const classes = k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);
  const series: RocSeries[] = [];
  for (const c of classes) {
    const isPositive = new Uint8Array(n);
    const scores = new Float64Array(n);
    let positives = 0;
    for (let i = 0; i < n; i++) {
      const positive = yTrue[i] === c ? 1 : 0;
      isPositive[i] = positive;
      positives += positive;
      scores[i] = probs[i * k + c] as number;
    }
    if (positives === 0 || positives === n) continue;
    series.push(rocSeries(c, isPositive, scores));
  }
  return series;
}

export function evaluateClassification(
  yTrue: ArrayLike<number>,
  probs: Float32Array,
  classNames: string[],
): ClassificationEvaluation {
  const k = classNames.length;
  const n = yTrue.length;
  if (k < 2 || probs.length !== n * k) {
    throw new RangeError(`evaluateClassification: probs has ${probs.length} values for ${n}×${k}`);
  }
  const labels = Int32Array.from({ length: n }, (_, i) => yTrue[i] as number);
  const predicted = argmaxRows(probs, k);
  const rows = Array.from({ length: n }, (_, i) => probs.subarray(i * k, (i + 1) * k));
  const perClass = perClassScores(labels, predicted, k);
  const roc = rocCurves(labels, probs, k);
  const rocAucValue =
    roc.length === 0 ? Number.NaN : roc.reduce((sum, s) => sum + s.auc, 0) / roc.length;
  return {
    kind: 'classification',
    n,
    classNames: [...classNames],
    confusion: confusionMatrix(labels, predicted, k),
    roc,
    accuracy: accuracy(labels, predicted),
    balancedAccuracy: balancedAccuracy(labels, predicted),
    macro: precisionRecallF1(labels, predicted, 'macro'),
    weighted: precisionRecallF1(labels, predicted, 'weighted'),
    logLoss: logLoss(labels, rows),
    rocAuc: rocAucValue,
    perClass: perClass.precision.map((precision, c) => ({
      precision,
      recall: perClass.recall[c] as number,
      f1: perClass.f1[c] as number,
      support: perClass.support[c] as number,
    })),
  };
}

/** Undoes the target standardisation, back to the units the user knows. */
export function unscaleTarget(
  values: ArrayLike<number>,
  scale: { mean: number; std: number } | null,
): Float64Array {
  const out = Float64Array.from({ length: values.length }, (_, i) => values[i] as number);
  if (scale)
    for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) * scale.std + scale.mean;
  return out;
}

/** Both arguments in target units. The scatter sample is evenly strided, so deterministic. */
export function evaluateRegression(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): RegressionEvaluation {
  const n = yTrue.length;
  const shown = Math.min(n, MAX_SCATTER_POINTS);
  const actual: number[] = [];
  const predicted: number[] = [];
  for (let j = 0; j < shown; j++) {
    const i = Math.floor((j * n) / shown);
    actual.push(yTrue[i] as number);
    predicted.push(yPred[i] as number);
  }
  return {
    kind: 'regression',
    n,
    mse: meanSquaredError(yTrue, yPred),
    rmse: rootMeanSquaredError(yTrue, yPred),
    mae: meanAbsoluteError(yTrue, yPred),
    r2: r2(yTrue, yPred),
    actual,
    predicted,
  };
}
