/**
 * The training worker's API (`TrainingApi`): backend → fetch → split, fit the recipe on the
 * training rows and replay it on the others → train → score the test set, streaming events to
 * the caller (a classical learner, `request.classical`, skips the backend and trains in plain
 * JavaScript: src/ml/classical-run.ts); and `previewRecipe`, the same preparation without a
 * model, for the Prepare screen. Built here rather than in the worker file so it runs
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
  TrainedModelArtifacts,
  TrainingApi,
  TrainingEvent,
  TrainingEventHandler,
} from '../contracts/training';
import { validateMlpSettings } from '../core/mlp-config';
import {
  BackendUnavailableError,
  BROWSER_BACKENDS,
  selectBackend,
  type BackendEnvironment,
} from './backend';
import { serializeFitted } from '../core/recipe';
import { prepareWithRecipe, type PreparedRecipeData } from './prepare-recipe';
import { mlpTrainingSpec, requiredKernels } from './kernels/required-kernels';
import { networkKernels } from './network/network-kernels';
import { runNetworkJob as runBuilderNetwork, type CheckpointPort } from './network/network-job';
import { backendAfterLoss } from './network/backend-fallback';
import { runSequenceJob } from './sequence/sequence-run';
import { runGenerative } from './generative/run-generative';
import { RunControl, type StepKind } from './network/run-control';
import { previewRecipe } from './preview-recipe';
import { createStoredLoader, type DatasetInput, type StoredTable } from './stored-dataset';
import type { DatasetId } from '../contracts/data';
import type { ClassicalModelSpec } from '../contracts/classical';
import type { NetworkModelSpec, TaskCheckpointPort } from '../contracts/network';
import { trainMlp } from './train-loop';
import { shouldUseTinyPath, trainTinyMlp } from './tiny/train-tiny';
import { shouldUseFastPath, trainFastMlp } from './fast-mlp/train-fast';
import { trainClassical } from './classical-run';
import { resolveClassicalSpec } from './classical-run-params';
import { predictionSchemaOf } from './predict-schema';
import { runCrossValidation } from './cross-validate';
import type {
  CrossValidationEventHandler,
  CrossValidationOutcome,
  CrossValidationRequest,
} from '../contracts/cross-validation';

export interface TrainingServiceOptions {
  fetchText?: (url: string) => Promise<string>;
  /** Reads a stored dataset (the worker wires IndexedDB); without it stored sets are not found. */
  readStored?: (datasetId: DatasetId) => Promise<StoredTable | null>;
  /** Node tests pass an environment; the worker uses the browser's. */
  backends?: BackendEnvironment;
  /** Builder networks' checkpoints between page loads (the worker wires IndexedDB). */
  checkpoints?: CheckpointPort;
  /** Sequence and generative runs' checkpoints, the same way. */
  taskCheckpoints?: TaskCheckpointPort;
  /** A registered run's trained network, for transfer learning (the worker wires IndexedDB). */
  readRunWeights?: (runId: string) => Promise<TrainedModelArtifacts | null>;
  now?: () => number;
}

interface RunningJob {
  jobId: number;
  isStopRequested: boolean;
  /** Pause, resume and single steps (builder networks); stop reaches it too. */
  control: RunControl;
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

  const loadStored = createStoredLoader(options.readStored ?? (() => Promise.resolve(null)));
  /** CSV text from the dataset's URL, or the frame of a dataset the user stored. */
  function loadDataset(dataset: TrainRequest['dataset']): Promise<DatasetInput> {
    const source = dataset.source;
    return source?.kind === 'stored'
      ? loadStored(dataset, source.datasetId)
      : fetchCached(dataset.url);
  }

  /** Fetch or read the dataset, split it and fit the recipe: the same for every model. */
  async function loadAndPrepare(
    job: RunningJob,
    request: TrainRequest,
  ): Promise<PreparedRecipeData | { ok: false; outcome: TrainOutcome }> {
    const { jobId } = request;
    let text: DatasetInput;
    try {
      text = await loadDataset(request.dataset);
    } catch {
      const outcome: TrainOutcome = {
        status: 'failed',
        jobId,
        code: 'error.dataset.fetchFailed',
        params: { url: request.dataset.url },
      };
      return { ok: false, outcome };
    }
    if (job.isStopRequested) return { ok: false, outcome: { status: 'cancelled', jobId } };
    const prepared = prepareWithRecipe(text, request, request.model.seed);
    if (prepared.ok) return prepared;
    const outcome: TrainOutcome =
      prepared.params === undefined
        ? { status: 'failed', jobId, code: prepared.code }
        : { status: 'failed', jobId, code: prepared.code, params: prepared.params };
    return { ok: false, outcome };
  }

