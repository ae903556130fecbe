/** What a sequence run hands the service: the network outcome's fields plus the sequence view. */
import type { ErrorCode, ErrorParams } from '../../contracts/errors';
import type { Evaluation } from '../../contracts/evaluation';
import type { SequenceResult } from '../../contracts/sequence';
import type { EpochRecord, TrainedModelArtifacts } from '../../contracts/training';
import type { NetworkModelSpec } from '../../core/network/training-spec';

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
