/**
 * A builder-network job as the training service runs it: checkpoints every N epochs and at stop
 * (kept in memory and, through a `CheckpointPort`, in IndexedDB), a resume from the stored
 * checkpoint when the request asks for one, and the fallback after a lost GPU device: the next
 * backend takes over and the run continues from the last checkpoint (from the start if none
 * was made yet), so a lost device costs at most N epochs.
 *
 * Invariants: a checkpoint that cannot be stored (a full quota) is reported as an event and the
 * run goes on; a completed run's checkpoint is removed (nothing is left to resume), a stopped
 * one's is kept; any error other than a lost device is rethrown untouched.
 */
import type { BackendName, BackendReport, TrainRequest } from '../../contracts/training';
import type { NetworkCheckpoint } from './checkpoint';
import { runNetwork, type NetworkRunArgs, type NetworkRunOutcome } from './network-run';

/** Epochs between in-memory checkpoints when the request names none (device-loss recovery). */
export const DEFAULT_CHECKPOINT_EVERY = 5;

export type CheckpointSaveResult =
  { ok: true } | { ok: false; code: 'error.storage.quota' | 'error.storage.failed' };

/** Where checkpoints are kept between page loads; the worker wires IndexedDB. */
export interface CheckpointPort {
  save(
    key: string,
    request: Omit<TrainRequest, 'jobId'>,
    checkpoint: NetworkCheckpoint,
  ): Promise<CheckpointSaveResult>;
  load(key: string): Promise<NetworkCheckpoint | null>;
  remove(key: string): Promise<void>;
}

/**
 * WebGPU reports "GPUDevice was lost" / a DeviceLost reason; WebGL fails with CONTEXT_LOST_WEBGL
 * or "context lost". Matched by text because tfjs rethrows them as plain Errors. A WebGPU
 * adapter that goes away under a read-back fails in `mapAsync` ("A valid external Instance
 * reference no longer exists", seen with Chromium's software adapter): the device is as good as
 * lost, so it takes the same way out.
 */
const DEVICE_LOST =
  /device\b.{0,20}\blost|context\b.{0,20}\blost|CONTEXT_LOST|devicelost|instance reference no longer exists|mapAsync/i;

export function isDeviceLost(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return DEVICE_LOST.test(`${error.name} ${error.message}`);
}

export interface NetworkJobArgs extends Omit<
  NetworkRunArgs,
  'checkpointEvery' | 'onCheckpoint' | 'resumeFrom'
> {
  backend: BackendName;
  checkpoints?: CheckpointPort | undefined;
  /** The next backend after those lost, activated; null when none is left. */
  switchBackend: (lost: ReadonlySet<BackendName>) => Promise<BackendReport | null>;
}

export async function runNetworkJob(
  args: NetworkJobArgs,
): Promise<{ outcome: NetworkRunOutcome; backend: BackendName }> {
  const { request, emit, checkpoints } = args;
  const { jobId } = request;
  const settings = request.checkpoint;
  const store = settings && checkpoints ? { key: settings.key, port: checkpoints } : null;
  let last: NetworkCheckpoint | undefined;
  if (settings?.resume && store) {
    last = (await store.port.load(store.key)) ?? undefined;
    if (last) {
      emit({
        type: 'resumed',
        jobId,
        epoch: last.epoch,
        history: last.history,
        reason: 'checkpoint',
      });
    }
  }
  const { jobId: _dropped, ...rest } = request;
  // Stored without `resume`: the record describes the run, not how it was last started.
  const stored: Omit<TrainRequest, 'jobId'> = settings
    ? { ...rest, checkpoint: { key: settings.key, every: settings.every } }
    : rest;
  const onCheckpoint = async (checkpoint: NetworkCheckpoint): Promise<void> => {
    last = checkpoint;
    if (!store) return;
    const saved = await store.port.save(store.key, stored, checkpoint);
    emit(
      saved.ok
        ? { type: 'checkpoint', jobId, epoch: checkpoint.epoch, saved: true }
        : { type: 'checkpoint', jobId, epoch: checkpoint.epoch, saved: false, code: saved.code },
    );
  };

  let backend = args.backend;
  const lost = new Set<BackendName>();
  for (;;) {
    try {
      const outcome = await runNetwork({
        request,
        data: args.data,
        emit,
        control: args.control,
        now: args.now,
        checkpointEvery: settings?.every ?? DEFAULT_CHECKPOINT_EVERY,
        onCheckpoint,
        ...(last ? { resumeFrom: last } : {}),
        ...(args.transferSource ? { transferSource: args.transferSource } : {}),
      });
      if (outcome.status === 'completed' && store) {
        await store.port.remove(store.key).catch(() => undefined);
      }
      return { outcome, backend };
    } catch (error) {
      if (!isDeviceLost(error)) throw error;
      lost.add(backend);
      const next = await args.switchBackend(lost);
      if (!next) throw error;
      backend = next.name;
      emit({ type: 'backend', jobId, backend: next });
      emit({
        type: 'resumed',
        jobId,
        epoch: last?.epoch ?? 0,
        history: last?.history ?? [],
        reason: 'deviceLost',
      });
    }
  }
}
