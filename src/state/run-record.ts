/**
 * What the run history keeps of a finished run: the request's summary (dataset, target, model,
 * split) and the outcome's history and test evaluation. Pure, so it is tested without a
 * database; the copies are plain data that IndexedDB can clone.
 */
import type { TrainOutcome, TrainRequest } from '../contracts/training';
import type { RunDetail, RunId, RunModel } from '../storage/runs-db';
import type { NewRun } from '../storage/run-store';

export type FinishedOutcome = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export interface RecordContext {
  id: string;
  /** The dataset's display title at the time of the run. */
  title: string;
  now: number;
}

function modelOf(request: Omit<TrainRequest, 'jobId'>, outcome: FinishedOutcome): RunModel {
  const spec = outcome.classical ?? request.classical;
  if (spec)
    return { kind: 'classical', spec: { learner: spec.learner, params: { ...spec.params } } };
  const config = request.model;
  return { kind: 'mlp', config: { ...config, hiddenLayers: [...config.hiddenLayers] } };
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
  };
  if (outcome.engine) run.engine = outcome.engine;
  // structuredClone: the same deep copy IndexedDB makes, taken now so later edits cannot leak in.
  const detail: RunDetail = {
    id,
    history: structuredClone(outcome.history),
    test: structuredClone(test),
  };
  return { run, detail };
}
