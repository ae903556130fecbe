/**
 * The training service's path for sequence tasks (`TrainRequest.sequence`): checks the
 * settings, chooses the backend, reads the raw file (a CSV series or a text corpus; recipes do
 * not apply to sequences) and runs the forecaster or the character model, shaping the result as
 * a `TrainOutcome`. Kept apart so the service only dispatches, with one line. With a
 * `checkpoint` in the request and a store, it saves the model every N epochs and at stop, and
 * continues from the stored checkpoint when asked to resume; a lost GPU device moves the run to
 * the next backend from its last checkpoint (run-checkpoints.ts).
 */
import type { TaskCheckpointPort } from '../../contracts/network';
import type { SequenceSpec } from '../../contracts/sequence';
import { SEQUENCE_LIMITS } from '../../contracts/sequence';
import type {
  BackendReport,
  TrainOutcome,
  TrainRequest,
  TrainingEventHandler,
} from '../../contracts/training';
import {
  BROWSER_BACKENDS,
  BackendUnavailableError,
  selectBackend,
  type BackendEnvironment,
} from '../backend';
import { networkKernels } from '../network/network-kernels';
import type { RunControl } from '../network/run-control';
import { forecastNetwork, runForecast } from './forecast-run';
import { openRunCheckpoints, withDeviceFallback } from './run-checkpoints';
import { runText, textNetwork } from './text-run';

/** What the service passes on: its options' backends and clock, if set. */
export interface SequenceServiceOptions {
  backends?: BackendEnvironment;
  now?: () => number;
  /** Sequence and generative runs' checkpoints between page loads (the worker wires IndexedDB). */
  taskCheckpoints?: TaskCheckpointPort;
}

type Limit = keyof typeof SEQUENCE_LIMITS;

function within(value: number, limit: Limit, integer = true): boolean {
  const [low, high] = SEQUENCE_LIMITS[limit];
  return (
    Number.isFinite(value) && value >= low && value <= high && (!integer || Number.isInteger(value))
  );
}

/** The first setting out of bounds, or null. */
export function invalidSequenceField(spec: SequenceSpec): string | null {
  if (!within(spec.epochs, 'epochs')) return 'epochs';
  if (!(Number.isFinite(spec.learningRate) && spec.learningRate > 0 && spec.learningRate <= 1))
    return 'learningRate';
  if (!Number.isSafeInteger(spec.seed) || spec.seed < 0) return 'seed';
  if (spec.kind === 'forecast') {
    if (!within(spec.lookback, 'lookback')) return 'lookback';
    if (!within(spec.horizon, 'horizon')) return 'horizon';
    return null;
  }
  if (!within(spec.context, 'context')) return 'context';
  if (!within(spec.maxCharacters, 'maxCharacters')) return 'maxCharacters';
  if (!within(spec.temperature, 'temperature', false)) return 'temperature';
  if (!within(spec.sampleLength, 'sampleLength')) return 'sampleLength';
  if (!within(spec.sampleCount, 'sampleCount')) return 'sampleCount';
  if (!within(spec.prompt.length, 'promptLength')) return 'prompt';
  return null;
}

export async function runSequenceJob(
  request: TrainRequest,
  emit: TrainingEventHandler,
  control: RunControl,
  fetchText: (url: string) => Promise<string>,
  options: SequenceServiceOptions,
): Promise<TrainOutcome> {
  const { jobId, sequence } = request;
  if (!sequence)
    return { status: 'failed', jobId, code: 'error.config.invalid', params: { field: 'sequence' } };
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const field = invalidSequenceField(sequence);
  if (field !== null)
    return { status: 'failed', jobId, code: 'error.config.invalid', params: { field } };
  // The kernels do not depend on the sizes: any vocabulary or window length will do here.
  const kernelNetwork =
    sequence.kind === 'forecast' ? forecastNetwork(sequence, 1) : textNetwork(sequence, 2);
  const kernels = networkKernels(
    kernelNetwork,
    sequence.kind === 'forecast' ? 'regression' : 'classification',
  );
  let backend: BackendReport;
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
  if (control.isStopRequested) return { status: 'cancelled', jobId };
  let text: string;
  try {
    text = await fetchText(request.dataset.url);
  } catch {
    return {
      status: 'failed',
      jobId,
      code: 'error.dataset.fetchFailed',
      params: { url: request.dataset.url },
    };
  }
  if (control.isStopRequested) return { status: 'cancelled', jobId };
  const checkpoints = await openRunCheckpoints({
    kind: 'sequence',
    request,
    emit,
    port: options.taskCheckpoints,
  });
  const resumeFrom = checkpoints.resumeFrom;
  if (resumeFrom) {
    const { epoch, history } = resumeFrom;
    emit({ type: 'resumed', jobId, epoch, history, reason: 'checkpoint' });
  }
  const job = { jobId, text, split: request.split, emit, control, now };
  const { result, backend: ranOn } = await withDeviceFallback({
    jobId,
    emit,
    backend: backend.name,
    environment: options.backends ?? BROWSER_BACKENDS,
    kernels,
    checkpoints,
    resumedAfterLoss: (last) => ({
      type: 'resumed',
      jobId,
      epoch: last?.epoch ?? 0,
      history: last?.history ?? [],
      reason: 'deviceLost',
    }),
    train: (hooks) =>
      sequence.kind === 'forecast'
        ? runForecast({ ...job, ...hooks, spec: sequence })
        : runText({ ...job, ...hooks, spec: sequence }),
  });
  if (result.status === 'cancelled') return { status: 'cancelled', jobId };
  if (result.status === 'failed') {
    return result.params === undefined
      ? { status: 'failed', jobId, code: result.code }
      : { status: 'failed', jobId, code: result.code, params: result.params };
  }
  if (result.status === 'completed') await checkpoints.completed();
  emit({ type: 'done', jobId });
  const { sequence: view, ...rest } = result;
  return {
    ...rest,
    jobId,
    backend: ranOn,
    engine: 'tfjs',
    durationMs: now() - startedAt,
    sequence: view,
  };
}
