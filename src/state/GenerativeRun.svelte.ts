/**
 * State of a generative run (autoencoder, VAE, GAN, bottleneck embedding): the chosen task and
 * its settings, the per-epoch losses, the latest views and the outcome. It owns a training
 * worker of its own, so a generative run never stops or waits behind the main training run.
 *
 * Invariants: one job at a time; losses and views are `$state.raw`, replaced whole; views are
 * applied at most every VIEW_THROTTLE_MS (the last epoch's always), so a fast 2-D GAN cannot
 * make the page redraw faster than it can paint. A result belongs to the dataset it ran on.
 * Pause, resume and single steps reach the worker's run control, as in the training studio.
 * Runs save checkpoints every N epochs and at stop (one per dataset); after a reload the chosen
 * dataset's latest is offered, and resuming it continues from its epoch with its losses so far.
 */
import { TrainingClient } from '../bridge/training-client';
import type {
  GenerativeEpochEvent,
  GenerativeKind,
  GenerativeLosses,
  GenerativeOutcome,
  GenerativeView,
} from '../contracts/generative';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../contracts/training';
import type { GeneratorKind } from '../core/generators';
import {
  generativeCheckpointKey,
  generativeCheckpointPrefix,
  resumeRequestOf,
  type CheckpointSource,
  type ResumeOffer,
} from './checkpoint-offer';
import { presetFor, type GenerativeSettings, type GenerativeTask } from './generative-request';
import { TaskCheckpoints } from './TaskCheckpoints.svelte';
import type { StepKind } from './TrainingRun.svelte';

export const VIEW_THROTTLE_MS = 100;

/** What the state needs from the bridge; tests pass a fake. */
export interface GenerativePort {
  train(
    request: Omit<TrainRequest, 'jobId'>,
    onEvent: (event: TrainingEvent) => void,
  ): Promise<TrainOutcome>;
  stop(): Promise<void>;
  pause?(): void;
  resume?(): void;
  step?(kind: StepKind): void;
}

/** What a run ended with: its outcome, per-epoch losses and last views. */
export interface GenerativeFinished {
  outcome: GenerativeOutcome;
  history: GenerativeEpoch[];
  views: GenerativeView[];
}

export interface GenerativeListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown): void;
}

export type GenerativeStatus = 'idle' | 'running' | 'stopping';

export interface GenerativeEpoch extends GenerativeLosses {
  epoch: number;
}

export interface GenerativeProgress {
  kind: GenerativeKind;
  epoch: number;
  epochs: number;
  elapsedMs: number;
}

export class GenerativeRun {
  #task = $state<GenerativeTask>('vae');
  #epochs = $state<number>(presetFor('vae', null, 0).epochs);
  #learningRate = $state<number>(presetFor('vae', null, 0).learningRate);
  #distribution = $state<GeneratorKind>('moons');
  #status = $state<GenerativeStatus>('idle');
  #datasetId = $state<string | null>(null);
  #history = $state.raw<GenerativeEpoch[]>([]);
  #views = $state.raw<GenerativeView[]>([]);
  #progress = $state.raw<GenerativeProgress | null>(null);
  #outcome = $state.raw<GenerativeOutcome | null>(null);
  #isPaused = $state(false);
  #lastViewAt = -Infinity;
  #pendingViews: GenerativeView[] | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;
  readonly #port: GenerativePort;
  readonly #listener: GenerativeListener;
  readonly #now: () => number;
  /** The checkpoint setting, the resume offer (the offered dataset's) and checkpoint news. */
  readonly checkpoints: TaskCheckpoints;

  /** `checkpoints`: where the resume offer is read (IndexedDB by default; null = none). */
  constructor(
    port: GenerativePort,
    listener: GenerativeListener,
    now = () => performance.now(),
    checkpoints?: CheckpointSource | null,
  ) {
    this.#port = port;
    this.#listener = listener;
    this.#now = now;
    // Nothing is offered until the panel names its dataset.
    this.checkpoints =
      checkpoints === undefined
        ? new TaskCheckpoints(null)
        : new TaskCheckpoints(null, checkpoints);
  }

  /** Offers the latest checkpoint of this dataset's generative runs. */
  offerFor(datasetId: string): void {
    this.checkpoints.setPrefix(generativeCheckpointPrefix(datasetId));
  }

  /** The latest interrupted generative run's checkpoint, offered while no run is busy. */
  get resumeOffer(): ResumeOffer | null {
    return this.isBusy ? null : this.checkpoints.offer;
  }

  /**
   * Continues the offered run: its task and settings come back (so the panel shows what is
   * training), and the worker restores its checkpoint. Resolves as `start` does.
   */
  resumeOffered(backend: TrainRequest['backend']): Promise<GenerativeFinished | null> {
    const offer = this.resumeOffer;
    const spec = offer?.request.generative;
    if (!offer || !spec) return Promise.resolve(null);
    this.#task = spec.kind === 'gan' && spec.points ? 'ganPoints' : spec.kind;
    this.#epochs = spec.epochs;
    this.#learningRate = spec.learningRate;
    if (spec.points) this.#distribution = spec.points.kind;
    return this.start(resumeRequestOf(offer, backend));
  }

