/**
 * The data worker's side of the segment parser (csv-segment.worker.ts): started at the first
 * large CSV import and kept. A parser that dies, or cannot start, fails only its segment: the
 * import then starts again on the data worker's own parser, and the next import starts a new
 * worker. Where a worker cannot start workers, there is no segment parser at all.
 */
import { wrap } from 'comlink';
import type { SegmentParser } from '../src/ingest/segment-import';

function startParser(onDeath: () => void): SegmentParser {
  const worker = new Worker(new URL('./csv-segment.worker.ts', import.meta.url), {
    type: 'module',
  });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      // Handled here: unhandled, it would reach the page as a crash of the data worker.
      event.preventDefault();
      onDeath();
      worker.terminate();
      reject(new Error(`segment parser failed: ${event.message ?? 'unknown error'}`));
    });
  });
  died.catch(() => undefined);
  const remote = wrap<SegmentParser>(worker);
  return { parse: (text, spec) => Promise.race([remote.parse(text, spec), died]) };
}

export function segmentParserOnWorker(): SegmentParser | undefined {
  if (typeof Worker === 'undefined') return undefined;
  let parser: SegmentParser | null = null;
  return {
    parse(text, spec) {
      parser ??= startParser(() => {
        parser = null;
      });
      return parser.parse(text, spec);
    },
  };
}
