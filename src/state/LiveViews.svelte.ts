/**
 * What the live views of the Train screen show: the latest decision boundary, weight and
 * gradient histograms over the run's epochs, the CNN's filters and feature maps, the raw batch
 * losses (smoothed in the chart) and earlier runs of the same data for the loss chart.
 *
 * It sits between the training bridge and `TrainingRun` (`withLiveViews`): a run's request
 * gains the `liveViews` flag, `live` events land here, every other event passes through.
 * Incoming views are held and published at most once per animation frame, so a burst of events
 * costs one redraw; series are `$state.raw` values that are replaced, never mutated.
 */
import type {
  ConvView,
  DecisionBoundaryView,
  LayerHistogram,
  LiveViewsEvent,
  LiveViewsRequest,
} from '../contracts/live-views';
import type { EpochRecord, TrainingEvent } from '../contracts/training';
import type { RunDetail, RunId, RunSummary } from '../storage/runs-db';
import { createContext } from './context';
import type { TrainingPort } from './TrainingRun.svelte';

/** Every view the worker can compute; each is skipped where it does not apply. */
export const ALL_LIVE_VIEWS: LiveViewsRequest = { boundary: true, histograms: true, conv: true };
/** Histogram snapshots kept per run (older ones are thinned, keeping the first and last). */
const MAX_SNAPSHOTS = 200;
/** Raw batch losses kept for the smoothed curve. */
const MAX_BATCH_POINTS = 4000;
/** Earlier runs drawn on the loss chart. */
export const MAX_OVERLAYS = 5;

export interface HistogramSnapshot {
  epoch: number;
  weights: LayerHistogram[];
  gradients: LayerHistogram[];
}

export interface BatchLoss {
  /** Fractional epoch, on the same axis as the epoch curves. */
  x: number;
  loss: number;
}

export interface OverlayRun {
  id: string;
  /** Its name (or, unnamed, its time) labels the curve. */
  summary: RunSummary;
  history: EpochRecord[];
}

/** Where details of earlier runs come from (the run store), injectable for tests. */
export type ReadRunDetail = (id: RunId) => Promise<RunDetail | null>;

type Schedule = (flush: () => void) => void;

const nextFrame: Schedule = (flush) => {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => flush());
  else queueMicrotask(flush);
};

function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  return items.filter((_, i) => i % 2 === 0 || i === items.length - 1);
}

export class LiveViews {
  #boundary = $state.raw<{ epoch: number; view: DecisionBoundaryView } | null>(null);
  #snapshots = $state.raw<HistogramSnapshot[]>([]);
  #conv = $state.raw<{ epoch: number; view: ConvView } | null>(null);
  #batches = $state.raw<BatchLoss[]>([]);
  /** The run's epochs, published once per frame (a fast engine sends hundreds a second). */
  #history = $state.raw<EpochRecord[]>([]);
  #overlays = $state.raw<OverlayRun[]>([]);
  #group = $state.raw<{ datasetId: string; target: string; startedAt: number } | null>(null);
  #pending: LiveViewsEvent[] = [];
  #pendingBatches: BatchLoss[] = [];
  #pendingEpochs: EpochRecord[] = [];
  #isScheduled = false;
  readonly #schedule: Schedule;
  readonly #readDetail: ReadRunDetail;
  readonly #now: () => number;

  constructor(
    readDetail: ReadRunDetail,
    options: { schedule?: Schedule; now?: () => number } = {},
  ) {
    this.#readDetail = readDetail;
    this.#schedule = options.schedule ?? nextFrame;
    this.#now = options.now ?? Date.now;
  }

  get boundary() {
    return this.#boundary;
  }
  get snapshots(): HistogramSnapshot[] {
    return this.#snapshots;
  }
  get conv() {
    return this.#conv;
  }
  get batches(): BatchLoss[] {
    return this.#batches;
  }
  get history(): EpochRecord[] {
    return this.#history;
  }
  get overlays(): OverlayRun[] {
    return this.#overlays;
  }
  /** The data of the current (or last) run: earlier runs of it may be overlaid. */
  get group() {
    return this.#group;
  }

