/**
 * Side-by-side comparison of test evaluations: which metrics to show, which way is better for
 * each, which run is best, and McNemar's test for two classifiers.
 *
 * McNemar's test pairs the two models' answers row by row, so it is only valid when both were
 * scored on the very same test rows. Runs record how they split (dataset, target, ratios,
 * strategy, seed); the same split key means the same rows were held out, and the recorded true
 * labels must then agree row by row as well. Either check failing means the test sets differ,
 * and the comparison says so instead of computing a meaningless p-value.
 *
 * The evaluation shapes are restated structurally (core may not import contracts); the
 * contracts' `Evaluation` satisfies them.
 */
import { mcnemarTest, type McNemarResult } from '../stats';
import { predictedClasses } from './confusion';

export interface ClassificationScores {
  kind: 'classification';
  classNames: readonly string[];
  accuracy: number;
  balancedAccuracy: number;
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  logLoss: number;
  rocAuc: number;
  mcc: number;
  kappa: number;
  brier: number;
  yTrue: ArrayLike<number>;
  /** n×k class probabilities, row-major. */
  probs: ArrayLike<number>;
}

export interface RegressionScores {
  kind: 'regression';
  mse: number;
  rmse: number;
  mae: number;
  r2: number;
  mape: number;
}

export type ComparableEvaluation = ClassificationScores | RegressionScores;

export type MetricDirection = 'higher' | 'lower';

export interface MetricDefinition<E> {
  /** Stable id, also the i18n key suffix of the metric's label. */
  key: string;
  direction: MetricDirection;
  read: (evaluation: E) => number;
}

export const CLASSIFICATION_METRICS: readonly MetricDefinition<ClassificationScores>[] = [
  { key: 'accuracy', direction: 'higher', read: (e) => e.accuracy },
  { key: 'balancedAccuracy', direction: 'higher', read: (e) => e.balancedAccuracy },
  { key: 'precisionMacro', direction: 'higher', read: (e) => e.macro.precision },
  { key: 'recallMacro', direction: 'higher', read: (e) => e.macro.recall },
  { key: 'f1Macro', direction: 'higher', read: (e) => e.macro.f1 },
  { key: 'f1Weighted', direction: 'higher', read: (e) => e.weighted.f1 },
  { key: 'rocAuc', direction: 'higher', read: (e) => e.rocAuc },
  { key: 'mcc', direction: 'higher', read: (e) => e.mcc },
  { key: 'kappa', direction: 'higher', read: (e) => e.kappa },
  { key: 'logLoss', direction: 'lower', read: (e) => e.logLoss },
  { key: 'brier', direction: 'lower', read: (e) => e.brier },
];

export const REGRESSION_METRICS: readonly MetricDefinition<RegressionScores>[] = [
  { key: 'r2', direction: 'higher', read: (e) => e.r2 },
  { key: 'mse', direction: 'lower', read: (e) => e.mse },
  { key: 'rmse', direction: 'lower', read: (e) => e.rmse },
  { key: 'mae', direction: 'lower', read: (e) => e.mae },
  { key: 'mape', direction: 'lower', read: (e) => e.mape },
];

export interface MetricComparison {
  key: string;
  direction: MetricDirection;
  /** One value per evaluation, in the order given (NaN where it could not be computed). */
  values: number[];
  /** True for every evaluation holding the best finite value (ties all count as best). */
  best: boolean[];
}

/** Relative tolerance under which two metric values count as a tie. */
const TIE_TOLERANCE = 1e-12;

export function markBest(values: number[], direction: MetricDirection): boolean[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return values.map(() => false);
  const best = direction === 'higher' ? Math.max(...finite) : Math.min(...finite);
  const tolerance = TIE_TOLERANCE * Math.max(1, Math.abs(best));
  return values.map((v) => Number.isFinite(v) && Math.abs(v - best) <= tolerance);
}

/**
 * One row per metric across `evaluations`; empty when there are none or when they mix
 * classification and regression (whose metrics cannot be lined up).
 */
export function compareMetrics(evaluations: readonly ComparableEvaluation[]): MetricComparison[] {
  const first = evaluations[0];
  if (!first || evaluations.some((e) => e.kind !== first.kind)) return [];
  const rows =
    first.kind === 'classification'
      ? CLASSIFICATION_METRICS.map((m) => ({
          m,
          values: (evaluations as ClassificationScores[]).map(m.read),
        }))
      : REGRESSION_METRICS.map((m) => ({
          m,
          values: (evaluations as RegressionScores[]).map(m.read),
        }));
  return rows.map(({ m, values }) => ({
    key: m.key,
    direction: m.direction,
    values,
    best: markBest(values, m.direction),
  }));
}

/** What decides which rows a run held out for testing. */
export interface SplitKey {
  datasetId: string;
  target: string;
  ratios: { train: number; validation: number; test: number };
  strategy: string;
  groupColumn?: string;
  seed: number;
}

export function sameSplit(a: SplitKey, b: SplitKey): boolean {
  return (
    a.datasetId === b.datasetId &&
    a.target === b.target &&
    a.ratios.train === b.ratios.train &&
    a.ratios.validation === b.ratios.validation &&
    a.ratios.test === b.ratios.test &&
    a.strategy === b.strategy &&
    (a.groupColumn ?? null) === (b.groupColumn ?? null) &&
    a.seed === b.seed
  );
}

function sameLabels(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function sameClasses(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

export interface ScoredRun {
  split: SplitKey;
  evaluation: ComparableEvaluation;
}

/**
 * Why two runs cannot be tested against each other: 'notClassification' (McNemar compares
 * right/wrong answers of classifiers), 'differentSplit' (other split settings, so other test
 * rows), 'differentRows' (same settings, yet the recorded test labels differ, e.g. the recipe
 * dropped other rows), 'differentClasses' (the label sets do not line up).
 */
export type McNemarUnavailable =
  'notClassification' | 'differentSplit' | 'differentRows' | 'differentClasses';

export type McNemarComparison =
  { ok: true; rows: number; result: McNemarResult } | { ok: false; reason: McNemarUnavailable };

export function compareClassifiers(first: ScoredRun, second: ScoredRun): McNemarComparison {
  const a = first.evaluation;
  const b = second.evaluation;
  if (a.kind !== 'classification' || b.kind !== 'classification') {
    return { ok: false, reason: 'notClassification' };
  }
  if (!sameSplit(first.split, second.split)) return { ok: false, reason: 'differentSplit' };
  if (!sameClasses(a.classNames, b.classNames)) return { ok: false, reason: 'differentClasses' };
  if (!sameLabels(a.yTrue, b.yTrue)) return { ok: false, reason: 'differentRows' };
  const k = a.classNames.length;
  // Predictions are the argmax of the probabilities, the rule the recorded metrics used.
  const result = mcnemarTest(a.yTrue, predictedClasses(a.probs, k), predictedClasses(b.probs, k));
  return { ok: true, rows: a.yTrue.length, result };
}
