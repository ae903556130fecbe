/**
 * "Explain this image": one occlusion map at a time in the prediction worker, with progress
 * and cancel. A newer map (or a reset for a new run) cancels an older one and makes its answer
 * be ignored; a cancelled map keeps the previous one on screen.
 */
import type { PredictClient } from '../bridge/predict-client';
import type { ErrorParams } from '../contracts/errors';
import type { OcclusionRequest, OcclusionResult } from '../contracts/predict';

export type OcclusionSuccess = Extract<OcclusionResult, { ok: true }>;
export type OcclusionStatus = 'idle' | 'running' | 'done' | 'failed';

export class OcclusionRun {
  #status = $state<OcclusionStatus>('idle');
  #progress = $state.raw({ done: 0, total: 0 });
  #result = $state.raw<OcclusionSuccess | null>(null);
  #problem = $state.raw<{ code: string; params?: ErrorParams } | null>(null);
  #jobId = 0;
  readonly #client: PredictClient;
  readonly #onUnexpected: (error: unknown) => void;

  constructor(client: PredictClient, onUnexpected: (error: unknown) => void) {
    this.#client = client;
    this.#onUnexpected = onUnexpected;
  }

  get status(): OcclusionStatus {
    return this.#status;
  }
  get progress(): { done: number; total: number } {
    return this.#progress;
  }
  get result(): OcclusionSuccess | null {
    return this.#result;
  }
  get problem(): { code: string; params?: ErrorParams } | null {
    return this.#problem;
  }

  async explain(request: Omit<OcclusionRequest, 'jobId'>): Promise<void> {
    this.cancel();
    this.#status = 'running';
    this.#progress = { done: 0, total: 0 };
    this.#problem = null;
    try {
      const job = this.#client.occlusionMap(request, (progress) => {
        if (progress.jobId === this.#jobId) {
          this.#progress = { done: progress.done, total: progress.total };
        }
      });
      this.#jobId = job.jobId;
      const outcome = await job.result;
      if (outcome.jobId !== this.#jobId) return;
      if (outcome.ok) {
        this.#result = outcome;
        this.#status = 'done';
      } else if (outcome.code === 'cancelled') {
        this.#status = this.#result ? 'done' : 'idle';
      } else {
        this.#problem = {
          code: outcome.code,
          ...('params' in outcome && outcome.params ? { params: outcome.params } : {}),
        };
        this.#status = 'failed';
      }
    } catch (error) {
      this.#status = 'failed';
      this.#onUnexpected(error);
    }
  }

  cancel(): void {
    if (this.#status === 'running') this.#client.cancel(this.#jobId);
  }

  /** A new run: the old map no longer describes the model. */
  reset(): void {
    this.cancel();
    this.#jobId = -1;
    this.#status = 'idle';
    this.#result = null;
    this.#problem = null;
  }
}
