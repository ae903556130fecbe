/**
 * Reads a dataset the user imported (or generated) from its stored column chunks into a frame,
 * in the training worker. The chunks are already typed and columnar, so nothing is parsed again:
 * Float64 chunks are copied into one Float64Array per column, categorical codes are looked up
 * in the column's dictionary once, and the result takes the same route as a parsed CSV
 * (`projectStoredFrame` mirrors `frameFromCsv`'s checks and column order).
 *
 * Storage is reached through `StoredChunkSource`, a two-method port the worker fills from
 * src/storage, so this module stays free of IndexedDB and is tested with an in-memory fake.
 */
import type { FeatureSpec } from '../contracts/datasets';
import type {
  ColumnChunk,
  ColumnType,
  DatasetId,
  StoredColumn,
  StoredDatasetMeta,
} from '../contracts/data';
import { DICTIONARY_CHUNK, MISSING_CODE } from '../contracts/data';
import type { TrainRequest } from '../contracts/training';
import { createFrame, parseDateValue, type Column, type Frame } from '../core/frame';
import { parseNumericValue } from '../core/tabular';
import { columnKindOf, fail, type DatasetFrame, type PrepareFailure } from './prepare-dataset';

/** What the reader needs of storage; src/storage/dataset-store.ts provides both methods. */
export interface StoredChunkSource {
  getDataset(id: DatasetId): Promise<StoredDatasetMeta | null>;
  getChunk(id: DatasetId, column: number, chunkIndex: number): Promise<ColumnChunk | null>;
}

/** One stored column as read back: numbers (NaN = missing) or texts (null = missing). */
export type StoredValues =
  { type: ColumnType; numbers: Float64Array } | { type: ColumnType; texts: (string | null)[] };

/** Every column of a stored dataset, in stored order, with its row count. */
export interface StoredTable {
  names: string[];
  columns: StoredValues[];
  rows: number;
}

function isNumberType(type: ColumnType): boolean {
  return type !== 'categorical' && type !== 'text';
}

async function readColumn(
  source: StoredChunkSource,
  meta: StoredDatasetMeta,
  index: number,
  column: StoredColumn,
): Promise<StoredValues> {
  if (isNumberType(column.type)) {
    const numbers = new Float64Array(meta.rows).fill(Number.NaN);
    for (let chunkIndex = 0; chunkIndex < meta.chunkCount; chunkIndex++) {
      const chunk = await source.getChunk(meta.id, index, chunkIndex);
      if (chunk?.kind === 'float64') numbers.set(chunk.values, chunkIndex * meta.chunkRows);
    }
    return { type: column.type, numbers };
  }
  const dictionaryChunk =
    column.type === 'categorical' ? await source.getChunk(meta.id, index, DICTIONARY_CHUNK) : null;
  const dictionary = dictionaryChunk?.kind === 'dictionary' ? dictionaryChunk.values : [];
  const texts = new Array<string | null>(meta.rows).fill(null);
  for (let chunkIndex = 0; chunkIndex < meta.chunkCount; chunkIndex++) {
    const chunk = await source.getChunk(meta.id, index, chunkIndex);
    const offset = chunkIndex * meta.chunkRows;
    if (chunk?.kind === 'codes') {
      chunk.codes.forEach((code, row) => {
        texts[offset + row] = code === MISSING_CODE ? null : (dictionary[code] ?? null);
      });
    } else if (chunk?.kind === 'strings') {
      chunk.values.forEach((value, row) => (texts[offset + row] = value ?? null));
    }
  }
  return { type: column.type, texts };
}

/** The whole stored table, or null when no ready dataset has that id. */
export async function readStoredTable(
  source: StoredChunkSource,
  id: DatasetId,
): Promise<StoredTable | null> {
  const meta = await source.getDataset(id);
  if (!meta || meta.status !== 'ready') return null;
  const columns: StoredValues[] = [];
  for (const [index, column] of meta.columns.entries()) {
    columns.push(await readColumn(source, meta, index, column));
  }
  return { names: meta.columns.map((column) => column.name), columns, rows: meta.rows };
}

