/**
 * Turns model outputs into the plain-data evaluations the UI shows, using the pure metrics of
 * core/metrics (checked against scikit-learn), so the worker sends numbers, never tensors.
 *
 * Invariants: AUCs come from the full ROC curves; only the curves sent for drawing are thinned
 * (at most MAX_ROC_POINTS points, first and last kept, every dropped point within 1/99 in L1
 * distance of a kept neighbour). A class that is absent from (or is all of) the rows has no ROC
 * curve and does not enter the macro AUC; with no curve at all the AUC is NaN, not a throw.
 * Precision-recall curves are thinned the same way by path length (`thinPath`), AP exact.
 * Multiclass problems also get sklearn's micro and macro average ROC curves; calibration is
 * P(class 1) for binary models and top-label confidence against correctness otherwise.
 */
import type {
  AverageRoc,
  CalibrationData,
  ClassificationEvaluation,
  PrSeries,
  RegressionEvaluation,
  RocSeries,
} from '../contracts/evaluation';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  cohenKappa,
  confusionMatrix,
  logLoss,
  matthewsCorrcoef,
  meanAbsoluteError,
  meanSquaredError,
  perClassScores,
  precisionRecallCurve,
  precisionRecallF1,
  r2,
  rocCurve,
  rootMeanSquaredError,
  trapezoid,
} from '../core/metrics';
import { brierScore, calibrationCurve, meanAbsolutePercentageError } from '../core/stats';

export const MAX_ROC_POINTS = 200;
export const MAX_SCATTER_POINTS = 300;
/** Residuals sent for the histogram: plenty for 30 bins, bounded for big test sets. */
export const MAX_RESIDUALS = 5000;
export const CALIBRATION_BINS = 10;

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

/**
 * Thins any polyline to at most `max` points: with L its L1 length and step = L / (max - 2),
 * a point is kept when it lies at least `step` from the last kept one, and the path between
 * two kept points is at least that long, so at most max - 2 interior points survive.
 */
export function thinPath(
  x: readonly number[],
  y: readonly number[],
  max = MAX_ROC_POINTS,
): { x: number[]; y: number[] } {
  if (x.length <= max) return { x: [...x], y: [...y] };
  let length = 0;
  for (let i = 1; i < x.length; i++) {
    length +=
      Math.abs((x[i] as number) - (x[i - 1] as number)) +
      Math.abs((y[i] as number) - (y[i - 1] as number));
  }
  const step = length / (max - 2);
  const last = x.length - 1;
  const keptX = [x[0] as number];
  const keptY = [y[0] as number];
  for (let i = 1; i < last; i++) {
    const distance =
      Math.abs((x[i] as number) - (keptX[keptX.length - 1] as number)) +
      Math.abs((y[i] as number) - (keptY[keptY.length - 1] as number));
    if (distance >= step && keptX.length < max - 1) {
      keptX.push(x[i] as number);
      keptY.push(y[i] as number);
    }
  }
  keptX.push(x[last] as number);
  keptY.push(y[last] as number);
  return { x: keptX, y: keptY };
}

/**
 * numpy's `interp` for an ascending `xp` that may repeat values (an ROC curve's vertical
 * steps): at a repeated x it returns the last of the tied values, as numpy does.
 */
export function interpolate(x: number, xp: readonly number[], fp: readonly number[]): number {
  let lo = 0;
  let hi = xp.length - 1;
  if (x < (xp[0] as number)) return fp[0] as number;
  if (x >= (xp[hi] as number)) return fp[hi] as number;
  // Last index j with xp[j] <= x.
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((xp[mid] as number) <= x) lo = mid;
    else hi = mid - 1;
  }
  const x0 = xp[lo] as number;
  if (x0 === x) return fp[lo] as number;
  const x1 = xp[lo + 1] as number;
  const y0 = fp[lo] as number;
  return y0 + ((x - x0) * ((fp[lo + 1] as number) - y0)) / (x1 - x0);
}

