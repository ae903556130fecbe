/**
 * The fields issue 7 added to the evaluations: each is checked against the oracle-tested core
 * functions it is built from, or against hand-computed values.
 */
import { describe, expect, it } from 'vitest';
import {
  averagePrecision,
  cohenKappa,
  matthewsCorrcoef,
  rocAuc,
  rocCurve,
  trapezoid,
} from '../../../src/core/metrics';
import { brierScore, calibrationCurve } from '../../../src/core/stats';
import { createRng } from '../../../src/core/rng';
import {
  argmaxRows,
  evaluateClassification,
  evaluateRegression,
  interpolate,
  macroRoc,
  MAX_RESIDUALS,
  MAX_ROC_POINTS,
  thinPath,
} from '../../../src/ml/evaluate';

/** n rows of k noisy softmax-like probabilities whose largest entry is often the true class. */
function synthetic(n: number, k: number, seed: number) {
  const rng = createRng(seed);
  const yTrue = Array.from({ length: n }, () => Math.floor(rng() * k));
  const probs = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) {
      const v = rng() + (c === yTrue[i] ? 0.8 : 0);
      probs[i * k + c] = v;
      sum += v;
    }
    for (let c = 0; c < k; c++) probs[i * k + c] = probs[i * k + c]! / sum;
  }
  return { yTrue, probs };
}

describe('evaluateClassification, extended fields', () => {
  it('carries labels and probabilities and matches the core metrics (binary)', () => {
    const { yTrue, probs } = synthetic(300, 2, 3);
    const result = evaluateClassification(yTrue, probs, ['no', 'yes']);
    const predicted = argmaxRows(probs, 2);
    const p1 = yTrue.map((_, i) => probs[i * 2 + 1]!);
    expect(result.yTrue).toEqual(yTrue);
    expect(result.probs).toEqual(Array.from(probs));
    expect(result.mcc).toBe(matthewsCorrcoef(yTrue, predicted));
    expect(result.kappa).toBe(cohenKappa(yTrue, predicted));
    expect(result.brier).toBeCloseTo(brierScore(yTrue, p1), 12);
    expect(result.calibration.kind).toBe('positive-class');
    expect(result.calibration.meanPredicted).toEqual(calibrationCurve(yTrue, p1).meanPredicted);
    expect(result.rocMicro).toBeNull();
    expect(result.rocMacro).toBeNull();
    expect(result.pr).toHaveLength(1);
    expect(result.pr[0]!.classIndex).toBe(1);
    expect(result.pr[0]!.ap).toBe(averagePrecision(yTrue, p1));
    expect(result.pr[0]!.recall.length).toBeLessThanOrEqual(MAX_ROC_POINTS);
  });

  it('gives multiclass micro/macro ROC, per-class PR and top-label calibration', () => {
    const k = 3;
    const { yTrue, probs } = synthetic(400, k, 9);
    const result = evaluateClassification(yTrue, probs, ['a', 'b', 'c']);
    // Micro: every (row, class) pair pooled into one binary problem.
    const pooled = yTrue.flatMap((y) => [0, 1, 2].map((c) => (c === y ? 1 : 0)));
    expect(result.rocMicro!.auc).toBeCloseTo(rocAuc(pooled, Float64Array.from(probs)), 12);
    // Macro: its AUC lies between the worst and the best class and near their mean.
    const aucs = result.roc.map((r) => r.auc);
    expect(result.rocMacro!.auc).toBeGreaterThanOrEqual(Math.min(...aucs) - 1e-12);
    expect(result.rocMacro!.auc).toBeLessThanOrEqual(Math.max(...aucs) + 1e-12);
    expect(result.rocMacro!.fpr[0]).toBe(0);
    expect(result.rocMacro!.tpr.at(-1)).toBe(1);
    expect(result.pr.map((s) => s.classIndex)).toEqual([0, 1, 2]);
    const scores1 = yTrue.map((_, i) => probs[i * k + 1]!);
    expect(result.pr[1]!.ap).toBe(
      averagePrecision(
        yTrue.map((y) => (y === 1 ? 1 : 0)),
        scores1,
      ),
    );
    const predicted = argmaxRows(probs, k);
    const correct = yTrue.map((y, i) => (y === predicted[i] ? 1 : 0));
    const confidence = yTrue.map((_, i) => probs[i * k + predicted[i]!]!);
    expect(result.calibration.kind).toBe('top-label');
    expect(result.calibration.counts).toEqual(calibrationCurve(correct, confidence).counts);
    expect(result.brier).toBeCloseTo(brierScore(correct, confidence), 12);
  });

  it('gives a perfect classifier MCC, kappa and AP of 1 and a Brier score near 0', () => {
    const probs = Float32Array.from([1, 0, 0, 1, 1, 0, 0, 1]);
    const result = evaluateClassification([0, 1, 0, 1], probs, ['x', 'y']);
    expect(result.mcc).toBe(1);
    expect(result.kappa).toBe(1);
    expect(result.pr[0]!.ap).toBe(1);
    expect(result.brier).toBe(0);
  });
});

