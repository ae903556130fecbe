/**
 * Significance checks for model comparison: McNemar's test for two classifiers scored on the
 * same test rows, and a paired t-test over cross-validation folds. Conventions follow
 * statsmodels' `mcnemar` (exact binomial by default, or chi-square with continuity correction)
 * and SciPy's `ttest_rel` (two-sided).
 */
import { chiSquareSurvival, logGamma, studentTTwoSidedP } from './special';

export interface McNemarResult {
  /** Rows only the first model got right. */
  onlyFirstCorrect: number;
  /** Rows only the second model got right. */
  onlySecondCorrect: number;
  statistic: number;
  pvalue: number;
  exact: boolean;
}

/** Exact two-sided binomial p-value at p = 0.5 (the exact McNemar test for k of n discordant rows). */
export function mcnemarExactP(k: number, n: number): number {
  // Exact two-sided test of k successes in n trials at p = 0.5: twice the smaller tail.
  const small = Math.min(k, n - k);
  let tail = 0;
  for (let i = 0; i <= small; i++) {
    tail += Math.exp(logGamma(n + 1) - logGamma(i + 1) - logGamma(n - i + 1) - n * Math.LN2);
  }
  return Math.min(1, 2 * tail);
}

export function mcnemarTest(
  yTrue: ArrayLike<number>,
  predFirst: ArrayLike<number>,
  predSecond: ArrayLike<number>,
  options: { exact?: boolean } = {},
): McNemarResult {
  if (yTrue.length !== predFirst.length || yTrue.length !== predSecond.length) {
    throw new RangeError('McNemar: both models must be scored on the same rows');
  }
  let b = 0;
  let c = 0;
  for (let i = 0; i < yTrue.length; i++) {
    const first = predFirst[i] === yTrue[i];
    const second = predSecond[i] === yTrue[i];
    if (first && !second) b++;
    else if (!first && second) c++;
  }
  const exact = options.exact ?? b + c < 25;
  if (exact) {
    return {
      onlyFirstCorrect: b,
      onlySecondCorrect: c,
      statistic: Math.min(b, c),
      pvalue: b + c === 0 ? 1 : mcnemarExactP(Math.min(b, c), b + c),
      exact: true,
    };
  }
  const statistic = (Math.abs(b - c) - 1) ** 2 / (b + c);
  return {
    onlyFirstCorrect: b,
    onlySecondCorrect: c,
    statistic,
    pvalue: chiSquareSurvival(statistic, 1),
    exact: false,
  };
}

export interface PairedTTestResult {
  statistic: number;
  pvalue: number;
  df: number;
  meanDifference: number;
}

export function pairedTTest(a: ArrayLike<number>, b: ArrayLike<number>): PairedTTestResult {
  const n = a.length;
  if (n !== b.length) throw new RangeError('paired t-test: samples must have the same length');
  if (n < 2) throw new RangeError('paired t-test: needs at least two pairs');
  let mean = 0;
  for (let i = 0; i < n; i++) mean += (a[i]! - b[i]!) / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (a[i]! - b[i]! - mean) ** 2 / (n - 1);
  const df = n - 1;
  const standardError = Math.sqrt(variance / n);
  if (standardError === 0) {
    // SciPy returns NaN when every difference is equal; so do we, with a mean to explain it.
    return { statistic: Number.NaN, pvalue: Number.NaN, df, meanDifference: mean };
  }
  const statistic = mean / standardError;
  return { statistic, pvalue: studentTTwoSidedP(statistic, df), df, meanDifference: mean };
}
