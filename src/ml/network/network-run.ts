/**
 * The training service's path for builder networks: checks the stack against the prepared data,
 * trains it with the general loop, and shapes the result as a `TrainOutcome`. Kept apart from
 * training-service.ts so the service only dispatches.
 */
import type {
  PreparationSummary,
  TrainOutcome,
  TrainRequest,
  TrainedModelArtifacts,
  TrainingEventHandler,
} from '../../contracts/training';
import type { NetworkModelSpec } from '../../core/network/training-spec';
import type { NetworkCheckpoint } from './checkpoint';
import type { RunControl } from './run-control';
import { trainNetwork } from './train-network';
import type { TrainingData } from '../train-loop';

export interface NetworkRunArgs {
  request: TrainRequest & { network: NetworkModelSpec };
  data: TrainingData & { summary: PreparationSummary };
  emit: TrainingEventHandler;
  control: RunControl;
  now: () => number;
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: NetworkCheckpoint) => Promise<void> | void;
  resumeFrom?: NetworkCheckpoint;
  /** The registered run's network that `request.network.transfer` starts from. */
  transferSource?: TrainedModelArtifacts;
}

export type NetworkRunOutcome =
  | Omit<
      Extract<TrainOutcome, { status: 'completed' | 'stopped' }>,
      'backend' | 'durationMs' | 'fittedRecipe'
    >
  | Extract<TrainOutcome, { status: 'failed' }>;

/** The builder's stack reads rows of the prepared width: a 1-D input always fits. */
function fitInput(network: NetworkModelSpec, width: number): NetworkModelSpec {
  const size = network.spec.inputShape.reduce((a, b) => a * b, 1);
  if (size === width || network.spec.inputShape.length > 1) return network;
  return { ...network, spec: { ...network.spec, inputShape: [width] } };
}

export async function runNetwork(args: NetworkRunArgs): Promise<NetworkRunOutcome> {
  const { request, data, emit } = args;
  const { jobId } = request;
  const network = fitInput(request.network, data.width);
  const result = await trainNetwork({
    jobId,
    data,
    spec: network.spec,
    training: network.training,
    emit,
    control: args.control,
    liveEvaluation: request.liveEvaluation !== false,
    ...(request.liveViews ? { liveViews: request.liveViews } : {}),
    now: args.now,
    ...(args.checkpointEvery === undefined ? {} : { checkpointEvery: args.checkpointEvery }),
    ...(args.onCheckpoint ? { onCheckpoint: args.onCheckpoint } : {}),
    ...(args.resumeFrom ? { resumeFrom: args.resumeFrom } : {}),
    ...(args.transferSource && network.transfer
      ? { transfer: { spec: network.transfer, source: args.transferSource } }
      : {}),
    onModelBuilt: (parameterCount) =>
      emit({ type: 'prepared', jobId, summary: { ...data.summary, parameterCount } }),
  });
  if (result.status === 'failed') {
    return result.params === undefined
      ? { status: 'failed', jobId, code: result.code }
      : { status: 'failed', jobId, code: result.code, params: result.params };
  }
  emit({ type: 'done', jobId });
  const outcome: NetworkRunOutcome = {
    status: result.status,
    jobId,
    epochsRun: result.epochsRun,
    history: result.history,
    test: result.test,
    engine: 'tfjs',
    network,
  };
  if (result.stoppedEarlyAt !== undefined) outcome.stoppedEarlyAt = result.stoppedEarlyAt;
  if (result.bestEpoch !== undefined) outcome.bestEpoch = result.bestEpoch;
  if (result.trainedModel) outcome.trainedModel = result.trainedModel;
  return outcome;
}
