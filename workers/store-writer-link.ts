/**
 * The data worker's side of the store writer (store-writer.worker.ts): started on the first
 * import and kept, its chunks' buffers transferred rather than copied. A writer that dies fails
 * the import it was writing (the import then discards what was stored) and is replaced at the
 * next import. Where a worker cannot start workers, or the writer fails to start, imports write
 * on the data worker's thread.
 */
import { transfer, wrap, type Endpoint } from 'comlink';
import type { ColumnChunk, DatasetId } from '../src/contracts/data';
import type { DatasetStore } from '../src/ingest/store-port';
import {
  createRemoteSink,
  createStoreSink,
  type ChunkSinkFactory,
  type SinkColumn,
  type StoreWriterApi,
} from '../src/ingest/chunk-sink';

/** Each typed array's buffer once (string chunks are cloned). */
export function buffersOf(chunks: readonly ColumnChunk[]): Transferable[] {
  const buffers = new Set<Transferable>();
  for (const chunk of chunks) {
    if (chunk.kind === 'float64') buffers.add(chunk.values.buffer);
    else if (chunk.kind === 'codes') buffers.add(chunk.codes.buffer);
  }
  return [...buffers];
}

/**
 * The writer at the other end of `endpoint`, with each chunk's buffers transferred; every call
 * also rejects once `died` does (a worker that crashed never answers).
 */
export function writerOver(
  endpoint: Endpoint,
  died: Promise<never> = new Promise<never>(() => undefined),
): StoreWriterApi {
  const remote = wrap<StoreWriterApi>(endpoint);
  const guard = <T>(call: Promise<T>): Promise<T> => Promise.race([call, died]);
  return {
    begin: (datasetId: DatasetId, columns: SinkColumn[]) => guard(remote.begin(datasetId, columns)),
    add: (chunkIndex, chunks) => guard(remote.add(chunkIndex, transfer(chunks, buffersOf(chunks)))),
    finish: (dictionaries) => guard(remote.finish(dictionaries)),
    abort: () => guard(remote.abort()),
  };
}

function startWriter(onDeath: () => void): StoreWriterApi {
  const worker = new Worker(new URL('./store-writer.worker.ts', import.meta.url), {
    type: 'module',
  });
  const died = new Promise<never>((_, reject) => {
    worker.addEventListener('error', (event) => {
      // Handled here: unhandled, it would reach the page as a crash of the data worker.
      event.preventDefault();
      onDeath();
      worker.terminate();
      reject(new Error(`store writer failed: ${event.message ?? 'unknown error'}`));
    });
  });
  died.catch(() => undefined);
  return writerOver(worker, died);
}

export function storeWriterSinks(store: DatasetStore): ChunkSinkFactory {
  let writer: StoreWriterApi | null = null;
  return (datasetId, columns) => {
    if (typeof Worker === 'undefined') return createStoreSink(store, datasetId, columns);
    writer ??= startWriter(() => {
      writer = null;
    });
    return createRemoteSink(writer, datasetId, columns, () =>
      createStoreSink(store, datasetId, columns),
    );
  };
}
