/**
 * Main-thread side of the explore worker: plain promises for the UI, comlink underneath.
 *
 * Invariants (as the training client's):
 * - Job ids increase; only the latest job's events reach the UI, and every `explore` promise
 *   settles exactly once.
 * - `stop` is cooperative first; a job that has not settled HARD_STOP_MS later is cancelled by
 *   terminating the worker (a clustering step such as DBSCAN's neighbourhoods cannot yield).
 * - A worker `error` event counts as a crash: pending jobs resolve failed with
 *   `error.training.workerCrashed`; after MAX_CONSECUTIVE_CRASHES in a row the client gives up.
 * - The worker starts lazily, on the first run.
 */
import { proxy, wrap, type Remote } from 'comlink';
import type {
  ExploreApi,
  ExploreEvent,
  ExploreOutcome,
  ExploreRequest,
} from '../contracts/explore';
import {
  HARD_STOP_MS,
  MAX_CONSECUTIVE_CRASHES,
  type WorkerFactory,
  type WorkerHandle,
} from './training-client';

export interface ExploreClientOptions {
  createWorker?: WorkerFactory;
  hardStopMs?: number;
}

export function spawnExploreWorker(): WorkerHandle {
  return new Worker(new URL('../../workers/explore.worker.ts', import.meta.url), {
    type: 'module',
  });
}

interface PendingJob {
  settle(outcome: ExploreOutcome): void;
  settled: Promise<void>;
}

export class ExploreClient {
  readonly #createWorker: WorkerFactory;
  readonly #hardStopMs: number;
  #worker: WorkerHandle | null = null;
  #api: Remote<ExploreApi> | null = null;
  #lastJobId = 0;
  readonly #pending = new Map<number, PendingJob>();
  #consecutiveCrashes = 0;
  #isDisposed = false;
  readonly #onWorkerError = (): void => this.#handleCrash();

  constructor(options: ExploreClientOptions = {}) {
    this.#createWorker = options.createWorker ?? spawnExploreWorker;
    this.#hardStopMs = options.hardStopMs ?? HARD_STOP_MS;
  }

  /** Starts a job; the worker stops any job still running there first. */
  explore(
    request: Omit<ExploreRequest, 'jobId'>,
    onEvent: (event: ExploreEvent) => void,
  ): Promise<ExploreOutcome> {
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
    return new Promise<ExploreOutcome>((resolve, reject) => {
      let markSettled = (): void => undefined;
      const settled = new Promise<void>((done) => (markSettled = done));
      const finish = (): boolean => {
        if (!this.#pending.has(jobId)) return false;
        this.#pending.delete(jobId);
        markSettled();
        return true;
      };
      this.#pending.set(jobId, {
        settled,
        settle: (outcome) => {
          if (finish()) resolve(outcome);
        },
      });
      const forward = proxy((event: ExploreEvent) => {
        if (event.jobId === this.#lastJobId && this.#pending.has(event.jobId)) onEvent(event);
      });
      api.explore({ ...request, jobId }, forward).then(
        (outcome) => {
          if (!this.#pending.has(jobId)) return;
          this.#consecutiveCrashes = 0;
          this.#pending.get(jobId)?.settle(outcome);
        },
        (error: unknown) => {
          if (finish()) reject(error);
        },
      );
    });
  }

  /** Resolves once the latest job has settled, by itself or by a hard stop. */
  async stop(): Promise<void> {
    const jobId = this.#lastJobId;
    const job = this.#pending.get(jobId);
    if (!job) return;
    // Not awaited: a worker stuck in a long synchronous step would never answer.
    this.#api?.stop(jobId).catch(() => undefined);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const isTimedOut = await Promise.race([
      job.settled.then(() => false),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(true), this.#hardStopMs)),
      ),
    ]);
    clearTimeout(timer);
    if (isTimedOut && this.#pending.has(jobId)) {
      this.#discardWorker();
      this.#settleAll((id) => ({ status: 'cancelled', jobId: id }));
    }
  }

  dispose(): void {
    this.#isDisposed = true;
    this.#discardWorker();
    this.#settleAll((jobId) => ({ status: 'cancelled', jobId }));
  }

  #ensureApi(): Remote<ExploreApi> {
    if (this.#api) return this.#api;
    const worker = this.#createWorker();
    worker.addEventListener('error', this.#onWorkerError);
    this.#worker = worker;
    this.#api = wrap<ExploreApi>(worker);
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

  #settleAll(outcomeFor: (jobId: number) => ExploreOutcome): void {
    for (const [jobId, job] of [...this.#pending.entries()]) job.settle(outcomeFor(jobId));
  }
}
