/**
 * The data worker's contract. `workers/data.worker.ts` builds an object that
 * `satisfies DataApi`; `src/bridge/data-client.ts` wraps it with comlink. Only plain data,
 * Blobs and typed arrays cross: files go in as Blobs, datasets are named by id and read back in
 * pages, never as whole row arrays.
 *
 * Row numbers in error params (`row`) are 1-based record numbers of the file, counting the
 * header record when there is one, so they match what a spreadsheet shows.
 */
import type { TextProfile } from '../core/text-profile';
import type { FeatureType } from './datasets';
import type { ErrorParams } from './errors';

export type DatasetId = string & { readonly brand: 'DatasetId' };

export type Delimiter = ',' | ';' | '\t' | '|';
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';
export type ThousandsSeparator = 'none' | ',' | '.' | ' ';
export type RaggedRowPolicy = 'pad' | 'skip' | 'fail';
/** `text`: a plain-text corpus, one record per line, stored as one text column. */
export type FileFormat = 'csv' | 'json' | 'ndjson' | 'text';
export type ColumnType = FeatureType;

export interface ImportOptions {
  /** Dataset name; defaults to the file name without its extension. */
  name?: string;
  delimiter: 'auto' | Delimiter;
  encoding: 'auto' | TextEncodingName;
  hasHeader: 'auto' | boolean;
  /** Trimmed cell texts that mean "no value". */
  missingMarkers: string[];
  thousandsSeparator: ThousandsSeparator;
  decimalComma: boolean;
  raggedRows: RaggedRowPolicy;
  /** Column name (after header clean-up) → forced type. */
  columnTypes: Record<string, ColumnType>;
}

export interface ImportProgress {
  jobId: number;
  bytesRead: number;
  totalBytes: number;
  rowsRead: number;
}

/** Error codes of the data worker; i18n keys under `error.data.`. */
export type DataErrorCode =
  | 'error.data.empty'
  | 'error.data.headerOnly'
  | 'error.data.binary'
  | 'error.data.unterminatedQuote'
  | 'error.data.raggedRow'
  | 'error.data.invalidJson'
  | 'error.data.notRecords'
  | 'error.data.quota'
  | 'error.data.textTooLarge'
  | 'error.data.notFound'
  | 'error.data.busy'
  | 'error.data.workerCrashed';

/** Non-fatal findings of an import; i18n keys under `warning.data.`. */
export type DataWarningCode =
  | 'warning.data.duplicateColumn'
  | 'warning.data.emptyColumnName'
  | 'warning.data.raggedPadded'
  | 'warning.data.raggedSkipped'
  | 'warning.data.invalidValues'
  | 'warning.data.extraKeys';

export interface DataWarning {
  code: DataWarningCode;
  params: ErrorParams;
}

export interface DataFailure {
  status: 'failed';
  code: DataErrorCode;
  params: ErrorParams;
}

export type ImportOutcome =
  | { status: 'imported'; dataset: StoredDatasetMeta; warnings: DataWarning[] }
  | { status: 'cancelled' }
  | DataFailure;

export interface StoredColumn {
  name: string;
  type: ColumnType;
  /** Values that did not fit the type and were stored as missing. */
  invalidCount: number;
}

export interface StoredDatasetMeta {
  id: DatasetId;
  name: string;
  kind: 'table' | 'images' | 'text';
  /** `pending` while an import writes chunks; only `ready` datasets are listed. */
  status: 'pending' | 'ready';
  rows: number;
  columns: StoredColumn[];
  /** Rows per stored chunk; chunk i holds rows [i·chunkRows, (i+1)·chunkRows). */
  chunkRows: number;
  chunkCount: number;
  /** Bytes of the stored column chunks (typed arrays; strings at 2 bytes a character). */
  sizeBytes: number;
  createdAt: number;
  source: {
    fileName: string;
    format: FileFormat;
    encoding: TextEncodingName;
    delimiter: Delimiter | null;
    fileBytes: number;
  };
}

/** Missing categorical cells hold this code. */
export const MISSING_CODE = 0xffffffff;

/**
 * One stored chunk of one column. numeric, integer, boolean (0/1) and datetime (epoch ms, UTC)
 * are Float64 with NaN for missing; categorical is codes into the column's dictionary (stored
 * once, under chunk index DICTIONARY_CHUNK); text is strings with null for missing.
 */
