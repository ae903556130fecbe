/**
 * One import from file to stored dataset: quota check, open and sniff, type inference on the
 * rows read ahead, then chunks streamed into storage under a pending meta and committed at the
 * end. Anything that stops the job after `beginDataset` (a bad row, a cancel, a full disk, a
 * bug) discards what was written, so storage holds the whole dataset or nothing of it.
 */
import type {
  ColumnChunk,
  DataFailure,
  DataWarning,
  DatasetId,
  ImportOptions,
  ImportOutcome,
  ImportProgressHandler,
  StoredDatasetMeta,
} from '../contracts/data';
import { DEFAULT_IMPORT_OPTIONS } from '../contracts/data';
import { createStoreSink, type ChunkSinkFactory } from './chunk-sink';
import { ChunkAccumulator } from './columns';
import { ImportError } from './import-error';
import { inferColumn, type ColumnPlan } from './infer';
import { profileText } from '../core/text-profile';
import type { DatasetStore } from './store-port';
import { openTable, valueOptionsOf, type TableSource } from './table-reader';

export const PROGRESS_THROTTLE_MS = 100;
/**
 * The import yields to the worker's event loop (letting a cancel in) after its first batch and
 * then once this long has passed, not after every batch: batches are small (a 64 K-character
 * parse piece), and a yield per batch cost more than the cancel latency it bought.
 */
export const YIELD_EVERY_MS = 10;

/**
 * The largest text corpus imported: its text profile needs the whole text at once, and a
 * character model trains on far less (english_words is 4 MB).
 */
export const MAX_TEXT_CORPUS_BYTES = 64 * 1024 * 1024;

export interface ImportDeps {
  store: DatasetStore;
  /** Usage and quota in bytes, or null where the platform cannot tell. */
  estimate: () => Promise<{ usage: number; quota: number } | null>;
  now: () => number;
  newId: () => DatasetId;
  /** Lets queued messages (a cancel) in between batches. */
  yieldToEvents: () => Promise<void>;
  chunkRows?: number;
  /** Where finished chunks are profiled and written; by default on this thread. */
  createSink?: ChunkSinkFactory;
}

export interface ImportJob {
  jobId: number;
  file: Blob;
  fileName: string;
  options: Partial<ImportOptions>;
  onProgress?: ImportProgressHandler;
  isCancelled: () => boolean;
}

function failed(error: ImportError): DataFailure {
  return { status: 'failed', code: error.code, params: error.params };
}

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && error.name === 'QuotaExceededError';
}

export function planColumns(source: TableSource, options: ImportOptions): ColumnPlan[] {
  if (source.format === 'text') return [{ name: 'text', type: 'text', dateOrder: 'dmy' }];
  const valueOptions = valueOptionsOf(options);
  return source.names.map((name, column) => {
    const plan = inferColumn(
      name,
      source.head.map((row) => row[column] ?? null),
      valueOptions,
    );
    const forced = options.columnTypes[name];
    return forced ? { ...plan, type: forced } : plan;
  });
}

export function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(0, dot) : fileName;
}

/** A corpus line of "NA" or "?" is text, not a missing value; only a blank line is empty. */
function optionsForFormat(options: ImportOptions, source: TableSource): ImportOptions {
  return source.format === 'text' ? { ...options, missingMarkers: [''] } : options;
}