/** One-vs-rest targets and scores of class c. */
function oneVsRest(
  yTrue: ArrayLike<number>,
  probs: Float32Array,
  k: number,
  c: number,
): { isPositive: Uint8Array; scores: Float64Array; positives: number } {
  const n = yTrue.length;
  const isPositive = new Uint8Array(n);
  const scores = new Float64Array(n);
  let positives = 0;
  for (let i = 0; i < n; i++) {
    const positive = yTrue[i] === c ? 1 : 0;
    isPositive[i] = positive;
    positives += positive;
    scores[i] = probs[i * k + c] as number;
  }
  return { isPositive, scores, positives };
}

/** The classes that get curves: class 1 only when k = 2, every class otherwise. */
const curveClasses = (k: number): number[] =>
  k === 2 ? [1] : Array.from({ length: k }, (_, c) => c);

/** Full (unthinned) one-vs-rest ROC curves of every class with both outcomes present. */
function fullRocCurves(
  yTrue: ArrayLike<number>,
  probs: Float32Array,
  k: number,
): { classIndex: number; fpr: number[]; tpr: number[] }[] {
  const curves: { classIndex: number; fpr: number[]; tpr: number[] }[] = [];
  for (const c of curveClasses(k)) {
    const { isPositive, scores, positives } = oneVsRest(yTrue, probs, k, c);
    if (positives === 0 || positives === yTrue.length) continue;
    const { fpr, tpr } = rocCurve(isPositive, scores);
    curves.push({ classIndex: c, fpr, tpr });
  }
  return curves;
}

function toRocSeries(curve: { classIndex: number; fpr: number[]; tpr: number[] }): RocSeries {
  const thin = thinCurve(curve.fpr, curve.tpr);
  return {
    classIndex: curve.classIndex,
    fpr: thin.fpr,
    tpr: thin.tpr,
    auc: trapezoid(curve.fpr, curve.tpr),
  };
}

/** sklearn's micro average: every (row, class) pair as one binary decision. */
function microRoc(yTrue: ArrayLike<number>, probs: Float32Array, k: number): AverageRoc | null {
  const n = yTrue.length;
  if (n === 0) return null;
  const isPositive = new Uint8Array(n * k);
  for (let i = 0; i < n; i++) isPositive[i * k + (yTrue[i] as number)] = 1;
  const scores = Float64Array.from(probs);
  const { fpr, tpr } = rocCurve(isPositive, scores);
  const thin = thinCurve(fpr, tpr);
  return { fpr: thin.fpr, tpr: thin.tpr, auc: trapezoid(fpr, tpr) };
}

/** sklearn's macro average: mean TPR on the sorted union of all FPRs, and its trapezoid area. */
export function macroRoc(curves: readonly { fpr: number[]; tpr: number[] }[]): AverageRoc | null {
  if (curves.length === 0) return null;
  const allFpr = [...new Set(curves.flatMap((c) => c.fpr))].sort((a, b) => a - b);
  const meanTpr = allFpr.map(
    (x) => curves.reduce((sum, c) => sum + interpolate(x, c.fpr, c.tpr), 0) / curves.length,
  );
  const thin = thinCurve(allFpr, meanTpr);
  return { fpr: thin.fpr, tpr: thin.tpr, auc: trapezoid(allFpr, meanTpr) };
}

function prCurves(yTrue: ArrayLike<number>, probs: Float32Array, k: number): PrSeries[] {
  const series: PrSeries[] = [];
  for (const c of curveClasses(k)) {
    const { isPositive, scores, positives } = oneVsRest(yTrue, probs, k, c);
    if (positives === 0) continue;
    const curve = precisionRecallCurve(isPositive, scores);
    const thin = thinPath(curve.recall, curve.precision);
    series.push({
      classIndex: c,
      recall: thin.x,
      precision: thin.y,
      ap: averagePrecision(isPositive, scores),
    });
  }
  return series;
}

