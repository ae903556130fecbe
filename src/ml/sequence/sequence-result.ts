/** What a sequence run hands the service: the network outcome's fields plus the sequence view. */
import type { ErrorCode, ErrorParams } from '../../contracts/errors';
import type { Evaluation } from '../../contracts/evaluation';
import type { SequenceResult } from '../../contracts/sequence';
import type { EpochRecord, TrainedModelArtifacts } from '../../contracts/training';
import type { NetworkCheckpoint } from '../../core/network/checkpoint-types';
import type { NetworkModelSpec } from '../../core/network/training-spec';

/** Checkpoints of a sequence run's network (trainNetwork's own options, passed through). */
export interface SequenceCheckpointing {
  /** Every N epochs (0 = only at stop); without `onCheckpoint`, none. */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: NetworkCheckpoint) => Promise<void> | void;
  /** Continue from this checkpoint: its weights, optimizer slots, epoch and history. */
  resumeFrom?: NetworkCheckpoint;
}

/** The checkpoint options as trainNetwork takes them (absent ones left out). */
export function checkpointOptions(job: SequenceCheckpointing): SequenceCheckpointing {
  return {
    ...(job.onCheckpoint
      ? { onCheckpoint: job.onCheckpoint, checkpointEvery: job.checkpointEvery ?? 0 }
      : {}),
    ...(job.resumeFrom ? { resumeFrom: job.resumeFrom } : {}),
  };
}

export type SequenceRunResult =
  | {
      status: 'completed' | 'stopped';
      epochsRun: number;
      history: EpochRecord[];
      test: Evaluation;
      network: NetworkModelSpec;
      sequence: SequenceResult;
      stoppedEarlyAt?: number;
      bestEpoch?: number;
      /** The trained network (the registry keeps it when it is small). */
      trainedModel?: TrainedModelArtifacts;
    }
  /** Stopped before the first epoch ended: there is nothing to show. */
  | { status: 'cancelled' }
  | { status: 'failed'; code: ErrorCode; params?: ErrorParams };
