/**
 * Threshold metrics, cross-checked against the oracle-tested core metrics on the predictions
 * the threshold makes, plus the edge cases of issue 7 item 9.
 */
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  balancedAccuracy,
  matthewsCorrcoef,
  precisionRecallF1,
  rocCurve,
} from '../../../../src/core/metrics';
import { createRng } from '../../../../src/core/rng';
import {
  metricsAtThreshold,
  operatingPoint,
  positiveScores,
  predictAtThreshold,
} from '../../../../src/core/evaluation';

describe('metricsAtThreshold', () => {
  it('counts a hand-computed example', () => {
    const m = metricsAtThreshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], 0.4);
    expect(m.confusion).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(m.accuracy).toBe(0.5);
    expect(m.precision).toBe(0.5);
    expect(m.recall).toBe(0.5);
    expect(m.specificity).toBe(0.5);
    expect(m.f1).toBe(0.5);
    expect(m.mcc).toBe(0);
  });

  it('agrees with the core metrics on random data at many thresholds', () => {
    const rng = createRng(11);
    const y = Array.from({ length: 200 }, () => (rng() < 0.4 ? 1 : 0));
    const s = y.map((v) => Math.min(1, Math.max(0, 0.3 * v + rng() * 0.7)));
    for (const threshold of [0.05, 0.2, 0.35, 0.5, 0.65, 0.9]) {
      const m = metricsAtThreshold(y, s, threshold);
      const pred = predictAtThreshold(s, threshold);
      const binary = precisionRecallF1(y, pred, 'binary');
      expect(m.accuracy).toBeCloseTo(accuracy(y, pred), 12);
      expect(m.balancedAccuracy).toBeCloseTo(balancedAccuracy(y, pred), 12);
      expect(m.mcc).toBeCloseTo(matthewsCorrcoef(y, pred), 12);
      expect(m.precision).toBeCloseTo(binary.precision, 12);
      expect(m.recall).toBeCloseTo(binary.recall, 12);
      expect(m.f1).toBeCloseTo(binary.f1, 12);
    }
  });

  it('puts tied scores on the same side of the threshold', () => {
    const m = metricsAtThreshold([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5], 0.5);
    expect(m.confusion).toEqual([
      [0, 2],
      [0, 2],
    ]);
    expect(metricsAtThreshold([0, 1], [0.5, 0.5], 0.51).confusion).toEqual([
      [1, 0],
      [1, 0],
    ]);
  });

  it('scores a perfect classifier 1 everywhere', () => {
    const m = metricsAtThreshold([0, 0, 1, 1], [0.1, 0.2, 0.8, 0.9], 0.5);
    expect([m.accuracy, m.precision, m.recall, m.f1, m.specificity, m.mcc]).toEqual([
      1, 1, 1, 1, 1, 1,
    ]);
    expect(m.balancedAccuracy).toBe(1);
  });

  it('handles one class only in the labels without dividing by zero', () => {
    const m = metricsAtThreshold([1, 1, 1], [0.2, 0.6, 0.9], 0.5);
    expect(m.confusion).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(m.specificity).toBe(0);
    expect(m.mcc).toBe(0);
    expect(m.balancedAccuracy).toBeCloseTo(2 / 3, 12);
    expect(m.balancedAccuracy).toBeCloseTo(balancedAccuracy([1, 1, 1], [0, 1, 1]), 12);
  });

  it('handles every prediction in the same class', () => {
    const m = metricsAtThreshold([0, 1, 0, 1], [0.1, 0.2, 0.3, 0.4], 0.9);
    expect(m.confusion).toEqual([
      [2, 0],
      [2, 0],
    ]);
    expect(m.precision).toBe(0);
    expect(m.f1).toBe(0);
    expect(m.mcc).toBe(0);
    expect(m.accuracy).toBe(0.5);
  });

  it('rejects NaN scores with a message naming the row', () => {
    expect(() => metricsAtThreshold([0, 1], [0.2, Number.NaN], 0.5)).toThrow(
      'score NaN at row 1 is not a finite number',
    );
    expect(() => metricsAtThreshold([0, 2], [0.2, 0.3], 0.5)).toThrow('label 2 at row 1');
    expect(() => metricsAtThreshold([0], [0.2, 0.3], 0.5)).toThrow('1 labels but 2 scores');
  });
});

describe('operatingPoint', () => {
  it('lies on the ROC curve at each of its thresholds', () => {
    const y = [0, 1, 0, 1, 1, 0];
    const s = [0.1, 0.9, 0.4, 0.35, 0.8, 0.6];
    const roc = rocCurve(y, s);
    roc.thresholds.forEach((threshold, i) => {
      const point = operatingPoint(y, s, threshold);
      expect(point.fpr).toBeCloseTo(roc.fpr[i]!, 12);
      expect(point.tpr).toBeCloseTo(roc.tpr[i]!, 12);
    });
  });

  it('ends the PR curve at precision 1 when nothing is predicted positive', () => {
    const point = operatingPoint([0, 1], [0.2, 0.3], 0.99);
    expect(point).toMatchObject({ fpr: 0, tpr: 0, recall: 0, precision: 1 });
  });

  it('reads P(class 1) from row-major probabilities', () => {
    expect(positiveScores([0.9, 0.1, 0.3, 0.7])).toEqual([0.1, 0.7]);
  });
});
