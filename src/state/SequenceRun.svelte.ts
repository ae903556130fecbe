/**
 * State of a sequence run (forecasting or character text): the chosen task, dataset and
 * settings, the per-epoch history, the latest text samples and the outcome. It owns a training
 * worker of its own, so a sequence run never stops the main run, and its results survive
 * moving between stages.
 *
 * Invariants: one job at a time; history and samples are `$state.raw`, replaced whole (one
 * epoch event and one samples event per epoch, so no throttling is needed); a result belongs to
 * the settings it ran with (`finished.spec`), not to the settings being edited. Pause, resume
 * and single steps reach the worker's run control, as in the main training studio. Runs save
 * checkpoints every N epochs and at stop (one per dataset); after a reload the latest is offered,
 * and resuming it restores its settings and continues from its epoch with its history.
 */
import { TrainingClient } from '../bridge/training-client';
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type {
  CharModelKind,
  ForecastSpec,
  SamplesEvent,
  SequenceKind,
  SequenceResult,
  SequenceSpec,
  TextSpec,
} from '../contracts/sequence';
import type {
  BackendName,
  EpochRecord,
  TrainOutcome,
  TrainRequest,
  TrainingEvent,
} from '../contracts/training';
import {
  SEQUENCE_CHECKPOINT_PREFIX,
  resumeRequestOf,
  sequenceCheckpointKey,
  type CheckpointSource,
  type ResumeOffer,
} from './checkpoint-offer';
import { defaultForecast, defaultText, sequenceProblems } from './sequence-request';
import { TaskCheckpoints } from './TaskCheckpoints.svelte';
import type { SequenceOutcome } from './task-run-record';
import type { StepKind } from './TrainingRun.svelte';

export interface SequencePort {
  train(
    request: Omit<TrainRequest, 'jobId'>,
    onEvent: (event: TrainingEvent) => void,
  ): Promise<TrainOutcome>;
  stop(): Promise<void>;
  pause?(): void;
  resume?(): void;
  step?(kind: StepKind): void;
}

export interface SequenceListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown): void;
}

export type SequenceStatus = 'idle' | 'running' | 'stopping';

export interface SequenceProgress {
  epoch: number;
  epochs: number;
  elapsedMs: number;
  etaMs: number;
}

export interface SequenceFinished {
  status: 'completed' | 'stopped';
  datasetId: string;
  spec: SequenceSpec;
  result: SequenceResult;
  epochsRun: number;
  durationMs: number;
  backend: BackendName;
  /** The whole outcome, as the registry keeps it. */
  outcome: SequenceOutcome;
}

export class SequenceRun {
  #kind = $state<SequenceKind>('forecast');
  #datasetId = $state<string>('');
  #forecast = $state.raw<ForecastSpec>(defaultForecast(undefined));
  #text = $state.raw<TextSpec>(defaultText());
  #status = $state<SequenceStatus>('idle');
  #history = $state.raw<EpochRecord[]>([]);
  #samples = $state.raw<SamplesEvent | null>(null);
  #progress = $state.raw<SequenceProgress | null>(null);
  #finished = $state.raw<SequenceFinished | null>(null);
  #runningKind = $state<SequenceKind | null>(null);
  #isPaused = $state(false);
  #focusRequested = false;
  readonly #port: SequencePort;
  readonly #listener: SequenceListener;
  /** The checkpoint setting, the resume offer and checkpoint news. */
  readonly checkpoints: TaskCheckpoints;

  /** `checkpoints`: where the resume offer is read (IndexedDB by default; null = none). */
  constructor(
    port: SequencePort,
    listener: SequenceListener,
    checkpoints?: CheckpointSource | null,
  ) {
    this.#port = port;
    this.#listener = listener;
    this.checkpoints =
      checkpoints === undefined
        ? new TaskCheckpoints(SEQUENCE_CHECKPOINT_PREFIX)
        : new TaskCheckpoints(SEQUENCE_CHECKPOINT_PREFIX, checkpoints);
  }

  /** The latest interrupted sequence run's checkpoint, offered while no run is busy. */
  get resumeOffer(): ResumeOffer | null {
    return this.isBusy ? null : this.checkpoints.offer;
  }

