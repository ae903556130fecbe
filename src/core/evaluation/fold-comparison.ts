/**
 * Two configurations cross-validated on the same folds, compared metric by metric: each one's
 * mean and sample standard deviation over the folds, and SciPy's `ttest_rel(first, second)`
 * on the per-fold scores (two-sided; the folds pair the scores).
 *
 * Invariants: both lists hold one score per fold in fold order, of the same kind; anything else
 * is a RangeError (the folds would not pair). Fewer than two folds, or equal differences on
 * every fold, give no test (`test: null` with the reason) rather than a made-up p-value.
 *
 * Fold scores are restated structurally (core may not import contracts); the contracts'
 * `FoldScores` satisfies them.
 */
import { pairedTTest, type PairedTTestResult } from '../stats';

export type FoldScoresLike =
  | { kind: 'classification'; accuracy: number; macroF1: number }
  | { kind: 'regression'; rmse: number; r2: number };

export type FoldMetricKey = 'accuracy' | 'macroF1' | 'rmse' | 'r2';

export interface MeanAndSd {
  mean: number;
  /** Sample standard deviation (n − 1); NaN for a single fold. */
  sd: number;
}

export interface FoldMetricComparison {
  key: FoldMetricKey;
  direction: 'higher' | 'lower';
  first: number[];
  second: number[];
  firstSummary: MeanAndSd;
  secondSummary: MeanAndSd;
  test: PairedTTestResult | null;
  /** Why there is no test: too few folds, or the same difference on every fold. */
  noTestReason?: 'tooFewFolds' | 'constantDifference';
}

const METRICS: Record<FoldScoresLike['kind'], { key: FoldMetricKey; higher: boolean }[]> = {
  classification: [
    { key: 'accuracy', higher: true },
    { key: 'macroF1', higher: true },
  ],
  regression: [
    { key: 'rmse', higher: false },
    { key: 'r2', higher: true },
  ],
};

export function meanAndSd(values: readonly number[]): MeanAndSd {
  const n = values.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN };
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n < 2) return { mean, sd: Number.NaN };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  return { mean, sd: Math.sqrt(variance) };
}

function read(scores: FoldScoresLike, key: FoldMetricKey): number {
  if (scores.kind === 'classification') {
    return key === 'accuracy' ? scores.accuracy : key === 'macroF1' ? scores.macroF1 : Number.NaN;
  }
  return key === 'rmse' ? scores.rmse : key === 'r2' ? scores.r2 : Number.NaN;
}

export function compareFoldScores(
  first: readonly FoldScoresLike[],
  second: readonly FoldScoresLike[],
): FoldMetricComparison[] {
  if (first.length !== second.length) {
    throw new RangeError('fold comparison: both configurations need one score per fold');
  }
  const kind = first[0]?.kind ?? second[0]?.kind;
  if (kind === undefined) return [];
  if ([...first, ...second].some((scores) => scores.kind !== kind)) {
    throw new RangeError('fold comparison: the scores are of different kinds');
  }
  return METRICS[kind].map(({ key, higher }) => {
    const a = first.map((scores) => read(scores, key));
    const b = second.map((scores) => read(scores, key));
    const comparison: FoldMetricComparison = {
      key,
      direction: higher ? 'higher' : 'lower',
      first: a,
      second: b,
      firstSummary: meanAndSd(a),
      secondSummary: meanAndSd(b),
      test: null,
    };
    if (a.length < 2) {
      comparison.noTestReason = 'tooFewFolds';
      return comparison;
    }
    const test = pairedTTest(a, b);
    if (Number.isNaN(test.statistic)) comparison.noTestReason = 'constantDifference';
    else comparison.test = test;
    return comparison;
  });
}
