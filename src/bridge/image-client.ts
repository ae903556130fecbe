/**
 * Main-thread side of image imports: plain promises for the UI, comlink underneath. It runs
 * its own instance of the data worker, so decoding ten thousand images never queues the table
 * library's requests behind it.
 *
 * Invariants (as in data-client.ts):
 * - One import at a time; progress of a job that is no longer current is dropped; every
 *   `importImages` promise settles once.
 * - `cancelImport` is cooperative first; an import that has not settled HARD_STOP_MS later is
 *   stopped by terminating the worker. Its half-written set stays `pending` (never listed)
 *   until a later opening of the database sweeps it.
 * - A worker `error` event is a crash: a running import resolves failed
 *   `error.images.workerCrashed` and the next call spawns a fresh worker.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type { DatasetId } from '../contracts/data';
import type {
  ImageApi,
  ImageImportOptions,
  ImageImportOutcome,
  ImageImportProgressHandler,
  ImageSamples,
  ImageSetMeta,
  ImageSource,
  PixelCsvOutcome,
  PixelCsvSpec,
} from '../contracts/images';
import { HARD_STOP_MS, spawnDataWorker } from './data-client';
import type { WorkerFactory, WorkerHandle } from './training-client';

export interface ImageClientOptions {
  createWorker?: WorkerFactory;
  hardStopMs?: number;
}

interface RunningImport {
  jobId: number;
  settle(outcome: ImageImportOutcome): void;
  settled: Promise<void>;
}

export class ImageClient {
  readonly #createWorker: WorkerFactory;
  readonly #hardStopMs: number;
  #worker: WorkerHandle | null = null;
  #api: Remote<ImageApi> | null = null;
  #lastJobId = 0;
  #running: RunningImport | null = null;
  readonly #onWorkerError = (): void => this.#handleCrash();

  constructor(options: ImageClientOptions = {}) {
    this.#createWorker = options.createWorker ?? spawnDataWorker;
    this.#hardStopMs = options.hardStopMs ?? HARD_STOP_MS;
  }

  importImages(
    source: ImageSource,
    options: Partial<ImageImportOptions>,
    onProgress: ImageImportProgressHandler = () => undefined,
  ): Promise<ImageImportOutcome> {
    if (this.#running) {
      return Promise.resolve({ status: 'failed', code: 'error.images.busy', params: {} });
    }
    const jobId = ++this.#lastJobId;
    const api = this.#ensureApi();
    return new Promise<ImageImportOutcome>((resolve, reject) => {
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
      const forward = proxy((progress: Parameters<ImageImportProgressHandler>[0]) => {
        if (this.#running === running && progress.jobId === jobId) onProgress(progress);
      });
      api.importImages(jobId, source, options, forward).then(running.settle, (error) => {
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
    this.#api?.cancelImages(running.jobId).catch(() => undefined);
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

  listImageSets(): Promise<ImageSetMeta[]> {
    return this.#ensureApi().listImageSets();
  }
  readImageSamples(id: DatasetId, perClass: number): Promise<ImageSamples | null> {
    return this.#ensureApi().readImageSamples(id, perClass);
  }
  deleteImageSet(id: DatasetId): Promise<boolean> {
    return this.#ensureApi().deleteImageSet(id);
  }
  renameImageSet(id: DatasetId, name: string): Promise<ImageSetMeta | null> {
    return this.#ensureApi().renameImageSet(id, name);
  }
  exportImageZip(id: DatasetId): Promise<Blob | null> {
    return this.#ensureApi().exportImageZip(id);
  }
  readPixelCsv(spec: PixelCsvSpec, perClass: number): Promise<PixelCsvOutcome> {
    return this.#ensureApi().readPixelCsv(spec, perClass);
  }

  dispose(): void {
    this.#discardWorker();
    this.#running?.settle({ status: 'cancelled' });
  }

  #ensureApi(): Remote<ImageApi> {
    if (this.#api) return this.#api;
    const worker = this.#createWorker();
    worker.addEventListener('error', this.#onWorkerError);
    this.#worker = worker;
    this.#api = wrap<ImageApi>(worker);
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
    this.#running?.settle({ status: 'failed', code: 'error.images.workerCrashed', params: {} });
  }
}
