/**
 * A large CSV parsed on two threads: its decoded text cut into segments of whole lines, each
 * parsed and converted to typed columns on its own (here or in the segment parser worker), and
 * the results put back together in file order by SegmentAssembler.
 *
 * Only text with no quote character is cut. There a line break always ends a record, so a
 * segment holds whole records and parses exactly as the same lines do inside the whole file.
 * With a quote anywhere, a line break may sit inside a quoted field, and the cut stops:
 * `splitCsvSegments` throws QuotedTextError and the import runs on one parser instead.
 */
import type { ColumnChunk, Delimiter, RaggedRowPolicy } from '../contracts/data';
import { ChunkAccumulator } from './columns';
import { detectNewline, isBlank, parsePiece, PARSE_PIECE_CHARS, type Newline } from './csv-stream';
import type { DecodedChunk } from './encoding';
import type { ColumnPlan, ValueOptions } from './infer';

export class QuotedTextError extends Error {
  constructor() {
    super('the text holds a quote character: cut into segments, a record could be split');
    this.name = 'QuotedTextError';
  }
}

/**
 * Rows in each part of a segment: full parts are handed over as they are, and the last one is
 * a view, so a segment allocates about what its rows take.
 */
export const SEGMENT_PART_ROWS = 8192;

/** A line longer than this is left to the single parser (which reports what is wrong). */
export const MAX_SEGMENT_CARRY_CHARS = 16 * 1024 * 1024;

export interface TextSegment {
  text: string;
  /** Bytes of the file read once this segment was cut (for progress). */
  bytesRead: number;
}

/**
 * Segments of whole lines, in file order: each decoded piece up to its last line break, the
 * rest carried to the next. Throws QuotedTextError at the first piece holding a quote, and
 * when a single line outgrows MAX_SEGMENT_CARRY_CHARS.
 */
export async function* splitCsvSegments(
  chunks: AsyncIterable<DecodedChunk>,
): AsyncGenerator<TextSegment & { newline: Newline }> {
  let carry = '';
  let newline: Newline | null = null;
  let bytesRead = 0;
  for await (const chunk of chunks) {
    bytesRead = chunk.bytesRead;
    if (chunk.text.includes('"')) throw new QuotedTextError();
    const text = carry + chunk.text;
    // As in readCsvRecords: a lone CR at the very end may be the first half of a CRLF.
    const cr = text.indexOf('\r');
    if (newline === null && (text.includes('\n') || (cr !== -1 && cr < text.length - 1))) {
      newline = detectNewline(text.slice(0, 65536));
    }
    const end = newline === null ? -1 : text.lastIndexOf(newline);
    if (newline === null || end === -1) {
      carry = text;
      if (carry.length > MAX_SEGMENT_CARRY_CHARS) throw new QuotedTextError();
      continue;
    }
    const cut = end + newline.length;
    carry = text.slice(cut);
    if (carry.length > MAX_SEGMENT_CARRY_CHARS) throw new QuotedTextError();
    yield { text: text.slice(0, cut), bytesRead: chunk.bytesRead, newline };
  }
  if (carry.length > 0 && carry.trim() !== '') {
    yield { text: carry, bytesRead, newline: newline ?? '\n' };
  }
}

export interface SegmentSpec {
  delimiter: Delimiter;
  newline: Newline;
  plans: ColumnPlan[];
  valueOptions: ValueOptions;
  raggedRows: RaggedRowPolicy;
  /** Records at the segment's start that are not data (the header, in the first segment). */
  skipRecords: number;
}

/** A run of rows as columns; typed arrays may be views longer buffers are behind. */
export interface SegmentPart {
  rows: number;
  chunks: ColumnChunk[];
}

export interface SegmentResult {
  parts: SegmentPart[];
  /** Non-blank records read, the skipped header and ragged rows included. */
  records: number;
  padded: number;
  skipped: number;
  invalidCounts: number[];
  /** Per column: this segment's own categorical dictionary (codes index into it), or null. */
  dictionaries: (string[] | null)[];
  /** The first ragged row when the policy is to fail: its 0-based record within the segment. */
  raggedFailure: { record: number; found: number } | null;
}

/** The records of a quote-free segment, parsed in pieces of whole lines. */
function* segmentRecords(text: string, spec: SegmentSpec): Generator<string[][]> {
  const { newline, delimiter } = spec;
  let at = 0;
  while (at < text.length) {
    let end = text.length;
    if (at + PARSE_PIECE_CHARS < text.length) {
      const before = text.lastIndexOf(newline, at + PARSE_PIECE_CHARS);
      const after = before > at ? before : text.indexOf(newline, at + PARSE_PIECE_CHARS);
      end = after === -1 ? text.length : after + newline.length;
    }
    const piece = text.slice(at, end);
    at = end;
    yield parsePiece(piece, delimiter, newline, true).data.filter((record) => !isBlank(record));
  }
}

/**
 * Parses and converts one segment, exactly as the single parser would treat these lines, into
 * columns with the segment's own categorical dictionaries. Synchronous: it runs whole, in the
 * segment parser worker or on the importing thread.
 */
export function parseCsvSegment(text: string, spec: SegmentSpec): SegmentResult {
  const width = spec.plans.length;
  const accumulator = new ChunkAccumulator(spec.plans, spec.valueOptions, SEGMENT_PART_ROWS);
  const parts: SegmentPart[] = [];
  let records = 0;
  let padded = 0;
  let skipped = 0;
  let raggedFailure: SegmentResult['raggedFailure'] = null;
  pieces: for (const batch of segmentRecords(text, spec)) {
    for (const record of batch) {
      const index = records++;
      if (index < spec.skipRecords) continue;
      let row = record;
      if (row.length !== width) {
        if (spec.raggedRows === 'fail') {
          raggedFailure = { record: index, found: row.length };
          break pieces;
        }
        if (spec.raggedRows === 'skip') {
          skipped++;
          continue;
        }
        padded++;
        if (row.length > width) row = row.slice(0, width);
      }
      accumulator.add(row);
      if (accumulator.isFull) {
        parts.push({ rows: SEGMENT_PART_ROWS, chunks: accumulator.takeChunk() });
      }
    }
  }
  if (accumulator.length > 0) {
    const rows = accumulator.length;
    parts.push({ rows, chunks: accumulator.takeLastRows() });
  }
  return {
    parts,
    records,
    padded,
    skipped,
    invalidCounts: [...accumulator.invalidCounts],
    dictionaries: accumulator.dictionaries(),
    raggedFailure,
  };
}
