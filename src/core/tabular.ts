/**
 * A raw table of CSV cells and an encoder fitted on its training rows: numeric columns are
 * standardised, categorical columns one-hot encoded.
 *
 * Invariants: every statistic (means, standard deviations, category lists) comes from the
 * training rows only, so validation and test rows never leak into preprocessing. Matrix
 * columns are all numeric features in plan order, then one block per categorical feature in
 * plan order, each block in sorted category order; `featureNames` lists them in that order.
 * A missing numeric cell encodes as 0 (its training mean) and a missing or unseen category as
 * an all-zero block, so encoding never produces NaN.
 */

/** A cell as read from the file; null = missing. */
export type RawValue = string | null;

export interface RawTable {
  columns: string[];
  rows: RawValue[][];
}

/** Cell texts (after trimming) that mean "no value". */
export const DEFAULT_MISSING_MARKERS: readonly string[] = ['', 'NA', 'N/A', 'null', 'NaN', '?'];

export type ColumnKind = 'numeric' | 'categorical';

export interface ColumnPlan {
  name: string;
  kind: ColumnKind;
}

/** `std` is the population standard deviation over training rows, replaced by 1 when 0. */
export interface NumericEncoding {
  name: string;
  mean: number;
  std: number;
}

/** `categories` are the distinct training values in code-unit order. */
export interface CategoricalEncoding {
  name: string;
  categories: string[];
}

export interface TabularEncoder {
  numeric: NumericEncoding[];
  categorical: CategoricalEncoding[];
  width: number;
  featureNames: string[];
}

/** Decimal notation only: `Number()` would also accept '0x1f', 'Infinity' and ' '. */
const DECIMAL_PATTERN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The number a cell holds, or null when it is not a plain finite decimal. */
export function parseNumericValue(text: string): number | null {
  const trimmed = text.trim();
  if (!DECIMAL_PATTERN.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

/** Trims a cell and maps missing markers to null. */
export function toRawValue(
  text: string,
  missingMarkers: readonly string[] = DEFAULT_MISSING_MARKERS,
): RawValue {
  const trimmed = text.trim();
  return missingMarkers.includes(trimmed) ? null : trimmed;
}

/** Population mean and standard deviation; an empty or constant column gets std 1. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const count = values.length;
  if (count === 0) return { mean: 0, std: 1 };
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i] as number;
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += ((values[i] as number) - mean) ** 2;
  const std = Math.sqrt(squares / count);
  return { mean, std: std > 0 && Number.isFinite(std) ? std : 1 };
}

function columnIndex(table: RawTable, name: string): number {
  const index = table.columns.indexOf(name);
  if (index < 0) throw new RangeError(`unknown column "${name}"`);
  return index;
}

function cell(table: RawTable, row: number, column: number): RawValue {
  const values = table.rows[row];
  if (values === undefined) throw new RangeError(`row ${row} is outside the table`);
  return values[column] ?? null;
}

function numericCell(table: RawTable, row: number, column: number): number | null {
  const text = cell(table, row, column);
  if (text === null) return null;
  const value = parseNumericValue(text);
  if (value === null) {
    throw new RangeError(`column "${table.columns[column]}" row ${row} is not a number: "${text}"`);
  }
  return value;
}

/** Rows (ascending) with a missing value in any of `columns`. */
export function findRowsWithMissing(table: RawTable, columns: string[]): number[] {
  const indexes = columns.map((name) => columnIndex(table, name));
  const found: number[] = [];
  for (let row = 0; row < table.rows.length; row++) {
    if (indexes.some((column) => cell(table, row, column) === null)) found.push(row);
  }
  return found;
}

/** Throws RangeError for an unknown column or a numeric cell that is not a number. */
export function fitTabularEncoder(
  table: RawTable,
  plan: ColumnPlan[],
  trainRows: ArrayLike<number>,
): TabularEncoder {
  const numeric: NumericEncoding[] = [];
  const categorical: CategoricalEncoding[] = [];
  for (const { name, kind } of plan) {
    const column = columnIndex(table, name);
    if (kind === 'numeric') {
      const values: number[] = [];
      for (let i = 0; i < trainRows.length; i++) {
        const value = numericCell(table, trainRows[i] as number, column);
        if (value !== null) values.push(value);
      }
      numeric.push({ name, ...meanAndStd(values) });
    } else {
      const seen = new Set<string>();
      for (let i = 0; i < trainRows.length; i++) {
        const value = cell(table, trainRows[i] as number, column);
        if (value !== null) seen.add(value);
      }
      // Code-unit order, not localeCompare: the same on every platform and locale.
      categorical.push({ name, categories: [...seen].sort() });
    }
  }
  const featureNames = [
    ...numeric.map((encoding) => encoding.name),
    ...categorical.flatMap((encoding) =>
      encoding.categories.map((category) => `${encoding.name}=${category}`),
    ),
  ];
  return { numeric, categorical, width: featureNames.length, featureNames };
}

/** Row-major `rows.length × encoder.width` matrix. */
export function encodeFeatures(
  table: RawTable,
  encoder: TabularEncoder,
  rows: ArrayLike<number>,
): Float32Array {
  const width = encoder.width;
  const out = new Float32Array(rows.length * width);
  const numericColumns = encoder.numeric.map((encoding) => columnIndex(table, encoding.name));
  const categoricalColumns = encoder.categorical.map((encoding) => ({
    column: columnIndex(table, encoding.name),
    offsets: new Map(encoding.categories.map((category, i) => [category, i])),
  }));
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const base = i * width;
    encoder.numeric.forEach((encoding, k) => {
      const value = numericCell(table, row, numericColumns[k] as number);
      out[base + k] = value === null ? 0 : (value - encoding.mean) / encoding.std;
    });
    let blockStart = base + encoder.numeric.length;
    encoder.categorical.forEach((encoding, k) => {
      const { column, offsets } = categoricalColumns[k] as (typeof categoricalColumns)[number];
      const value = cell(table, row, column);
      const offset = value === null ? undefined : offsets.get(value);
      if (offset !== undefined) out[blockStart + offset] = 1;
      blockStart += encoding.categories.length;
    });
  }
  return out;
}

/**
 * Class indices for label cells. Declared classes fix the order (so label 0 means the same
 * class in every run and in the manifest); otherwise the distinct values in code-unit order.
 * Throws RangeError for a missing label or one outside the declared classes.
 */
export function encodeClassLabels(
  values: RawValue[],
  declaredClasses?: string[],
): { labels: Int32Array; classNames: string[] } {
  const missingAt = values.indexOf(null);
  if (missingAt >= 0) throw new RangeError(`label ${missingAt} is missing`);
  const present = values as string[];
  const classNames =
    declaredClasses !== undefined ? [...declaredClasses] : [...new Set(present)].sort();
  const indexOf = new Map<string, number>();
  classNames.forEach((name, i) => {
    if (!indexOf.has(name)) indexOf.set(name, i);
  });
  const labels = new Int32Array(present.length);
  present.forEach((value, i) => {
    const index = indexOf.get(value);
    if (index === undefined) throw new RangeError(`unknown class label "${value}" at row ${i}`);
    labels[i] = index;
  });
  return { labels, classNames };
}
