/**
 * The training worker's API (`TrainingApi`): backend → fetch → split, fit the recipe on the
 * training rows and replay it on the others → train → score the test set, streaming events to
 * the caller; and `previewRecipe`, the same preparation without a model, for the Prepare screen. Built here rather than in the worker file so it runs
 * in-process in Node tests.
 *
 * Invariants: one job at a time, latest wins: a new `train` stops the running job and waits for
 * it to finish before starting, so two jobs never share the tfjs engine. Every event of a job
 * reaches the caller before its outcome does. `stop` with a stale id does nothing. Expected
 * failures come back as `{ status: 'failed', code }`; a stop before the first batch comes back
 * as `{ status: 'cancelled' }` (there is no model to score); anything else is thrown, and
 * comlink hands it to the caller as an Error.
 */
import type {
  BackendReport,
  PreviewRequest,
  RecipePreviewResult,
  TrainOutcome,
  TrainRequest,
  TrainingApi,
  TrainingEvent,
  TrainingEventHandler,
} from '../contracts/training';
import { validateMlpSettings } from '../core/mlp-config';
import { BackendUnavailableError, selectBackend, type BackendEnvironment } from './backend';
import { serializeFitted } from '../core/recipe';
import { prepareWithRecipe } from './prepare-recipe';
import { mlpTrainingSpec, requiredKernels } from './kernels/required-kernels';
import { previewRecipe } from './preview-recipe';
import { trainMlp } from './train-loop';
import { shouldUseTinyPath, trainTinyMlp } from './tiny/train-tiny';

export interface TrainingServiceOptions {
  fetchText?: (url: string) => Promise<string>;
  /** Node tests pass an environment; the worker uses the browser's. */
  backends?: BackendEnvironment;
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

interface Emitter {
  emit: TrainingEventHandler;
  /** Resolves once every event emitted so far has been handled by the receiver. */
  flush(): Promise<void>;
}

/**
 * Over comlink, `onEvent` is a proxy on its own MessagePort, so its calls are not ordered with
 * the reply to `train`: without a flush the last events could arrive after the outcome. Calls on
 * one port are handled in order, so waiting for the last call's acknowledgement is enough. A
 * call rejects once the caller has released the proxy; a late event for an abandoned job must
 * not become an unhandled rejection in the worker.
 */
function createEmitter(onEvent: TrainingEventHandler): Emitter {
  let last: Promise<unknown> = Promise.resolve();
  return {
    emit: (event: TrainingEvent) => {
      const result: unknown = onEvent(event);
      if (result instanceof Promise) last = result.catch(() => undefined);
    },
    flush: async () => {
      await last;
    },
  };
}

export function createTrainingService(options: TrainingServiceOptions = {}) {
  const fetchText = options.fetchText ?? fetchTextOverHttp;
  const now = options.now ?? (() => performance.now());
  let current: RunningJob | null = null;
  /** The last dataset text, so editing a recipe does not refetch the file for every preview. */
  let cached: { url: string; text: Promise<string> } | null = null;

  function fetchCached(url: string): Promise<string> {
    if (cached?.url !== url) {
      const text = fetchText(url);
      cached = { url, text };
      // A failed fetch must not stay cached.
      text.catch(() => {
        if (cached?.text === text) cached = null;
      });
    }
    return cached.text;
  }

  async function runJob(
    job: RunningJob,
    request: TrainRequest,
    emit: TrainingEventHandler,
  ): Promise<TrainOutcome> {
    const { jobId } = request;
    const cancelled: TrainOutcome = { status: 'cancelled', jobId };
    const problems = validateMlpSettings(request.model);
    const [problem] = problems;
    if (problem) {
      return {
        status: 'failed',
        jobId,
        code: 'error.config.invalid',
        params: { field: problem.field },
      };
    }
    const startedAt = now();

    let backend: BackendReport;
    try {
      backend = await selectBackend(
        request.backend,
        options.backends,
        requiredKernels(mlpTrainingSpec(request.model, request.dataset.task)),
      );
    } catch (error) {
      if (!(error instanceof BackendUnavailableError)) throw error;
      return {
        status: 'failed',
        jobId,
        code: 'error.training.backendFailed',
        params: { detail: error.message },
      };
    }
    emit({ type: 'backend', jobId, backend });
    if (job.isStopRequested) return cancelled;

    let text: string;
    try {
      text = await fetchCached(request.dataset.url);
    } catch {
      return {
        status: 'failed',
        jobId,
        code: 'error.dataset.fetchFailed',
        params: { url: request.dataset.url },
      };
    }
    if (job.isStopRequested) return cancelled;

    const prepared = prepareWithRecipe(text, request, request.model.seed);
    if (!prepared.ok) {
      return prepared.params === undefined
        ? { status: 'failed', jobId, code: prepared.code }
        : { status: 'failed', jobId, code: prepared.code, params: prepared.params };
    }

    // Tiny networks are dominated by per-op overhead on every tfjs backend: a plain-JS engine
    // with identical maths (tests/unit/ml/tiny) trains them many times faster.
    const outputs = prepared.task === 'classification' ? prepared.classNames.length : 1;
    const useTiny = shouldUseTinyPath(
      prepared.width,
      outputs,
      request.model,
      prepared.yTrain.length,
    );
    const train = useTiny ? trainTinyMlp : trainMlp;
    const result = await train({
      jobId,
      liveEvaluation: request.liveEvaluation !== false,
      data: prepared,
      config: request.model,
      emit,
      isStopRequested: () => job.isStopRequested,
      onModelBuilt: (parameterCount) =>
        emit({ type: 'prepared', jobId, summary: { ...prepared.summary, parameterCount } }),
      now,
    });
    if (result.status === 'failed') {
      return result.params === undefined
        ? { status: 'failed', jobId, code: result.code }
        : { status: 'failed', jobId, code: result.code, params: result.params };
    }
    emit({ type: 'done', jobId });
    return {
      status: result.status,
      jobId,
      epochsRun: result.epochsRun,
      history: result.history,
      test: result.test,
      backend: backend.name,
      engine: useTiny ? 'tiny' : 'tfjs',
      durationMs: now() - startedAt,
      fittedRecipe: serializeFitted(prepared.fitted),
    };
  }

  const service = {
    async train(request: TrainRequest, onEvent: TrainingEventHandler): Promise<TrainOutcome> {
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

    async previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult> {
      let text: string;
      try {
        text = await fetchCached(request.dataset.url);
      } catch {
        return {
          ok: false,
          code: 'error.dataset.fetchFailed',
          params: { url: request.dataset.url },
        };
      }
      return previewRecipe(text, request);
    },
  } satisfies TrainingApi;
  return service;
}
