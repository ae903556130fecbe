/**
 * Compare's "Cross-validate both": one cross-validation of two runs' configurations at a time,
 * in a training worker of its own (so it never stops a training run on the Train screen), with
 * progress per fold and cancel. The result remembers which runs it was for, so a changed
 * selection never shows another pair's folds.
 */
import { TrainingClient } from '../bridge/training-client';
import type { CrossValidationOutcome, CrossValidationRequest } from '../contracts/cross-validation';
import type { ErrorParams } from '../contracts/errors';

export type CrossValidationStatus = 'idle' | 'running' | 'done' | 'failed';

export type CrossValidationSuccess = Extract<CrossValidationOutcome, { status: 'completed' }>;

export interface CrossValidationProgress {
  /** Index of the configuration being fitted. */
  config: number;
  configs: number;
  /** 1-based fold being fitted. */
  fold: number;
  folds: number;
}

/** What the state needs of the worker bridge; tests pass a fake. */
export interface CrossValidationPort {
  crossValidate: TrainingClient['crossValidate'];
  stop(): Promise<void>;
  dispose(): void;
}

export class CrossValidation {
  #status = $state<CrossValidationStatus>('idle');
  #progress = $state.raw<CrossValidationProgress | null>(null);
  #result = $state.raw<{ key: string; outcome: CrossValidationSuccess } | null>(null);
  #problem = $state.raw<{ key: string; code: string; params?: ErrorParams } | null>(null);
  #runningKey: string | null = null;
  readonly #port: CrossValidationPort;
  readonly #onUnexpected: (error: unknown) => void;

  constructor(port: CrossValidationPort, onUnexpected: (error: unknown) => void) {
    this.#port = port;
    this.#onUnexpected = onUnexpected;
  }

  get status(): CrossValidationStatus {
    return this.#status;
  }
  get progress(): CrossValidationProgress | null {
    return this.#progress;
  }
  /** The finished cross-validation of the runs named by `key`, if that is the last one. */
  resultFor(key: string): CrossValidationSuccess | null {
    return this.#result?.key === key ? this.#result.outcome : null;
  }
  problemFor(key: string): { code: string; params?: ErrorParams } | null {
    return this.#problem?.key === key ? this.#problem : null;
  }
  isRunningFor(key: string): boolean {
    return this.#status === 'running' && this.#runningKey === key;
  }

  /** `key` names the runs (their ids), so the answer is shown only while they are chosen. */
  async run(key: string, request: Omit<CrossValidationRequest, 'jobId'>): Promise<void> {
    this.#status = 'running';
    this.#runningKey = key;
    this.#problem = null;
    const configs = request.configs.length;
    this.#progress = { config: 0, configs, fold: 0, folds: request.folds };
    try {
      const outcome = await this.#port.crossValidate(request, (event) => {
        if (event.type === 'foldStarted') {
          this.#progress = { config: event.config, configs, fold: event.fold, folds: event.folds };
        }
      });
      // A newer run superseded this one: its own answer will settle the state.
      if (this.#runningKey !== key) return;
      if (outcome.status === 'completed') {
        this.#result = { key, outcome };
        this.#status = 'done';
      } else if (outcome.status === 'cancelled') {
        this.#status = 'idle';
      } else {
        const params = outcome.params;
        this.#problem = params ? { key, code: outcome.code, params } : { key, code: outcome.code };
        this.#status = 'failed';
      }
    } catch (error) {
      if (this.#runningKey !== key) return;
      this.#status = 'failed';
      this.#onUnexpected(error);
    } finally {
      if (this.#runningKey === key) {
        this.#runningKey = null;
        this.#progress = null;
      }
    }
  }

  cancel(): void {
    if (this.#status === 'running') void this.#port.stop();
  }

  dispose(): void {
    this.#runningKey = null;
    this.#port.dispose();
  }
}

/** A cross-validation with its own training worker, started on the first request. */
export function createCrossValidation(onUnexpected: (error: unknown) => void): CrossValidation {
  return new CrossValidation(new TrainingClient(), onUnexpected);
}
