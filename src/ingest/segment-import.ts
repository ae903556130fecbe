/**
 * The two-thread CSV import: segments of the file go alternately to the segment parser (a
 * worker) and to this thread, and come back together in file order. While this thread parses a
 * segment, the worker parses the one before it; each finished pair is assembled onto the chunk
 * grid and handed to the sink. At most two segments (~8 MB of text) are in flight.
 *
 * It gives up, before anything of the dataset is committed, when the text holds a quote (see
 * csv-segments.ts) or the worker fails; the caller then imports on one parser from the start.
 */
import type { ColumnChunk, Delimiter, RaggedRowPolicy, TextEncodingName } from '../contracts/data';
import {
  parseCsvSegment,
  QuotedTextError,
  splitCsvSegments,
  type SegmentResult,
  type SegmentSpec,
  type TextSegment,
} from './csv-segments';
import { decodeBlob, READ_CHUNK_BYTES } from './encoding';
import { ImportError } from './import-error';
import type { ColumnPlan, ValueOptions } from './infer';
import { SegmentAssembler } from './segment-assembler';

/** Parses segments on another thread. */
export interface SegmentParser {
  parse(text: string, spec: SegmentSpec): Promise<SegmentResult>;
}

/** Files smaller than this are imported on one parser: a second thread would not pay for itself. */
export const SEGMENT_IMPORT_MIN_BYTES = 8 * 1024 * 1024;

export interface SegmentImportArgs {
  file: Blob;
  encoding: TextEncodingName;
  delimiter: Delimiter;
  hasHeader: boolean;
  plans: ColumnPlan[];
  valueOptions: ValueOptions;
  raggedRows: RaggedRowPolicy;
  chunkRows: number;
  parser: SegmentParser;
  /** Takes each finished grid chunk (the sink, through the import's flush). */
  emit: (chunks: ColumnChunk[]) => Promise<void>;
  /** Called after each assembled pair: progress, a yield; true stops the import (cancel). */
  between: (bytesRead: number, rows: number) => Promise<boolean>;
  /** Bytes read and cut at a time (tests make it small to get many segments). */
  readBytes?: number;
}

export type SegmentImportOutcome =
  | { status: 'done'; assembler: SegmentAssembler }
  | { status: 'cancelled' }
  | { status: 'fallback'; reason: 'quoted' | 'parser-failed' };

interface Cut extends TextSegment {
  spec: SegmentSpec;
}

export async function importSegments(args: SegmentImportArgs): Promise<SegmentImportOutcome> {
  const assembler = new SegmentAssembler(args.plans, args.chunkRows, args.emit);
  const segments = splitCsvSegments(
    decodeBlob(args.file, args.encoding, args.readBytes ?? READ_CHUNK_BYTES),
  );
  let index = 0;
  const nextCut = async (): Promise<Cut | null> => {
    const next = await segments.next();
    if (next.done) return null;
    const { text, bytesRead, newline } = next.value;
    const spec: SegmentSpec = {
      delimiter: args.delimiter,
      newline,
      plans: args.plans,
      valueOptions: args.valueOptions,
      raggedRows: args.raggedRows,
      skipRecords: index++ === 0 && args.hasHeader ? 1 : 0,
    };
    return { text, bytesRead, spec };
  };
  const dispatch = (cut: Cut) => {
    const result = args.parser.parse(cut.text, cut.spec);
    // Marked handled here: a result left behind by a cancel or an error is never awaited.
    result.catch(() => undefined);
    return { result, bytesRead: cut.bytesRead };
  };
  const assemble = async (segment: SegmentResult): Promise<void> => {
    if (segment.raggedFailure) {
      throw new ImportError('error.data.raggedRow', {
        row: assembler.records + segment.raggedFailure.record + 1,
        expected: args.plans.length,
        found: segment.raggedFailure.found,
      });
    }
    await assembler.add(segment);
  };

  try {
    let next = await nextCut();
    let remote = next ? dispatch(next) : null;
    if (next) next = await nextCut();
    while (remote) {
      // This thread parses the segment after the worker's, then hands the worker the next one
      // before assembling, so that neither waits on the sink's writes.
      let here: SegmentResult | null = null;
      let bytesRead = remote.bytesRead;
      if (next) {
        here = parseCsvSegment(next.text, next.spec);
        bytesRead = next.bytesRead;
        next = await nextCut();
      }
      let fromWorker: SegmentResult;
      try {
        fromWorker = await remote.result;
      } catch (error) {
        if (error instanceof ImportError) throw error;
        return { status: 'fallback', reason: 'parser-failed' };
      }
      remote = next ? dispatch(next) : null;
      if (next) next = await nextCut();
      await assemble(fromWorker);
      if (here) await assemble(here);
      if (await args.between(bytesRead, assembler.rows)) return { status: 'cancelled' };
    }
    await assembler.finish();
    return { status: 'done', assembler };
  } catch (error) {
    if (error instanceof QuotedTextError) return { status: 'fallback', reason: 'quoted' };
    throw error;
  } finally {
    await segments.return(undefined);
  }
}
