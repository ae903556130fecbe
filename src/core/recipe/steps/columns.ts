/**
 * Column-level cleaning: drop columns by name or by their training missing share, cast types.
 *
 * Invariants: the missing-share decision is made on training rows and replayed as a fixed
 * list, so a test frame with a different missing share drops exactly the same columns; the
 * target is never dropped by share. Casts that cannot read a cell give missing, and count it.
 */
import { isFloatColumn, isMissing, withoutColumns, type Column } from '../../frame';
import { parseNumericValue } from '../../tabular';
import { requireColumn } from '../helpers';
import type { StepImpl } from '../types';

export const dropColumnsAboveMissingShare: StepImpl<'dropColumnsAboveMissingShare'> = {
  fit: (frame, options, ctx) => {
    const shares = frame.columns.map((column) => {
      let missing = 0;
      for (let row = 0; row < frame.rowCount; row++) if (isMissing(column, row)) missing++;
      return { column: column.name, share: frame.rowCount === 0 ? 0 : missing / frame.rowCount };
    });
    const dropped = shares
      .filter(({ column, share }) => share > options.maxShare && column !== ctx.target)
      .map(({ column }) => column);
    return { shares, dropped };
  },
  apply: (frame, _options, params) => {
    const next = withoutColumns(frame, params.dropped);
    return { frame: next, affected: frame.columns.length - next.columns.length };
  },
  isTrainOnly: () => false,
};

export const dropColumns: StepImpl<'dropColumns'> = {
  fit: (frame, options) => {
    for (const name of options.columns) requireColumn(frame, name);
    return {};
  },
  apply: (frame, options) => {
    const next = withoutColumns(frame, options.columns);
    return { frame: next, affected: frame.columns.length - next.columns.length };
  },
  isTrainOnly: () => false,
};

/** Integers print without a fraction, so 3 becomes the category '3', not '3.0'. */
function formatNumber(value: number, kind: Column['kind']): string {
  return kind === 'datetime' ? new Date(value).toISOString() : String(value);
}

function castColumn(column: Column, to: Column['kind']): { column: Column; failed: number } {
  const { name } = column;
  let failed = 0;
  const n = column.values.length;
  if (to === 'numeric' || to === 'datetime') {
    const values = new Float64Array(n);
    for (let row = 0; row < n; row++) {
      if (isFloatColumn(column)) {
        values[row] = column.values[row] as number;
        continue;
      }
      const cell = column.values[row] ?? null;
      const parsed =
        cell === null
          ? Number.NaN
          : to === 'numeric'
            ? (parseNumericValue(cell) ?? Number.NaN)
            : Date.parse(cell.trim());
      if (cell !== null && Number.isNaN(parsed)) failed++;
      values[row] = parsed;
    }
    return { column: { name, kind: to, values }, failed };
  }
  const values = new Array<string | null>(n);
  for (let row = 0; row < n; row++) {
    if (isMissing(column, row)) values[row] = null;
    else if (isFloatColumn(column))
      values[row] = formatNumber(column.values[row] as number, column.kind);
    else values[row] = column.values[row] ?? null;
  }
  return { column: { name, kind: to, values }, failed };
}

export const castType: StepImpl<'castType'> = {
  fit: (frame, options) => {
    requireColumn(frame, options.column);
    return {};
  },
  apply: (frame, options) => {
    const source = requireColumn(frame, options.column);
    if (source.kind === options.to) return { frame, affected: 0 };
    const { column, failed } = castColumn(source, options.to);
    return {
      frame: {
        columns: frame.columns.map((c) => (c.name === column.name ? column : c)),
        rowCount: frame.rowCount,
      },
      affected: frame.rowCount,
      warnings:
        failed > 0
          ? [{ code: 'recipe.warn.castFailed', params: { column: column.name, count: failed } }]
          : [],
    };
  },
  isTrainOnly: () => false,
};
