/**
 * Binning: equal-width or quantile edges, each value replaced by its bin index 0..bins-1.
 *
 * Invariants: edges come from training rows only (min/max or quantiles); values outside the
 * training range fall into the first or last bin, so a test value never gets a new index.
 * Duplicate quantile edges are merged, as sklearn's KBinsDiscretizer does, so a heavily tied
 * column may end up with fewer bins than asked for.
 */
import { withColumns } from '../../frame';
import {
  mapNumeric,
  presentValues,
  quantileSorted,
  requireNumeric,
  resolveColumns,
  sortedAscending,
} from '../helpers';
import { RecipeError, type StepImpl } from '../types';

function equalWidthEdges(sorted: number[], bins: number): number[] {
  const lo = sorted[0] as number;
  const hi = sorted[sorted.length - 1] as number;
  return Array.from({ length: bins + 1 }, (_, i) =>
    i === bins ? hi : lo + ((hi - lo) * i) / bins,
  );
}

function quantileEdges(sorted: number[], bins: number): number[] {
  const edges = Array.from({ length: bins + 1 }, (_, i) => quantileSorted(sorted, i / bins));
  return edges.filter((edge, i) => i === 0 || edge > (edges[i - 1] as number));
}

/** Index of the bin holding `value`: how many interior edges lie at or below it. */
export function binIndex(edges: readonly number[], value: number): number {
  const last = Math.max(edges.length - 2, 0);
  let index = 0;
  for (let i = 1; i < edges.length - 1; i++) if (value >= (edges[i] as number)) index = i;
  return Math.min(index, last);
}

export const binning: StepImpl<'binning'> = {
  fit: (frame, options, ctx) => {
    if (!Number.isInteger(options.bins) || options.bins < 1) {
      throw new RecipeError('recipe.error.invalidOptions', { option: 'bins' });
    }
    const names = resolveColumns(frame, options.columns, ['numeric'], ctx);
    return {
      edges: names.map((column) => {
        const sorted = sortedAscending(presentValues(requireNumeric(frame, column).values));
        if (sorted.length === 0) return { column, edges: [0, 0] };
        const edges =
          options.strategy === 'quantile'
            ? quantileEdges(sorted, options.bins)
            : equalWidthEdges(sorted, options.bins);
        return { column, edges: edges.length < 2 ? [edges[0] ?? 0, edges[0] ?? 0] : edges };
      }),
    };
  },
  apply: (frame, _options, params) => {
    const byName = new Map(params.edges.map((e) => [e.column, e.edges]));
    const { columns, affected } = mapNumeric(
      frame,
      params.edges.map((e) => e.column),
      (value, column) => binIndex(byName.get(column) ?? [], value),
    );
    return { frame: withColumns(frame, columns), affected };
  },
  isTrainOnly: () => false,
};