  get kind(): SequenceKind {
    return this.#kind;
  }
  get datasetId(): string {
    return this.#datasetId;
  }
  get forecast(): ForecastSpec {
    return this.#forecast;
  }
  get text(): TextSpec {
    return this.#text;
  }
  /** The settings of the chosen task. */
  get spec(): SequenceSpec {
    return this.#kind === 'forecast' ? this.#forecast : this.#text;
  }
  get problems(): string[] {
    return sequenceProblems(this.spec);
  }
  get status(): SequenceStatus {
    return this.#status;
  }
  get isBusy(): boolean {
    return this.#status !== 'idle';
  }
  /** The task of the run in progress or last run (what the history belongs to). */
  get runningKind(): SequenceKind | null {
    return this.#runningKind;
  }
  get history(): EpochRecord[] {
    return this.#history;
  }
  get samples(): SamplesEvent | null {
    return this.#samples;
  }
  get progress(): SequenceProgress | null {
    return this.#progress;
  }
  get finished(): SequenceFinished | null {
    return this.#finished;
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

  /**
   * Another screen (the Data screen's dataset cards) chose the dataset and asks the Model
   * screen's sequence panel to bring itself into view once; true only for the first reader.
   */
  requestFocus(): void {
    this.#focusRequested = true;
  }
  takeFocusRequest(): boolean {
    const requested = this.#focusRequested;
    this.#focusRequested = false;
    return requested;
  }

  /** Chooses a dataset; its task decides forecasting or text, and a forecast resets its column. */
  selectDataset(entry: BuiltinDatasetEntry, kind: SequenceKind): void {
    if (this.isBusy) return;
    this.#datasetId = entry.id;
    this.#kind = kind;
    if (kind === 'forecast') this.#forecast = defaultForecast(entry);
  }
  updateForecast(patch: Partial<Omit<ForecastSpec, 'kind'>>): void {
    if (!this.isBusy) this.#forecast = { ...this.#forecast, ...patch };
  }
  updateText(patch: Partial<Omit<TextSpec, 'kind'>>): void {
    if (!this.isBusy) this.#text = { ...this.#text, ...patch };
  }
  /** Another character model loads its own default learning rate. */
  selectCharModel(model: CharModelKind): void {
    if (!this.isBusy)
      this.#text = { ...this.#text, model, learningRate: defaultText(model).learningRate };
  }

  /**
   * Continues the offered run: its dataset and settings come back (so the panels show what is
   * training), and the worker restores its checkpoint. Resolves as `start` does.
   */
  resumeOffered(backend: TrainRequest['backend']): Promise<SequenceFinished | null> {
    const offer = this.resumeOffer;
    const spec = offer?.request.sequence;
    if (!offer || !spec) return Promise.resolve(null);
    this.#datasetId = offer.datasetId;
    this.#kind = spec.kind;
    if (spec.kind === 'forecast') this.#forecast = { ...spec };
    else this.#text = { ...spec };
    return this.start(resumeRequestOf(offer, backend));
  }

  /** Runs one job; resolves to what it finished with (null: cancelled, failed or refused). */
  async start(request: Omit<TrainRequest, 'jobId'>): Promise<SequenceFinished | null> {
    const spec = request.sequence;
    if (this.isBusy || !spec) return null;
    // Every run keeps checkpoints under its dataset's key, unless the caller chose one.
    request = request.checkpoint
      ? request
      : {
          ...request,
          checkpoint: this.checkpoints.requestFor(sequenceCheckpointKey(request.dataset.id)),
        };
    this.checkpoints.clearNote();
    this.#status = 'running';
    this.#isPaused = false;
    this.#runningKind = spec.kind;
    this.#history = [];
    this.#samples = null;
    this.#progress = null;
    this.#finished = null;
    try {
      const outcome = await this.#port.train(request, (event) => this.#onEvent(event));
      if ((outcome.status === 'completed' || outcome.status === 'stopped') && outcome.sequence) {
        this.#finished = {
          status: outcome.status,
          datasetId: request.dataset.id,
          spec,
          result: outcome.sequence,
          epochsRun: outcome.epochsRun,
          durationMs: outcome.durationMs,
          backend: outcome.backend,
          outcome: { ...outcome, sequence: outcome.sequence },
        };
        return this.#finished;
      } else if (outcome.status === 'failed') {
        this.#listener.onFailure(outcome.code, outcome.params);
      }
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
    // A held run must wake to see the stop (the worker's stop releases it too).
    this.#isPaused = false;
    await this.#port.stop();
  }

  #onEvent(event: TrainingEvent): void {
    this.checkpoints.observe(event);
    if (event.type === 'resumed') {
      this.#history = event.history;
      const epochs = this.spec.epochs;
      this.#progress =
        event.epoch > 0 ? { epoch: event.epoch, epochs, elapsedMs: 0, etaMs: 0 } : null;
    } else if (event.type === 'epoch') {
      const { epoch, trainLoss, valLoss, trainMetric, valMetric } = event;
      this.#history = [...this.#history, { epoch, trainLoss, valLoss, trainMetric, valMetric }];
      this.#progress = {
        epoch,
        epochs: event.epochs,
        elapsedMs: event.elapsedMs,
        etaMs: event.etaMs,
      };
    } else if (event.type === 'samples') {
      this.#samples = event;
    }
  }
}

let shared: SequenceRun | null = null;

/** The app's one sequence run, created on first use with its own (lazily started) worker. */
export function sharedSequenceRun(listener: SequenceListener): SequenceRun {
  shared ??= new SequenceRun(new TrainingClient(), listener);
  return shared;
}