/** A stored number as the text a CSV of it would hold (what a categorical column expects). */
function numberText(value: number, type: ColumnType): string | null {
  if (Number.isNaN(value)) return null;
  if (type === 'boolean') return value === 1 ? 'true' : 'false';
  if (type === 'datetime') return new Date(value).toISOString();
  return String(value);
}

function toColumn(
  name: string,
  values: StoredValues,
  kind: Column['kind'],
): Column | PrepareFailure {
  if (kind === 'numeric' || kind === 'datetime') {
    if ('numbers' in values) return { name, kind, values: values.numbers };
    // A text column declared numeric: the parse rules a CSV cell gets, and a word is an error.
    const parse = kind === 'numeric' ? parseNumericValue : parseDateValue;
    const numbers = new Float64Array(values.texts.length);
    for (const [row, text] of values.texts.entries()) {
      const value = text === null ? Number.NaN : (parse(text) ?? Number.NaN);
      if (text !== null && kind === 'numeric' && Number.isNaN(value)) {
        return fail('error.dataset.parseFailed', { column: name, row: row + 1 });
      }
      numbers[row] = value;
    }
    return { name, kind, values: numbers };
  }
  const texts =
    'texts' in values
      ? values.texts
      : Array.from(values.numbers, (value) => numberText(value, values.type));
  return { name, kind, values: texts };
}

/**
 * The declared features present in the table, then the target, as `frameFromCsv` builds them
 * from a CSV: same failures (no target, no features, empty) and the same column kinds.
 */
export function projectStoredFrame(
  table: StoredTable,
  dataset: TrainRequest['dataset'],
): DatasetFrame | PrepareFailure {
  if (table.names.length === 0 || table.rows === 0) return fail('error.dataset.empty');
  const { target, task } = dataset;
  const targetIndex = table.names.indexOf(target);
  if (targetIndex < 0) return fail('error.dataset.targetMissing', { column: target });
  const columns: Column[] = [];
  const taken = new Set<string>([target]);
  for (const { name, type } of dataset.features as FeatureSpec[]) {
    const index = table.names.indexOf(name);
    if (taken.has(name) || index < 0) continue;
    taken.add(name);
    const column = toColumn(name, table.columns[index] as StoredValues, columnKindOf(type));
    if ('ok' in column) return column;
    columns.push(column);
  }
  if (columns.length === 0) return fail('error.dataset.noFeatures');
  const targetKind = task === 'regression' ? 'numeric' : 'categorical';
  const targetColumn = toColumn(target, table.columns[targetIndex] as StoredValues, targetKind);
  if ('ok' in targetColumn) return targetColumn;
  columns.push(targetColumn);
  const frame: Frame = createFrame(columns);
  return { ok: true, frame, rowsTotal: table.rows };
}

/** A dataset as the recipe path reads it: CSV text, a stored table's frame, or why neither. */
export type DatasetInput = string | DatasetFrame | PrepareFailure;

/**
 * Keeps the last stored table read, so editing a recipe does not re-read IndexedDB for every
 * preview; the request's features and target are applied per call. A failed read is not kept.
 */
export function createStoredLoader(read: (id: DatasetId) => Promise<StoredTable | null>) {
  let cached: { id: string; table: Promise<StoredTable | null> } | null = null;
  return async (dataset: TrainRequest['dataset'], id: string): Promise<DatasetInput> => {
    if (cached?.id !== id) {
      const table = read(id as DatasetId);
      cached = { id, table };
      table.catch(() => {
        if (cached?.table === table) cached = null;
      });
    }
    const table = await cached.table;
    if (table === null) {
      cached = null;
      return fail('error.dataset.notStored', { name: dataset.id });
    }
    return projectStoredFrame(table, dataset);
  };
}
