/**
 * The explore worker's API (`ExploreApi`): load the dataset (fetched CSV or stored table),
 * split it and fit the recipe on the training rows exactly as training does
 * (`prepareWithRecipe`), then run one unsupervised method on the prepared training split.
 * Built here rather than in the worker file so it runs in-process in Node tests.
 *
 * Invariants: one job at a time, latest wins: a new `explore` stops the running job and waits
 * for it before starting. Every event of a job reaches the caller before its outcome. `stop`
 * with a stale id does nothing. Expected failures are `{ status: 'failed', code }`.
 */
import type { DatasetId } from '../../contracts/data';
import type {
  ExploreApi,
  ExploreEvent,
  ExploreEventHandler,
  ExploreOutcome,
  ExploreRequest,
} from '../../contracts/explore';
import type { TrainRequest } from '../../contracts/training';
import { prepareWithRecipe } from '../prepare-recipe';
import { createStoredLoader, type DatasetInput, type StoredTable } from '../stored-dataset';
import { yieldToEventLoop } from '../yield';
import { denseMatrix } from '../classical/types';
import { runExplore, type ExploreData } from './run-explore';

/** At most one progress event per this many ms within a stage. */
export const PROGRESS_THROTTLE_MS = 100;

export interface ExploreServiceOptions {
  fetchText?: (url: string) => Promise<string>;
  readStored?: (datasetId: DatasetId) => Promise<StoredTable | null>;
  now?: () => number;
}

interface RunningJob {
  jobId: number;
  isStopRequested: boolean;
  finished: Promise<unknown>;
}

async function fetchTextOverHttp(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.text();
}

/** Comlink proxies are not ordered with the reply: wait for the last event's acknowledgement. */
function createEmitter(onEvent: ExploreEventHandler) {
  let last: Promise<unknown> = Promise.resolve();
  return {
    emit: (event: ExploreEvent) => {
      const result: unknown = onEvent(event);
      if (result instanceof Promise) last = result.catch(() => undefined);
    },
    flush: async () => {
      await last;
    },
  };
}

export function createExploreService(options: ExploreServiceOptions = {}) {
  const fetchText = options.fetchText ?? fetchTextOverHttp;
  const now = options.now ?? (() => performance.now());
  let current: RunningJob | null = null;
  let cached: { url: string; text: Promise<string> } | null = null;

  function fetchCached(url: string): Promise<string> {
    if (cached?.url !== url) {
      const text = fetchText(url);
      cached = { url, text };
      text.catch(() => {
        if (cached?.text === text) cached = null;
      });
    }
    return cached.text;
  }

  const loadStored = createStoredLoader(options.readStored ?? (() => Promise.resolve(null)));
  function loadDataset(dataset: TrainRequest['dataset']): Promise<DatasetInput> {
    const source = dataset.source;
    return source?.kind === 'stored'
      ? loadStored(dataset, source.datasetId)
      : fetchCached(dataset.url);
  }

  async function runJob(
    job: RunningJob,
    request: ExploreRequest,
    emit: ExploreEventHandler,
  ): Promise<ExploreOutcome> {
    const { jobId } = request;
    const startedAt = now();
    let text: DatasetInput;
    try {
      text = await loadDataset(request.dataset);
    } catch {
      return {
        status: 'failed',
        jobId,
        code: 'error.dataset.fetchFailed',
        params: { url: request.dataset.url },
      };
    }
    if (job.isStopRequested) return { status: 'cancelled', jobId };
    const prepared = prepareWithRecipe(text, request, request.seed);
    if (!prepared.ok) {
      return prepared.params === undefined
        ? { status: 'failed', jobId, code: prepared.code }
        : { status: 'failed', jobId, code: prepared.code, params: prepared.params };
    }
    const rows = prepared.yTrain.length;
    emit({ type: 'prepared', jobId, rows, features: prepared.width });
    const scale = prepared.targetScale;
    const data: ExploreData = {
      x: denseMatrix(rows, prepared.width, prepared.xTrain),
      // Regression targets were standardized for training; the legend wants the real values.
      y: scale ? Array.from(prepared.yTrain, (v) => v * scale.std + scale.mean) : prepared.yTrain,
      task: prepared.task,
      classNames: prepared.classNames,
    };
    // Throttled (t-SNE reports every iteration), but a new stage and a stage's end always pass.
    let lastStage = '';
    let lastAt = -Infinity;
    const outcome = await runExplore(data, request, {
      shouldStop: () => job.isStopRequested,
      yieldNow: yieldToEventLoop,
      emit: (progress) => {
        const at = now();
        const isNews = progress.stage !== lastStage || progress.done >= progress.total;
        if (!isNews && at - lastAt < PROGRESS_THROTTLE_MS) return;
        lastStage = progress.stage;
        lastAt = at;
        emit({ type: 'progress', jobId, ...progress });
      },
    });
    if (outcome.status === 'cancelled' || job.isStopRequested)
      return { status: 'cancelled', jobId };
    if (outcome.status === 'failed') {
      return outcome.params === undefined
        ? { status: 'failed', jobId, code: outcome.code }
        : { status: 'failed', jobId, code: outcome.code, params: outcome.params };
    }
    return {
      status: 'completed',
      jobId,
      result: { ...outcome.result, durationMs: now() - startedAt },
    };
  }

  const service = {
    async explore(request: ExploreRequest, onEvent: ExploreEventHandler): Promise<ExploreOutcome> {
      const previous = current;
      let settle = (): void => undefined;
      const job: RunningJob = {
        jobId: request.jobId,
        isStopRequested: false,
        finished: new Promise<void>((resolve) => (settle = resolve)),
      };
      current = job;
      try {
        if (previous) {
          previous.isStopRequested = true;
          await previous.finished;
        }
        if (job.isStopRequested) return { status: 'cancelled', jobId: job.jobId };
        const emitter = createEmitter(onEvent);
        const outcome = await runJob(job, request, emitter.emit);
        await emitter.flush();
        return outcome;
      } finally {
        if (current === job) current = null;
        settle();
      }
    },

    stop(jobId: number): void {
      if (current?.jobId === jobId) current.isStopRequested = true;
    },
  } satisfies ExploreApi;
  return service;
}
