/**
 * One training run as the UI sees it: status, live progress, curves, the latest validation
 * evaluation and, when it ends, the test evaluation. Series are `$state.raw` arrays replaced on
 * each event (never mutated), so charts redraw from a new reference.
 */
import type { Evaluation } from '../contracts/evaluation';
import type {
  BackendReport,
  EpochRecord,
  PreparationSummary,
  TrainOutcome,
  TrainRequest,
  TrainingEvent,
} from '../contracts/training';
import { createContext } from './context';

/** What the run needs from the bridge; the real one is `TrainingClient`, tests pass a fake. */
export interface TrainingPort {
  train(
    request: Omit<TrainRequest, 'jobId'>,
    onEvent: (event: TrainingEvent) => void,
  ): Promise<TrainOutcome>;
  stop(): Promise<void>;
}

export type RunStatus = 'idle' | 'preparing' | 'training' | 'stopping';

export interface LiveProgress {
  epoch: number;
  epochs: number;
  batch: number;
  batchesPerEpoch: number;
  samplesPerSecond: number;
  elapsedMs: number;
  etaMs: number;
}

export interface BatchPoint {
  /** Fractional epoch (epoch - 1 + batch / batchesPerEpoch), so it shares the epoch axis. */
  x: number;
  loss: number;
}

export type FinishedRun = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export interface RunListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown): void;
}

/** Cap on the smoothed-batch-loss series kept for the chart (older points are thinned). */
const MAX_BATCH_POINTS = 2000;

export class TrainingRun {
  #status = $state<RunStatus>('idle');
  #backend = $state.raw<BackendReport | null>(null);
  #summary = $state.raw<PreparationSummary | null>(null);
  #history = $state.raw<EpochRecord[]>([]);
  #batchLoss = $state.raw<BatchPoint[]>([]);
  #progress = $state.raw<LiveProgress | null>(null);
  #validation = $state.raw<{ epoch: number; evaluation: Evaluation } | null>(null);
  #finished = $state.raw<FinishedRun | null>(null);
  #epochsPlanned = $state(0);
  readonly #port: TrainingPort;
  readonly #listener: RunListener;

  constructor(port: TrainingPort, listener: RunListener) {
    this.#port = port;
    this.#listener = listener;
  }

  get status(): RunStatus {
    return this.#status;
  }
  get isBusy(): boolean {
    return this.#status !== 'idle';
  }
  get backend(): BackendReport | null {
    return this.#backend;
  }
  get summary(): PreparationSummary | null {
    return this.#summary;
  }
  get history(): EpochRecord[] {
    return this.#history;
  }
  get batchLoss(): BatchPoint[] {
    return this.#batchLoss;
  }
  get progress(): LiveProgress | null {
    return this.#progress;
  }
  get epochsPlanned(): number {
    return this.#epochsPlanned;
  }
  get validation(): { epoch: number; evaluation: Evaluation } | null {
    return this.#validation;
  }
  get finished(): FinishedRun | null {
    return this.#finished;
  }

  async start(request: Omit<TrainRequest, 'jobId'>): Promise<void> {
    if (this.isBusy) return;
    this.#reset();
    this.#epochsPlanned = request.model.epochs;
    this.#status = 'preparing';
    try {
      const outcome = await this.#port.train(request, (event) => this.#onEvent(event));
      this.#settle(outcome);
    } catch (error) {
      this.#listener.onUnexpected(error);
    } finally {
      this.#status = 'idle';
    }
  }

  async stop(): Promise<void> {
    if (this.#status !== 'training' && this.#status !== 'preparing') return;
    this.#status = 'stopping';
    await this.#port.stop();
  }

  #reset(): void {
    this.#summary = null;
    this.#history = [];
    this.#batchLoss = [];
    this.#progress = null;
    this.#validation = null;
    this.#finished = null;
  }

  #settle(outcome: TrainOutcome): void {
    if (outcome.status === 'completed' || outcome.status === 'stopped') {
      this.#finished = outcome;
      this.#history = outcome.history;
    } else if (outcome.status === 'failed') {
      this.#listener.onFailure(outcome.code, outcome.params);
    }
  }

  #onEvent(event: TrainingEvent): void {
    switch (event.type) {
      case 'backend':
        this.#backend = event.backend;
        break;
      case 'prepared':
        this.#summary = event.summary;
        if (this.#status === 'preparing') this.#status = 'training';
        break;
      case 'batch':
        this.#progress = {
          epoch: event.epoch,
          epochs: this.#epochsPlanned,
          batch: event.batch,
          batchesPerEpoch: event.batchesPerEpoch,
          samplesPerSecond: event.samplesPerSecond,
          elapsedMs: event.elapsedMs,
          etaMs: event.etaMs,
        };
        this.#batchLoss = appendThinned(this.#batchLoss, {
          x: event.epoch - 1 + event.batch / event.batchesPerEpoch,
          loss: event.smoothedLoss,
        });
        break;
      case 'epoch':
        this.#history = [...this.#history, event];
        this.#progress = {
          epoch: event.epoch,
          epochs: event.epochs,
          batch: this.#progress?.batchesPerEpoch ?? 0,
          batchesPerEpoch: this.#progress?.batchesPerEpoch ?? 0,
          samplesPerSecond: event.samplesPerSecond,
          elapsedMs: event.elapsedMs,
          etaMs: event.etaMs,
        };
        break;
      case 'eval':
        this.#validation = { epoch: event.epoch, evaluation: event.evaluation };
        break;
      case 'done':
        break;
    }
  }
}

/** Appends a point; past the cap, drops every other point so the series stays bounded. */
export function appendThinned(series: BatchPoint[], point: BatchPoint): BatchPoint[] {
  const next = [...series, point];
  if (next.length <= MAX_BATCH_POINTS) return next;
  return next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
}

export const [getTrainingRun, setTrainingRun] = createContext<TrainingRun>('TrainingRun');
