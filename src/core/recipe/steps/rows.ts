/**
 * Row-removing cleaning steps: duplicates, rows with missing values, row filters.
 *
 * Invariants: all three are train-stage only (see StepImpl.isTrainOnly), keep the first of
 * equal rows and otherwise preserve row order; none learns anything from the data, so their
 * params are only the resolved column lists.
 */
import {
  columnNames,
  type Column,
  getColumn,
  isFloatColumn,
  isMissing,
  selectRows,
  type Frame,
} from '../../frame';
import { cellKey, requireColumn } from '../helpers';
import type { DuplicateConflict, FitContext, StepImpl } from '../types';
import type { FilterOp } from '../step-options';

/** Enough to show in a table; the total is reported separately. */
const MAX_LISTED_CONFLICTS = 20;
/** Wide frames list the first feature columns of a conflict and count the rest. */
const MAX_LISTED_CONFLICT_COLUMNS = 8;

function displayCell(column: Column, row: number): string {
  if (isMissing(column, row)) return '';
  const value = column.values[row] as number | string;
  if (typeof value === 'string') return value;
  if (column.kind === 'datetime') return new Date(value).toISOString();
  return String(Number(value.toPrecision(6)));
}

function rowKey(frame: Frame, names: readonly string[], row: number): string {
  return JSON.stringify(names.map((name) => cellKey(requireColumn(frame, name), row)));
}

function conflictFeatures(keyColumns: readonly string[], ctx: FitContext): string[] {
  return keyColumns.filter((name) => name !== ctx.target);
}

function findConflicts(
  frame: Frame,
  keyColumns: readonly string[],
  ctx: FitContext,
): DuplicateConflict[] {
  const target = ctx.target === undefined ? undefined : getColumn(frame, ctx.target);
  if (!target) return [];
  const features = conflictFeatures(keyColumns, ctx);
  const listed = features
    .slice(0, MAX_LISTED_CONFLICT_COLUMNS)
    .map((name) => requireColumn(frame, name));
  const groups = new Map<string, number[]>();
  for (let row = 0; row < frame.rowCount; row++) {
    const key = rowKey(frame, features, row);
    const rows = groups.get(key);
    if (rows) rows.push(row);
    else groups.set(key, [row]);
  }
  const conflicts: DuplicateConflict[] = [];
  for (const rows of groups.values()) {
    const targets = [...new Set(rows.map((row) => cellKey(target, row) ?? ''))];
    if (targets.length > 1) {
      const first = rows[0] as number;
      conflicts.push({ rows, targets, values: listed.map((column) => displayCell(column, first)) });
    }
  }
  return conflicts;
}

export const dropDuplicates: StepImpl<'dropDuplicates'> = {
  fit: (frame, options) => {
    const keyColumns = options.keyColumns ?? columnNames(frame);
    for (const name of keyColumns) requireColumn(frame, name);
    return { keyColumns };
  },
  apply: (frame, _options, params, ctx) => {
    const seen = new Set<string>();
    const kept: number[] = [];
    for (let row = 0; row < frame.rowCount; row++) {
      const key = rowKey(frame, params.keyColumns, row);
      if (seen.has(key)) continue;
      seen.add(key);
      kept.push(row);
    }
    const conflicts = findConflicts(frame, params.keyColumns, ctx);
    const removed = frame.rowCount - kept.length;
    const features = conflictFeatures(params.keyColumns, ctx);
    return {
      frame: selectRows(frame, kept),
      affected: removed,
      details: {
        kind: 'duplicates',
        removed,
        conflicts: conflicts.slice(0, MAX_LISTED_CONFLICTS),
        conflictCount: conflicts.length,
        columns: features.slice(0, MAX_LISTED_CONFLICT_COLUMNS),
        hiddenColumns: Math.max(0, features.length - MAX_LISTED_CONFLICT_COLUMNS),
      },
      warnings:
        conflicts.length > 0
          ? [{ code: 'recipe.warn.conflictingDuplicates', params: { count: conflicts.length } }]
          : [],
    };
  },
  isTrainOnly: () => true,
};

export const dropMissingRows: StepImpl<'dropMissingRows'> = {
  fit: (frame, options) => {
    const columns = options.columns ?? columnNames(frame);
    for (const name of columns) requireColumn(frame, name);
    return { columns };
  },
  apply: (frame, _options, params) => {
    const columns = params.columns.map((name) => requireColumn(frame, name));
    const kept: number[] = [];
    for (let row = 0; row < frame.rowCount; row++) {
      if (!columns.some((column) => isMissing(column, row))) kept.push(row);
    }
    return { frame: selectRows(frame, kept), affected: frame.rowCount - kept.length };
  },
  isTrainOnly: () => true,
};

function compare(op: FilterOp, cell: number | string, value: number | string): boolean {
  switch (op) {
    case '==':
      return cell === value;
    case '!=':
      return cell !== value;
    case '<':
      return cell < value;
    case '<=':
      return cell <= value;
    case '>':
      return cell > value;
    case '>=':
      return cell >= value;
    default:
      return false;
  }
}

/**
 * Keeps the rows that satisfy `column op value`. A missing cell satisfies only `isMissing`:
 * "unknown != 3" is not known to be true, so such rows are removed by every comparison.
 */
export const filterRows: StepImpl<'filterRows'> = {
  fit: (frame, options) => {
    requireColumn(frame, options.column);
    return {};
  },
  apply: (frame, options) => {
    const column = requireColumn(frame, options.column);
    const { op } = options;
    const target = isFloatColumn(column) ? Number(options.value) : String(options.value ?? '');
    const kept: number[] = [];
    for (let row = 0; row < frame.rowCount; row++) {
      const missing = isMissing(column, row);
      const keep =
        op === 'isMissing'
          ? missing
          : op === 'notMissing'
            ? !missing
            : !missing && compare(op, column.values[row] as number | string, target);
      if (keep) kept.push(row);
    }
    return { frame: selectRows(frame, kept), affected: frame.rowCount - kept.length };
  },
  isTrainOnly: () => true,
};
