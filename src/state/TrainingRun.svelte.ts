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
import type { ClassicalModelSpec } from '../contracts/classical';
import type { ModelInsights } from '../contracts/insights';
import { CheckpointOffers } from './CheckpointOffers.svelte';
import { createContext } from './context';
import {
  browserCheckpointSource,
  checkpointPrefixOf,
  type CheckpointSource,
  type ResumeOffer,
} from './checkpoint-offer';

/** What the run needs from the bridge; the real one is `TrainingClient`, tests pass a fake. */
export interface TrainingPort {
  train(
    request: Omit<TrainRequest, 'jobId'>,
    onEvent: (event: TrainingEvent) => void,
  ): Promise<TrainOutcome>;
  stop(): Promise<void>;
  /** Builder networks only (the client's other jobs ignore them). */
  pause?(): void;
  resume?(): void;
  step?(kind: StepKind): void;
}

export type StepKind = 'batch' | 'epoch';

/** A note about checkpoints for the Train screen: an i18n key and its parameters. */
export interface CheckpointNote {
  key: string;
  params: Record<string, string | number>;
  /** A problem (storage full) rather than plain news. */
  isProblem: boolean;
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

/** A classical learner's progress: units of work done (trees, rounds, iterations). */
export interface FitProgress {
  /** i18n key under `classical.progress.`. */
  stage: string;
  done: number;
  total: number;
  elapsedMs: number;
  etaMs: number;
}

/** Live figures of a classical fit after `done` units, e.g. { trainLoss, validLoss }. */
export interface FitPoint {
  done: number;
  metrics: Record<string, number>;
}

export type FinishedRun = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export interface RunListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown): void;
}

