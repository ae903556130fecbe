/**
 * What the registry keeps of a finished or stopped sequence run (forecaster, character model)
 * or generative run (autoencoder, VAE, GAN, bottleneck embedding): the same lineage as any run
 * (dataset and hash, settings, seed, backend, duration, project), the figures its own evaluation
 * view draws (`RunDetail.task`), and the trained weights (a sequence model, or a generative run's
 * networks together) when they are at most MAX_KEPT_WEIGHT_BYTES. A text model's full test evaluation (a probability per character
 * of the vocabulary per test window) is not kept: its figures and samples are.
 *
 * Pure, so it is tested without a database; every copy is plain data IndexedDB can clone.
 */
import type {
  GenerativeNetworks,
  GenerativeOutcome,
  GenerativeView,
} from '../contracts/generative';
import type { TrainRequest, TrainedModelArtifacts } from '../contracts/training';
import type {
  GenerativePartName,
  RunDetail,
  RunId,
  RunSummary,
  RunTaskDetail,
  TaskHeadlineKey,
} from '../storage/runs-db';
import type { NewRun } from '../storage/run-store';
import type { GenerativeEpoch } from './GenerativeRun.svelte';
import type { FinishedOutcome, RecordContext } from './run-record';

/** Weights above this are not kept (the character models' presets stay well under it). */
export const MAX_KEPT_WEIGHT_BYTES = 1024 * 1024;

type Request = Omit<TrainRequest, 'jobId'>;

/** A finished sequence outcome: it carries the forecast or text result. */
export type SequenceOutcome = FinishedOutcome & {
  sequence: NonNullable<FinishedOutcome['sequence']>;
};

/** The kind of task a run belongs to: runs are compared only within one kind. */
export type RunTaskKind =
  'classification' | 'regression' | 'forecast' | 'text' | `generative:${GenerativeOutcome['kind']}`;

export function runTaskKindOf(run: Pick<RunSummary, 'model' | 'dataset'>): RunTaskKind {
  if (run.model.kind === 'sequence') return run.model.spec.kind;
  if (run.model.kind === 'generative') return `generative:${run.model.spec.kind}`;
  return run.dataset.task;
}

/** Sequence and generative runs: their details hold `task`, not a `test` evaluation. */
export function isTaskRun(run: Pick<RunSummary, 'model'>): boolean {
  return run.model.kind === 'sequence' || run.model.kind === 'generative';
}

function baseRun(
  request: Request,
  context: RecordContext,
  fields: Pick<
    NewRun,
    'model' | 'status' | 'epochsRun' | 'durationMs' | 'backend' | 'testRows' | 'headline'
  >,
): NewRun {
  return {
    id: context.id as RunId,
    name: '',
    createdAt: context.now,
    dataset: {
      id: request.dataset.id,
      title: context.title,
      target: request.dataset.target,
      task: request.dataset.task,
    },
    split: { ...request.split },
    // Sequences are cut in time (or corpus) order; generative runs use the project's split.
    splitStrategy:
      fields.model.kind === 'sequence'
        ? { kind: 'time' }
        : { kind: request.splitStrategy?.kind ?? 'stratified' },
    seed: request.model.seed,
    recipe: fields.model.kind === 'sequence' ? null : (request.recipe ?? null),
    project: context.project ? { ...context.project } : null,
    notes: '',
    tags: [],
    datasetHash: context.datasetHash ?? '',
    hasWeights: false,
    ...fields,
  };
}

function weightBytesOf(model: TrainedModelArtifacts): number {
  return model.weightData.byteLength;
}

function networksBytesOf(networks: GenerativeNetworks): number {
  return Object.values(networks).reduce(
    (sum: number, model) => sum + (model ? weightBytesOf(model) : 0),
    0,
  );
}

const PART_NAMES: readonly GenerativePartName[] = [
  'encoder',
  'decoder',
  'generator',
  'discriminator',
];