export async function runImport(job: ImportJob, deps: ImportDeps): Promise<ImportOutcome> {
  let options: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, ...job.options };
  const estimate = await deps.estimate();
  const available = estimate ? Math.max(0, estimate.quota - estimate.usage) : Infinity;
  // Stored chunks take about as many bytes as the text (8-byte floats vs ~8 characters).
  if (job.file.size > available) {
    return failed(new ImportError('error.data.quota', { needed: job.file.size, available }));
  }
  let source: TableSource;
  try {
    source = await openTable(job.file, job.fileName, options);
  } catch (error) {
    if (error instanceof ImportError) return failed(error);
    throw error;
  }
  const isText = source.format === 'text';
  if (isText && job.file.size > MAX_TEXT_CORPUS_BYTES) {
    await source.batches.return(undefined);
    return failed(
      new ImportError('error.data.textTooLarge', {
        sizeMb: (job.file.size / 2 ** 20).toFixed(1),
        limitMb: MAX_TEXT_CORPUS_BYTES / 2 ** 20,
      }),
    );
  }
  options = optionsForFormat(options, source);
  const plans = planColumns(source, options);
  const width = plans.length;
  const chunkRows = deps.chunkRows ?? 65_536;
  const meta: StoredDatasetMeta = {
    id: deps.newId(),
    name: options.name ?? baseName(job.fileName),
    kind: isText ? 'text' : 'table',
    status: 'pending',
    rows: 0,
    columns: plans.map((plan) => ({ name: plan.name, type: plan.type, invalidCount: 0 })),
    chunkRows,
    chunkCount: 0,
    sizeBytes: 0,
    createdAt: deps.now(),
    source: {
      fileName: job.fileName,
      format: source.format,
      encoding: source.encoding,
      delimiter: source.delimiter,
      fileBytes: job.file.size,
    },
  };
  await deps.store.beginDataset(meta);
  const sink = (deps.createSink ?? ((id, columns) => createStoreSink(deps.store, id, columns)))(
    meta.id,
    plans.map((plan) => ({ name: plan.name, type: plan.type })),
  );
  /** Lets writes still in flight land (or fail) before the dataset is discarded. */
  const settle = () => sink.abort();
  try {
    const accumulator = new ChunkAccumulator(plans, valueOptionsOf(options), chunkRows);
    const corpus: string[] = [];
    let rows = 0;
    let padded = 0;
    let skipped = 0;
    let lastProgress = -Infinity;
    let lastYield = -Infinity;
    const flush = async (): Promise<void> => {
      const chunks: ColumnChunk[] = accumulator.takeChunk();
      // The sink owns the chunks from here on (their buffers may move to another thread).
      await sink.add(meta.chunkCount++, chunks);
    };
    const report = (bytesRead: number, isFinal: boolean): void => {
      const now = deps.now();
      if (!job.onProgress || (!isFinal && now - lastProgress < PROGRESS_THROTTLE_MS)) return;
      lastProgress = now;
      job.onProgress({ jobId: job.jobId, bytesRead, totalBytes: job.file.size, rowsRead: rows });
    };
    for await (const batch of source.batches) {
      for (let i = 0; i < batch.rows.length; i++) {
        let row = batch.rows[i] as (string | null)[];
        if (row.length !== width) {
          if (options.raggedRows === 'fail') {
            throw new ImportError('error.data.raggedRow', {
              row: batch.firstRow + i,
              expected: width,
              found: row.length,
            });
          }
          if (options.raggedRows === 'skip') {
            skipped++;
            continue;
          }
          padded++;
          row = row.length > width ? row.slice(0, width) : row;
        }
        accumulator.add(row);
        if (isText) corpus.push(row[0] ?? '');
        rows++;
        if (accumulator.isFull) await flush();
      }
      report(batch.bytesRead, false);
      const now = deps.now();
      if (now - lastYield >= YIELD_EVERY_MS) {
        lastYield = now;
        await deps.yieldToEvents();
      }
      if (job.isCancelled()) {
        await settle();
        await deps.store.discardDataset(meta.id);
        return { status: 'cancelled' };
      }
    }
    if (accumulator.length > 0) await flush();
    if (rows === 0) throw new ImportError('error.data.headerOnly');
    const { profile, storedBytes } = await sink.finish(accumulator.dictionaries());
    meta.rows = rows;
    meta.sizeBytes = storedBytes;
    meta.columns = plans.map((plan, c) => ({
      name: plan.name,
      type: plan.type,
      invalidCount: accumulator.invalidCounts[c] ?? 0,
    }));
    if (isText) profile.text = profileText(corpus.join('\n'));
    const ready: StoredDatasetMeta = { ...meta, status: 'ready' };
    await deps.store.commitDataset(ready, accumulator.dictionaries(), profile);
    report(job.file.size, true);
    const warnings: DataWarning[] = [...source.warnings];
    if (padded > 0) warnings.push({ code: 'warning.data.raggedPadded', params: { count: padded } });
    if (skipped > 0)
      warnings.push({ code: 'warning.data.raggedSkipped', params: { count: skipped } });
    for (const column of ready.columns) {
      if (column.invalidCount === 0) continue;
      warnings.push({
        code: 'warning.data.invalidValues',
        params: { column: column.name, type: column.type, count: column.invalidCount },
      });
    }
    return { status: 'imported', dataset: ready, warnings };
  } catch (error) {
    await settle();
    await deps.store.discardDataset(meta.id).catch(() => undefined);
    if (error instanceof ImportError) return failed(error);
    if (isQuotaError(error)) {
      const free = Number.isFinite(available) ? available : 0;
      return failed(
        new ImportError('error.data.quota', { needed: job.file.size, available: free }),
      );
    }
    throw error;
  }
}
