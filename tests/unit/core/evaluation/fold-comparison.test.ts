import { describe, expect, it } from 'vitest';
import {
  compareFoldScores,
  meanAndSd,
  type FoldScoresLike,
} from '../../../../src/core/evaluation/fold-comparison';

function classification(accuracy: number, macroF1 = accuracy): FoldScoresLike {
  return { kind: 'classification', accuracy, macroF1 };
}

describe('compareFoldScores', () => {
  it('pairs the folds in a paired t-test (hand-computed: t = 4, df = 4)', () => {
    // Differences 0.05, 0, 0.05, 0.05, 0.05: mean 0.04, sample variance 0.002 / 4 = 0.0005,
    // standard error sqrt(0.0005 / 5) = 0.01, so t = 4. With 4 degrees of freedom the two-sided
    // p is 1 - t(t² + 6) / (t² + 4)^1.5 = 1 - 88 / 20^1.5 = 0.016130 (SciPy's ttest_rel agrees).
    const first = [0.9, 0.8, 0.85, 0.95, 0.9].map((a) => classification(a));
    const second = [0.85, 0.8, 0.8, 0.9, 0.85].map((a) => classification(a));
    const [accuracy, macroF1] = compareFoldScores(first, second);
    expect(accuracy?.key).toBe('accuracy');
    expect(accuracy?.test?.statistic).toBeCloseTo(4, 10);
    expect(accuracy?.test?.df).toBe(4);
    expect(accuracy?.test?.pvalue).toBeCloseTo(1 - 88 / 20 ** 1.5, 10);
    expect(accuracy?.test?.meanDifference).toBeCloseTo(0.04, 12);
    expect(accuracy?.firstSummary.mean).toBeCloseTo(0.88, 12);
    expect(macroF1?.key).toBe('macroF1');
  });

  it('tests regression folds on RMSE (lower is better) and R²', () => {
    // d = 1, -0.5, 0.5: mean 1/3, variance 7/12, t = 2/sqrt(7); df 2: p = 1 - t / sqrt(2 + t²).
    const rmse = (values: number[]): FoldScoresLike[] =>
      values.map((v) => ({ kind: 'regression', rmse: v, r2: 0.5 }));
    const [byRmse, byR2] = compareFoldScores(rmse([3, 2.5, 4]), rmse([2, 3, 3.5]));
    const t = 2 / Math.sqrt(7);
    expect(byRmse).toMatchObject({ key: 'rmse', direction: 'lower' });
    expect(byRmse?.test?.statistic).toBeCloseTo(t, 10);
    expect(byRmse?.test?.pvalue).toBeCloseTo(1 - t / Math.sqrt(2 + t * t), 10);
    expect(byR2).toMatchObject({ key: 'r2', test: null, noTestReason: 'constantDifference' });
  });

  it('gives no test for a single fold and refuses unpaired folds', () => {
    const [one] = compareFoldScores([classification(0.9)], [classification(0.8)]);
    expect(one).toMatchObject({ test: null, noTestReason: 'tooFewFolds' });
    expect(() => compareFoldScores([classification(0.9)], [])).toThrow(RangeError);
  });
});

describe('meanAndSd', () => {
  it('uses the sample standard deviation', () => {
    expect(meanAndSd([1, 2, 3, 4])).toEqual({ mean: 2.5, sd: Math.sqrt(5 / 3) });
    expect(meanAndSd([2]).sd).toBeNaN();
  });
});