/** Probabilities as float64 in [0, 1]: float32 softmax rounding must not trip the range check. */
const clampProbability = (p: number): number => Math.min(1, Math.max(0, p));

function calibration(
  yTrue: ArrayLike<number>,
  probs: Float32Array,
  predicted: Int32Array,
  k: number,
): { calibration: CalibrationData; brier: number } {
  const n = yTrue.length;
  const outcome = new Uint8Array(n);
  const confidence = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (k === 2) {
      outcome[i] = yTrue[i] === 1 ? 1 : 0;
      confidence[i] = clampProbability(probs[i * k + 1] as number);
    } else {
      const p = predicted[i] as number;
      outcome[i] = yTrue[i] === p ? 1 : 0;
      confidence[i] = clampProbability(probs[i * k + p] as number);
    }
  }
  const curve = calibrationCurve(outcome, confidence, CALIBRATION_BINS);
  return {
    calibration: { kind: k === 2 ? 'positive-class' : 'top-label', ...curve },
    brier: n === 0 ? Number.NaN : brierScore(outcome, confidence),
  };
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
  const fullRoc = fullRocCurves(labels, probs, k);
  const roc = fullRoc.map(toRocSeries);
  const rocAucValue =
    roc.length === 0 ? Number.NaN : roc.reduce((sum, s) => sum + s.auc, 0) / roc.length;
  const isMulticlass = k > 2;
  return {
    kind: 'classification',
    n,
    classNames: [...classNames],
    confusion: confusionMatrix(labels, predicted, k),
    roc,
    rocMicro: isMulticlass ? microRoc(labels, probs, k) : null,
    rocMacro: isMulticlass ? macroRoc(fullRoc) : null,
    pr: prCurves(labels, probs, k),
    accuracy: accuracy(labels, predicted),
    balancedAccuracy: balancedAccuracy(labels, predicted),
    macro: precisionRecallF1(labels, predicted, 'macro'),
    weighted: precisionRecallF1(labels, predicted, 'weighted'),
    logLoss: logLoss(labels, rows),
    rocAuc: rocAucValue,
    mcc: matthewsCorrcoef(labels, predicted),
    kappa: cohenKappa(labels, predicted),
    ...calibration(labels, probs, predicted, k),
    perClass: perClass.precision.map((precision, c) => ({
      precision,
      recall: perClass.recall[c] as number,
      f1: perClass.f1[c] as number,
      support: perClass.support[c] as number,
    })),
    yTrue: Array.from(labels),
    probs: Array.from(probs),
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

/** Evenly strided indices 0..n-1, at most `max` of them: deterministic samples. */
function stridedIndices(n: number, max: number): number[] {
  const shown = Math.min(n, max);
  return Array.from({ length: shown }, (_, j) => Math.floor((j * n) / shown));
}

/** Both arguments in target units. The scatter sample is evenly strided, so deterministic. */
export function evaluateRegression(
  yTrue: ArrayLike<number>,
  yPred: ArrayLike<number>,
): RegressionEvaluation {
  const n = yTrue.length;
  const scatter = stridedIndices(n, MAX_SCATTER_POINTS);
  const residuals = stridedIndices(n, MAX_RESIDUALS).map(
    (i) => (yTrue[i] as number) - (yPred[i] as number),
  );
  return {
    kind: 'regression',
    n,
    mse: meanSquaredError(yTrue, yPred),
    rmse: rootMeanSquaredError(yTrue, yPred),
    mae: meanAbsoluteError(yTrue, yPred),
    r2: r2(yTrue, yPred),
    mape: meanAbsolutePercentageError(yTrue, yPred),
    actual: scatter.map((i) => yTrue[i] as number),
    predicted: scatter.map((i) => yPred[i] as number),
    residuals,
  };
}