  get task(): GenerativeTask {
    return this.#task;
  }
  get settings(): GenerativeSettings {
    return {
      task: this.#task,
      epochs: this.#epochs,
      learningRate: this.#learningRate,
      distribution: this.#distribution,
    };
  }
  get status(): GenerativeStatus {
    return this.#status;
  }
  get isBusy(): boolean {
    return this.#status !== 'idle';
  }
  get progress(): GenerativeProgress | null {
    return this.#progress;
  }
  get isPaused(): boolean {
    return this.#isPaused;
  }
  get canPause(): boolean {
    return this.#status === 'running' && !this.#isPaused;
  }
  get canStep(): boolean {
    return this.#status === 'running' && this.#isPaused;
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
    if (this.canStep) this.#port.step?.(kind);
  }

  /** Losses, views and outcome of the last run, if it ran on `datasetId`. */
  resultFor(datasetId: string): {
    history: GenerativeEpoch[];
    views: GenerativeView[];
    outcome: GenerativeOutcome | null;
  } | null {
    if (this.#datasetId !== datasetId || this.#history.length === 0) return null;
    return { history: this.#history, views: this.#views, outcome: this.#outcome };
  }

  /** Chooses a task and loads its preset settings for this dataset's images (if any). */
  selectTask(task: GenerativeTask, hasLargeImages: boolean): void {
    const shape: [number, number, number] = hasLargeImages ? [28, 28, 1] : [8, 8, 1];
    const preset = presetFor(task, { shape, pixelRange: [0, 1] }, 0);
    this.#task = task;
    this.#epochs = preset.epochs;
    this.#learningRate = preset.learningRate;
  }
  setEpochs(epochs: number): void {
    this.#epochs = epochs;
  }
  setLearningRate(rate: number): void {
    this.#learningRate = rate;
  }
  setDistribution(kind: GeneratorKind): void {
    this.#distribution = kind;
  }

  /** Runs one job; resolves to what it finished with (null: cancelled, failed or refused). */
  async start(request: Omit<TrainRequest, 'jobId'>): Promise<GenerativeFinished | null> {
    if (this.isBusy || !request.generative) return null;
    // Every run keeps checkpoints under its dataset's key, unless the caller chose one.
    request = request.checkpoint
      ? request
      : {
          ...request,
          checkpoint: this.checkpoints.requestFor(generativeCheckpointKey(request.dataset.id)),
        };
    this.checkpoints.clearNote();
    this.#status = 'running';
    this.#isPaused = false;
    this.#datasetId = request.dataset.id;
    this.#history = [];
    this.#views = [];
    this.#outcome = null;
    this.#progress = null;
    this.#lastViewAt = -Infinity;
    try {
      const outcome = await this.#port.train(request, (event) => this.#onEvent(event));
      this.#flushViews();
      if (outcome.status === 'generated') {
        this.#outcome = outcome;
        return { outcome, history: this.#history, views: this.#views };
      } else if (outcome.status === 'failed')
        this.#listener.onFailure(outcome.code, outcome.params);
    } catch (error) {
      this.#listener.onUnexpected(error);
    } finally {
      this.#status = 'idle';
      this.#isPaused = false;
      void this.checkpoints.refresh();
    }
    return null;
  }

  async stop(): Promise<void> {
    if (this.#status !== 'running') return;
    this.#status = 'stopping';
    this.#isPaused = false;
    await this.#port.stop();
  }

  #onEvent(event: TrainingEvent): void {
    this.checkpoints.observe(event);
    if (event.type === 'resumed') {
      this.#history = event.generativeHistory ?? [];
      return;
    }
    if (event.type !== 'generated') return;
    this.#history = [...this.#history, { epoch: event.epoch, ...event.losses }];
    this.#progress = {
      kind: event.kind,
      epoch: event.epoch,
      epochs: event.epochs,
      elapsedMs: event.elapsedMs,
    };
    this.#queueViews(event);
  }

  #queueViews(event: GenerativeEpochEvent): void {
    this.#pendingViews = event.views;
    const wait = this.#lastViewAt + VIEW_THROTTLE_MS - this.#now();
    if (wait <= 0 || event.epoch === event.epochs) {
      this.#flushViews();
    } else if (this.#timer === null) {
      this.#timer = setTimeout(() => this.#flushViews(), wait);
    }
  }

  #flushViews(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pendingViews === null) return;
    this.#views = this.#pendingViews;
    this.#pendingViews = null;
    this.#lastViewAt = this.#now();
  }
}

let shared: GenerativeRun | null = null;

/**
 * The app's one generative run, created on first use with its own (lazily started) worker; kept
 * for the page's life so its results survive moving between stages.
 */
export function sharedGenerativeRun(listener: GenerativeListener): GenerativeRun {
  shared ??= new GenerativeRun(new TrainingClient(), listener);
  return shared;
}