  /** A new run starts: its views replace the last run's. */
  begin(datasetId: string, target: string): void {
    this.#pending = [];
    this.#pendingBatches = [];
    this.#pendingEpochs = [];
    this.#history = [];
    this.#boundary = null;
    this.#snapshots = [];
    this.#conv = null;
    this.#batches = [];
    // Earlier runs of other data never join this run's chart.
    const group = this.#group;
    if (group?.datasetId !== datasetId || group.target !== target) this.#overlays = [];
    this.#group = { datasetId, target, startedAt: this.#now() };
  }

  /** Takes the events it draws; returns false for the others (batches and epochs it shares). */
  accept(event: TrainingEvent): boolean {
    if (event.type === 'epoch') {
      const { epoch, trainLoss, valLoss, trainMetric, valMetric, learningRate } = event;
      const record: EpochRecord = { epoch, trainLoss, valLoss, trainMetric, valMetric };
      if (learningRate !== undefined) record.learningRate = learningRate;
      this.#pendingEpochs.push(record);
      this.#request();
      return false;
    }
    if (event.type === 'batch') {
      const x = event.epoch - 1 + event.batch / event.batchesPerEpoch;
      this.#pendingBatches.push({ x, loss: event.loss });
      this.#request();
      return false;
    }
    if (event.type !== 'live') return false;
    this.#pending.push(event);
    this.#request();
    return true;
  }

  /** Earlier finished runs of the same data and target (newest first), with their curves. */
  async showOverlays(runs: RunSummary[]): Promise<void> {
    const group = this.#group;
    if (!group) return;
    const candidates = runs
      .filter(
        (r) =>
          r.dataset.id === group.datasetId &&
          r.dataset.target === group.target &&
          r.createdAt < group.startedAt,
      )
      .slice(0, MAX_OVERLAYS);
    const loaded: OverlayRun[] = [];
    for (const summary of candidates) {
      const detail = await this.#readDetail(summary.id);
      if (detail && detail.history.length > 0)
        loaded.push({ id: summary.id, summary, history: detail.history });
    }
    if (this.#group === group) this.#overlays = loaded;
  }

  hideOverlays(): void {
    this.#overlays = [];
  }

  #request(): void {
    if (this.#isScheduled) return;
    this.#isScheduled = true;
    this.#schedule(() => this.#flush());
  }

  #flush(): void {
    this.#isScheduled = false;
    const events = this.#pending;
    const batches = this.#pendingBatches;
    const epochs = this.#pendingEpochs;
    this.#pending = [];
    this.#pendingBatches = [];
    this.#pendingEpochs = [];
    if (epochs.length > 0) this.#history = [...this.#history, ...epochs];
    if (batches.length > 0) this.#batches = thin([...this.#batches, ...batches], MAX_BATCH_POINTS);
    const snapshots: HistogramSnapshot[] = [];
    for (const event of events) {
      if (event.boundary) this.#boundary = { epoch: event.epoch, view: event.boundary };
      if (event.conv) this.#conv = { epoch: event.epoch, view: event.conv };
      if (event.weights) {
        snapshots.push({
          epoch: event.epoch,
          weights: event.weights,
          gradients: event.gradients ?? [],
        });
      }
    }
    if (snapshots.length > 0)
      this.#snapshots = thin([...this.#snapshots, ...snapshots], MAX_SNAPSHOTS);
  }
}

/**
 * The training port with live views: each run asks for them, and their events are kept here
 * rather than passed on. Other members of the port (stop, pause, ...) are the port's own.
 */
export function withLiveViews<P extends TrainingPort>(port: P, live: LiveViews): P {
  const train: TrainingPort['train'] = (request, onEvent) => {
    live.begin(request.dataset.id, request.dataset.target);
    return port.train({ ...request, liveViews: ALL_LIVE_VIEWS }, (event) => {
      if (!live.accept(event)) onEvent(event);
    });
  };
  return new Proxy(port, {
    get(target, key) {
      if (key === 'train') return train;
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

export const [getLiveViews, setLiveViews] = createContext<LiveViews>('LiveViews');