  /**
   * A classical learner instead of the network: no tfjs backend is chosen (the learners are
   * plain JavaScript on the CPU, so no 'backend' event is sent and the outcome says 'cpu');
   * only the network's seed is read from `request.model`, for the split and the recipe.
   */
  async function runClassicalJob(
    job: RunningJob,
    request: TrainRequest,
    classical: ClassicalModelSpec,
    emit: TrainingEventHandler,
  ): Promise<TrainOutcome> {
    const { jobId } = request;
    const invalid = (field: string): TrainOutcome => ({
      status: 'failed',
      jobId,
      code: 'error.config.invalid',
      params: { field },
    });
    const spec = resolveClassicalSpec(classical, request.dataset.task);
    if (!spec.ok) return invalid(spec.field);
    const { seed } = request.model;
    if (!Number.isSafeInteger(seed) || seed < 0) return invalid('seed');
    const startedAt = now();
    const prepared = await loadAndPrepare(job, request);
    if (!prepared.ok) return prepared.outcome;
    emit({ type: 'prepared', jobId, summary: prepared.summary });
    const result = await trainClassical({
      jobId,
      data: prepared,
      spec,
      emit,
      isStopRequested: () => job.isStopRequested,
      now,
    });
    if (result.status === 'cancelled') return { status: 'cancelled', jobId };
    if (result.status === 'failed') return { ...result, jobId };
    emit({ type: 'done', jobId });
    return {
      ...result,
      jobId,
      backend: 'cpu',
      durationMs: now() - startedAt,
      fittedRecipe: serializeFitted(prepared.fitted),
      prediction: predictionSchemaOf(prepared),
      classical: { learner: spec.info.key, params: spec.params },
    };
  }

