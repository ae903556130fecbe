/**
 * Turns a built-in dataset's CSV text into train/validation/test matrices; runs in the training
 * worker. A stop-gap until user recipes exist: rows with a missing value in a used column are
 * dropped, numeric features standardised, categorical ones one-hot encoded.
 *
 * Invariants: expected problems with the data come back as a `Failure` (an i18n code and its
 * params), never as a throw and never as NaN in a matrix; all statistics come from the training
 * rows; the same text, request and seed always give the same matrices. Row numbers in failure
 * params count data records from 1 (the header is not a record; blank lines are skipped).
 */
import Papa from 'papaparse';
import type { FeatureSpec } from '../contracts/datasets';
import type { ErrorCode, ErrorParams, Failure } from '../contracts/errors';
import type { PreparationSummary, TrainRequest } from '../contracts/training';
import { splitIndices } from '../core/split';
import {
  encodeClassLabels,
  encodeFeatures,
  findRowsWithMissing,
  fitTabularEncoder,
  meanAndStd,
  parseNumericValue,
  toRawValue,
  type ColumnPlan,
  type RawTable,
  type RawValue,
  type TabularEncoder,
} from '../core/tabular';

export interface PreparedDataset {
  ok: true;
  task: 'classification' | 'regression';
  width: number;
  /** [] for regression. */
  classNames: string[];
  /** y: class index (as float) or standardized target. */
  xTrain: Float32Array;
  yTrain: Float32Array;
  xVal: Float32Array;
  yVal: Float32Array;
  xTest: Float32Array;
  yTest: Float32Array;
  /** regression only: y was standardized with train mean/std; predictions are unscaled with these */
  targetScale: { mean: number; std: number } | null;
  encoder: TabularEncoder;
  /** parameterCount is 0 here; the trainer fills it. */
  summary: PreparationSummary;
}

/** Fewer rows than this cannot give every split part a row. */
const MIN_ROWS = 3;

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['numeric', 'integer', 'image-pixel']);
/**
 * Free text (auto_mpg's car names: 311 distinct values in 406 rows) and timestamps would become
 * near-unique one-hot columns that only memorise rows, so this stop-gap leaves them out.
 */
const SKIPPED_TYPES: ReadonlySet<string> = new Set(['text', 'datetime']);

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

function fail(code: ErrorCode, params?: ErrorParams): Failure {
  return params === undefined ? { ok: false, code } : { ok: false, code, params };
}

/** Declared features present in the file, minus the target and skipped types. */
export function planColumns(
  features: FeatureSpec[],
  columns: string[],
  target: string,
): ColumnPlan[] {
  const seen = new Set<string>();
  const plan: ColumnPlan[] = [];
  for (const { name, type } of features) {
    if (name === target || seen.has(name) || !columns.includes(name)) continue;
    if (SKIPPED_TYPES.has(type)) continue;
    seen.add(name);
    plan.push({ name, kind: NUMERIC_TYPES.has(type) ? 'numeric' : 'categorical' });
  }
  return plan;
}

/** The first used cell of a numeric column that is not a number, as failure params. */
function findNonNumeric(table: RawTable, columns: string[], rows: number[]): ErrorParams | null {
  for (const name of columns) {
    const column = table.columns.indexOf(name);
    for (const row of rows) {
      const text = table.rows[row]?.[column] ?? null;
      if (text !== null && parseNumericValue(text) === null) return { column: name, row: row + 1 };
    }
  }
  return null;
}

function pick<T>(values: ArrayLike<T>, positions: number[]): T[] {
  return positions.map((position) => values[position] as T);
}

function countClasses(labels: Int32Array, positions: number[], classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const position of positions) {
    const label = labels[position] as number;
    counts[label] = (counts[label] as number) + 1;
  }
  return counts;
}