export type ColumnChunk =
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'codes'; codes: Uint32Array }
  | { kind: 'strings'; values: (string | null)[] }
  | { kind: 'dictionary'; values: string[] };

export const DICTIONARY_CHUNK = -1;

export interface NumericSummary {
  min: number;
  max: number;
  mean: number;
  /** Sample standard deviation (n − 1). */
  std: number;
  /** [q1, median, q3], linear interpolation between order statistics (numpy's default). */
  quartiles: [number, number, number];
  /** False when the quartiles and histogram come from a uniform sample of a huge column. */
  isExact: boolean;
}

export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface ColumnProfile {
  name: string;
  type: ColumnType;
  count: number;
  missing: number;
  missingShare: number;
  /** Distinct non-missing values; a lower bound when `distinctIsCapped`. */
  distinct: number;
  distinctIsCapped: boolean;
  numeric: NumericSummary | null;
  histogram: HistogramBin[] | null;
  topCategories: { value: string; count: number }[] | null;
  /** First distinct non-missing values, as text. */
  samples: string[];
}

export interface DatasetProfile {
  datasetId: DatasetId;
  rows: number;
  columns: ColumnProfile[];
  /** Pearson correlation of numeric-like columns (pairwise complete rows); NaN when undefined. */
  correlation: { columns: string[]; matrix: number[][] };
  /** Text corpora only: characters, words, vocabulary and top tokens of the whole text. */
  text?: TextProfile;
}

export type Cell = number | string | null;

export interface RowPage {
  start: number;
  /** Row-major cells: numbers for numeric-like columns (datetime in epoch ms), text otherwise. */
  rows: Cell[][];
}

export interface SniffResult {
  format: FileFormat;
  encoding: TextEncodingName;
  delimiter: Delimiter | null;
  hasHeader: boolean;
  columns: { name: string; type: ColumnType }[];
  /** Up to SNIFF_PREVIEW_ROWS parsed records (after the header), cells as read. */
  rows: (string | null)[][];
}

export const SNIFF_PREVIEW_ROWS = 20;

export type SniffOutcome = ({ status: 'ok' } & SniffResult) | DataFailure;

export interface StorageEstimate {
  usage: number;
  quota: number;
  persisted: boolean;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = {
  delimiter: 'auto',
  encoding: 'auto',
  hasHeader: 'auto',
  missingMarkers: ['', 'NA', 'N/A', 'null', 'NaN', '?'],
  thousandsSeparator: 'none',
  decimalComma: false,
  raggedRows: 'pad',
  columnTypes: {},
};

export type ImportProgressHandler = (progress: ImportProgress) => void;

/**
 * `blocked`: another tab keeps an older version of the database open, so an upgrade waits;
 * `blocking`: another tab wants to upgrade, so this one closed its connection (reload needed).
 */
export type StorageEvent = 'blocked' | 'blocking';
export type StorageEventHandler = (event: StorageEvent) => void;

export interface DataApi {
  sniff(file: Blob, options?: Partial<ImportOptions>): Promise<SniffOutcome>;
  /** One job at a time: a second import while one runs resolves failed `error.data.busy`. */
  importFile(
    jobId: number,
    file: Blob,
    fileName: string,
    options: Partial<ImportOptions>,
    onProgress?: ImportProgressHandler,
  ): Promise<ImportOutcome>;
  /** Cooperative: the import stops at its next chunk and removes what it wrote. */
  cancel(jobId: number): void;
  listDatasets(): Promise<StoredDatasetMeta[]>;
  getDataset(id: DatasetId): Promise<StoredDatasetMeta | null>;
  getProfile(id: DatasetId): Promise<DatasetProfile | null>;
  readRows(id: DatasetId, start: number, count: number): Promise<RowPage>;
  renameDataset(id: DatasetId, name: string): Promise<StoredDatasetMeta | null>;
  deleteDataset(id: DatasetId): Promise<boolean>;
  exportCsv(id: DatasetId): Promise<Blob | null>;
  /** Usage and quota as the worker sees them; `persisted` from navigator.storage.persisted(). */
  storageEstimate(): Promise<StorageEstimate>;
  /** Registers the one handler for database blocked/blocking events (latest wins). */
  watchStorage(handler: StorageEventHandler): void;
}
