/**
 * Checkpoints as the main thread sees them: the setting (every N epochs), the key a run's
 * checkpoint is stored under, and the "Resume from epoch N" offer read back after a reload or a
 * crash. The training worker writes the checkpoints itself (workers/training.worker.ts); this
 * side only reads the latest, and a resumed run sends the interrupted run's own request again,
 * so it continues exactly where it stopped. Sequence and generative runs keep theirs in the same
 * store under keys of their own (`sequence:`, `generative:`), one per dataset, and are offered in
 * their own panels.
 */
import type { CheckpointRequest, TrainRequest } from '../contracts/training';
import {
  checkpointKindOf,
  deleteCheckpoint,
  latestCheckpoint,
  openCheckpointDb,
  type StoredCheckpoint,
} from '../storage/checkpoint-store';

export const DEFAULT_CHECKPOINT_EVERY = 5;
export const MAX_CHECKPOINT_EVERY = 10_000;

export type ResumableRequest = Omit<TrainRequest, 'jobId'>;

export interface ResumeOffer {
  key: string;
  /** The last epoch the checkpoint holds: the resumed run starts at epoch + 1. */
  epoch: number;
  epochs: number;
  savedAt: number;
  datasetId: string;
  request: ResumableRequest;
}

/** i18n key of what is wrong with the setting, or null. */
export function checkpointEveryProblem(every: number): string | null {
  return Number.isInteger(every) && every >= 0 && every <= MAX_CHECKPOINT_EVERY
    ? null
    : 'studio.checkpoint.everyInvalid';
}

/** Every checkpoint key of one project (null: before any project is saved) starts with this. */
export function checkpointPrefixOf(projectId: string | null): string {
  return `network:${projectId ?? '-'}:`;
}

/**
 * One checkpoint per project, dataset and target: a new run of the same data in the same
 * project replaces the old one, and each project is offered only its own.
 */
export function checkpointKeyOf(
  dataset: Pick<TrainRequest['dataset'], 'id' | 'target'>,
  projectId: string | null = null,
): string {
  return `${checkpointPrefixOf(projectId)}${dataset.id}:${dataset.target}`;
}

export function checkpointRequestOf(
  dataset: Pick<TrainRequest['dataset'], 'id' | 'target'>,
  every: number,
  projectId: string | null = null,
): CheckpointRequest {
  return { key: checkpointKeyOf(dataset, projectId), every };
}

export const SEQUENCE_CHECKPOINT_PREFIX = 'sequence:';
export const GENERATIVE_CHECKPOINT_PREFIX = 'generative:';

/** One sequence checkpoint per dataset: a new run on it replaces the old one. */
export function sequenceCheckpointKey(datasetId: string): string {
  return `${SEQUENCE_CHECKPOINT_PREFIX}${datasetId}`;
}

/** The keys of one dataset's generative checkpoints (closed by ':': no other id matches it). */
export function generativeCheckpointPrefix(datasetId: string): string {
  return `${GENERATIVE_CHECKPOINT_PREFIX}${datasetId}:`;
}

/** One generative checkpoint per dataset, whichever model (the panel runs one at a time). */
export function generativeCheckpointKey(datasetId: string): string {
  return `${generativeCheckpointPrefix(datasetId)}latest`;
}

/** The epochs the stored run was asked for, by its kind; null when the request is not one. */
function plannedEpochs(stored: StoredCheckpoint<ResumableRequest>): number | null {
  const request = stored.request as ResumableRequest | undefined;
  if (!request) return null;
  switch (checkpointKindOf(stored)) {
    case 'network':
      return request.network?.training.epochs ?? null;
    case 'sequence':
      return request.sequence?.epochs ?? null;
    case 'generative':
      return request.generative?.epochs ?? null;
  }
}

/** A stored record as an offer; null for one that cannot be resumed (finished, or malformed). */
export function offerOf(stored: StoredCheckpoint<ResumableRequest>): ResumeOffer | null {
  const request = stored.request;
  const epochs = plannedEpochs(stored);
  if (epochs === null || !request.dataset || !request.checkpoint) return null;
  if (stored.checkpoint.epoch >= epochs) return null;
  return {
    key: stored.key,
    epoch: stored.checkpoint.epoch,
    epochs,
    savedAt: stored.savedAt,
    datasetId: request.dataset.id,
    request,
  };
}

/** The interrupted run's request, told to continue from its checkpoint. */
export function resumeRequestOf(
  offer: ResumeOffer,
  backend: TrainRequest['backend'],
): ResumableRequest {
  const request = structuredClone(offer.request);
  request.backend = backend;
  request.checkpoint = { ...(request.checkpoint ?? { every: 0 }), key: offer.key, resume: true };
  return request;
}

/** Where the offer is read from; the browser's is IndexedDB, tests pass a fake. */
export interface CheckpointSource {
  /** The latest resumable checkpoint whose key starts with `prefix` ('' = any). */
  latest(prefix: string): Promise<ResumeOffer | null>;
  discard(key: string): Promise<void>;
}

/**
 * Opens the checkpoint database for each read and closes it after, so the main thread never
 * holds it open against the worker's writes or another tab's upgrade.
 */
export function browserCheckpointSource(): CheckpointSource | null {
  if (typeof indexedDB === 'undefined') return null;
  const withDb = async <T>(
    use: (db: Awaited<ReturnType<typeof openCheckpointDb>>) => Promise<T>,
  ) => {
    const db = await openCheckpointDb();
    try {
      return await use(db);
    } finally {
      db.close();
    }
  };
  return {
    latest: (prefix) =>
      withDb(async (db) => {
        const stored = await latestCheckpoint<ResumableRequest>(db, prefix);
        return stored ? offerOf(stored) : null;
      }),
    discard: (key) => withDb((db) => deleteCheckpoint(db, key)),
  };
}
