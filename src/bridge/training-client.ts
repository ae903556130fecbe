/**
 * Main-thread side of the training worker: plain promises for the UI, comlink underneath.
 *
 * Invariants:
 * - Job ids increase; only the latest job's events reach the UI (an older job may still emit
 *   while the worker winds it down), and every `train` promise settles exactly once.
 * - `stop` is cooperative first; a job that has not settled HARD_STOP_MS later is cancelled by
 *   terminating the worker (pending jobs resolve `{ status: 'cancelled' }`).
 * - An `error` event from the worker counts as a crash: pending jobs resolve failed with
 *   `error.training.workerCrashed`. A fresh worker is spawned by the next `train`; after
 *   MAX_CONSECUTIVE_CRASHES crashes with no job settling in between, the client gives up.
 * - Workers start lazily, so TF.js is not loaded until someone trains or previews.
 * - `previewRecipe` is a plain request/response on the same worker; it is not a job (no id,
 *   no cancel) and a worker lost while it runs rejects it with an Error named 'WorkerLost'.
 */
import { proxy, wrap, type Endpoint, type Remote } from 'comlink';
import type {
  CrossValidationEvent,
  CrossValidationOutcome,
  CrossValidationRequest,
} from '../contracts/cross-validation';
import type {
  PreviewRequest,
  RecipePreviewResult,
  TrainOutcome,
  TrainRequest,
  TrainingApi,
  TrainingEvent,
} from '../contracts/training';

export const HARD_STOP_MS = 2000;
export const MAX_CONSECUTIVE_CRASHES = 3;

/** What the client needs of a Worker; tests pass an in-process fake. */
export interface WorkerHandle extends Endpoint {
  terminate(): void;
}

export type WorkerFactory = () => WorkerHandle;

export interface TrainingClientOptions {
  createWorker?: WorkerFactory;
  hardStopMs?: number;
}

export function spawnTrainingWorker(): WorkerHandle {
  return new Worker(new URL('../../workers/training.worker.ts', import.meta.url), {
    type: 'module',
  });
}

function workerLost(): Error {
  const error = new Error('the training worker went away before answering');
  error.name = 'WorkerLost';
  return error;
}

interface PendingJob {
  jobId: number;
  settle(outcome: TrainOutcome): void;
  fail(error: unknown): void;
  settled: Promise<void>;
}

export class TrainingClient {
  readonly #createWorker: WorkerFactory;
  readonly #hardStopMs: number;
  #worker: WorkerHandle | null = null;
  #api: Remote<TrainingApi> | null = null;
  #lastJobId = 0;
  readonly #pending = new Map<number, PendingJob>();
  #consecutiveCrashes = 0;
  /** Pending previews, rejected when their worker goes away (comlink would never answer). */
  readonly #lostListeners = new Set<() => void>();
  #isDisposed = false;
  readonly #onWorkerError = (): void => this.#handleCrash();

  constructor(options: TrainingClientOptions = {}) {
    this.#createWorker = options.createWorker ?? spawnTrainingWorker;
    this.#hardStopMs = options.hardStopMs ?? HARD_STOP_MS;
  }