describe('macroRoc', () => {
  it('averages interpolated TPRs on the union of FPRs like sklearn', () => {
    const a = { fpr: [0, 0, 0.5, 1], tpr: [0, 0.5, 1, 1] };
    const b = { fpr: [0, 0.5, 1], tpr: [0, 0.5, 1] };
    const macro = macroRoc([a, b])!;
    // Union [0, 0.5, 1]; at 0 numpy takes the top of a's vertical step (0.5): mean 0.25.
    expect(macro.fpr).toEqual([0, 0.5, 1]);
    expect(macro.tpr).toEqual([0.25, 0.75, 1]);
    expect(macro.auc).toBeCloseTo(trapezoid([0, 0.5, 1], [0.25, 0.75, 1]), 12);
    expect(macroRoc([])).toBeNull();
  });

  it('interpolates between points and clamps outside like numpy.interp', () => {
    expect(interpolate(0.25, [0, 0.5], [0, 1])).toBe(0.5);
    expect(interpolate(-1, [0, 1], [3, 4])).toBe(3);
    expect(interpolate(2, [0, 1], [3, 4])).toBe(4);
    expect(interpolate(0, [0, 0, 0, 1], [0, 0.2, 0.7, 1])).toBe(0.7);
  });

  it('keeps only the top of each vertical step, as sklearn does (so it can exceed the AUC)', () => {
    // fpr 0,0,0,.5,.5,1 / tpr 0,1/3,2/3,2/3,1,1: unique FPRs 0, .5, 1 take TPRs 2/3, 1, 1.
    const curve = rocCurve([0, 1, 0, 1, 1], [0.1, 0.9, 0.4, 0.3, 0.8]);
    expect(trapezoid(curve.fpr, curve.tpr)).toBeCloseTo(5 / 6, 12);
    expect(macroRoc([curve])!.tpr).toEqual([2 / 3, 1, 1]);
    expect(macroRoc([curve])!.auc).toBeCloseTo(11 / 12, 12);
  });
});

describe('thinPath', () => {
  it('bounds any path, keeps its ends and leaves short paths alone', () => {
    const rng = createRng(4);
    const x = Array.from({ length: 5000 }, (_, i) => 1 - i / 4999);
    const y = x.map(() => rng());
    const thin = thinPath(x, y, 100);
    expect(thin.x.length).toBeLessThanOrEqual(100);
    expect(thin.x[0]).toBe(1);
    expect(thin.x.at(-1)).toBe(0);
    expect(thinPath([0, 1], [1, 0]).x).toEqual([0, 1]);
  });
});

describe('evaluateRegression, extended fields', () => {
  it('adds MAPE and the residuals of every row', () => {
    const result = evaluateRegression([1, 2, 4], [1.5, 2, 3]);
    expect(result.mape).toBeCloseTo((0.5 / 1 + 0 + 1 / 4) / 3, 12);
    expect(result.residuals).toEqual([-0.5, 0, 1]);
  });

  it('samples the residuals of a large set evenly and deterministically', () => {
    const n = 20_000;
    const yTrue = Array.from({ length: n }, (_, i) => i);
    const yPred = yTrue.map((v) => v + 1);
    const result = evaluateRegression(yTrue, yPred);
    expect(result.residuals).toHaveLength(MAX_RESIDUALS);
    expect(new Set(result.residuals)).toEqual(new Set([-1]));
  });
});
