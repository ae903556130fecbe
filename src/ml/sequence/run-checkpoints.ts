/**
 * Checkpoints of a sequence or generative run as the training service keeps them: the request's
 * `checkpoint` names the key and how often, a `TaskCheckpointPort` stores them (IndexedDB in the
 * worker). Each save is reported as a `checkpoint` event; a full quota is news and the run goes
 * on. A completed run's checkpoint is removed (nothing is left to resume), a stopped one's is
 * kept, as for builder networks (src/ml/network/network-job.ts).
 *
 * The record keeps the request without its `jobId` and without `resume`: it describes the run,
 * not how it was last started, so resuming it again sends the same request.
 *
 * A lost GPU device (`withDeviceFallback`) moves the run to the next backend, continuing from
 * the last checkpoint, kept in memory too (every DEVICE_CHECKPOINT_EVERY epochs when none are
 * stored), so a lost device costs at most those epochs; any other error is rethrown untouched.
 */
import type {
  GenerativeCheckpoint,
  NetworkCheckpoint,
  TaskCheckpoint,
  TaskCheckpointPort,
} from '../../contracts/network';
import type {
  BackendName,
  TrainRequest,
  TrainingEvent,
  TrainingEventHandler,
} from '../../contracts/training';
import type { BackendEnvironment } from '../backend';
import { backendAfterLoss } from '../network/backend-fallback';
import { isDeviceLost } from '../network/network-job';

/** Epochs between in-memory checkpoints when none are stored (device-loss recovery). */
export const DEVICE_CHECKPOINT_EVERY = 5;

type KindOf<K extends TaskCheckpoint['kind']> = K extends 'sequence'
  ? NetworkCheckpoint
  : GenerativeCheckpoint;

export interface RunCheckpoints<C> {
  /** The stored checkpoint to continue from, when the request asked to resume and one exists. */
  resumeFrom: C | undefined;
  /** Epochs between checkpoints (stored, or in memory only without a store); 0 = at stop. */
  every: number;
  /** Whether checkpoints go anywhere (a key and a store). */
  isStored: boolean;
  save(checkpoint: C & { epoch: number }): Promise<void>;
  /** A completed run leaves nothing to resume. */
  completed(): Promise<void>;
}

export async function openRunCheckpoints<K extends TaskCheckpoint['kind']>(args: {
  kind: K;
  request: TrainRequest;
  emit: TrainingEventHandler;
  port: TaskCheckpointPort | undefined;
}): Promise<RunCheckpoints<KindOf<K>>> {
  const { kind, request, emit, port } = args;
  const { jobId, checkpoint: settings } = request;
  const store = settings && port ? { key: settings.key, port } : null;
  let resumeFrom: KindOf<K> | undefined;
  if (settings?.resume && store) {
    const loaded = await store.port.load(store.key);
    if (loaded?.kind === kind) resumeFrom = loaded.checkpoint as KindOf<K>;
  }
  const { jobId: _dropped, ...rest } = request;
  const stored: Omit<TrainRequest, 'jobId'> = settings
    ? { ...rest, checkpoint: { key: settings.key, every: settings.every } }
    : rest;
  return {
    resumeFrom,
    every: settings ? Math.max(0, Math.floor(settings.every)) : DEVICE_CHECKPOINT_EVERY,
    isStored: store !== null,
    save: async (checkpoint) => {
      if (!store) return;
      const tagged = { kind, checkpoint } as TaskCheckpoint;
      const saved = await store.port.save(store.key, stored, tagged);
      emit(
        saved.ok
          ? { type: 'checkpoint', jobId, epoch: checkpoint.epoch, saved: true }
          : { type: 'checkpoint', jobId, epoch: checkpoint.epoch, saved: false, code: saved.code },
      );
    },
    completed: async () => {
      if (store) await store.port.remove(store.key).catch(() => undefined);
    },
  };
}

/** What a trainer takes to checkpoint and resume (each trainer's own option names). */
export interface CheckpointHooks<C> {
  checkpointEvery: number;
  onCheckpoint: (checkpoint: C) => Promise<void>;
  resumeFrom?: C;
}

/**
 * Runs `train` with checkpoint hooks; if the GPU device is lost, activates the next backend and
 * runs it again from the last checkpoint (the stored one it resumed from, or a newer one).
 */
export async function withDeviceFallback<C extends { epoch: number }, R>(args: {
  jobId: number;
  emit: TrainingEventHandler;
  backend: BackendName;
  environment: BackendEnvironment;
  kernels: readonly string[];
  checkpoints: RunCheckpoints<C>;
  /** The `resumed` event after a loss, with the history up to `last` (none: from the start). */
  resumedAfterLoss: (last: C | undefined) => Extract<TrainingEvent, { type: 'resumed' }>;
  train: (hooks: CheckpointHooks<C>) => Promise<R>;
}): Promise<{ result: R; backend: BackendName }> {
  const { checkpoints, emit } = args;
  let last = checkpoints.resumeFrom;
  const onCheckpoint = async (checkpoint: C): Promise<void> => {
    last = checkpoint;
    await checkpoints.save(checkpoint);
  };
  const checkpointEvery = checkpoints.every;
  let backend = args.backend;
  const lost = new Set<BackendName>();
  for (;;) {
    try {
      const hooks: CheckpointHooks<C> = { checkpointEvery, onCheckpoint };
      if (last) hooks.resumeFrom = last;
      return { result: await args.train(hooks), backend };
    } catch (error) {
      if (!isDeviceLost(error)) throw error;
      lost.add(backend);
      const next = await backendAfterLoss(args.environment, lost, args.kernels);
      if (!next) throw error;
      backend = next.name;
      emit({ type: 'backend', jobId: args.jobId, backend: next });
      emit(args.resumedAfterLoss(last));
    }
  }
}
