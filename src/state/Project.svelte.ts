/**
 * The settings of the project being edited: which dataset, its preparation recipe and split,
 * the MLP and the backend preference. Lives in memory for now (persistence and URL sharing
 * come with the project issue).
 *
 * Invariants: the recipe is null until the worker has proposed the dataset's default one (and
 * again after the dataset changes), and training with a null recipe uses that same default;
 * every edit replaces the recipe with a new plain object (`$state.raw`), so it can be
 * serialized as is. Only the latest preview's answer is kept.
 */
import { TrainingClient } from '../bridge/training-client';
import { trainableTaskOf, type BuiltinDatasetEntry } from '../contracts/datasets';
import type {
  BackendPreference,
  MlpConfig,
  PreviewRequest,
  RecipePreviewResult,
  SplitRatios,
  SplitStrategy,
} from '../contracts/training';
export { backendFromQuery } from './urls';
import { validateMlpSettings, type FieldProblem } from '../core/mlp-config';
import {
  DEFAULT_STEP_OPTIONS,
  parseRecipe,
  RECIPE_SCHEMA_VERSION,
  type Recipe,
  type RecipeStep,
  type StepOptionsMap,
  type StepType,
} from '../core/recipe';
import { createContext } from './context';
import { settingsOf, snapshotOf, type ProjectSnapshot } from './project-snapshot';
import { buildPreviewRequest } from './train-request';
import type {
  ClassicalModelSpec,
  ClassicalParamValue,
  ClassicalTask,
} from '../contracts/classical';
import { findLearner } from '../core/classical-catalog';
import {
  classicalParamProblems,
  defaultClassicalSpec,
  isSpecForTask,
  type ClassicalParamProblem,
} from './classical-choice';
import { NetworkDraft } from './NetworkDraft.svelte';
import type { NetworkModelSpec } from '../core/network/training-spec';
import {
  DEFAULT_CHECKPOINT_EVERY,
  checkpointEveryProblem,
  type ResumeOffer,
} from './checkpoint-offer';

export const DEFAULT_DATASET_ID = 'iris';

export const DEFAULT_MLP: MlpConfig = {
  hiddenLayers: [16, 8],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.01,
  batchSize: 16,
  epochs: 60,
  seed: 42,
};

export const DEFAULT_SPLIT: SplitRatios = { train: 0.6, validation: 0.2, test: 0.2 };
export const DEFAULT_SPLIT_STRATEGY: SplitStrategy = { kind: 'stratified' };

/** What the project needs of the worker bridge; tests pass a fake. */
export interface RecipePreviewer {
  previewRecipe(request: PreviewRequest): Promise<RecipePreviewResult>;
  dispose?(): void;
}

export type PreviewStatus = 'idle' | 'loading' | 'ready' | 'failed';

export type SplitField = keyof SplitRatios;

/** A split is usable when every ratio is finite and >= 0 and training gets a share. */
export function splitProblems(split: SplitRatios): SplitField[] {
  const fields: SplitField[] = ['train', 'validation', 'test'];
  return fields.filter((field) => {
    const value = split[field];
    return !Number.isFinite(value) || value < 0 || value > 1 || (field === 'train' && value <= 0);
  });
}

export class Project {
  #datasetId = $state(DEFAULT_DATASET_ID);
  #model = $state.raw<MlpConfig>(DEFAULT_MLP);
  #split = $state.raw<SplitRatios>(DEFAULT_SPLIT);
  #splitStrategy = $state.raw<SplitStrategy>(DEFAULT_SPLIT_STRATEGY);
  #recipe = $state.raw<Recipe | null>(null);
  /** null = the neural network; otherwise the classical learner trained in its place. */
  #classical = $state.raw<ClassicalModelSpec | null>(null);
  #preview = $state.raw<RecipePreviewResult | null>(null);
  #previewStatus = $state<PreviewStatus>('idle');
  #previewSeq = 0;
  #nextStepNumber = 1;
  readonly #createPreviewer: () => RecipePreviewer;
  #previewer: RecipePreviewer | null = null;
  readonly backendPreference: BackendPreference;