/** The networks as the registry keeps them, by role; parts the run did not train are left out. */
function generativeParts(
  networks: GenerativeNetworks,
): Partial<Record<GenerativePartName, unknown>> {
  const parts: Partial<Record<GenerativePartName, unknown>> = {};
  for (const name of PART_NAMES) {
    const model = networks[name];
    if (model) parts[name] = structuredClone(model);
  }
  return parts;
}

export function sequenceRecordOf(
  request: Request,
  outcome: SequenceOutcome,
  context: RecordContext,
): { run: NewRun; detail: RunDetail } {
  const spec = request.sequence;
  if (!spec) throw new Error('sequenceRecordOf needs a sequence request');
  const result = structuredClone(outcome.sequence);
  const headline: { key: TaskHeadlineKey; value: number } =
    result.kind === 'forecast'
      ? { key: 'mae', value: result.model.mae }
      : { key: 'perplexity', value: result.perplexity };
  const run = baseRun(request, context, {
    model: {
      kind: 'sequence',
      spec: { ...spec },
      network: outcome.network ? structuredClone(outcome.network) : null,
    },
    status: outcome.status,
    epochsRun: outcome.epochsRun,
    durationMs: outcome.durationMs,
    backend: outcome.backend,
    testRows: result.kind === 'forecast' ? result.actual.length : outcome.test.n,
    headline,
  });
  if (outcome.engine) run.engine = outcome.engine;
  const task: RunTaskDetail =
    result.kind === 'forecast' ? { kind: 'forecast', result } : { kind: 'text', result };
  const detail: RunDetail = { id: run.id, history: structuredClone(outcome.history), task };
  const trained = outcome.trainedModel;
  if (trained && weightBytesOf(trained) <= MAX_KEPT_WEIGHT_BYTES) {
    detail.weights = { kind: 'tfjs-layers', artifacts: structuredClone(trained) };
    run.hasWeights = true;
  } else {
    run.weightsSkipped = trained ? 'tooLarge' : 'notSaved';
  }
  return { run, detail };
}

function generativeHeadline(outcome: GenerativeOutcome): { key: TaskHeadlineKey; value: number } {
  const m = outcome.metrics;
  if (outcome.kind !== 'gan') return { key: 'reconstruction', value: m.reconstruction ?? NaN };
  if (m.meanGap !== undefined) return { key: 'meanGap', value: m.meanGap };
  return { key: 'generator', value: m.generator ?? NaN };
}

/** `views`: the last views the run showed; `epochs`: its per-epoch losses. */
export function generativeRecordOf(
  request: Request,
  outcome: GenerativeOutcome,
  epochs: readonly GenerativeEpoch[],
  views: readonly GenerativeView[],
  context: RecordContext,
): { run: NewRun; detail: RunDetail } {
  const spec = request.generative;
  if (!spec) throw new Error('generativeRecordOf needs a generative request');
  const run = baseRun(request, context, {
    model: { kind: 'generative', spec: structuredClone(spec) },
    status: outcome.stopped ? 'stopped' : 'completed',
    epochsRun: outcome.epochsRun,
    durationMs: outcome.durationMs,
    backend: outcome.backend,
    testRows: 0,
    headline: generativeHeadline(outcome),
  });
  // The networks are kept once, in `weights`, not again inside the task's outcome.
  const { trainedModels: networks, ...shown } = outcome;
  const detail: RunDetail = {
    id: run.id,
    history: [],
    task: {
      kind: 'generative',
      outcome: structuredClone(shown),
      epochs: structuredClone([...epochs]),
      views: structuredClone([...views]),
    },
  };
  const hasNetworks = networks !== undefined && Object.values(networks).some(Boolean);
  if (hasNetworks && networksBytesOf(networks) <= MAX_KEPT_WEIGHT_BYTES) {
    detail.weights = { kind: 'generative', parts: generativeParts(networks) };
    run.hasWeights = true;
  } else {
    run.weightsSkipped = hasNetworks ? 'tooLarge' : 'notSaved';
  }
  return { run, detail };
}
