import { describe, expect, it } from 'vitest';
import { rocAuc } from '../../../src/core/metrics';
import { createRng } from '../../../src/core/rng';
import {
  argmaxRows,
  evaluateClassification,
  evaluateRegression,
  MAX_ROC_POINTS,
  thinCurve,
  unscaleTarget,
} from '../../../src/ml/evaluate';

describe('evaluateClassification', () => {
  it('scores a hand-computed binary example', () => {
    // P(class 1) = 0.1, 0.4, 0.35, 0.8 for labels 0, 0, 1, 1: the classic AUC 0.75 example.
    const probs = Float32Array.from([0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8]);
    const result = evaluateClassification([0, 0, 1, 1], probs, ['no', 'yes']);
    expect(result.kind).toBe('classification');
    expect(result.n).toBe(4);
    expect(result.confusion).toEqual([
      [2, 0],
      [1, 1],
    ]);
    expect(result.accuracy).toBe(0.75);
    expect(result.balancedAccuracy).toBe(0.75);
    expect(result.macro.precision).toBeCloseTo((2 / 3 + 1) / 2, 12);
    expect(result.macro.recall).toBeCloseTo(0.75, 12);
    expect(result.perClass.map((c) => c.support)).toEqual([2, 2]);
    expect(result.perClass[1]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(result.roc).toHaveLength(1);
    expect(result.roc[0]?.classIndex).toBe(1);
    expect(result.roc[0]?.auc).toBeCloseTo(0.75, 12);
    expect(result.rocAuc).toBeCloseTo(0.75, 12);
    const expectedLogLoss = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
    expect(result.logLoss).toBeCloseTo(expectedLogLoss, 6);
  });

  it('scores a hand-computed 3-class example with one-vs-rest curves', () => {
    const probs = Float32Array.from([
      0.7, 0.2, 0.1, 0.2, 0.5, 0.3, 0.1, 0.3, 0.6, 0.3, 0.4, 0.3, 0.5, 0.3, 0.2, 0.2, 0.2, 0.6,
    ]);
    const result = evaluateClassification([0, 1, 2, 0, 1, 2], probs, ['a', 'b', 'c']);
    expect(result.confusion).toEqual([
      [1, 1, 0],
      [1, 1, 0],
      [0, 0, 2],
    ]);
    expect(result.accuracy).toBeCloseTo(4 / 6, 12);
    expect(result.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(result.macro.f1).toBeCloseTo(2 / 3, 12);
    expect(result.weighted.precision).toBeCloseTo(2 / 3, 12);
    // Pairwise wins of positives over negatives (ties count half): 7/8, 6.5/8, 8/8.
    expect(result.roc.map((r) => r.classIndex)).toEqual([0, 1, 2]);
    expect(result.roc.map((r) => r.auc)).toEqual([0.875, 0.8125, 1]);
    expect(result.rocAuc).toBeCloseTo((0.875 + 0.8125 + 1) / 3, 12);
    const expectedLogLoss =
      -(Math.log(0.7) + Math.log(0.5) + Math.log(0.6) + 2 * Math.log(0.3) + Math.log(0.6)) / 6;
    expect(result.logLoss).toBeCloseTo(expectedLogLoss, 6);
  });

  it('leaves out the curve of a class absent from the rows', () => {
    const probs = Float32Array.from([0.8, 0.1, 0.1, 0.2, 0.7, 0.1, 0.6, 0.3, 0.1]);
    const result = evaluateClassification([0, 1, 0], probs, ['a', 'b', 'c']);
    expect(result.roc.map((r) => r.classIndex)).toEqual([0, 1]);
    expect(result.perClass[2]?.support).toBe(0);
    expect(result.rocAuc).toBe(1);
  });

  it('thins long ROC curves for display but keeps the exact AUC', () => {
    const rng = createRng(3);
    const n = 5000;
    const labels = Array.from({ length: n }, (_, i) => i % 2);
    const probs = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) {
      const p = Math.min(1, Math.max(0, 0.5 * rng() + 0.3 * (labels[i] as number)));
      probs[i * 2] = 1 - p;
      probs[i * 2 + 1] = p;
    }
    const result = evaluateClassification(labels, probs, ['0', '1']);
    const curve = result.roc[0];
    expect(curve?.fpr.length).toBeLessThanOrEqual(MAX_ROC_POINTS);
    expect(curve?.fpr.length).toBe(curve?.tpr.length);
    expect([curve?.fpr[0], curve?.tpr[0]]).toEqual([0, 0]);
    expect([curve?.fpr.at(-1), curve?.tpr.at(-1)]).toEqual([1, 1]);
    const scores = Array.from({ length: n }, (_, i) => probs[i * 2 + 1] as number);
    expect(curve?.auc).toBe(rocAuc(labels, scores));
  });
});

describe('thinCurve', () => {
  it('returns short curves unchanged and bounds long ones', () => {
    expect(thinCurve([0, 0.5, 1], [0, 1, 1])).toEqual({ fpr: [0, 0.5, 1], tpr: [0, 1, 1] });
    const steps = 1000;
    const fpr = Array.from({ length: steps + 1 }, (_, i) => i / steps);
    const tpr = fpr.map((x) => Math.sqrt(x));
    const thin = thinCurve(fpr, tpr, 50);
    expect(thin.fpr.length).toBeLessThanOrEqual(50);
    expect(thin.fpr.length).toBeGreaterThan(40);
    expect(thin.fpr[0]).toBe(0);
    expect(thin.fpr.at(-1)).toBe(1);
    // Still monotone: only points were dropped, none moved.
    expect(thin.fpr.every((x, i) => i === 0 || x > (thin.fpr[i - 1] as number))).toBe(true);
  });
});

describe('argmaxRows', () => {
  it('picks the largest column and the lower class on ties', () => {
    expect(Array.from(argmaxRows(Float32Array.from([0.2, 0.8, 0.5, 0.5, 0.9, 0.1]), 2))).toEqual([
      1, 0, 0,
    ]);
  });
});

describe('evaluateRegression', () => {
  it('scores target-unit predictions and samples at most 300 scatter points', () => {
    const actual = Float64Array.from({ length: 1000 }, (_, i) => i);
    const predicted = actual.map((v) => v + 2);
    const result = evaluateRegression(actual, predicted);
    expect(result).toMatchObject({ kind: 'regression', n: 1000, mse: 4, rmse: 2, mae: 2 });
    expect(result.r2).toBeCloseTo(1 - 4 / ((1000 * 1000 - 1) / 12), 10);
    expect(result.actual).toHaveLength(300);
    expect(result.predicted[10]).toBe((result.actual[10] as number) + 2);
  });

  it('keeps every pair of a small set', () => {
    const result = evaluateRegression([1, 2, 3], [1, 2, 4]);
    expect(result.actual).toEqual([1, 2, 3]);
    expect(result.predicted).toEqual([1, 2, 4]);
    expect(result.mse).toBeCloseTo(1 / 3, 12);
  });
});

describe('unscaleTarget', () => {
  it('undoes standardisation, and copies when there is no scale', () => {
    expect(Array.from(unscaleTarget(Float32Array.from([-1, 0, 2]), { mean: 10, std: 5 }))).toEqual([
      5, 10, 20,
    ]);
    expect(Array.from(unscaleTarget([1, 2], null))).toEqual([1, 2]);
  });
});