  // The layer builder (issue 5): chosen instead of the simple MLP form; kept apart from the
  // MLP and classical fields so the project's snapshot can hold it as its own part.
  readonly builder = new NetworkDraft();
  #usesBuilder = $state(false);
  #checkpointEvery = $state(DEFAULT_CHECKPOINT_EVERY);
  /** Set between "Resume from epoch N" and the request it builds; see `prepareResume`. */
  #resume = $state.raw<ResumeOffer | null>(null);
  /** The saved project these settings belong to, which scopes checkpoints (null: none yet). */
  #projectId = $state<string | null>(null);

  #modelProblems = $derived(validateMlpSettings(this.#model));
  #splitProblems = $derived(splitProblems(this.#split));
  #classicalProblems = $derived.by(() => {
    const spec = this.#classical;
    const info = spec ? findLearner(spec.learner) : undefined;
    return spec && info ? classicalParamProblems(info, spec.params) : [];
  });

  /**
   * `createPreviewer` runs on the first preview; by default it starts a worker of its own, so
   * previews never queue behind a training job.
   */
  constructor(
    backendPreference: BackendPreference = 'auto',
    createPreviewer: () => RecipePreviewer = defaultPreviewer,
  ) {
    this.backendPreference = backendPreference;
    this.#createPreviewer = createPreviewer;
  }

  get datasetId(): string {
    return this.#datasetId;
  }

  get model(): MlpConfig {
    return this.#model;
  }

  get split(): SplitRatios {
    return this.#split;
  }

  get splitStrategy(): SplitStrategy {
    return this.#splitStrategy;
  }

  get recipe(): Recipe | null {
    return this.#recipe;
  }

  get preview(): RecipePreviewResult | null {
    return this.#preview;
  }

  get previewStatus(): PreviewStatus {
    return this.#previewStatus;
  }

  get modelProblems(): FieldProblem[] {
    return this.#modelProblems;
  }

  get splitProblems(): SplitField[] {
    return this.#splitProblems;
  }

  get isModelValid(): boolean {
    // A classical run ignores the network's settings except its seed, so only its own count.
    const modelOk = this.#classical
      ? this.#classicalProblems.length === 0
      : this.#usesBuilder
        ? this.builder.isValid && checkpointEveryProblem(this.#checkpointEvery) === null
        : this.#modelProblems.length === 0;
    return modelOk && this.#splitProblems.length === 0;
  }

  get classical(): ClassicalModelSpec | null {
    return this.#classical;
  }

  get classicalProblems(): ClassicalParamProblem[] {
    return this.#classicalProblems;
  }

  /** The classical choice if it fits `task`, else null (the network trains). */
  classicalFor(task: ClassicalTask | null): ClassicalModelSpec | null {
    return isSpecForTask(this.#classical, task) ? this.#classical : null;
  }

  /** null = back to the neural network; a learner key starts from its catalogue defaults. */
  chooseLearner(key: string | null): void {
    this.#usesBuilder = false;
    if (key === null) {
      this.#classical = null;
      return;
    }
    if (key === this.#classical?.learner) return;
    const spec = defaultClassicalSpec(key);
    if (spec) this.#classical = spec;
  }

  /** Sets one parameter; fields the learner does not have are ignored. */
  updateClassicalParam(field: string, value: ClassicalParamValue): void {
    const spec = this.#classical;
    if (!spec || !(field in (findLearner(spec.learner)?.ranges ?? {}))) return;
    this.#classical = { learner: spec.learner, params: { ...spec.params, [field]: value } };
  }

  resetClassicalParams(): void {
    if (this.#classical) this.#classical = defaultClassicalSpec(this.#classical.learner);
  }

  /** Replaces the choice as a whole (an opened share link, already validated). */
  setClassical(spec: ClassicalModelSpec | null): void {
    this.#classical = spec ? { learner: spec.learner, params: { ...spec.params } } : null;
  }

  /**
   * `task`, when the caller knows it, drops a classical choice the new dataset cannot use
   * (a regressor after switching to a classification dataset).
   */
  selectDataset(id: string, task?: ClassicalTask | null): void {
    if (task !== undefined && this.#classical && !isSpecForTask(this.#classical, task)) {
      this.#classical = null;
    }
    if (id === this.#datasetId) return;
    this.#datasetId = id;
    this.builder.forgetRestored();
    this.#recipe = null;
    this.#preview = null;
    this.#previewStatus = 'idle';
    if (this.#splitStrategy.kind === 'grouped') this.#splitStrategy = DEFAULT_SPLIT_STRATEGY;
  }

  updateModel(patch: Partial<MlpConfig>): void {
    this.#model = { ...this.#model, ...patch };
  }

  updateSplit(patch: Partial<SplitRatios>): void {
    this.#split = { ...this.#split, ...patch };
  }

  setSplitStrategy(strategy: SplitStrategy): void {
    this.#splitStrategy = { ...strategy };
  }

  /** Back to the dataset's default recipe (proposed again by the next preview). */
  resetRecipe(): void {
    this.#recipe = null;
  }

  addStep(type: StepType): void {
    const taken = (candidate: string): boolean => this.#steps().some((s) => s.id === candidate);
    let id = `step-${this.#nextStepNumber++}`;
    while (taken(id)) id = `step-${this.#nextStepNumber++}`;
    // Deep copy, so no two steps (nor the defaults table) share an options object.
    const options = JSON.parse(
      JSON.stringify(DEFAULT_STEP_OPTIONS[type]),
    ) as StepOptionsMap[typeof type];
    this.#setSteps([...this.#steps(), { id, type, enabled: true, options } as RecipeStep]);
  }

  removeStep(id: string): void {
    this.#setSteps(this.#steps().filter((step) => step.id !== id));
  }

  /** Moves a step one place up (-1) or down (+1); nothing happens at either end. */
  moveStep(id: string, delta: -1 | 1): void {
    const steps = [...this.#steps()];
    const from = steps.findIndex((step) => step.id === id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= steps.length) return;
    [steps[from], steps[to]] = [steps[to] as RecipeStep, steps[from] as RecipeStep];
    this.#setSteps(steps);
  }

  setStepEnabled(id: string, enabled: boolean): void {
    this.#setSteps(this.#steps().map((step) => (step.id === id ? { ...step, enabled } : step)));
  }

  /** Merges option changes into one step; keys set to undefined are removed. */
  updateStepOptions(id: string, patch: Record<string, unknown>): void {
    this.#setSteps(
      this.#steps().map((step) => {
        if (step.id !== id) return step;
        const options: Record<string, unknown> = { ...step.options, ...patch };
        for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
        return { ...step, options } as RecipeStep;
      }),
    );
  }

  /** Asks the worker to fit the recipe on the training split and report every step. */
  async refreshPreview(entry: BuiltinDatasetEntry, url: string): Promise<void> {
    if (!Project.canTrainOn(entry) || this.#splitProblems.length > 0) return;
    const request = buildPreviewRequest(entry, url, {
      model: this.#model,
      split: this.#split,
      splitStrategy: this.#splitStrategy,
      recipe: this.#recipe,
    });
    const seq = ++this.#previewSeq;
    const datasetId = this.#datasetId;
    this.#previewStatus = 'loading';
    this.#previewer ??= this.#createPreviewer();
    let result: RecipePreviewResult;
    try {
      result = await this.#previewer.previewRecipe(request);
    } catch (error) {
      if (seq === this.#previewSeq) this.#previewStatus = 'failed';
      throw error;
    }
    if (seq !== this.#previewSeq || datasetId !== this.#datasetId) return;
    if (result.ok && this.#recipe === null) this.#recipe = parseRecipe(result.recipe);
    this.#preview = result;
    this.#previewStatus = result.ok ? 'ready' : 'failed';
  }

  /** The settings as plain data (project-snapshot.ts); `entry` names stored data in full. */
  snapshot(entry?: BuiltinDatasetEntry): ProjectSnapshot {
    const settings = {
      datasetId: this.#datasetId,
      recipe: this.#recipe,
      split: this.#split,
      splitStrategy: this.#splitStrategy,
      model: this.#model,
      classical: this.#classical,
      network: this.usesBuilder ? this.builder.toModelSpec() : null,
      modelKind: this.usesBuilder
        ? ('network' as const)
        : this.#classical
          ? ('classical' as const)
          : ('mlp' as const),
    };
    return snapshotOf(settings, entry);
  }

  /** Replaces every setting with a snapshot's (undo, redo, opening a project). */
  restore(snapshot: ProjectSnapshot): void {
    const settings = settingsOf(snapshot);
    if (settings.datasetId !== this.#datasetId) {
      this.#datasetId = settings.datasetId;
      this.#preview = null;
      this.#previewStatus = 'idle';
    }
    this.#recipe = settings.recipe;
    this.#model = settings.model;
    this.#split = settings.split;
    this.#splitStrategy = settings.splitStrategy;
    this.#classical = settings.classical;
    this.#usesBuilder = settings.modelKind === 'network' && settings.network !== null;
    if (settings.network && this.#usesBuilder) this.builder.restore(settings.network);
  }

  dispose(): void {
    this.#previewer?.dispose?.();
    this.#previewer = null;
  }

  // --- The layer builder and its checkpoints (issue 5) ---

  /** True when the layer builder's network trains (not the MLP form, not a classical learner). */
  get usesBuilder(): boolean {
    return this.#usesBuilder && this.#classical === null;
  }

  /** The builder's network as plain data for the request, or null when it does not train. */
  get network(): NetworkModelSpec | null {
    return this.usesBuilder ? this.builder.toModelSpec() : null;
  }

  chooseNetworkBuilder(): void {
    this.#classical = null;
    this.#usesBuilder = true;
  }

  /** Epochs between checkpoints of a builder run (also saved when a run is stopped). */
  get checkpointEvery(): number {
    return this.#checkpointEvery;
  }

  get checkpointEveryProblem(): string | null {
    return checkpointEveryProblem(this.#checkpointEvery);
  }

  setCheckpointEvery(epochs: number): void {
    this.#checkpointEvery = epochs;
  }

  get projectId(): string | null {
    return this.#projectId;
  }

  /** Follows the open project (the Train screen keeps it in step with the project list). */
  setProjectId(id: string | null): void {
    this.#projectId = id;
  }

  /** The checkpoint the next request resumes from (null: a fresh run). */
  get resume(): ResumeOffer | null {
    return this.#resume;
  }

  /**
   * Points the project at an interrupted run (its dataset and network), so the next request
   * is that run's own request resuming from its checkpoint. `clearResume` ends it once the
   * request is built.
   */
  prepareResume(offer: ResumeOffer): void {
    const request = offer.request;
    this.selectDataset(request.dataset.id);
    if (request.network) {
      this.chooseNetworkBuilder();
      this.builder.restore(request.network);
    }
    this.#resume = offer;
  }

  clearResume(): void {
    this.#resume = null;
  }

  #steps(): RecipeStep[] {
    return this.#recipe?.steps ?? [];
  }

  #setSteps(steps: RecipeStep[]): void {
    this.#recipe = { schemaVersion: RECIPE_SCHEMA_VERSION, steps };
  }

  static canTrainOn(entry: BuiltinDatasetEntry | undefined): boolean {
    return entry !== undefined && entry.target !== null && trainableTaskOf(entry) !== null;
  }
}

/** A client of its own: its worker starts on the first preview (TrainingClient is lazy). */
function defaultPreviewer(): RecipePreviewer {
  return new TrainingClient();
}

export const [getProject, setProject] = createContext<Project>('Project');