export function prepareDataset(
  text: string,
  dataset: TrainRequest['dataset'],
  split: TrainRequest['split'],
  seed: number,
): PreparedDataset | Failure {
  let table: RawTable;
  try {
    table = parseCsv(text);
  } catch (error) {
    if (!(error instanceof CsvParseError)) throw error;
    return fail('error.dataset.parseFailed', error.row === null ? undefined : { row: error.row });
  }
  if (table.columns.length === 0 || table.rows.length === 0) return fail('error.dataset.empty');

  const { target, task } = dataset;
  const targetColumn = table.columns.indexOf(target);
  if (targetColumn < 0) return fail('error.dataset.targetMissing', { column: target });
  const plan = planColumns(dataset.features, table.columns, target);
  if (plan.length === 0) return fail('error.dataset.noFeatures');

  const dropped = new Set(findRowsWithMissing(table, [...plan.map((p) => p.name), target]));
  const usedRows = table.rows.map((_, row) => row).filter((row) => !dropped.has(row));
  const numericColumns = plan.filter((p) => p.kind === 'numeric').map((p) => p.name);
  const nonNumeric = findNonNumeric(
    table,
    task === 'regression' ? [...numericColumns, target] : numericColumns,
    usedRows,
  );
  if (nonNumeric) return fail('error.dataset.parseFailed', nonNumeric);
  if (usedRows.length < MIN_ROWS)
    return fail('error.dataset.tooFewRows', { rows: usedRows.length });

  // Every used row has a target cell (rows with a missing one were dropped).
  const targetValues = usedRows.map((row) => table.rows[row]?.[targetColumn] ?? null);
  let labels: Int32Array | null = null;
  let classNames: string[] = [];
  if (task === 'classification') {
    const declared = dataset.classes;
    if (declared !== undefined) {
      const unknown = targetValues.findIndex(
        (value) => value === null || !declared.includes(value),
      );
      if (unknown >= 0) {
        return fail('error.dataset.parseFailed', {
          column: target,
          row: (usedRows[unknown] as number) + 1,
        });
      }
    }
    ({ labels, classNames } = encodeClassLabels(targetValues, declared));
    if (new Set(labels).size < 2) return fail('error.dataset.singleClass');
  }

  let parts;
  try {
    parts = splitIndices(usedRows.length, split, seed, labels ?? undefined);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return fail('error.config.invalid', { field: 'split' });
  }
  const trainRows = pick(usedRows, parts.train);
  const valRows = pick(usedRows, parts.validation);
  const testRows = pick(usedRows, parts.test);
  const encoder = fitTabularEncoder(table, plan, trainRows);

  let yTrain: Float32Array;
  let yVal: Float32Array;
  let yTest: Float32Array;
  let targetScale: PreparedDataset['targetScale'] = null;
  if (labels !== null) {
    const classLabels = labels;
    const asFloats = (positions: number[]): Float32Array =>
      Float32Array.from(positions, (position) => classLabels[position] as number);
    yTrain = asFloats(parts.train);
    yVal = asFloats(parts.validation);
    yTest = asFloats(parts.test);
  } else {
    // Checked numeric above, so parse cannot return null here.
    const numbers = targetValues.map((value) => parseNumericValue(value ?? '') as number);
    targetScale = meanAndStd(pick(numbers, parts.train));
    const { mean, std } = targetScale;
    const standardise = (positions: number[]): Float32Array =>
      Float32Array.from(positions, (position) => ((numbers[position] as number) - mean) / std);
    yTrain = standardise(parts.train);
    yVal = standardise(parts.validation);
    yTest = standardise(parts.test);
  }

  const summary: PreparationSummary = {
    rowsTotal: table.rows.length,
    rowsDroppedMissing: dropped.size,
    rowsUsed: usedRows.length,
    split: { train: trainRows.length, validation: valRows.length, test: testRows.length },
    featureCount: encoder.width,
    numericFeatures: encoder.numeric.map((encoding) => encoding.name),
    categoricalFeatures: encoder.categorical.map((encoding) => encoding.name),
    parameterCount: 0,
  };
  if (labels !== null) {
    summary.classNames = classNames;
    summary.classCounts = {
      train: countClasses(labels, parts.train, classNames.length),
      validation: countClasses(labels, parts.validation, classNames.length),
      test: countClasses(labels, parts.test, classNames.length),
    };
  }

  return {
    ok: true,
    task,
    width: encoder.width,
    classNames,
    xTrain: encodeFeatures(table, encoder, trainRows),
    yTrain,
    xVal: encodeFeatures(table, encoder, valRows),
    yVal,
    xTest: encodeFeatures(table, encoder, testRows),
    yTest,
    targetScale,
    encoder,
    summary,
  };
}