  /** Starts a job; the worker stops any job still running there first. */
  train(
    request: Omit<TrainRequest, 'jobId'>,
    onEvent: (event: TrainingEvent) => void,
  ): Promise<TrainOutcome> {
    const jobId = ++this.#lastJobId;
    if (this.#isDisposed) return Promise.resolve({ status: 'cancelled', jobId });
    if (this.#consecutiveCrashes >= MAX_CONSECUTIVE_CRASHES) {
      return Promise.resolve({
        status: 'failed',
        jobId,
        code: 'error.training.workerCrashed',
        params: { crashes: this.#consecutiveCrashes, gaveUp: 1 },
      });
    }
    const api = this.#ensureApi();
    return new Promise<TrainOutcome>((resolve, reject) => {
      let markSettled = (): void => undefined;
      const settled = new Promise<void>((done) => (markSettled = done));
      const finish = (): boolean => {
        if (!this.#pending.has(jobId)) return false;
        this.#pending.delete(jobId);
        markSettled();
        return true;
      };
      this.#pending.set(jobId, {
        jobId,
        settled,
        settle: (outcome) => {
          if (finish()) resolve(outcome);
        },
        fail: (error) => {
          if (finish()) reject(error);
        },
      });
      const forward = proxy((event: TrainingEvent) => {
        if (event.jobId === this.#lastJobId && this.#pending.has(event.jobId)) onEvent(event);
      });
      api.train({ ...request, jobId }, forward).then(
        (outcome) => {
          if (!this.#pending.has(jobId)) return;
          this.#consecutiveCrashes = 0;
          this.#pending.get(jobId)?.settle(outcome);
        },
        (error: unknown) => this.#pending.get(jobId)?.fail(error),
      );
    });
  }

  /**
   * K-fold cross-validation, a job like `train` on the same worker (stop, hard stop and crash
   * handling alike): a running job is stopped first.
   */
  crossValidate(
    request: Omit<CrossValidationRequest, 'jobId'>,
    onEvent: (event: CrossValidationEvent) => void,
  ): Promise<CrossValidationOutcome> {
    // The pending-job machinery speaks TrainOutcome; the only ones it makes up itself (a hard
    // stop, a crash) are 'cancelled' and 'failed', which read the same here.
    const asCrossValidation = (outcome: TrainOutcome): CrossValidationOutcome =>
      outcome.status === 'failed' ? outcome : { status: 'cancelled', jobId: outcome.jobId };
    const jobId = ++this.#lastJobId;
    if (this.#isDisposed) return Promise.resolve({ status: 'cancelled', jobId });
    if (this.#consecutiveCrashes >= MAX_CONSECUTIVE_CRASHES) {
      const params = { crashes: this.#consecutiveCrashes, gaveUp: 1 };
      return Promise.resolve({
        status: 'failed',
        jobId,
        code: 'error.training.workerCrashed',
        params,
      });
    }
    const api = this.#ensureApi();
    return new Promise<CrossValidationOutcome>((resolve, reject) => {
      let markSettled = (): void => undefined;
      const settled = new Promise<void>((done) => (markSettled = done));
      const finish = (): boolean => {
        if (!this.#pending.has(jobId)) return false;
        this.#pending.delete(jobId);
        markSettled();
        return true;
      };
      let result: CrossValidationOutcome | null = null;
      this.#pending.set(jobId, {
        jobId,
        settled,
        settle: (outcome) => {
          if (finish()) resolve(result ?? asCrossValidation(outcome));
        },
        fail: (error) => {
          if (finish()) reject(error);
        },
      });
      const forward = proxy((event: CrossValidationEvent) => {
        if (event.jobId === this.#lastJobId && this.#pending.has(event.jobId)) onEvent(event);
      });
      api.crossValidate({ ...request, jobId }, forward).then(
        (outcome) => {
          if (!this.#pending.has(jobId)) return;
          this.#consecutiveCrashes = 0;
          result = outcome;
          this.#pending.get(jobId)?.settle({ status: 'cancelled', jobId });
        },
        (error: unknown) => this.#pending.get(jobId)?.fail(error),
      );
    });
  }

  /** Fits the recipe on the training split in the worker and reports every step. */
  previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult> {
    if (this.#isDisposed) return Promise.reject(workerLost());
    const api = this.#ensureApi();
    return new Promise<RecipePreviewResult>((resolve, reject) => {
      const onLost = (): void => reject(workerLost());
      this.#lostListeners.add(onLost);
      api
        .previewRecipe(request)
        .then(resolve, reject)
        .finally(() => this.#lostListeners.delete(onLost));
    });
  }

  /** Resolves once the latest job has settled, by itself or by a hard stop. */
  async stop(): Promise<void> {
    const job = this.#pending.get(this.#lastJobId);
    if (!job) return;
    // Not awaited: a worker stuck in a long synchronous step would never answer.
    this.#api?.stop(job.jobId).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const isTimedOut = await Promise.race([
      job.settled.then(() => false),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(true), this.#hardStopMs)),
      ),
    ]);
    clearTimeout(timer);
    if (isTimedOut && this.#pending.has(job.jobId)) {
      this.#discardWorker();
      this.#settleAll((jobId) => ({ status: 'cancelled', jobId }));
    }
  }

  /** Holds the latest job after its current batch (builder networks; others ignore it). */
  pause(): void {
    this.#control((api, jobId) => api.pause(jobId));
  }

  resume(): void {
    this.#control((api, jobId) => api.resume(jobId));
  }

  /** While paused: one more batch, or the rest of the epoch. */
  step(kind: 'batch' | 'epoch'): void {
    this.#control((api, jobId) => api.step(jobId, kind));
  }

  #control(send: (api: Remote<TrainingApi>, jobId: number) => Promise<void>): void {
    const job = this.#pending.get(this.#lastJobId);
    if (!job || !this.#api) return;
    // A lost worker settles the job on its own; the message has nowhere to go.
    send(this.#api, job.jobId).catch(() => undefined);
  }

  dispose(): void {
    this.#isDisposed = true;
    this.#discardWorker();
    this.#settleAll((jobId) => ({ status: 'cancelled', jobId }));
  }

  #ensureApi(): Remote<TrainingApi> {
    if (this.#api) return this.#api;
    const worker = this.#createWorker();
    worker.addEventListener('error', this.#onWorkerError);
    this.#worker = worker;
    this.#api = wrap<TrainingApi>(worker);
    return this.#api;
  }

  #discardWorker(): void {
    const worker = this.#worker;
    this.#worker = null;
    this.#api = null;
    if (!worker) return;
    worker.removeEventListener('error', this.#onWorkerError);
    worker.terminate();
    for (const onLost of [...this.#lostListeners]) onLost();
    this.#lostListeners.clear();
  }

  #handleCrash(): void {
    this.#consecutiveCrashes++;
    this.#discardWorker();
    const crashes = this.#consecutiveCrashes;
    this.#settleAll((jobId) => ({
      status: 'failed',
      jobId,
      code: 'error.training.workerCrashed',
      params: { crashes },
    }));
  }

  #settleAll(outcomeFor: (jobId: number) => TrainOutcome): void {
    for (const job of [...this.#pending.values()]) job.settle(outcomeFor(job.jobId));
  }
}
