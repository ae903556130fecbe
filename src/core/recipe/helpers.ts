/**
 * Shared pieces of the step implementations: column resolution, order statistics, target
 * labels and per-step random streams.
 *
 * Invariants: statistics skip missing values; quantiles interpolate linearly between order
 * statistics (NumPy's default, so numbers match a pandas box plot); a step's random stream
 * depends only on the recipe seed and the step id, so reordering steps keeps each stream.
 */
import {
  getColumn,
  isFloatColumn,
  isMissing,
  type Column,
  type ColumnKind,
  type Frame,
  type NumericColumn,
} from '../frame';
import { createRng, type Rng } from '../rng';
import { RecipeError, type FitContext, type StepWarning } from './types';

export function resolveColumns(
  frame: Frame,
  explicit: string[] | undefined,
  kinds: readonly ColumnKind[],
  ctx: FitContext,
): string[] {
  if (explicit !== undefined) {
    for (const name of explicit) requireColumn(frame, name, kinds);
    return [...explicit];
  }
  return frame.columns
    .filter((column) => kinds.includes(column.kind) && column.name !== ctx.target)
    .map((column) => column.name);
}

export function requireColumn(frame: Frame, name: string, kinds?: readonly ColumnKind[]): Column {
  const column = getColumn(frame, name);
  if (!column) throw new RecipeError('recipe.error.missingColumn', { column: name });
  if (kinds && !kinds.includes(column.kind)) {
    throw new RecipeError('recipe.error.wrongColumnKind', { column: name, kind: column.kind });
  }
  return column;
}

/** Past this many new columns a step warns that the data explodes (slow, memory-hungry). */
export const WIDE_STEP_COLUMNS = 500;

export function manyColumnsWarning(added: number): StepWarning[] {
  return added > WIDE_STEP_COLUMNS ? [{ code: 'recipe.warn.manyColumns', params: { added } }] : [];
}

export function requireNumeric(frame: Frame, name: string): NumericColumn {
  return requireColumn(frame, name, ['numeric']) as NumericColumn;
}

/** Finite values of a numeric column, in row order. */
export function presentValues(values: Float64Array): number[] {
  const out: number[] = [];
  for (const value of values) if (!Number.isNaN(value)) out.push(value);
  return out;
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let sum = 0;
  for (const value of values) sum += value;
  return sum / values.length;
}

/** Population standard deviation (ddof 0), as sklearn's scalers use. */
export function populationStd(values: readonly number[]): number {
  const m = mean(values);
  let squares = 0;
  for (const value of values) squares += (value - m) ** 2;
  return values.length === 0 ? Number.NaN : Math.sqrt(squares / values.length);
}

/** Linear-interpolation quantile of ascending values. */
export function quantileSorted(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  return a + ((sorted[hi] as number) - a) * (position - lo);
}

export function sortedAscending(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The cell as a label string (target values), or null when missing. */
export function cellKey(column: Column, row: number): string | null {
  if (isMissing(column, row)) return null;
  return isFloatColumn(column) ? String(column.values[row]) : (column.values[row] as string);
}

export function requireTarget(frame: Frame, ctx: FitContext): Column {
  if (ctx.target === undefined) throw new RecipeError('recipe.error.targetRequired');
  return requireColumn(frame, ctx.target);
}

/** Rows grouped by target label (missing targets excluded), classes in sorted order. */
export function rowsByClass(frame: Frame, ctx: FitContext): Map<string, number[]> {
  const target = requireTarget(frame, ctx);
  const groups = new Map<string, number[]>();
  for (let row = 0; row < frame.rowCount; row++) {
    const key = cellKey(target, row);
    if (key === null) continue;
    const rows = groups.get(key);
    if (rows) rows.push(row);
    else groups.set(key, [row]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => compareLabels(a, b)));
}

/** Numeric labels in numeric order (2 before 10), others in code-unit order. */
export function compareLabels(a: string, b: string): number {
  const x = Number(a);
  const y = Number(b);
  const numeric = a.trim() !== '' && b.trim() !== '' && Number.isFinite(x) && Number.isFinite(y);
  return numeric ? x - y : compareKeys(a, b);
}

export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function classCounts(groups: Map<string, number[]>): Record<string, number> {
  return Object.fromEntries([...groups.entries()].map(([key, rows]) => [key, rows.length]));
}

/** FNV-1a of the step id mixed into the recipe seed. */
export function stepRng(seed: number, stepId: string): Rng {
  let hash = 0x811c9dc5;
  for (let i = 0; i < stepId.length; i++) {
    hash = Math.imul(hash ^ stepId.charCodeAt(i), 0x01000193) >>> 0;
  }
  return createRng((seed ^ hash) >>> 0);
}

/** Maps each float of the named numeric columns; counts cells the function changed. */
export function mapNumeric(
  frame: Frame,
  names: readonly string[],
  fn: (value: number, column: string) => number,
): { columns: NumericColumn[]; affected: number } {
  let affected = 0;
  const columns = names.map((name) => {
    const source = requireNumeric(frame, name);
    const values = new Float64Array(source.values.length);
    source.values.forEach((value, row) => {
      const next = Number.isNaN(value) ? value : fn(value, name);
      if (!Object.is(next, value)) affected++;
      values[row] = next;
    });
    return { name, kind: 'numeric' as const, values };
  });
  return { columns, affected };
}
