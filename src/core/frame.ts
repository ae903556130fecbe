/**
 * A column-oriented table: the unit every recipe step reads and writes.
 *
 * Invariants: every column holds exactly `rowCount` values; missing is NaN in numeric and
 * datetime columns (datetimes are epoch milliseconds, UTC) and null in categorical and text
 * columns. Frames are treated as immutable: helpers return new frames and may share untouched
 * column objects with their input, so no caller may write into a frame's arrays.
 */
import { parseNumericValue } from './tabular';

export interface NumericColumn {
  name: string;
  kind: 'numeric';
  values: Float64Array;
}

export interface CategoricalColumn {
  name: string;
  kind: 'categorical';
  values: (string | null)[];
}

export interface DateColumn {
  name: string;
  kind: 'datetime';
  values: Float64Array;
}

export interface TextColumn {
  name: string;
  kind: 'text';
  values: (string | null)[];
}

export type Column = NumericColumn | CategoricalColumn | DateColumn | TextColumn;
export type ColumnKind = Column['kind'];
export type StringColumn = CategoricalColumn | TextColumn;
export type FloatColumn = NumericColumn | DateColumn;

export interface Frame {
  columns: Column[];
  rowCount: number;
}

export function isFloatColumn(column: Column): column is FloatColumn {
  return column.kind === 'numeric' || column.kind === 'datetime';
}

export function isMissing(column: Column, row: number): boolean {
  if (isFloatColumn(column)) return Number.isNaN(column.values[row] as number);
  return (column.values[row] ?? null) === null;
}

export function getColumn(frame: Frame, name: string): Column | undefined {
  return frame.columns.find((column) => column.name === name);
}

export function columnNames(frame: Frame): string[] {
  return frame.columns.map((column) => column.name);
}

export function numericColumn(name: string, values: ArrayLike<number>): NumericColumn {
  return { name, kind: 'numeric', values: Float64Array.from(values) };
}

export function categoricalColumn(name: string, values: (string | null)[]): CategoricalColumn {
  return { name, kind: 'categorical', values: [...values] };
}

/** Builds a frame and checks that every column has the same length. */
export function createFrame(columns: Column[]): Frame {
  const rowCount = columns[0]?.values.length ?? 0;
  for (const column of columns) {
    if (column.values.length !== rowCount) {
      throw new RangeError(
        `column ${column.name} has ${column.values.length} rows, expected ${rowCount}`,
      );
    }
  }
  return { columns, rowCount };
}

export function selectColumnRows(column: Column, rows: ArrayLike<number>): Column {
  const n = rows.length;
  if (isFloatColumn(column)) {
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) values[i] = column.values[rows[i] as number] as number;
    return { ...column, values };
  }
  const values = new Array<string | null>(n);
  for (let i = 0; i < n; i++) values[i] = column.values[rows[i] as number] ?? null;
  return { ...column, values };
}

/** Rows in the given order; an index may repeat (resampling relies on that). */
export function selectRows(frame: Frame, rows: ArrayLike<number>): Frame {
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    if (!Number.isInteger(row) || row < 0 || row >= frame.rowCount) {
      throw new RangeError(`row ${row} is outside a frame of ${frame.rowCount} rows`);
    }
  }
  return {
    columns: frame.columns.map((column) => selectColumnRows(column, rows)),
    rowCount: rows.length,
  };
}

/** Replaces same-named columns in place and appends new ones, keeping column order stable. */
export function withColumns(frame: Frame, columns: Column[]): Frame {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const replaced = frame.columns.map((column) => byName.get(column.name) ?? column);
  const existing = new Set(frame.columns.map((column) => column.name));
  const added = columns.filter((column) => !existing.has(column.name));
  return createFrame([...replaced, ...added]);
}

export function withoutColumns(frame: Frame, names: Iterable<string>): Frame {
  const drop = new Set(names);
  return {
    columns: frame.columns.filter((column) => !drop.has(column.name)),
    rowCount: frame.rowCount,
  };
}

/** Replaces one column by several at its position (one-hot, text vectors, PCA). */
export function spliceColumn(frame: Frame, name: string, replacement: Column[]): Frame {
  const index = frame.columns.findIndex((column) => column.name === name);
  if (index < 0) return withColumns(frame, replacement);
  const columns = [...frame.columns];
  columns.splice(index, 1, ...replacement);
  return createFrame(columns);
}

/** Date.parse reads ISO 8601 reliably; other layouts may vary by engine, so NaN is expected. */
export function parseDateValue(text: string): number {
  return Date.parse(text.trim());
}

export function frameFromRecords(
  columns: string[],
  rows: (string | null)[][],
  kinds: Record<string, ColumnKind>,
): Frame {
  return createFrame(
    columns.map((name, j): Column => {
      const kind = kinds[name] ?? 'categorical';
      const cells = rows.map((row) => row[j] ?? null);
      if (kind === 'numeric' || kind === 'datetime') {
        const parse = kind === 'numeric' ? parseNumericValue : parseDateValue;
        const values = Float64Array.from(cells, (cell) =>
          cell === null ? Number.NaN : (parse(cell) ?? Number.NaN),
        );
        return { name, kind, values };
      }
      return { name, kind, values: cells };
    }),
  );
}
