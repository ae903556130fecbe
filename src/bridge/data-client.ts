/**
 * Main-thread side of the data worker: plain promises for the UI, comlink underneath.
 *
 * Invariants:
 * - One import at a time (the worker's rule too); job ids increase and progress events of a
 *   job that is no longer current are dropped. Every `importFile` promise settles once.
 * - `cancelImport` is cooperative first; an import that has not settled HARD_STOP_MS later is
 *   cancelled by terminating the worker. Its half-written dataset stays marked `pending` in
 *   IndexedDB (never listed) until a later opening of the database sweeps stale pending ones.
 * - An `error` event from the worker counts as a crash: a running import resolves failed
 *   `error.data.workerCrashed`, and the next call spawns a fresh worker.
 * - `requestPersistence` runs here because `navigator.storage.persist()` exists only on the
 *   main thread.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  DataApi,
  DatasetId,
  DatasetProfile,
  ImportOptions,
  ImportOutcome,
  ImportProgressHandler,
  RowPage,
  SniffOutcome,
  StorageEstimate,
  StorageEventHandler,
  StoredDatasetMeta,
} from '../contracts/data';
import type { WorkerFactory, WorkerHandle } from './training-client';

export const HARD_STOP_MS = 2000;

export interface DataClientOptions {
  createWorker?: WorkerFactory;
  hardStopMs?: number;
  /** Main-thread storage manager; tests pass a fake, browsers without one get null. */
  storage?: Pick<StorageManager, 'persist'> | null;
}

export function spawnDataWorker(): WorkerHandle {
  return new Worker(new URL('../../workers/data.worker.ts', import.meta.url), { type: 'module' });
}

interface RunningImport {
  jobId: number;
  settle(outcome: ImportOutcome): void;
  settled: Promise<void>;
}

export class DataClient {
  readonly #createWorker: WorkerFactory;
  readonly #hardStopMs: number;
  readonly #storage: Pick<StorageManager, 'persist'> | null;
  #worker: WorkerHandle | null = null;
  #api: Remote<DataApi> | null = null;
  #lastJobId = 0;
  #running: RunningImport | null = null;
  #storageHandler: StorageEventHandler | null = null;
  readonly #onWorkerError = (): void => this.#handleCrash();

  constructor(options: DataClientOptions = {}) {
    this.#createWorker = options.createWorker ?? spawnDataWorker;
    this.#hardStopMs = options.hardStopMs ?? HARD_STOP_MS;
    this.#storage =
      options.storage !== undefined
        ? options.storage
        : typeof navigator !== 'undefined'
          ? (navigator.storage ?? null)
          : null;
  }

  sniff(file: Blob, options: Partial<ImportOptions> = {}): Promise<SniffOutcome> {
    return this.#ensureApi().sniff(file, options);
  }

  importFile(
    file: Blob,
    fileName: string,
    options: Partial<ImportOptions>,
    onProgress: ImportProgressHandler = () => undefined,
  ): Promise<ImportOutcome> {
    if (this.#running) {
      return Promise.resolve({ status: 'failed', code: 'error.data.busy', params: {} });
    }
    const jobId = ++this.#lastJobId;
    const api = this.#ensureApi();
    return new Promise<ImportOutcome>((resolve, reject) => {
      let markSettled = (): void => undefined;
      const settled = new Promise<void>((done) => (markSettled = done));
      const running: RunningImport = {
        jobId,
        settled,
        settle: (outcome) => {
          if (this.#running !== running) return;
          this.#running = null;
          markSettled();
          resolve(outcome);
        },
      };
      this.#running = running;
      const forward = proxy((progress: Parameters<ImportProgressHandler>[0]) => {
        if (this.#running === running && progress.jobId === jobId) onProgress(progress);
      });
      api.importFile(jobId, file, fileName, options, forward).then(running.settle, (error) => {
        if (this.#running !== running) return;
        this.#running = null;
        markSettled();
        reject(error);
      });
    });
  }

  /** Resolves once the running import has settled, by itself or by a hard stop. */
  async cancelImport(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#api?.cancel(running.jobId).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const isTimedOut = await Promise.race([
      running.settled.then(() => false),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(true), this.#hardStopMs)),
      ),
    ]);
    clearTimeout(timer);
    if (isTimedOut && this.#running === running) {
      this.#discardWorker();
      running.settle({ status: 'cancelled' });
    }
  }

  listDatasets(): Promise<StoredDatasetMeta[]> {
    return this.#ensureApi().listDatasets();
  }
  getDataset(id: DatasetId): Promise<StoredDatasetMeta | null> {
    return this.#ensureApi().getDataset(id);
  }
  getProfile(id: DatasetId): Promise<DatasetProfile | null> {
    return this.#ensureApi().getProfile(id);
  }
  readRows(id: DatasetId, start: number, count: number): Promise<RowPage> {
    return this.#ensureApi().readRows(id, start, count);
  }
  renameDataset(id: DatasetId, name: string): Promise<StoredDatasetMeta | null> {
    return this.#ensureApi().renameDataset(id, name);
  }
  deleteDataset(id: DatasetId): Promise<boolean> {
    return this.#ensureApi().deleteDataset(id);
  }
  exportCsv(id: DatasetId): Promise<Blob | null> {
    return this.#ensureApi().exportCsv(id);
  }
  storageEstimate(): Promise<StorageEstimate> {
    return this.#ensureApi().storageEstimate();
  }

  /** Asks the browser to keep this site's data under storage pressure; true when granted. */
  async requestPersistence(): Promise<boolean> {
    if (!this.#storage?.persist) return false;
    return this.#storage.persist();
  }

  /** Blocked/blocking database events; survives worker restarts. */
  watchStorage(handler: StorageEventHandler): void {
    this.#storageHandler = handler;
    void this.#ensureApi().watchStorage(proxy(handler));
  }

  dispose(): void {
    this.#discardWorker();
    this.#running?.settle({ status: 'cancelled' });
  }

  #ensureApi(): Remote<DataApi> {
    if (this.#api) return this.#api;
    const worker = this.#createWorker();
    worker.addEventListener('error', this.#onWorkerError);
    this.#worker = worker;
    this.#api = wrap<DataApi>(worker);
    if (this.#storageHandler) void this.#api.watchStorage(proxy(this.#storageHandler));
    return this.#api;
  }

  #discardWorker(): void {
    const worker = this.#worker;
    this.#worker = null;
    this.#api = null;
    if (!worker) return;
    worker.removeEventListener('error', this.#onWorkerError);
    worker.terminate();
  }

  #handleCrash(): void {
    this.#discardWorker();
    this.#running?.settle({ status: 'failed', code: 'error.data.workerCrashed', params: {} });
  }
}
