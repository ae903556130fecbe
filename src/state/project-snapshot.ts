/**
 * A project's settings as plain, versioned data: which data (a reference, never the rows), the
 * recipe, the model (MLP settings, a classical learner or a builder network), the split and
 * the seed. Projects autosave it, undo/redo keeps a stack of it, and the `.fitlab` file and
 * share links carry it. Pure: no DOM, no storage, no Svelte.
 *
 * Invariants: a snapshot is JSON-safe (the recipe is kept serialized, as runs keep it);
 * `seed` equals `model.seed` (the seed of the split, the recipe and the network); parsing
 * never throws, and a snapshot that does not validate is refused as a whole with the path of
 * the first problem.
 */
import * as v from 'valibot';
import type { ClassicalModelSpec } from '../contracts/classical';
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type { NetworkModelSpec } from '../contracts/network';
import type { MlpConfig, SplitRatios, SplitStrategy } from '../contracts/training';
import { GENERATOR_KINDS, type GeneratorSettings } from '../core/generators';
import { ACTIVATIONS, OPTIMIZERS } from '../core/mlp-config';
import { parseRecipe, serializeRecipe, type Recipe } from '../core/recipe';
import type { SharedProject } from './share/schema';
import { storedDatasetIdOf } from './stored-entry';

export const PROJECT_SNAPSHOT_VERSION = 1;

/**
 * Where the project's data comes from. Shipped data is named by id; generated data by its
 * settings (enough to generate it again); imported data by the stored dataset's id and, when
 * known, a SHA-256 of its content, so a copy elsewhere can be checked.
 */
export type DatasetRef =
  | { kind: 'builtin'; id: string }
  | { kind: 'generator'; generator: GeneratorSettings; storedId?: string }
  | {
      kind: 'imported';
      storedId: string;
      name: string;
      rows: number;
      columns: number;
      sha256?: string;
    };

/** Which of the three model kinds trains. */
export type ModelKind = 'mlp' | 'classical' | 'network';

export interface ProjectSnapshot {
  v: typeof PROJECT_SNAPSHOT_VERSION;
  /** The catalogue entry the project trains on: a shipped id or a stored entry id. */
  datasetId: string;
  dataset: DatasetRef;
  /** A serialized `Recipe`; null = the dataset's default one. */
  recipe: string | null;
  split: SplitRatios;
  splitStrategy: SplitStrategy;
  /** The MLP's settings (and the seed, also used by the other model kinds). */
  model: MlpConfig;
  /** A classical learner trained instead of a network; null = a network trains. */
  classical: ClassicalModelSpec | null;
  /** The builder network's draft; null when the project has none. */
  network: NetworkModelSpec | null;
  modelKind: ModelKind;
  seed: number;
  /**
   * Sequence and generative settings (held by the app's sequence and generative runs, not by
   * `Project`; project-tasks.ts adds them); absent when they are the defaults.
   */
  sequence?: SharedSequence;
  generative?: SharedGenerative;
}

/** What `Project` holds, before the dataset reference is resolved. */
export interface ProjectSettings {
  datasetId: string;
  recipe: Recipe | null;
  split: SplitRatios;
  splitStrategy: SplitStrategy;
  model: MlpConfig;
  classical: ClassicalModelSpec | null;
  network: NetworkModelSpec | null;
  modelKind?: ModelKind;
}

export type SharedSequence = NonNullable<SharedProject['sequence']>;
export type SharedGenerative = NonNullable<SharedProject['generative']>;

/**
 * The reference for an entry id. `entry` (the catalogue's entry, when loaded) fills in the
 * name and size of stored data; without it they stay empty until the next save.
 */
export function datasetRefOf(datasetId: string, entry?: BuiltinDatasetEntry): DatasetRef {
  const storedId = entry ? storedDatasetIdOf(entry) : storedIdFromEntryId(datasetId);
  if (storedId === null) return { kind: 'builtin', id: datasetId };
  const ref: DatasetRef = {
    kind: 'imported',
    storedId,
    name: entry?.title ?? '',
    rows: entry?.rows ?? 0,
    columns: entry?.columns ?? 0,
  };
  if (entry?.sha256) ref.sha256 = entry.sha256;
  return ref;
}

/** Stored entry ids read `stored:<datasetId>:<task>:<target>` (stored-entry.ts). */
function storedIdFromEntryId(entryId: string): string | null {
  const match = /^stored:([^:]+):/.exec(entryId);
  return match ? match[1]! : null;
}

export function snapshotOf(
  settings: ProjectSettings,
  entry?: BuiltinDatasetEntry,
): ProjectSnapshot {
  const modelKind: ModelKind = settings.modelKind ?? (settings.classical ? 'classical' : 'mlp');
  return {
    v: PROJECT_SNAPSHOT_VERSION,
    datasetId: settings.datasetId,
    dataset: datasetRefOf(settings.datasetId, entry),
    recipe: settings.recipe ? serializeRecipe(settings.recipe) : null,
    split: { ...settings.split },
    splitStrategy: { ...settings.splitStrategy },
    model: { ...settings.model, hiddenLayers: [...settings.model.hiddenLayers] },
    classical: settings.classical ? structuredClone(settings.classical) : null,
    network: settings.network ? structuredClone(settings.network) : null,
    modelKind,
    seed: settings.model.seed,
  };
}

