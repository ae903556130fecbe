/**
 * Feature selection: variance threshold, correlation filter, or the top k by ANOVA F, χ² or
 * mutual information with the target.
 *
 * Invariants: scores and the kept/dropped lists come from training rows only and are kept in
 * the params for a ranking chart; apply only drops the listed columns. Pairs with a missing
 * feature or target are skipped per feature. The correlation filter walks columns in frame
 * order and drops a column whose |r| with an already kept one exceeds the threshold, so the
 * earlier column of a correlated pair survives. χ² needs non-negative features (as sklearn);
 * a column with negative values scores 0 rather than failing the recipe.
 */
import { isFloatColumn, withoutColumns, type Frame } from '../../frame';
import {
  cellKey,
  populationStd,
  presentValues,
  requireNumeric,
  requireTarget,
  resolveColumns,
} from '../helpers';
import type { FeatureScore, StepOptionsMap } from '../step-options';
import { RecipeError, type FitContext, type StepImpl } from '../types';
import {
  anovaF,
  chiSquare,
  finiteScore,
  mutualInformation,
  pearson,
  quantileCodes,
  regressionF,
} from './feature-scores';

const DEFAULT_CORRELATION_THRESHOLD = 0.95;

/** Paired values of two numeric columns where both are present. */
function pairs(a: Float64Array, b: Float64Array): [number[], number[]] {
  const x: number[] = [];
  const y: number[] = [];
  a.forEach((value, i) => {
    const other = b[i] as number;
    if (!Number.isNaN(value) && !Number.isNaN(other)) {
      x.push(value);
      y.push(other);
    }
  });
  return [x, y];
}

function correlationFilter(frame: Frame, names: string[], threshold: number) {
  const kept: string[] = [];
  const scores: FeatureScore[] = names.map((column) => {
    const a = requireNumeric(frame, column).values;
    let worst = 0;
    let worstKept = 0;
    for (const other of names) {
      if (other === column) continue;
      const r = Math.abs(pearson(...pairs(a, requireNumeric(frame, other).values)));
      worst = Math.max(worst, r);
      if (kept.includes(other)) worstKept = Math.max(worstKept, r);
    }
    if (worstKept <= threshold) kept.push(column);
    return { column, score: finiteScore(worst) };
  });
  return { scores, kept };
}

function targetScores(
  frame: Frame,
  names: string[],
  method: 'anova' | 'chi2' | 'mutualInfo',
  ctx: FitContext,
): FeatureScore[] {
  const target = requireTarget(frame, ctx);
  const isClassification = ctx.task === 'classification';
  if (method === 'chi2' && !isClassification) {
    throw new RecipeError('recipe.error.invalidOptions', { option: 'method', value: method });
  }
  if (!isClassification && !isFloatColumn(target)) {
    throw new RecipeError('recipe.error.wrongColumnKind', {
      column: target.name,
      kind: target.kind,
    });
  }
  return names.map((column) => {
    const values = requireNumeric(frame, column).values;
    const x: number[] = [];
    const labels: string[] = [];
    const y: number[] = [];
    values.forEach((value, row) => {
      const label = cellKey(target, row);
      if (Number.isNaN(value) || label === null) return;
      x.push(value);
      labels.push(label);
      y.push(Number(label));
    });
    let score: number;
    if (method === 'anova') score = isClassification ? anovaF(x, labels) : regressionF(x, y);
    else if (method === 'chi2') score = x.some((v) => v < 0) ? 0 : chiSquare(x, labels);
    else score = mutualInformation(quantileCodes(x), isClassification ? labels : quantileCodes(y));
    return { column, score };
  });
}

function topK(scores: FeatureScore[], k: number): string[] {
  const chosen = new Set(
    scores
      .map((s, i) => ({ ...s, i }))
      .sort((a, b) => b.score - a.score || a.i - b.i)
      .slice(0, k)
      .map((s) => s.column),
  );
  return scores.map((s) => s.column).filter((column) => chosen.has(column));
}

function select(frame: Frame, options: StepOptionsMap['selectFeatures'], ctx: FitContext) {
  const names = resolveColumns(frame, options.columns, ['numeric'], ctx);
  if (options.method === 'variance') {
    const threshold = options.threshold ?? 0;
    const scores = names.map((column) => {
      const std = populationStd(presentValues(requireNumeric(frame, column).values));
      return { column, score: finiteScore(std * std) };
    });
    return { scores, kept: scores.filter((s) => s.score > threshold).map((s) => s.column) };
  }
  if (options.method === 'correlation') {
    return correlationFilter(frame, names, options.threshold ?? DEFAULT_CORRELATION_THRESHOLD);
  }
  const scores = targetScores(frame, names, options.method, ctx);
  return { scores, kept: topK(scores, options.k ?? Math.ceil(names.length / 2)) };
}

export const selectFeatures: StepImpl<'selectFeatures'> = {
  fit: (frame, options, ctx) => {
    const { scores, kept } = select(frame, options, ctx);
    const keep = new Set(kept);
    return { scores, kept, dropped: scores.map((s) => s.column).filter((c) => !keep.has(c)) };
  },
  apply: (frame, options, params) => {
    const next = withoutColumns(frame, params.dropped);
    return {
      frame: next,
      affected: frame.columns.length - next.columns.length,
      details: {
        kind: 'featureScores',
        method: options.method,
        scores: params.scores,
        kept: params.kept,
      },
    };
  },
  isTrainOnly: () => false,
};
