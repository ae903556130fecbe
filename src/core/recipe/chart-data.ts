/**
 * The numbers behind the Prepare screen's step charts (box plots, feature ranking, explained
 * variance), kept pure so they are tested without a DOM.
 *
 * Invariants: inputs are never mutated; a ranking is ordered best first with ties kept in the
 * step's column order, and a capped chart says how many entries it left out.
 */
import type { BoxPlot, FeatureScore } from './step-options';

export interface RankedFeature {
  column: string;
  score: number;
  kept: boolean;
}

export interface Capped<T> {
  shown: T[];
  /** Entries beyond the cap, which only the data table lists. */
  omitted: number;
  all: T[];
}

export function rankFeatures(
  scores: readonly FeatureScore[],
  kept: readonly string[],
  limit: number,
): Capped<RankedFeature> {
  const keep = new Set(kept);
  const all = scores
    .map((s, i) => ({ column: s.column, score: s.score, kept: keep.has(s.column), i }))
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map(({ column, score, kept: isKept }) => ({ column, score, kept: isKept }));
  return { shown: all.slice(0, limit), omitted: Math.max(0, all.length - limit), all };
}

export interface ComponentVariance {
  /** 1-based, as pc1, pc2... */
  component: number;
  ratio: number;
  cumulative: number;
}

export function varianceRows(ratios: readonly number[], limit: number): Capped<ComponentVariance> {
  let running = 0;
  const all = ratios.map((ratio, i) => {
    running += ratio;
    return { component: i + 1, ratio, cumulative: running };
  });
  return { shown: all.slice(0, limit), omitted: Math.max(0, all.length - limit), all };
}

export interface OutlierSummary {
  total: number;
  /** The column with the most outliers, if any column has one. */
  worst?: BoxPlot;
}

export function summarizeOutliers(boxes: readonly BoxPlot[]): OutlierSummary {
  let total = 0;
  let worst: BoxPlot | undefined;
  for (const box of boxes) {
    total += box.outliers;
    if (box.outliers > 0 && (!worst || box.outliers > worst.outliers)) worst = box;
  }
  return worst ? { total, worst } : { total };
}

/** A shared-nothing domain for one box: its whiskers and fences, widened when flat. */
export function boxDomain(box: BoxPlot): [number, number] {
  const values = [box.lowerWhisker, box.upperWhisker, box.lower, box.upper, box.q1, box.q3].filter(
    Number.isFinite,
  );
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (!(lo <= hi)) return [0, 1];
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}
