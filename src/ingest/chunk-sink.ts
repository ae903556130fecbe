/**
 * Where an import's finished chunks go: each is profiled and written to storage. The parser
 * hands a chunk over and goes on with the next rows; the sink keeps at most one write in flight
 * and makes the parser wait when it falls behind, so memory stays bounded to a few chunks.
 *
 * `createStoreSink` does the work on the calling thread. The data worker instead runs the same
 * sink in a second worker (workers/store-writer.worker.ts, through `createStoreWriter`) and
 * transfers each chunk's buffers to it: IndexedDB's structured clone of a chunk and the
 * profile's passes over it then leave the parsing thread.
 */
import type { ColumnChunk, ColumnType, DatasetId, DatasetProfile } from '../contracts/data';
import { DatasetProfiler } from './profile';
import type { DatasetStore } from './store-port';

export interface ChunkSink {
  /**
   * Takes the chunks over: the caller neither reads nor changes them afterwards (their buffers
   * may be transferred to another thread). Resolves when the sink can take the next chunk; a
   * failed write rejects here or at `finish`.
   */
  add(chunkIndex: number, chunks: ColumnChunk[]): Promise<void>;
  /** Profiles what was added and waits for every write. */
  finish(dictionaries: readonly (string[] | null)[]): Promise<SinkResult>;
  /**
   * Waits for anything in flight to land or fail, and drops the rest: once it resolves, no
   * write of this import is pending, so a discard removes all of it.
   */
  abort(): Promise<void>;
}

export interface SinkResult {
  profile: DatasetProfile;
  /** What the chunks take in storage, as the store wrote them. */
  storedBytes: number;
}

export interface SinkColumn {
  name: string;
  type: ColumnType;
}

export type ChunkSinkFactory = (datasetId: DatasetId, columns: readonly SinkColumn[]) => ChunkSink;

/** Profiles and writes on the calling thread, one write in flight while the next chunk comes. */
export function createStoreSink(
  store: DatasetStore,
  datasetId: DatasetId,
  columns: readonly SinkColumn[],
): ChunkSink {
  const profiler = new DatasetProfiler(columns);
  let writing: Promise<void> | null = null;
  let storedBytes = 0;
  const settle = () => (writing ?? Promise.resolve()).catch(() => undefined);
  return {
    async add(chunkIndex, chunks) {
      profiler.add(chunks);
      if (writing) await writing;
      writing = store.putChunks(datasetId, chunkIndex, chunks).then((bytes) => {
        storedBytes += bytes;
      });
      // Marked handled here; its error surfaces where it is awaited.
      writing.catch(() => undefined);
    },
    async finish(dictionaries) {
      // The profile's end work runs while the last write is still landing.
      const profile = profiler.finish(datasetId, dictionaries);
      if (writing) await writing;
      return { profile, storedBytes };
    },
    abort: settle,
  };
}

/**
 * The store writer's API: one import at a time, `begin` → `add`… → `finish` or `abort`. Exposed
 * by the store writer worker; the data worker wraps it in a ChunkSink.
 */
export interface StoreWriterApi {
  begin(datasetId: DatasetId, columns: SinkColumn[]): Promise<void>;
  add(chunkIndex: number, chunks: ColumnChunk[]): Promise<void>;
  finish(dictionaries: (string[] | null)[]): Promise<SinkResult>;
  abort(): Promise<void>;
}

export function createStoreWriter(store: DatasetStore): StoreWriterApi {
  let sink: ChunkSink | null = null;
  const current = (): ChunkSink => {
    if (!sink) throw new Error('store writer: no import begun');
    return sink;
  };
  return {
    async begin(datasetId, columns) {
      await sink?.abort();
      sink = createStoreSink(store, datasetId, columns);
    },
    add: (chunkIndex, chunks) => current().add(chunkIndex, chunks),
    async finish(dictionaries) {
      const result = await current().finish(dictionaries);
      sink = null;
      return result;
    },
    async abort() {
      const aborted = sink;
      sink = null;
      await aborted?.abort();
    },
  };
}

/**
 * A sink whose writer runs on another thread. One `add` is outstanding while the parser builds
 * the next chunk: the parser waits only when the writer is a whole chunk behind. A writer that
 * cannot begin (its worker failed to start) has been given nothing yet: `fallback`, when given,
 * then takes the whole import on this thread.
 */
export function createRemoteSink(
  writer: StoreWriterApi,
  datasetId: DatasetId,
  columns: readonly SinkColumn[],
  fallback?: () => ChunkSink,
): ChunkSink {
  const begun = writer.begin(datasetId, [...columns]);
  let pending: Promise<void> = begun;
  pending.catch(() => undefined);
  let local: ChunkSink | null = null;
  const started = async (): Promise<ChunkSink | null> => {
    if (local || !fallback) return local;
    try {
      await begun;
    } catch {
      local = fallback();
    }
    return local;
  };
  return {
    async add(chunkIndex, chunks) {
      const instead = await started();
      if (instead) return instead.add(chunkIndex, chunks);
      await pending;
      pending = writer.add(chunkIndex, chunks);
      pending.catch(() => undefined);
    },
    async finish(dictionaries) {
      const instead = await started();
      if (instead) return instead.finish(dictionaries);
      await pending;
      return writer.finish([...dictionaries]);
    },
    async abort() {
      if (local) return local.abort();
      await pending.catch(() => undefined);
      // A writer that died has nothing in flight either.
      await writer.abort().catch(() => undefined);
    },
  };
}