/** Cap on the smoothed-batch-loss series kept for the chart (older points are thinned). */
const MAX_BATCH_POINTS = 2000;
/** Boosting runs up to 2000 rounds: keep every one, a chart of that size is cheap. */
const MAX_FIT_POINTS = 2000;

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
  #classical = $state.raw<ClassicalModelSpec | null>(null);
  #fit = $state.raw<FitProgress | null>(null);
  #fitSeries = $state.raw<FitPoint[]>([]);
  readonly #port: TrainingPort;
  readonly #listener: RunListener;
  // Builder-network controls and checkpoints (issue 5).
  #isBuilderRun = $state(false);
  #isPaused = $state(false);
  #checkpointNote = $state.raw<CheckpointNote | null>(null);
  /** The open project's checkpoints: only those are offered. */
  readonly #offers: CheckpointOffers;

  /** `checkpoints`: where the resume offer is read (IndexedDB by default; null = none). */
  constructor(
    port: TrainingPort,
    listener: RunListener,
    checkpoints: CheckpointSource | null = browserCheckpointSource(),
  ) {
    this.#port = port;
    this.#listener = listener;
    this.#offers = new CheckpointOffers(checkpointPrefixOf(null), checkpoints);
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
  /** The classical learner of the current or last run; null for a network run. */
  get classical(): ClassicalModelSpec | null {
    return this.#classical;
  }
  get fit(): FitProgress | null {
    return this.#fit;
  }
  get fitSeries(): FitPoint[] {
    return this.#fitSeries;
  }
  get insights(): ModelInsights | null {
    return this.#finished?.insights ?? null;
  }

  /** A builder network is training: pause, resume and single steps apply. */
  get isBuilderRun(): boolean {
    return this.#isBuilderRun;
  }
  get isPaused(): boolean {
    return this.#isPaused;
  }
  get canPause(): boolean {
    return this.#isBuilderRun && this.#status === 'training' && !this.#isPaused;
  }
  get canStep(): boolean {
    return this.#isBuilderRun && this.#status === 'training' && this.#isPaused;
  }
  get checkpointNote(): CheckpointNote | null {
    return this.#checkpointNote;
  }
  /** The latest interrupted builder run's checkpoint, offered while no run is busy. */
  get resumeOffer(): ResumeOffer | null {
    return this.isBusy ? null : this.#offers.offer;
  }

  /** Holds the run after its current batch; the worker waits without using the CPU. */
  pause(): void {
    if (!this.canPause) return;
    this.#isPaused = true;
    this.#port.pause?.();
  }

  resume(): void {
    if (!this.#isPaused) return;
    this.#isPaused = false;
    this.#port.resume?.();
  }

  /** While paused: one more batch, or the rest of the current epoch, then held again. */
  step(kind: StepKind): void {
    if (!this.canStep) return;
    this.#port.step?.(kind);
  }

  /** Offers the checkpoints of the project now open (null: no saved project yet). */
  setOfferProject(projectId: string | null): void {
    this.#offers.setPrefix(checkpointPrefixOf(projectId));
  }

  /** Reads the latest checkpoint again (after a run, and once at start); the latest read wins. */
  refreshOffer(): Promise<void> {
    return this.#offers.refresh();
  }

  discardOffer(): Promise<void> {
    return this.#offers.discard();
  }

  async start(request: Omit<TrainRequest, 'jobId'>): Promise<void> {
    if (this.isBusy) return;
    this.#reset();
    this.#isBuilderRun = request.network !== undefined;
    this.#epochsPlanned = request.network?.training.epochs ?? request.model.epochs;
    this.#classical = request.classical ?? null;
    this.#status = 'preparing';
    try {
      const outcome = await this.#port.train(request, (event) => this.#onEvent(event));
      this.#settle(outcome);
    } catch (error) {
      this.#listener.onUnexpected(error);
    } finally {
      this.#status = 'idle';
      this.#isPaused = false;
      void this.refreshOffer();
    }
  }

  async stop(): Promise<void> {
    if (this.#status !== 'training' && this.#status !== 'preparing') return;
    this.#status = 'stopping';
    await this.#port.stop();
  }

  /** Shows a run trained elsewhere (an opened share link or project file) as the last result. */
  showFinished(outcome: FinishedRun): void {
    if (this.isBusy) return;
    this.#reset();
    this.#classical = outcome.classical ?? null;
    this.#epochsPlanned = outcome.epochsRun;
    this.#settle(outcome);
  }

  #reset(): void {
    this.#summary = null;
    this.#history = [];
    this.#batchLoss = [];
    this.#progress = null;
    this.#validation = null;
    this.#finished = null;
    this.#fit = null;
    this.#fitSeries = [];
    this.#isPaused = false;
    this.#checkpointNote = null;
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
        // After a lost device the run repeats epochs from its checkpoint: drop the lost ones.
        this.#history = [...this.#history.filter((r) => r.epoch < event.epoch), event];
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
      case 'fit':
        this.#fit = {
          stage: event.stage,
          done: event.done,
          total: event.total,
          elapsedMs: event.elapsedMs,
          etaMs: event.etaMs,
        };
        if (event.metrics && Object.keys(event.metrics).length > 0) {
          this.#fitSeries = appendFitPoint(this.#fitSeries, {
            done: event.done,
            metrics: { ...event.metrics },
          });
        }
        break;
      case 'checkpoint':
        this.#checkpointNote = event.saved
          ? { key: 'studio.checkpoint.saved', params: { epoch: event.epoch }, isProblem: false }
          : {
              key:
                event.code === 'error.storage.quota'
                  ? 'studio.checkpoint.quota'
                  : 'studio.checkpoint.failed',
              params: { epoch: event.epoch },
              isProblem: true,
            };
        break;
      case 'resumed':
        this.#history = event.history;
        this.#batchLoss = this.#batchLoss.filter((p) => p.x < event.epoch);
        this.#checkpointNote = {
          key:
            event.reason === 'checkpoint'
              ? 'studio.resumed.checkpoint'
              : event.epoch > 0
                ? 'studio.resumed.deviceLost'
                : 'studio.resumed.deviceLostFresh',
          // The service sends the new backend's report just before this event.
          params: { epoch: event.epoch, backend: this.#backend?.name ?? 'cpu' },
          isProblem: false,
        };
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

/** Appends a point, replacing one at the same `done`; past the cap, thins as `appendThinned`. */
export function appendFitPoint(series: FitPoint[], point: FitPoint): FitPoint[] {
  const kept = series.at(-1)?.done === point.done ? series.slice(0, -1) : series;
  const next = [...kept, point];
  if (next.length <= MAX_FIT_POINTS) return next;
  return next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
}

export const [getTrainingRun, setTrainingRun] = createContext<TrainingRun>('TrainingRun');