/** The settings to hand to `Project.restore`; a recipe that no longer parses becomes the default. */
export function settingsOf(snapshot: ProjectSnapshot): Required<ProjectSettings> {
  let recipe: Recipe | null = null;
  if (snapshot.recipe !== null) {
    try {
      recipe = parseRecipe(snapshot.recipe);
    } catch {
      recipe = null;
    }
  }
  return {
    datasetId: snapshot.datasetId,
    recipe,
    split: { ...snapshot.split },
    splitStrategy: { ...snapshot.splitStrategy },
    model: {
      ...snapshot.model,
      hiddenLayers: [...snapshot.model.hiddenLayers],
      seed: snapshot.seed,
    },
    classical: snapshot.classical ? structuredClone(snapshot.classical) : null,
    network: snapshot.network ? structuredClone(snapshot.network) : null,
    modelKind: snapshot.modelKind,
  };
}

/** A stable text form: equal settings give equal text (undo and autosave compare with it). */
export function serializeSnapshot(snapshot: ProjectSnapshot): string {
  return JSON.stringify(snapshot);
}

/** Equal as settings: the dataset's display details (name, size) do not count. */
export function sameSettings(a: ProjectSnapshot, b: ProjectSnapshot): boolean {
  return settingsKey(a) === settingsKey(b);
}

export function settingsKey(snapshot: ProjectSnapshot): string {
  const { dataset: _dataset, ...rest } = snapshot;
  return JSON.stringify(rest);
}

const finite = v.pipe(v.number(), v.finite());
const ratio = v.pipe(finite, v.minValue(0), v.maxValue(1));

const snapshotSchema = v.object({
  v: v.literal(PROJECT_SNAPSHOT_VERSION),
  datasetId: v.pipe(v.string(), v.minLength(1), v.maxLength(400)),
  dataset: v.variant('kind', [
    v.object({ kind: v.literal('builtin'), id: v.pipe(v.string(), v.maxLength(400)) }),
    v.object({
      kind: v.literal('generator'),
      generator: v.object({
        kind: v.picklist(GENERATOR_KINDS),
        samples: finite,
        noise: finite,
        seed: finite,
        classes: v.optional(finite),
      }),
      storedId: v.optional(v.string()),
    }),
    v.object({
      kind: v.literal('imported'),
      storedId: v.string(),
      name: v.pipe(v.string(), v.maxLength(400)),
      rows: finite,
      columns: finite,
      sha256: v.optional(v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/))),
    }),
  ]),
  recipe: v.nullable(v.string()),
  split: v.object({ train: ratio, validation: ratio, test: ratio }),
  splitStrategy: v.object({
    kind: v.picklist(['random', 'stratified', 'time', 'grouped']),
    groupColumn: v.optional(v.string()),
  }),
  model: v.object({
    hiddenLayers: v.array(v.pipe(finite, v.integer())),
    activation: v.picklist(ACTIVATIONS),
    optimizer: v.picklist(OPTIMIZERS),
    learningRate: finite,
    batchSize: finite,
    epochs: finite,
    seed: finite,
  }),
  // Checked by the learner's own validation (and the share schema) where they are used.
  classical: v.nullable(
    v.object({ learner: v.string(), params: v.record(v.string(), v.unknown()) }),
  ),
  network: v.nullable(
    v.object({
      spec: v.record(v.string(), v.unknown()),
      training: v.record(v.string(), v.unknown()),
      // "Start from a registered model": the source is looked up (and checked) again in the
      // registry when the run starts, so a deleted source fails there with its own message.
      transfer: v.optional(
        v.object({
          sourceRunId: v.string(),
          sourceName: v.string(),
          sourceDataset: v.string(),
          sourceClasses: v.nullable(v.array(v.string())),
          frozen: v.array(v.pipe(finite, v.integer(), v.minValue(0))),
        }),
      ),
    }),
  ),
  modelKind: v.picklist(['mlp', 'classical', 'network']),
  seed: v.pipe(finite, v.integer(), v.minValue(0)),
  // Checked again (clamped) by the share schema when a link or file carries them.
  sequence: v.optional(
    v.object({
      kind: v.picklist(['forecast', 'text']),
      datasetId: v.string(),
      forecast: v.record(v.string(), v.unknown()),
      text: v.record(v.string(), v.unknown()),
    }),
  ),
  generative: v.optional(v.record(v.string(), v.unknown())),
});

export type SnapshotParseResult =
  | { ok: true; snapshot: ProjectSnapshot }
  | { ok: false; code: 'projects.error.invalid'; params: { path: string } };

/** Checks data from storage or a file; unknown keys are dropped, nothing throws. */
export function parseSnapshot(data: unknown): SnapshotParseResult {
  const result = v.safeParse(snapshotSchema, data);
  if (!result.success) {
    const issue = result.issues[0];
    const path = issue ? (v.getDotPath(issue) ?? '(root)') : '(root)';
    return { ok: false, code: 'projects.error.invalid', params: { path } };
  }
  const { sequence, generative, ...out } = result.output;
  // The loose model parts keep their full objects (valibot's record copies them already).
  const snapshot: ProjectSnapshot = {
    ...out,
    classical: out.classical as unknown as ClassicalModelSpec | null,
    network: out.network as unknown as NetworkModelSpec | null,
    model: { ...out.model, seed: out.seed },
  };
  if (sequence) snapshot.sequence = sequence as unknown as SharedSequence;
  if (generative) snapshot.generative = generative as unknown as SharedGenerative;
  return { ok: true, snapshot };
}
