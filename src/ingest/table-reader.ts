/**
 * Opens a file as a table: detects encoding, format, delimiter and header from its first
 * bytes (each overridable), cleans column names, and yields the data rows as text cells in
 * batches. The first INFER_ROWS data rows are read ahead so that types can be inferred before
 * anything is stored; the batches that follow stream.
 */
import type {
  DataWarning,
  Delimiter,
  FileFormat,
  ImportOptions,
  TextEncodingName,
} from '../contracts/data';
import { readCsvRecords } from './csv-stream';
import {
  decodeBlob,
  detectEncoding,
  looksBinary,
  readHead,
  SNIFF_BYTES,
  type DecodedChunk,
} from './encoding';
import { ImportError } from './import-error';
import type { ValueOptions } from './infer';
import { readJsonArray, readNdjson, toCell } from './json-stream';
import {
  cleanColumnNames,
  defaultColumnNames,
  detectDelimiter,
  detectFormat,
  detectHeader,
} from './sniff';

export const INFER_ROWS = 1000;

export interface RowBatch {
  rows: (string | null)[][];
  /** 1-based record number in the file of rows[0], header included. */
  firstRow: number;
  bytesRead: number;
}

export interface TableSource {
  format: FileFormat;
  encoding: TextEncodingName;
  delimiter: Delimiter | null;
  hasHeader: boolean;
  names: string[];
  warnings: DataWarning[];
  /** Data rows read ahead (at most INFER_ROWS, or all when the file is short). */
  head: (string | null)[][];
  /** All data rows, `head` first. */
  batches: AsyncGenerator<RowBatch>;
}

export function valueOptionsOf(options: ImportOptions): ValueOptions {
  return {
    missingMarkers: options.missingMarkers,
    thousandsSeparator: options.thousandsSeparator,
    decimalComma: options.decimalComma,
  };
}

async function detectText(blob: Blob, options: ImportOptions) {
  if (blob.size === 0) throw new ImportError('error.data.empty');
  const head = await readHead(blob, SNIFF_BYTES);
  const encoding = options.encoding === 'auto' ? detectEncoding(head).encoding : options.encoding;
  const sample = new TextDecoder(encoding).decode(head, { stream: blob.size > head.length });
  if (looksBinary(sample, options.encoding === 'auto')) throw new ImportError('error.data.binary');
  if (sample.trim() === '') throw new ImportError('error.data.empty');
  return { encoding, sample, isWhole: blob.size <= head.length };
}

/** Pulls batches until `count` data rows are buffered; returns them and the rest. */
async function readAhead(batches: AsyncGenerator<RowBatch>, count: number) {
  const head: RowBatch[] = [];
  let rows = 0;
  while (rows < count) {
    const next = await batches.next();
    if (next.done) break;
    head.push(next.value);
    rows += next.value.rows.length;
  }
  async function* all(): AsyncGenerator<RowBatch> {
    yield* head;
    yield* batches;
  }
  return { head: head.flatMap((batch) => batch.rows).slice(0, count), batches: all() };
}

export async function openTable(
  blob: Blob,
  fileName: string,
  options: ImportOptions,
): Promise<TableSource> {
  const { encoding, sample, isWhole } = await detectText(blob, options);
  const format = detectFormat(sample, fileName);
  const chunks = decodeBlob(blob, encoding);
  if (format === 'text') return openLines(encoding, chunks);
  if (format !== 'csv') return openJson(format, encoding, chunks);

  const delimiter =
    options.delimiter === 'auto' ? detectDelimiter(sample, isWhole) : options.delimiter;
  const records = readCsvRecords(chunks, delimiter);
  const first = await records.next();
  if (first.done) throw new ImportError('error.data.empty');
  const firstBatch = first.value;
  const hasHeader =
    options.hasHeader === 'auto'
      ? detectHeader(firstBatch.records.slice(0, 50), valueOptionsOf(options))
      : options.hasHeader;
  const headerRecord = firstBatch.records[0] ?? [];
  const { names, warnings } = hasHeader
    ? cleanColumnNames(headerRecord)
    : { names: defaultColumnNames(headerRecord.length), warnings: [] };
  const skip = hasHeader ? 1 : 0;
  async function* dataRows(): AsyncGenerator<RowBatch> {
    yield {
      rows: firstBatch.records.slice(skip),
      firstRow: skip + 1,
      bytesRead: firstBatch.bytesRead,
    };
    for await (const batch of records) {
      yield { rows: batch.records, firstRow: batch.firstRecord + 1, bytesRead: batch.bytesRead };
    }
  }
  const ahead = await readAhead(dataRows(), INFER_ROWS);
  if (ahead.head.length === 0)
    throw new ImportError(hasHeader ? 'error.data.headerOnly' : 'error.data.empty');
  return { format, encoding, delimiter, hasHeader, names, warnings, ...ahead };
}

