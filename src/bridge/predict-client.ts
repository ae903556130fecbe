/**
 * Main-thread side of the prediction worker: plain promises for the UI, comlink underneath.
 *
 * Invariants: the worker starts lazily, on the first call. A worker `error` event counts as a
 * crash: every pending call resolves failed with `error.training.workerCrashed` and the next
 * call starts a fresh worker; after MAX_CONSECUTIVE_CRASHES in a row the client gives up. Job
 * ids increase; `cancel` asks the worker to stop the named job at its next chunk.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  DescribeResult,
  ExportRequest,
  ExportResult,
  ImportanceRequest,
  ImportanceResult,
  OcclusionRequest,
  OcclusionResult,
  PredictApi,
  PredictDataset,
  PredictProgress,
  PredictRequest,
  PredictResult,
  PredictableModel,
  TestExamplesRequest,
  TestExamplesResult,
} from '../contracts/predict';
import type { TrainedMapRequest, TrainedMapResult } from '../contracts/trained-map';
import { MAX_CONSECUTIVE_CRASHES, type WorkerFactory, type WorkerHandle } from './training-client';

export function spawnPredictWorker(): WorkerHandle {
  return new Worker(new URL('../../workers/predict.worker.ts', import.meta.url), {
    type: 'module',
  });
}

const CRASHED = { ok: false as const, code: 'error.training.workerCrashed' as const };

export class PredictClient {
  readonly #createWorker: WorkerFactory;
  #worker: WorkerHandle | null = null;
  #api: Remote<PredictApi> | null = null;
  #lastJobId = 0;
  #crashes = 0;
  /** Settles every pending call of the current worker when it crashes. */
  #crashed: Promise<void> = new Promise(() => undefined);
  #onCrash: () => void = () => undefined;
  readonly #onWorkerError = (): void => this.#handleCrash();

  constructor(createWorker: WorkerFactory = spawnPredictWorker) {
    this.#createWorker = createWorker;
  }

  describe(model: PredictableModel, dataset: PredictDataset): Promise<DescribeResult> {
    return this.#call<DescribeResult>((api) => api.describe(model, dataset), { ...CRASHED });
  }

  predict(
    request: Omit<PredictRequest, 'jobId'>,
    onProgress: (progress: PredictProgress) => void,
  ): { jobId: number; result: Promise<PredictResult> } {
    const jobId = ++this.#lastJobId;
    const result = this.#call<PredictResult>(
      (api) => api.predict({ ...request, jobId }, proxy(onProgress)),
      {
        ...CRASHED,
        jobId,
      },
    );
    return { jobId, result };
  }

  permutationImportance(
    request: Omit<ImportanceRequest, 'jobId'>,
    onProgress: (progress: PredictProgress) => void,
  ): { jobId: number; result: Promise<ImportanceResult> } {
    const jobId = ++this.#lastJobId;
    const result = this.#call<ImportanceResult>(
      (api) => api.permutationImportance({ ...request, jobId }, proxy(onProgress)),
      { ...CRASHED, jobId },
    );
    return { jobId, result };
  }

  occlusionMap(
    request: Omit<OcclusionRequest, 'jobId'>,
    onProgress: (progress: PredictProgress) => void,
  ): { jobId: number; result: Promise<OcclusionResult> } {
    const jobId = ++this.#lastJobId;
    const result = this.#call<OcclusionResult>(
      (api) => api.occlusionMap({ ...request, jobId }, proxy(onProgress)),
      { ...CRASHED, jobId },
    );
    return { jobId, result };
  }

  testExamples(request: TestExamplesRequest): Promise<TestExamplesResult> {
    return this.#call<TestExamplesResult>((api) => api.testExamples(request), { ...CRASHED });
  }

  trainedMap(request: TrainedMapRequest): Promise<TrainedMapResult> {
    return this.#call<TrainedMapResult>((api) => api.trainedMap(request), { ...CRASHED });
  }

  cancel(jobId: number): void {
    void this.#api?.cancel(jobId);
  }

  exportModel(request: ExportRequest): Promise<ExportResult> {
    return this.#call<ExportResult>((api) => api.exportModel(request), {
      ok: false,
      code: 'predict.error.workerCrashed',
    });
  }

  dispose(): void {
    this.#stopWorker();
  }

  async #call<T>(run: (api: Remote<PredictApi>) => Promise<T>, onCrash: T): Promise<T> {
    if (this.#crashes >= MAX_CONSECUTIVE_CRASHES) return onCrash;
    const api = this.#ensureApi();
    const crashed = this.#crashed.then(() => onCrash);
    const value = await Promise.race([run(api), crashed]);
    if (value !== onCrash) this.#crashes = 0;
    return value;
  }

  #ensureApi(): Remote<PredictApi> {
    if (this.#api) return this.#api;
    const worker = this.#createWorker();
    worker.addEventListener('error', this.#onWorkerError);
    this.#worker = worker;
    this.#api = wrap<PredictApi>(worker);
    this.#crashed = new Promise<void>((resolve) => (this.#onCrash = resolve));
    return this.#api;
  }

  #handleCrash(): void {
    this.#crashes++;
    this.#onCrash();
    this.#stopWorker();
  }

  #stopWorker(): void {
    this.#worker?.removeEventListener('error', this.#onWorkerError);
    this.#worker?.terminate();
    this.#worker = null;
    this.#api = null;
  }
}
