/**
 * Builds the plain-data requests the training worker receives from the project's settings.
 * The recipe crosses as JSON text (`serializeRecipe`), which is itself a deep plain copy: no
 * reactive proxy or shared reference reaches postMessage.
 */
import { trainableTaskOf, type BuiltinDatasetEntry } from '../contracts/datasets';
import type {
  BackendPreference,
  MlpConfig,
  PreviewRequest,
  SplitRatios,
  SplitStrategy,
  TrainRequest,
} from '../contracts/training';
import { serializeRecipe, type Recipe } from '../core/recipe';
import { storedDatasetIdOf } from './stored-entry';
import type { ClassicalModelSpec } from '../contracts/classical';
import { findLearner } from '../core/classical-catalog';
import { isSpecForTask } from './classical-choice';
import type { NetworkModelSpec } from '../core/network/training-spec';
import { checkpointRequestOf, resumeRequestOf, type ResumeOffer } from './checkpoint-offer';

export interface TrainSettings {
  model: MlpConfig;
  split: SplitRatios;
  backendPreference: BackendPreference;
  /** null or absent: the worker uses the dataset's default recipe. */
  recipe?: Recipe | null;
  splitStrategy?: SplitStrategy;
  /** A classical learner trained instead of the network; ignored if it does not fit the task. */
  classical?: ClassicalModelSpec | null;
  /** A layer-builder network trained instead of the MLP (classical wins when both are set). */
  network?: NetworkModelSpec | null;
  /** Builder runs: epochs between checkpoints (default: only when stopped). */
  checkpointEvery?: number;
  /** An interrupted run to continue: its own request is sent again, resuming. */
  resume?: ResumeOffer | null;
  /** The saved project the run belongs to (checkpoints are kept and offered per project). */
  projectId?: string | null;
}

function datasetOf(entry: BuiltinDatasetEntry, url: string): TrainRequest['dataset'] {
  const task = trainableTaskOf(entry);
  if (task === null || entry.target === null) {
    throw new RangeError(`dataset ${entry.id} has no trainable target`);
  }
  const dataset: TrainRequest['dataset'] = {
    id: entry.id,
    url,
    target: entry.target,
    task,
    features: entry.features.map((f) => ({ ...f })),
  };
  if (entry.classes) dataset.classes = [...entry.classes];
  const storedId = storedDatasetIdOf(entry);
  if (storedId !== null) dataset.source = { kind: 'stored', datasetId: storedId };
  return dataset;
}

function strategyOf(settings: Pick<TrainSettings, 'splitStrategy'>): SplitStrategy {
  const strategy = settings.splitStrategy ?? { kind: 'stratified' };
  return strategy.groupColumn === undefined
    ? { kind: strategy.kind }
    : { kind: strategy.kind, groupColumn: strategy.groupColumn };
}

export function buildTrainRequest(
  entry: BuiltinDatasetEntry,
  url: string,
  settings: TrainSettings,
): Omit<TrainRequest, 'jobId'> {
  if (settings.resume) return resumeRequestOf(settings.resume, settings.backendPreference);
  const dataset = datasetOf(entry, url);
  const request: Omit<TrainRequest, 'jobId'> = {
    dataset,
    model: { ...settings.model, hiddenLayers: [...settings.model.hiddenLayers] },
    split: { ...settings.split },
    splitStrategy: strategyOf(settings),
    recipe: settings.recipe ? serializeRecipe(settings.recipe) : null,
    backend: settings.backendPreference,
  };
  const classical = settings.classical ?? null;
  const info = classical ? findLearner(classical.learner) : undefined;
  if (classical && info && isSpecForTask(classical, dataset.task)) {
    // Only the tunable fields, copied plainly: a fixed default (the regression tree's
    // criterion) is not a parameter the worker accepts, and a reactive proxy cannot be posted.
    const params = Object.fromEntries(
      Object.entries(classical.params).filter(([field]) => Object.hasOwn(info.ranges, field)),
    );
    request.classical = { learner: classical.learner, params };
  } else if (settings.network) {
    // structuredClone: a plain deep copy, never a reactive proxy, can be posted.
    request.network = structuredClone(settings.network);
    request.checkpoint = checkpointRequestOf(
      dataset,
      settings.checkpointEvery ?? 0,
      settings.projectId ?? null,
    );
  }
  return request;
}

export function buildPreviewRequest(
  entry: BuiltinDatasetEntry,
  url: string,
  settings: Omit<TrainSettings, 'backendPreference'>,
): PreviewRequest {
  return {
    dataset: datasetOf(entry, url),
    split: { ...settings.split },
    splitStrategy: strategyOf(settings),
    recipe: settings.recipe ? serializeRecipe(settings.recipe) : null,
    seed: settings.model.seed,
  };
}
