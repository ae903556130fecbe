/**
 * The Explore stage's state: which unsupervised method, its parameters (kept per method, so
 * switching back and forth loses nothing), how points are coloured, the running job's progress
 * and the last result. The data, split and recipe come from the project through `baseRequest`,
 * so Explore always sees the same prepared training split as training does.
 *
 * Invariants: one job at a time; a result belongs to the dataset it was computed on and is
 * hidden when another dataset is chosen; results and progress are `$state.raw`, replaced whole.
 */
import type { ClassicalParamValue } from '../contracts/classical';
import type {
  ClusteringMethodKey,
  ExploreColorBy,
  ExploreEvent,
  ExploreMethodKey,
  ExploreOutcome,
  ExploreRequest,
  ExploreResult,
} from '../contracts/explore';
import type { PreviewRequest } from '../contracts/training';
import { EXPLORE_METHODS } from '../core/classical-catalog';
import {
  exploreParamProblems,
  findExploreMethod,
  type ExploreParams,
  type ParamProblem,
} from '../core/explore-params';
import { createContext } from './context';

/** What the state needs from the bridge; the real one is `ExploreClient`, tests pass a fake. */
export interface ExplorePort {
  explore(
    request: Omit<ExploreRequest, 'jobId'>,
    onEvent: (event: ExploreEvent) => void,
  ): Promise<ExploreOutcome>;
  stop(): Promise<void>;
}

export interface ExploreListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown): void;
}

export type ExploreStatus = 'idle' | 'running' | 'stopping';

export type ExploreProgress = Omit<Extract<ExploreEvent, { type: 'progress' }>, 'type' | 'jobId'>;

const CLUSTERING: readonly string[] = ['kmeans', 'dbscan', 'agglomerative'];

function initialParams(): Record<string, ExploreParams> {
  return Object.fromEntries(EXPLORE_METHODS.map((m) => [m.key, { ...m.defaults }]));
}

export class ExploreRun {
  #method = $state<ExploreMethodKey>('kmeans');
  #params = $state.raw<Record<string, ExploreParams>>(initialParams());
  #colorBy = $state<ExploreColorBy>('cluster');
  #status = $state<ExploreStatus>('idle');
  #prepared = $state.raw<{ rows: number; features: number } | null>(null);
  #progress = $state.raw<ExploreProgress | null>(null);
  #result = $state.raw<{ datasetId: string; result: ExploreResult } | null>(null);
  /** The clustering last run, which colours embeddings "by cluster". */
  #lastClustering = $state.raw<{ method: ClusteringMethodKey; params: ExploreParams } | null>(null);
  #problems = $derived(exploreParamProblems(findExploreMethod(this.#method)!, this.params));
  readonly #port: ExplorePort;
  readonly #listener: ExploreListener;
  readonly #baseRequest: () => PreviewRequest | null;

  constructor(
    port: ExplorePort,
    listener: ExploreListener,
    baseRequest: () => PreviewRequest | null,
  ) {
    this.#port = port;
    this.#listener = listener;
    this.#baseRequest = baseRequest;
  }

  get method(): ExploreMethodKey {
    return this.#method;
  }
  get params(): ExploreParams {
    return this.#params[this.#method] ?? {};
  }
  get colorBy(): ExploreColorBy {
    return this.#colorBy;
  }
  get status(): ExploreStatus {
    return this.#status;
  }
  get isBusy(): boolean {
    return this.#status !== 'idle';
  }
  get prepared(): { rows: number; features: number } | null {
    return this.#prepared;
  }
  get progress(): ExploreProgress | null {
    return this.#progress;
  }
  get problems(): ParamProblem[] {
    return this.#problems;
  }
  get lastClustering(): { method: ClusteringMethodKey; params: ExploreParams } | null {
    return this.#lastClustering;
  }

  /** The last result, if it was computed on `datasetId`. */
  resultFor(datasetId: string): ExploreResult | null {
    return this.#result?.datasetId === datasetId ? this.#result.result : null;
  }

  selectMethod(method: ExploreMethodKey): void {
    if (!findExploreMethod(method)) return;
    this.#method = method;
    // Clusterings are drawn by cluster, embeddings by label, unless the person chooses.
    this.#colorBy = CLUSTERING.includes(method) ? 'cluster' : 'label';
  }

  setParam(field: string, value: ClassicalParamValue): void {
    this.#params = { ...this.#params, [this.#method]: { ...this.params, [field]: value } };
  }

  resetParams(): void {
    const info = findExploreMethod(this.#method)!;
    this.#params = { ...this.#params, [this.#method]: { ...info.defaults } };
  }

  setColorBy(colorBy: ExploreColorBy): void {
    this.#colorBy = colorBy;
  }

  async start(): Promise<void> {
    if (this.isBusy || this.#problems.length > 0) return;
    const base = this.#baseRequest();
    if (!base) return;
    const method = this.#method;
    const params = { ...this.params };
    const request: Omit<ExploreRequest, 'jobId'> = {
      ...base,
      method,
      params,
      colorBy: this.#colorBy,
    };
    const clusterBy = this.#lastClustering;
    if (!CLUSTERING.includes(method) && clusterBy) {
      request.clusterBy = { method: clusterBy.method, params: { ...clusterBy.params } };
    }
    this.#status = 'running';
    this.#prepared = null;
    this.#progress = null;
    try {
      const outcome = await this.#port.explore(request, (event) => this.#onEvent(event));
      if (outcome.status === 'completed') {
        this.#result = { datasetId: base.dataset.id, result: outcome.result };
        if (CLUSTERING.includes(method)) {
          this.#lastClustering = { method: method as ClusteringMethodKey, params };
        }
      } else if (outcome.status === 'failed') {
        this.#listener.onFailure(outcome.code, outcome.params);
      }
    } catch (error) {
      this.#listener.onUnexpected(error);
    } finally {
      this.#status = 'idle';
      this.#progress = null;
    }
  }

  async stop(): Promise<void> {
    if (this.#status !== 'running') return;
    this.#status = 'stopping';
    await this.#port.stop();
  }

  #onEvent(event: ExploreEvent): void {
    if (event.type === 'prepared') {
      this.#prepared = { rows: event.rows, features: event.features };
    } else {
      const { stage, done, total, metrics } = event;
      this.#progress = metrics ? { stage, done, total, metrics } : { stage, done, total };
    }
  }
}

export const [getExploreRun, setExploreRun] = createContext<ExploreRun>('ExploreRun');
