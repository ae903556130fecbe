/**
 * Segment parser: a worker the data worker starts for large CSV imports. It parses and converts
 * one segment of whole lines at a time (src/ingest/csv-segments.ts) and hands the columns back
 * with their buffers transferred, while the data worker parses the next segment itself.
 */
import { expose, transfer } from 'comlink';
import { parseCsvSegment, type SegmentSpec } from '../src/ingest/csv-segments';
import type { SegmentParser } from '../src/ingest/segment-import';
import { buffersOf } from './chunk-buffers';

expose({
  parse(text: string, spec: SegmentSpec) {
    const result = parseCsvSegment(text, spec);
    const buffers = buffersOf(result.parts.flatMap((part) => part.chunks));
    return Promise.resolve(transfer(result, buffers));
  },
} satisfies SegmentParser);
