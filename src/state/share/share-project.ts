/**
 * The project ⇄ share payload mapping. Making a link: the project snapshot, how its data can be
 * found again (a shipped id, a generator's settings, or imported data named by its content
 * hash) and, when it fits, the trained network. Opening one: the snapshot to restore and what
 * the data needs first (nothing, generating the points again, or a file to attach).
 *
 * Pure: the caller supplies the catalogue entry, the generator origin and the hash.
 */
import type { BuiltinDatasetEntry, TrainableTask } from '../../contracts/datasets';
import type { TrainOutcome } from '../../contracts/training';
import { generatePoints, type GeneratorSettings } from '../../core/generators';
import type { NetworkModelSpec } from '../../contracts/network';
import {
  PROJECT_SNAPSHOT_VERSION,
  type DatasetRef,
  type ModelKind,
  type ProjectSnapshot,
} from '../project-snapshot';
import { encodeShare } from './codec';
import type { HideableControl, SharedDataset, SharedProject, SharedProjectInput } from './schema';
import type { SharedTasks } from './task-settings';
import type { SharedTrained, SharedTrainedInput } from './trained-schema';
import { decodeWeightData, encodeWeightData } from './weights';

type FinishedRun = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

/** About 30 kB of compressed payload: links this long still survive mail and chat apps. */
export const MAX_MODEL_LINK_CHARS = 40_000;
/** Generated data always has these columns (core/generators `pointsToCsv`). */
export const GENERATED_TARGET = 'label';

export interface ShareInput {
  snapshot: ProjectSnapshot;
  /** The catalogue entry of the project's dataset: target and task of stored data. */
  entry: BuiltinDatasetEntry | undefined;
  name?: string;
  /** Settings that made the project's stored dataset, when a generator made it. */
  generator: GeneratorSettings | null;
  /** SHA-256 of imported data's content (dataset-hash.ts), when it was computed. */
  datasetHash: string | null;
  /** The trained run to carry, already checked to belong to these settings. */
  finished: FinishedRun | null;
  /** Sequence and generative settings to carry (task-settings.ts); absent = none. */
  tasks?: SharedTasks;
  hide: readonly HideableControl[];
}

export type ShareDatasetResult =
  { ok: true; dataset: SharedDataset } | { ok: false; code: 'share.error.noHash' };

export function sharedDatasetOf(input: ShareInput): ShareDatasetResult {
  const ref: DatasetRef = input.snapshot.dataset;
  if (ref.kind === 'builtin') return { ok: true, dataset: { kind: 'builtin', id: ref.id } };
  if (ref.kind === 'generator') {
    return { ok: true, dataset: { kind: 'generator', generator: { ...ref.generator } } };
  }
  if (input.generator) {
    return { ok: true, dataset: { kind: 'generator', generator: { ...input.generator } } };
  }
  if (!input.datasetHash) return { ok: false, code: 'share.error.noHash' };
  const dataset: SharedDataset = {
    kind: 'imported',
    name: (input.entry?.title ?? ref.name).slice(0, 200),
    sha256: input.datasetHash,
    rows: input.entry?.rows ?? ref.rows,
    columns: input.entry?.columns ?? ref.columns,
  };
  if (input.entry?.target) dataset.target = input.entry.target;
  if (input.entry?.task === 'classification' || input.entry?.task === 'regression') {
    dataset.task = input.entry.task;
  }
  return { ok: true, dataset };
}

/** Six significant digits: the curves and metrics are for reading, not for further training. */
function roundDeep<T>(value: T): T {
  if (typeof value === 'number') {
    return (
      Number.isInteger(value) || !Number.isFinite(value) ? value : Number(value.toPrecision(6))
    ) as T;
  }
  if (Array.isArray(value)) return value.map(roundDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, roundDeep(item)]),
    ) as T;
  }
  return value;
}

/** The trained part of a link, or null when the run kept no network weights. */
export function sharedTrainedOf(run: FinishedRun): SharedTrainedInput | null {
  const trained = run.trainedModel;
  if (!trained || trained.weightSpecs.some((spec) => spec.dtype === 'bool')) return null;
  const out: SharedTrainedInput = {
    status: run.status,
    epochsRun: run.epochsRun,
    durationMs: Math.round(run.durationMs),
    backend: run.backend,
    history: roundDeep(run.history),
    test: roundDeep(run.test),
    model: {
      format: trained.format,
      modelTopology: trained.modelTopology,
      weightSpecs: trained.weightSpecs.map((spec) => ({
        name: spec.name,
        shape: [...spec.shape],
        dtype: spec.dtype as 'float32' | 'int32',
      })),
      weightData: encodeWeightData(trained.weightData),
    },
  };
  if (run.engine) out.engine = run.engine;
  if (run.fittedRecipe) out.fittedRecipe = run.fittedRecipe;
  if (run.prediction) out.prediction = structuredClone(run.prediction);
  return out;
}

export type ModelInLink = 'included' | 'none' | 'tooLarge';

export type ShareTextResult =
  { ok: true; text: string; model: ModelInLink } | { ok: false; code: 'share.error.noHash' };

export type SharePayload = Omit<SharedProjectInput, 'v'>;

