/**
 * Reads a dataset's CSV text into a raw table, then into a frame of its declared features and
 * target; runs in the training worker. (The spine's stop-gap preparation that lived here is
 * replaced by the recipe path, prepare-recipe.ts.)
 *
 * Invariants: the first record is the header; cells are trimmed and missing markers become
 * null; bad quoting or a record wider than the header is a CsvParseError whose `row` counts
 * data records from 1 (the header is not a record; blank lines are skipped).
 */
import Papa from 'papaparse';
import type { FeatureSpec } from '../contracts/datasets';
import type { ErrorParams } from '../contracts/errors';
import type { FailureCode, TrainRequest } from '../contracts/training';
import { frameFromRecords, type ColumnKind, type Frame } from '../core/frame';
import { parseNumericValue, toRawValue, type RawTable, type RawValue } from '../core/tabular';

/** A CSV that papaparse cannot read as a table; `row` counts records from 1. */
export class CsvParseError extends Error {
  override name = 'CsvParseError';
  constructor(
    message: string,
    readonly row: number | null,
  ) {
    super(message);
  }
}

/**
 * First record = header (names trimmed), cells trimmed, missing markers → null. Short records
 * are padded with null (missing); throws CsvParseError for bad quoting or extra fields.
 */
export function parseCsv(text: string): RawTable {
  const result = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    header: false,
    skipEmptyLines: 'greedy',
  });
  // A one-column file has no delimiter to detect; papaparse reports that but parses it fine.
  const fatal = result.errors.find((error) => error.code !== 'UndetectableDelimiter');
  if (fatal) {
    throw new CsvParseError(fatal.message, fatal.row === undefined ? null : fatal.row);
  }
  const [header, ...records] = result.data;
  if (header === undefined) return { columns: [], rows: [] };
  const columns = header.map((name) => name.trim());
  const rows = records.map((record, i) => {
    if (record.length > columns.length) {
      throw new CsvParseError(
        `record ${i + 1} has ${record.length} fields, the header ${columns.length}`,
        i + 1,
      );
    }
    return columns.map((_, column): RawValue => {
      const text = record[column];
      return text === undefined ? null : toRawValue(text);
    });
  });
  return { columns, rows };
}

export interface PrepareFailure {
  ok: false;
  code: FailureCode;
  params?: ErrorParams;
}

export function fail(code: FailureCode, params?: ErrorParams): PrepareFailure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}

/** Manifest feature types → frame column kinds; anything unknown is treated as categorical. */
export function columnKindOf(type: string): ColumnKind {
  if (type === 'numeric' || type === 'integer' || type === 'image-pixel') return 'numeric';
  if (type === 'datetime') return 'datetime';
  if (type === 'text') return 'text';
  return 'categorical';
}

export interface DatasetFrame {
  ok: true;
  /** Declared features present in the file, then the target. */
  frame: Frame;
  rowsTotal: number;
}

/** Parses the CSV into a frame of the declared features and the target, checking numbers. */
export function frameFromCsv(
  text: string,
  dataset: TrainRequest['dataset'],
): DatasetFrame | PrepareFailure {
  let table;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    return fail('error.dataset.parseFailed', error.row === null ? undefined : { row: error.row });
  }
  if (table.columns.length === 0 || table.rows.length === 0) return fail('error.dataset.empty');
  const { target, task } = dataset;
  if (!table.columns.includes(target))
    return fail('error.dataset.targetMissing', { column: target });

  const kinds: Record<string, ColumnKind> = {};
  const names: string[] = [];
  for (const { name, type } of dataset.features as FeatureSpec[]) {
    if (name === target || name in kinds || !table.columns.includes(name)) continue;
    kinds[name] = columnKindOf(type);
    names.push(name);
  }
  if (names.length === 0) return fail('error.dataset.noFeatures');
  kinds[target] = task === 'regression' ? 'numeric' : 'categorical';
  names.push(target);

  const positions = names.map((name) => table.columns.indexOf(name));
  const rows = table.rows.map((row) => positions.map((position) => row[position] ?? null));
  const declared = task === 'classification' ? dataset.classes : undefined;
  if (declared) {
    // A manifest may name the classes of a file that holds their indices (fashion_mnist's label
    // 9 is 'Ankle boot'): an index that is not itself a class name stands for that class.
    const last = names.length - 1;
    for (const row of rows) {
      const cell = row[last] ?? null;
      if (cell === null || declared.includes(cell) || !/^\d+$/.test(cell)) continue;
      row[last] = declared[Number(cell)] ?? cell;
    }
  }
  // A number column with a word in it is a data error, not a missing value.
  for (let j = 0; j < names.length; j++) {
    const name = names[j] as string;
    if (kinds[name] !== 'numeric') continue;
    const bad = rows.findIndex((row) => {
      const cell = row[j] ?? null;
      return cell !== null && parseNumericValue(cell) === null;
    });
    if (bad >= 0) return fail('error.dataset.parseFailed', { column: name, row: bad + 1 });
  }
  return { ok: true, frame: frameFromRecords(names, rows, kinds), rowsTotal: table.rows.length };
}
