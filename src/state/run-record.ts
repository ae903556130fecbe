/**
 * What the registry keeps of a finished run: its lineage from the request (dataset and its
 * hash, target, recipe, model with its hyper-parameters, split, seed), the outcome's history,
 * test evaluation, backend and duration, and the trained model when the outcome carries it
 * (a classical `savedModel`, or a network's TF.js artifacts). Pure, so it is tested without a
 * database; the copies are plain data that IndexedDB can clone.
 */
import type { TrainOutcome, TrainRequest } from '../contracts/training';
import type { RunDetail, RunId, RunModel, RunWeights } from '../storage/runs-db';
import type { NewRun } from '../storage/run-store';

export type FinishedOutcome = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export interface RecordContext {
  id: string;
  /** The dataset's display title at the time of the run. */
  title: string;
  now: number;
  /** The project the run was trained in, if any. */
  project?: { id: string; name: string } | null;
  /** The dataset file's SHA-256 when the catalogue knows it. */
  datasetHash?: string;
}

function modelOf(request: Omit<TrainRequest, 'jobId'>, outcome: FinishedOutcome): RunModel {
  const spec = outcome.classical ?? request.classical;
  if (spec)
    return { kind: 'classical', spec: { learner: spec.learner, params: { ...spec.params } } };
  const network = outcome.network ?? request.network;
  if (network) return { kind: 'network', network: structuredClone(network) };
  const config = request.model;
  return { kind: 'mlp', config: { ...config, hiddenLayers: [...config.hiddenLayers] } };
}

/**
 * The trained model, read loosely: `trainedModel` (a network's artifacts) arrives with the
 * export work and may be absent from older outcomes.
 */
function weightsOf(outcome: FinishedOutcome): RunWeights | undefined {
  const loose = outcome as { savedModel?: unknown; trainedModel?: unknown };
  if (typeof loose.savedModel === 'string') {
    return { kind: 'classical', savedModel: loose.savedModel };
  }
  if (loose.trainedModel && typeof loose.trainedModel === 'object') {
    return { kind: 'tfjs-layers', artifacts: structuredClone(loose.trainedModel) };
  }
  return undefined;
}

export function runRecordOf(
  request: Omit<TrainRequest, 'jobId'>,
  outcome: FinishedOutcome,
  context: RecordContext,
): { run: NewRun; detail: RunDetail } {
  const id = context.id as RunId;
  const test = outcome.test;
  const strategy = request.splitStrategy ?? { kind: 'stratified' };
  const run: NewRun = {
    id,
    name: '',
    createdAt: context.now,
    dataset: {
      id: request.dataset.id,
      title: context.title,
      target: request.dataset.target,
      task: request.dataset.task,
    },
    model: modelOf(request, outcome),
    split: { ...request.split },
    splitStrategy:
      strategy.groupColumn === undefined
        ? { kind: strategy.kind }
        : { kind: strategy.kind, groupColumn: strategy.groupColumn },
    seed: request.model.seed,
    recipe: request.recipe ?? null,
    status: outcome.status,
    epochsRun: outcome.epochsRun,
    durationMs: outcome.durationMs,
    backend: outcome.backend,
    testRows: test.n,
    headline:
      test.kind === 'classification'
        ? { key: 'accuracy', value: test.accuracy }
        : { key: 'r2', value: test.r2 },
    project: context.project ? { ...context.project } : null,
    notes: '',
    tags: [],
    datasetHash: context.datasetHash ?? '',
    hasWeights: false,
  };
  if (outcome.engine) run.engine = outcome.engine;
  // structuredClone: the same deep copy IndexedDB makes, taken now so later edits cannot leak in.
  const detail: RunDetail = {
    id,
    history: structuredClone(outcome.history),
    test: structuredClone(test),
  };
  const weights = weightsOf(outcome);
  if (weights) {
    detail.weights = weights;
    run.hasWeights = true;
  }
  if (outcome.fittedRecipe) detail.fittedRecipe = outcome.fittedRecipe;
  if (outcome.insights) detail.insights = structuredClone(outcome.insights);
  return { run, detail };
}