export type SharePayloadResult =
  | { ok: true; payload: SharePayload; trained: SharedTrainedInput | null }
  | { ok: false; code: 'share.error.noHash' };

/** The project as share data (links and project files), and its trained part apart. */
export function buildSharePayload(input: ShareInput): SharePayloadResult {
  const dataset = sharedDatasetOf(input);
  if (!dataset.ok) return dataset;
  const { snapshot } = input;
  const payload: SharePayload = {
    dataset: dataset.dataset,
    model: { ...snapshot.model, hiddenLayers: [...snapshot.model.hiddenLayers] },
    split: { ...snapshot.split },
    splitStrategy: { ...snapshot.splitStrategy },
  };
  if (input.name) payload.name = input.name.slice(0, 120);
  if (snapshot.recipe !== null) payload.recipe = snapshot.recipe;
  if (snapshot.classical) {
    payload.classical = snapshot.classical as SharedProjectInput['classical'];
  }
  if (input.hide.length > 0) payload.embed = { hide: [...input.hide] };
  payload.modelKind = snapshot.modelKind;
  if (snapshot.network) {
    // A transfer source names a run in the sender's own registry: the recipient has none.
    const { spec, training } = snapshot.network;
    payload.network = structuredClone({ spec, training });
  }
  if (input.tasks?.sequence) payload.sequence = structuredClone(input.tasks.sequence);
  if (input.tasks?.generative) payload.generative = { ...input.tasks.generative };
  const trained = input.finished ? sharedTrainedOf(input.finished) : null;
  return { ok: true, payload, trained };
}

export async function buildShareText(input: ShareInput): Promise<ShareTextResult> {
  const built = buildSharePayload(input);
  if (!built.ok) return built;
  const { payload, trained } = built;
  if (trained) {
    const text = await encodeShare({ ...payload, trained });
    if (text.length <= MAX_MODEL_LINK_CHARS) return { ok: true, text, model: 'included' };
  }
  return { ok: true, text: await encodeShare(payload), model: trained ? 'tooLarge' : 'none' };
}

/** What a link's data needs before the project can use it. */
export type DataNeed =
  | { kind: 'ready'; datasetId: string }
  | { kind: 'generate'; settings: GeneratorSettings; task: TrainableTask }
  | {
      kind: 'attach';
      name: string;
      sha256: string;
      rows: number;
      columns: number;
      target: string | null;
      task: TrainableTask | null;
    };

export function dataNeedOf(dataset: SharedDataset): DataNeed {
  switch (dataset.kind) {
    case 'builtin':
      return { kind: 'ready', datasetId: dataset.id };
    case 'generator': {
      const settings: GeneratorSettings = { ...dataset.generator };
      // Generating is cheap (≤ 100 k points) and the only sure way to learn the task.
      return { kind: 'generate', settings, task: generatePoints(settings).task };
    }
    case 'imported':
      return {
        kind: 'attach',
        name: dataset.name,
        sha256: dataset.sha256,
        rows: dataset.rows,
        columns: dataset.columns,
        target: dataset.target ?? null,
        task: dataset.task ?? null,
      };
  }
}

/** The snapshot a decoded link restores, once its data is at `datasetId`. */
export function snapshotOfShared(
  shared: SharedProject,
  datasetId: string,
  ref: DatasetRef,
): ProjectSnapshot {
  const classical = shared.classical ?? null;
  const network = shared.network ? (structuredClone(shared.network) as NetworkModelSpec) : null;
  // A link that names the builder without a network falls back to the kind it would have had.
  const fallback: ModelKind = classical ? 'classical' : 'mlp';
  const kind = shared.modelKind ?? fallback;
  return {
    v: PROJECT_SNAPSHOT_VERSION,
    datasetId,
    dataset: ref,
    recipe: shared.recipe ?? null,
    split: { ...shared.split },
    splitStrategy: shared.splitStrategy ? { ...shared.splitStrategy } : { kind: 'stratified' },
    model: { ...shared.model, hiddenLayers: [...shared.model.hiddenLayers] },
    classical: classical as ProjectSnapshot['classical'],
    network,
    modelKind: kind === 'network' && !network ? fallback : kind,
    seed: shared.model.seed,
  };
}

/**
 * The run a link carries, shaped as the training run's own outcome; `network` is the builder
 * network it was trained as, when it was one (export rebuilds it).
 */
export function finishedRunOf(
  trained: SharedTrained,
  network: NetworkModelSpec | null = null,
): FinishedRun {
  const run: FinishedRun = {
    status: trained.status,
    jobId: 0,
    epochsRun: trained.epochsRun,
    history: trained.history,
    test: trained.test,
    backend: trained.backend,
    durationMs: trained.durationMs,
  };
  if (trained.engine) run.engine = trained.engine as FinishedRun['engine'];
  if (trained.fittedRecipe) run.fittedRecipe = trained.fittedRecipe;
  if (trained.prediction) run.prediction = trained.prediction;
  if (network) run.network = structuredClone(network);
  if (trained.model) {
    run.trainedModel = {
      format: trained.model.format,
      modelTopology: trained.model.modelTopology,
      weightSpecs: trained.model.weightSpecs,
      weightData: decodeWeightData(trained.model.weightData),
    };
  }
  return run;
}
