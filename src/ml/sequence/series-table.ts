/**
 * Reads a time-series CSV for forecasting: the numeric columns (a column counts as numeric when
 * every value parses as a finite number) in file order, which is time order, and the labels of
 * the time column. Text columns such as a weather label are left out.
 */
import Papa from 'papaparse';

export interface SeriesTable {
  /** Numeric column names and values, in file column order. */
  names: string[];
  columns: Float64Array[];
  /** One label per row: the time column's text, or the row number from 1. */
  labels: string[];
}

export type SeriesTableResult =
  | { ok: true; table: SeriesTable }
  | { ok: false; code: 'error.dataset.parseFailed' | 'error.dataset.empty' };

export function readSeriesTable(text: string, timeColumn: string | null): SeriesTableResult {
  const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  if (!header || header.length === 0) return { ok: false, code: 'error.dataset.parseFailed' };
  if (rows.length === 0) return { ok: false, code: 'error.dataset.empty' };
  const names: string[] = [];
  const columns: Float64Array[] = [];
  header.forEach((name, c) => {
    if (name === timeColumn) return;
    const values = new Float64Array(rows.length);
    for (let r = 0; r < rows.length; r++) {
      const cell = rows[r]?.[c]?.trim() ?? '';
      const value = cell === '' ? Number.NaN : Number(cell);
      if (!Number.isFinite(value)) return;
      values[r] = value;
    }
    names.push(name);
    columns.push(values);
  });
  const timeIndex = timeColumn === null ? -1 : header.indexOf(timeColumn);
  const labels = rows.map((row, r) => (timeIndex >= 0 ? (row[timeIndex] ?? '') : String(r + 1)));
  return { ok: true, table: { names, columns, labels } };
}
