/**
 * The data worker's API, built from ingest and an injected store so that it runs (and is
 * tested) in Node as well as in the worker. One import at a time: a second import while one
 * runs fails `error.data.busy`; `cancel(jobId)` is cooperative and honoured between batches.
 */
import type {
  DataApi,
  DatasetId,
  ImportOptions,
  ImportOutcome,
  ImportProgressHandler,
  SniffOutcome,
  StorageEstimate,
  StorageEventHandler,
} from '../contracts/data';
import { DEFAULT_IMPORT_OPTIONS, SNIFF_PREVIEW_ROWS } from '../contracts/data';
import { exportCsv, readRows } from './dataset-reader';
import { ImportError } from './import-error';
import { planColumns, runImport, type ImportDeps } from './import-job';
import type { DatasetStore } from './store-port';
import { openTable } from './table-reader';

export interface DataServiceDeps {
  store: DatasetStore;
  estimate?: ImportDeps['estimate'];
  persisted?: () => Promise<boolean>;
  now?: () => number;
  newId?: () => DatasetId;
  yieldToEvents?: () => Promise<void>;
  chunkRows?: number;
  /** Where an import's chunks are profiled and written (the data worker uses a second worker). */
  createSink?: ImportDeps['createSink'];
  /** Where blocked/blocking events of the database go; the worker wires the handler in. */
  onWatchStorage?: (handler: StorageEventHandler) => void;
}

/** Yields to the event loop through a message, which (unlike setTimeout) is not clamped. */
export function yieldViaMessage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

export function createDataService(deps: DataServiceDeps): DataApi {
  const importDeps: ImportDeps = {
    store: deps.store,
    estimate: deps.estimate ?? (() => Promise.resolve(null)),
    now: deps.now ?? (() => Date.now()),
    newId: deps.newId ?? (() => crypto.randomUUID() as DatasetId),
    yieldToEvents: deps.yieldToEvents ?? yieldViaMessage,
    ...(deps.chunkRows === undefined ? {} : { chunkRows: deps.chunkRows }),
    ...(deps.createSink === undefined ? {} : { createSink: deps.createSink }),
  };
  let runningJob: number | null = null;
  const cancelled = new Set<number>();
  const { store } = deps;

  return {
    async sniff(file: Blob, partial: Partial<ImportOptions> = {}): Promise<SniffOutcome> {
      const options: ImportOptions = { ...DEFAULT_IMPORT_OPTIONS, ...partial };
      try {
        const source = await openTable(file, (file as File).name ?? '', options);
        await source.batches.return(undefined);
        const plans = planColumns(source, options);
        return {
          status: 'ok',
          format: source.format,
          encoding: source.encoding,
          delimiter: source.delimiter,
          hasHeader: source.hasHeader,
          columns: plans.map((plan) => ({ name: plan.name, type: plan.type })),
          rows: source.head.slice(0, SNIFF_PREVIEW_ROWS),
        };
      } catch (error) {
        if (error instanceof ImportError) {
          return { status: 'failed', code: error.code, params: error.params };
        }
        throw error;
      }
    },

    async importFile(
      jobId: number,
      file: Blob,
      fileName: string,
      options: Partial<ImportOptions>,
      onProgress?: ImportProgressHandler,
    ): Promise<ImportOutcome> {
      if (runningJob !== null) {
        return { status: 'failed', code: 'error.data.busy', params: { jobId: runningJob } };
      }
      runningJob = jobId;
      try {
        const job = { jobId, file, fileName, options, isCancelled: () => cancelled.has(jobId) };
        return await runImport(onProgress ? { ...job, onProgress } : job, importDeps);
      } finally {
        runningJob = null;
        cancelled.delete(jobId);
      }
    },

    cancel(jobId: number): void {
      if (runningJob === jobId) cancelled.add(jobId);
    },

    listDatasets: () => store.listDatasets(),
    getDataset: (id) => store.getDataset(id),
    getProfile: (id) => store.getProfile(id),
    readRows: (id, start, count) => readRows(store, id, start, count),
    renameDataset: (id, name) => {
      const trimmed = name.trim();
      return trimmed === '' ? store.getDataset(id) : store.renameDataset(id, trimmed);
    },
    deleteDataset: (id) => store.deleteDataset(id),
    exportCsv: (id) => exportCsv(store, id),

    async storageEstimate(): Promise<StorageEstimate> {
      const estimate = await importDeps.estimate();
      const persisted = deps.persisted ? await deps.persisted() : false;
      return { usage: estimate?.usage ?? 0, quota: estimate?.quota ?? 0, persisted };
    },

    watchStorage(handler: StorageEventHandler): void {
      deps.onWatchStorage?.(handler);
    },
  };
}
