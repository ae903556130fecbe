import { describe, expect, it } from 'vitest';
import type {
  ClassificationEvaluation,
  RegressionEvaluation,
} from '../../../../src/contracts/evaluation';
import {
  compareClassifiers,
  compareMetrics,
  sameSplit,
  type ClassificationScores,
  type SplitKey,
} from '../../../../src/core/evaluation/compare';
import { mcnemarTest } from '../../../../src/core/stats';

function classifier(
  yTrue: number[],
  yPred: number[],
  overrides: Partial<ClassificationScores> = {},
): ClassificationScores {
  // Confident one-hot probabilities: the argmax is the prediction.
  const probs = yPred.flatMap((p) => (p === 1 ? [0.1, 0.9] : [0.9, 0.1]));
  return {
    kind: 'classification',
    classNames: ['no', 'yes'],
    accuracy: 0.9,
    balancedAccuracy: 0.88,
    macro: { precision: 0.8, recall: 0.8, f1: 0.8 },
    weighted: { precision: 0.8, recall: 0.8, f1: 0.8 },
    logLoss: 0.3,
    rocAuc: 0.95,
    mcc: 0.7,
    kappa: 0.7,
    brier: 0.1,
    yTrue,
    probs,
    ...overrides,
  };
}

const SPLIT: SplitKey = {
  datasetId: 'breast_cancer',
  target: 'diagnosis',
  ratios: { train: 0.7, validation: 0.15, test: 0.15 },
  strategy: 'stratified',
  seed: 42,
};

describe('compareMetrics', () => {
  it('marks the best value per metric, lower for losses, and every tied run', () => {
    const rows = compareMetrics([
      classifier([0], [0], { accuracy: 0.9, logLoss: 0.4, rocAuc: 0.97 }),
      classifier([0], [0], { accuracy: 0.95, logLoss: 0.2, rocAuc: 0.97 }),
    ]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('accuracy')).toMatchObject({ values: [0.9, 0.95], best: [false, true] });
    expect(byKey.get('logLoss')).toMatchObject({ direction: 'lower', best: [false, true] });
    expect(byKey.get('rocAuc')!.best).toEqual([true, true]);
    expect(rows.map((r) => r.key)).toContain('brier');
  });

  it('ignores values that could not be computed, and compares regressions the right way', () => {
    const regression = (r2: number, rmse: number) => ({
      kind: 'regression' as const,
      mse: rmse ** 2,
      rmse,
      mae: rmse,
      r2,
      mape: Number.NaN,
    });
    const rows = compareMetrics([regression(0.5, 2), regression(Number.NaN, 1)]);
    const byKey = new Map(rows.map((r) => [r.key, r]));
    expect(byKey.get('r2')!.best).toEqual([true, false]);
    expect(byKey.get('rmse')!.best).toEqual([false, true]);
    expect(byKey.get('mape')!.best).toEqual([false, false]);
  });

  it('lines up nothing when classification and regression are mixed, or nothing is given', () => {
    const reg: RegressionEvaluation = {
      kind: 'regression',
      n: 1,
      mse: 1,
      rmse: 1,
      mae: 1,
      r2: 0,
      mape: 0,
      actual: [],
      predicted: [],
      residuals: [],
    };
    expect(compareMetrics([classifier([0], [0]), reg])).toEqual([]);
    expect(compareMetrics([])).toEqual([]);
  });
});

describe('compareClassifiers', () => {
  const yTrue = [0, 1, 0, 1, 1, 0, 1, 0, 1, 1];
  const first = [0, 1, 0, 1, 1, 0, 1, 0, 0, 0];
  const second = [0, 1, 1, 1, 1, 0, 1, 1, 1, 1];

  it('runs McNemar on the argmax predictions when both runs held out the same rows', () => {
    const outcome = compareClassifiers(
      { split: SPLIT, evaluation: classifier(yTrue, first) },
      { split: { ...SPLIT, ratios: { ...SPLIT.ratios } }, evaluation: classifier(yTrue, second) },
    );
    expect(outcome).toEqual({ ok: true, rows: 10, result: mcnemarTest(yTrue, first, second) });
    if (!outcome.ok) return;
    expect(outcome.result.onlyFirstCorrect).toBe(2);
    expect(outcome.result.onlySecondCorrect).toBe(2);
    expect(outcome.result.pvalue).toBe(1);
  });

  it('accepts the contracts evaluation type as it is', () => {
    const evaluation = { ...classifier(yTrue, first) } as unknown as ClassificationEvaluation;
    expect(compareClassifiers({ split: SPLIT, evaluation }, { split: SPLIT, evaluation }).ok).toBe(
      true,
    );
  });

  it('says the test sets differ instead of testing other rows', () => {
    const a = { split: SPLIT, evaluation: classifier(yTrue, first) };
    expect(
      compareClassifiers(a, {
        split: { ...SPLIT, seed: 43 },
        evaluation: classifier(yTrue, second),
      }),
    ).toEqual({ ok: false, reason: 'differentSplit' });
    const otherLabels = [...yTrue].reverse();
    expect(
      compareClassifiers(a, { split: SPLIT, evaluation: classifier(otherLabels, second) }),
    ).toEqual({ ok: false, reason: 'differentRows' });
    expect(
      compareClassifiers(a, { split: SPLIT, evaluation: classifier(yTrue.slice(1), first) }),
    ).toEqual({ ok: false, reason: 'differentRows' });
    expect(
      compareClassifiers(a, {
        split: SPLIT,
        evaluation: classifier(yTrue, second, { classNames: ['yes', 'no'] }),
      }),
    ).toEqual({ ok: false, reason: 'differentClasses' });
  });

  it('refuses regressions', () => {
    const reg = { kind: 'regression' as const, mse: 1, rmse: 1, mae: 1, r2: 0, mape: 0 };
    expect(
      compareClassifiers({ split: SPLIT, evaluation: reg }, { split: SPLIT, evaluation: reg }),
    ).toEqual({ ok: false, reason: 'notClassification' });
  });

  it('treats group columns and strategies as part of the split', () => {
    expect(sameSplit(SPLIT, { ...SPLIT, strategy: 'random' })).toBe(false);
    expect(sameSplit(SPLIT, { ...SPLIT, groupColumn: 'patient' })).toBe(false);
    expect(sameSplit(SPLIT, { ...SPLIT })).toBe(true);
  });
});
