/**
 * Checkpoints of a sequence or generative run as the training service keeps them: the request's
 * `checkpoint` names the key and how often, a `TaskCheckpointPort` stores them (IndexedDB in the
 * worker). Each save is reported as a `checkpoint` event; a full quota is news and the run goes
 * on. A completed run's checkpoint is removed (nothing is left to resume), a stopped one's is
 * kept, as for builder networks (src/ml/network/network-job.ts).
 *
 * The record keeps the request without its `jobId` and without `resume`: it describes the run,
 * not how it was last started, so resuming it again sends the same request.
 */
import type {
  GenerativeCheckpoint,
  NetworkCheckpoint,
  TaskCheckpoint,
  TaskCheckpointPort,
} from '../../contracts/network';
import type { TrainRequest, TrainingEventHandler } from '../../contracts/training';

type KindOf<K extends TaskCheckpoint['kind']> = K extends 'sequence'
  ? NetworkCheckpoint
  : GenerativeCheckpoint;

export interface RunCheckpoints<C> {
  /** The stored checkpoint to continue from, when the request asked to resume and one exists. */
  resumeFrom: C | undefined;
  /** Epochs between checkpoints; 0 = only at stop (and none at all without a store). */
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
    every: store ? Math.max(0, Math.floor(settings?.every ?? 0)) : 0,
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
