/**
 * Streaming CSV records: decoded text pieces go through papaparse's low-level `Parser` with
 * `ignoreLastRow`, and the incomplete record at the end of each piece (possibly a quoted field
 * holding newlines) is carried over to the next piece, as papaparse's own ChunkStreamer does.
 * Decoding stays ours so that the encoding is explicit and Node tests need no FileReader.
 *
 * Invariants: records come out in file order; blank lines are skipped; `firstRecord` is the
 * 0-based index in the file of a batch's first record (blank lines not counted).
 */
import Papa from 'papaparse';
import type { Delimiter } from '../contracts/data';
import type { DecodedChunk } from './encoding';
import { ImportError } from './import-error';

/**
 * Characters handed to the parser at a time. Small pieces keep few parsed rows alive at once:
 * a garbage collection that runs mid-piece then copies fewer young strings and arrays, which
 * with 1 MB pieces was the largest single cost of an import.
 */
export const PARSE_PIECE_CHARS = 64 * 1024;

/** A single record longer than this is almost surely an unterminated quote. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

export interface RecordBatch {
  records: string[][];
  firstRecord: number;
  bytesRead: number;
}

export type Newline = '\r\n' | '\n' | '\r';

export function detectNewline(sample: string): Newline {
  const lf = sample.indexOf('\n');
  const cr = sample.indexOf('\r');
  if (lf === -1 && cr === -1) return '\n';
  if (cr === -1) return '\n';
  if (lf === -1) return '\r';
  return lf === cr + 1 ? '\r\n' : lf < cr ? '\n' : '\r';
}

function isBlank(record: string[]): boolean {
  return record.length === 1 && (record[0] as string).trim() === '';
}

interface ParsedPiece {
  data: string[][];
  errors: { code: string; row: number }[];
  meta: { cursor: number };
}

function parsePiece(text: string, delimiter: Delimiter, newline: Newline, isLast: boolean) {
  const parser = new Papa.Parser({ delimiter, newline, quoteChar: '"' });
  return parser.parse(text, 0, !isLast) as ParsedPiece;
}

export async function* readCsvRecords(
  chunks: AsyncIterable<DecodedChunk>,
  delimiter: Delimiter,
): AsyncGenerator<RecordBatch> {
  let partial = '';
  let newline: Newline | null = null;
  let recordCount = 0;
  let bytesRead = 0;
  const emit = (data: string[][]): RecordBatch => {
    const records = data.filter((record) => !isBlank(record));
    const batch = { records, firstRecord: recordCount, bytesRead };
    recordCount += records.length;
    return batch;
  };
  for await (const chunk of chunks) {
    bytesRead = chunk.bytesRead;
    for (let at = 0; at < chunk.text.length; at += PARSE_PIECE_CHARS) {
      const text = partial + chunk.text.slice(at, at + PARSE_PIECE_CHARS);
      if (newline === null) {
        // Wait for a line break that cannot be the first half of a CRLF split between pieces.
        const cr = text.indexOf('\r');
        if (!text.includes('\n') && (cr === -1 || cr === text.length - 1)) {
          partial = text;
          continue;
        }
        newline = detectNewline(text.slice(0, 65536));
      }
      const result = parsePiece(text, delimiter, newline, false);
      partial = text.slice(result.meta.cursor);
      if (partial.length > MAX_RECORD_CHARS) {
        throw new ImportError('error.data.unterminatedQuote', { row: recordCount + 1 });
      }
      if (result.data.length > 0) yield emit(result.data);
    }
  }
  if (partial.length === 0) return;
  const result = parsePiece(partial, delimiter, newline ?? '\n', true);
  const missingQuote = result.errors.find((error) => error.code === 'MissingQuotes');
  if (missingQuote) {
    const before = result.data.slice(0, missingQuote.row).filter((r) => !isBlank(r)).length;
    throw new ImportError('error.data.unterminatedQuote', { row: recordCount + before + 1 });
  }
  if (result.data.length > 0) yield emit(result.data);
}