  /**
   * A network from the layer builder: the same backend choice (with its kernels), data and
   * recipe as the MLP, then the general loop, which honours pause, resume and single steps.
   */
  async function runNetworkJob(
    job: RunningJob,
    request: TrainRequest & { network: NetworkModelSpec },
    emit: TrainingEventHandler,
  ): Promise<TrainOutcome> {
    const { jobId } = request;
    const startedAt = now();
    const transfer = request.network.transfer;
    const transferSource = transfer
      ? ((await options.readRunWeights?.(transfer.sourceRunId)) ?? null)
      : null;
    if (transfer && !transferSource) {
      const params = { run: transfer.sourceName };
      return { status: 'failed', jobId, code: 'error.transfer.sourceMissing', params };
    }
    let backend: BackendReport;
    const kernels = networkKernels(request.network, request.dataset.task);
    try {
      backend = await selectBackend(request.backend, options.backends, kernels);
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
    if (job.isStopRequested) return { status: 'cancelled', jobId };
    const prepared = await loadAndPrepare(job, request);
    if (!prepared.ok) return prepared.outcome;
    const environment = options.backends ?? BROWSER_BACKENDS;
    const { outcome, backend: ranOn } = await runBuilderNetwork({
      request,
      data: prepared,
      emit,
      control: job.control,
      now,
      backend: backend.name,
      checkpoints: options.checkpoints,
      ...(transferSource ? { transferSource } : {}),
      switchBackend: (lost) => backendAfterLoss(environment, lost, kernels),
    });
    if (outcome.status === 'failed') return outcome;
    return {
      ...outcome,
      backend: ranOn,
      durationMs: now() - startedAt,
      fittedRecipe: serializeFitted(prepared.fitted),
      prediction: predictionSchemaOf(prepared),
    };
  }

  async function runJob(
    job: RunningJob,
    request: TrainRequest,
    emit: TrainingEventHandler,
  ): Promise<TrainOutcome> {
    const { jobId } = request;
    const cancelled: TrainOutcome = { status: 'cancelled', jobId };
    if (request.classical) return runClassicalJob(job, request, request.classical, emit);
    if (request.sequence) return runSequenceJob(request, emit, job.control, fetchCached, options);
    if (request.generative) {
      const generative = { ...request, generative: request.generative };
      const load = () => loadDataset(request.dataset);
      return runGenerative({
        request: generative,
        emit,
        control: job.control,
        load,
        now,
        ...(options.backends ? { backends: options.backends } : {}),
        ...(options.taskCheckpoints ? { checkpoints: options.taskCheckpoints } : {}),
      });
    }
    if (request.network) return runNetworkJob(job, { ...request, network: request.network }, emit);
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

    const prepared = await loadAndPrepare(job, request);
    if (!prepared.ok) return prepared.outcome;

    // Tiny networks are dominated by per-op overhead on every tfjs backend: a plain-JS engine
    // with identical maths (tests/unit/ml/tiny) trains them many times faster.
    const outputs = prepared.task === 'classification' ? prepared.classNames.length : 1;
    const useTiny = shouldUseTinyPath(
      prepared.width,
      outputs,
      request.model,
      prepared.yTrain.length,
    );
    // Larger MLPs on WASM or the CPU backend: the buffer engine (tests/unit/ml/fast-mlp), whose
    // products run in the WASM backend's XNNPACK without tfjs's per-op overhead.
    const useFast =
      !useTiny &&
      shouldUseFastPath(
        backend.name,
        prepared.width,
        outputs,
        request.model,
        prepared.yTrain.length,
      );
    const train = useTiny ? trainTinyMlp : useFast ? trainFastMlp : trainMlp;
    const result = await train({
      jobId,
      liveEvaluation: request.liveEvaluation !== false,
      data: prepared,
      ...(request.liveViews ? { liveViews: request.liveViews } : {}),
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
      engine: useTiny ? 'tiny' : useFast ? 'fast' : 'tfjs',
      durationMs: now() - startedAt,
      fittedRecipe: serializeFitted(prepared.fitted),
      ...(result.trainedModel ? { trainedModel: result.trainedModel } : {}),
      prediction: predictionSchemaOf(prepared),
    };
  }

  const service = {
    async train(request: TrainRequest, onEvent: TrainingEventHandler): Promise<TrainOutcome> {
      const previous = current;
      let settle = (): void => undefined;
      const job: RunningJob = {
        jobId: request.jobId,
        isStopRequested: false,
        control: new RunControl(),
        finished: new Promise<void>((resolve) => (settle = resolve)),
      };
      current = job;
      try {
        if (previous) {
          previous.isStopRequested = true;
          previous.control.stop();
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
      if (current?.jobId !== jobId) return;
      current.isStopRequested = true;
      current.control.stop();
    },

    pause(jobId: number): void {
      if (current?.jobId === jobId) current.control.pause();
    },

    resume(jobId: number): void {
      if (current?.jobId === jobId) current.control.resume();
    },

    step(jobId: number, kind: StepKind): void {
      if (current?.jobId === jobId) current.control.step(kind);
    },

    async crossValidate(
      request: CrossValidationRequest,
      onEvent: CrossValidationEventHandler,
    ): Promise<CrossValidationOutcome> {
      const previous = current;
      let settle = (): void => undefined;
      const job: RunningJob = {
        jobId: request.jobId,
        isStopRequested: false,
        control: new RunControl(),
        finished: new Promise<void>((resolve) => (settle = resolve)),
      };
      current = job;
      try {
        if (previous) {
          previous.isStopRequested = true;
          previous.control.stop();
          await previous.finished;
        }
        if (job.isStopRequested) return { status: 'cancelled', jobId: job.jobId };
        let input: DatasetInput;
        try {
          input = await loadDataset(request.dataset);
        } catch {
          const params = { url: request.dataset.url };
          return { status: 'failed', jobId: job.jobId, code: 'error.dataset.fetchFailed', params };
        }
        // The same ordering guarantee as `createEmitter`: every event before the outcome.
        let last: Promise<unknown> = Promise.resolve();
        const outcome = await runCrossValidation({
          request,
          input,
          emit: (event) => {
            const result: unknown = onEvent(event);
            if (result instanceof Promise) last = result.catch(() => undefined);
          },
          isStopRequested: () => job.isStopRequested,
          now,
          ...(options.backends ? { backends: options.backends } : {}),
        });
        await last;
        return outcome;
      } finally {
        if (current === job) current = null;
        settle();
      }
    },

    async previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult> {
      let text: DatasetInput;
      try {
        text = await loadDataset(request.dataset);
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