async function openJson(
  format: 'json' | 'ndjson',
  encoding: TextEncodingName,
  chunks: AsyncGenerator<DecodedChunk>,
): Promise<TableSource> {
  const objects = format === 'json' ? readJsonArray(chunks) : readNdjson(chunks);
  // A holder, not a `let`: the generator below fills it in while readAhead runs.
  const columns: { keys: string[] | null } = { keys: null };
  let extraKeys = 0;
  const warnings: DataWarning[] = [];
  async function* rows(): AsyncGenerator<RowBatch> {
    for await (const batch of objects) {
      // Columns are the keys of the first records, in order of first appearance.
      if (columns.keys === null) {
        const seen = new Set<string>();
        for (const object of batch.objects.slice(0, INFER_ROWS))
          for (const key of Object.keys(object)) seen.add(key);
        columns.keys = [...seen];
      }
      const keys = columns.keys;
      const known = new Set(keys);
      const cells = batch.objects.map((object) => {
        for (const key of Object.keys(object)) if (!known.has(key)) extraKeys++;
        return keys.map((key) => toCell(object[key]));
      });
      yield { rows: cells, firstRow: batch.firstRecord + 1, bytesRead: batch.bytesRead };
    }
    if (extraKeys > 0)
      warnings.push({ code: 'warning.data.extraKeys', params: { count: extraKeys } });
  }
  const ahead = await readAhead(rows(), INFER_ROWS);
  if (ahead.head.length === 0 || columns.keys === null) throw new ImportError('error.data.empty');
  const cleaned = cleanColumnNames(columns.keys);
  warnings.push(...cleaned.warnings);
  return {
    format,
    encoding,
    delimiter: null,
    hasHeader: true,
    names: cleaned.names,
    warnings,
    ...ahead,
  };
}

/** Lines per batch of a text corpus. */
const LINES_PER_BATCH = 10_000;

/**
 * Splits decoded text into lines (CRLF, CR or LF, also when a CRLF is cut between two decoded
 * pieces); a final line break ends the last line rather than starting an empty one.
 */
export async function* readLines(
  chunks: AsyncIterable<DecodedChunk>,
): AsyncGenerator<{ lines: string[]; firstLine: number; bytesRead: number }> {
  let carry = '';
  let pendingCr = false;
  let lineNumber = 1;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    bytesRead = chunk.bytesRead;
    let text = chunk.text;
    // A CR that ended the previous piece already closed its line; its LF must not open one.
    if (pendingCr && text.startsWith('\n')) text = text.slice(1);
    pendingCr = text.endsWith('\r');
    const parts = (carry + text).split(/\r\n|\r|\n/);
    carry = parts.pop() ?? '';
    for (let start = 0; start < parts.length; start += LINES_PER_BATCH) {
      const lines = parts.slice(start, start + LINES_PER_BATCH);
      yield { lines, firstLine: lineNumber, bytesRead };
      lineNumber += lines.length;
    }
  }
  if (carry !== '') yield { lines: [carry], firstLine: lineNumber, bytesRead };
}

/** A text corpus as a one-column table: each line is a row of the column `text`. */
async function openLines(
  encoding: TextEncodingName,
  chunks: AsyncGenerator<DecodedChunk>,
): Promise<TableSource> {
  async function* rows(): AsyncGenerator<RowBatch> {
    for await (const batch of readLines(chunks)) {
      yield {
        rows: batch.lines.map((line) => [line]),
        firstRow: batch.firstLine,
        bytesRead: batch.bytesRead,
      };
    }
  }
  const ahead = await readAhead(rows(), INFER_ROWS);
  if (ahead.head.length === 0) throw new ImportError('error.data.empty');
  return {
    format: 'text',
    encoding,
    delimiter: null,
    hasHeader: false,
    names: ['text'],
    warnings: [],
    ...ahead,
  };
}
