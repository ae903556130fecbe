/**
 * The "try it" panel's state: the current model as the prediction worker needs it, the form's
 * fields, the last single-row prediction, a batch prediction on an uploaded CSV (with progress
 * and cancel) and the model export. Created by the panel, which disposes it (and its worker).
 *
 * Invariants: only the latest batch job's result is kept (a stale job id is dropped); results
 * are replaced, never mutated; expected failures are kept as `{ code, params }` for the panel to
 * show in words, unexpected ones go to the listener.
 */
import { OcclusionRun } from './OcclusionRun.svelte';
import { PermutationImportanceRun } from './PermutationImportanceRun.svelte';
import { PredictClient } from '../bridge/predict-client';
import type { ErrorParams } from '../contracts/errors';
import type {
  FormField,
  PredictDataset,
  PredictResult,
  PredictableModel,
  TestExamplesRequest,
  TestExamplesResult,
} from '../contracts/predict';
import type { MlpConfig, SplitRatios } from '../contracts/training';
import type { FinishedRun } from './TrainingRun.svelte';

export type PredictSuccess = Extract<PredictResult, { ok: true }>;
export interface PredictProblem {
  code: string;
  params?: ErrorParams;
}
export interface BatchState {
  fileName: string;
  done: number;
  total: number;
  result: PredictSuccess | null;
}

export interface PredictionListener {
  onUnexpected(error: unknown): void;
}

let modelCounter = 0;

/** The finished run as the prediction worker takes it (plain copies only: it is posted). */
export function predictableOf(run: FinishedRun, mlp: MlpConfig): PredictableModel | null {
  if (!run.fittedRecipe || !run.prediction) return null;
  if (!run.trainedModel && !(run.classical && run.savedModel)) return null;
  const model: PredictableModel = {
    key: `model-${++modelCounter}`,
    fittedRecipe: run.fittedRecipe,
    schema: structuredClone(run.prediction),
  };
  if (run.trainedModel) model.network = run.trainedModel;
  if (run.classical && run.savedModel) {
    model.classical = { spec: structuredClone(run.classical), savedModel: run.savedModel };
  }
  if (run.network) model.builder = structuredClone(run.network);
  else if (!run.classical) model.mlp = { ...mlp, hiddenLayers: [...mlp.hiddenLayers] };
  return model;
}

export class Prediction {
  #model = $state.raw<PredictableModel | null>(null);
  #dataset = $state.raw<PredictDataset | null>(null);
  #split: SplitRatios | null = null;
  #fields = $state.raw<FormField[]>([]);
  #image = $state.raw<{ side: number; max: number; channels?: 3 } | null>(null);
  #row = $state.raw<PredictSuccess | null>(null);
  #batch = $state.raw<BatchState | null>(null);
  #problem = $state.raw<PredictProblem | null>(null);
  #isBusy = $state(false);
  #exportedFiles = $state.raw<string[]>([]);
  #unsupportedSteps = $state.raw<string[]>([]);
  #batchJob = 0;
  readonly #client: PredictClient;
  readonly #listener: PredictionListener;

  constructor(listener: PredictionListener, client: PredictClient = new PredictClient()) {
    this.#listener = listener;
    this.#client = client;
  }

  get model(): PredictableModel | null {
    return this.#model;
  }
  /** The dataset the model was trained on (form defaults, export data file). */
  get dataset(): PredictDataset | null {
    return this.#dataset;
  }
  get fields(): FormField[] {
    return this.#fields;
  }
  get image(): { side: number; max: number; channels?: 3 } | null {
    return this.#image;
  }
  get row(): PredictSuccess | null {
    return this.#row;
  }
  get batch(): BatchState | null {
    return this.#batch;
  }
  get problem(): PredictProblem | null {
    return this.#problem;
  }
  get isBusy(): boolean {
    return this.#isBusy;
  }
  /** The last export's file names, and the recipe steps its Python code does not rebuild. */
  get exportedFiles(): string[] {
    return this.#exportedFiles;
  }
  get unsupportedSteps(): string[] {
    return this.#unsupportedSteps;
  }

  /** Takes a new model; the form's fields come from its dataset. */
  async open(model: PredictableModel, dataset: PredictDataset, split: SplitRatios): Promise<void> {
    this.#model = model;
    this.#dataset = dataset;
    this.#split = split;
    this.#row = null;
    this.#batch = null;
    this.#problem = null;
    try {
      const described = await this.#client.describe(model, dataset);
      if (this.#model !== model) return;
      if (described.ok) {
        this.#fields = described.fields;
        this.#image = described.image;
      } else {
        this.#fields = [];
        this.#problem = {
          code: described.code,
          ...(described.params ? { params: described.params } : {}),
        };
      }
    } catch (error) {
      this.#listener.onUnexpected(error);
    }
  }

  /** Forgets the model (a run that cannot predict replaced it). */
  close(): void {
    this.#model = null;
    this.#fields = [];
    this.#image = null;
    this.#row = null;
    this.#batch = null;
    this.#problem = null;
  }

  async predictRow(values: Record<string, string>): Promise<void> {
    const model = this.#model;
    if (!model) return;
    this.#problem = null;
    try {
      const { result } = this.#client.predict(
        { model, input: { kind: 'row', values } },
        () => undefined,
      );
      const outcome = await result;
      if (this.#model !== model) return;
      this.#take(outcome, (ok) => (this.#row = ok));
    } catch (error) {
      this.#listener.onUnexpected(error);
    }
  }

  async predictCsv(fileName: string, text: string): Promise<void> {
    const model = this.#model;
    if (!model) return;
    this.#problem = null;
    this.#isBusy = true;
    this.#batch = { fileName, done: 0, total: 0, result: null };
    try {
      const job = this.#client.predict({ model, input: { kind: 'csv', text } }, (progress) => {
        if (progress.jobId !== this.#batchJob || !this.#batch) return;
        this.#batch = { ...this.#batch, done: progress.done, total: progress.total };
      });
      this.#batchJob = job.jobId;
      const outcome = await job.result;
      if (outcome.jobId !== this.#batchJob) return;
      this.#take(
        outcome,
        (ok) => (this.#batch = { fileName, done: ok.rowCount, total: ok.rowCount, result: ok }),
      );
      if (!outcome.ok) this.#batch = null;
    } catch (error) {
      this.#listener.onUnexpected(error);
    } finally {
      this.#isBusy = false;
    }
  }

  cancelBatch(): void {
    this.#client.cancel(this.#batchJob);
  }

  /** The export zip's bytes, or null after a failure (then `problem` says why). */
  async exportZip(): Promise<Uint8Array | null> {
    const model = this.#model;
    if (!model || !this.#dataset || !this.#split) return null;
    this.#problem = null;
    this.#isBusy = true;
    try {
      const result = await this.#client.exportModel({
        model,
        dataset: this.#dataset,
        split: this.#split,
      });
      if (result.ok) {
        this.#exportedFiles = result.files;
        this.#unsupportedSteps = result.unsupportedSteps;
        return result.zip;
      }
      this.#problem = { code: result.code, ...(result.params ? { params: result.params } : {}) };
      return null;
    } catch (error) {
      this.#listener.onUnexpected(error);
      return null;
    } finally {
      this.#isBusy = false;
    }
  }

  /** Permutation importance through the same worker, so it reads the model loaded here. */
  createImportanceRun(onUnexpected: (error: unknown) => void): PermutationImportanceRun {
    return new PermutationImportanceRun(this.#client, onUnexpected);
  }

  /** Occlusion maps through the same worker, so they read the model loaded here. */
  createOcclusionRun(onUnexpected: (error: unknown) => void): OcclusionRun {
    return new OcclusionRun(this.#client, onUnexpected);
  }

  /**
   * Raw input values of chosen test rows, through the same worker (its dataset is cached).
   * An unexpected error becomes a failed result, so the cell list still shows its table.
   */
  async testExamples(request: TestExamplesRequest): Promise<TestExamplesResult> {
    try {
      return await this.#client.testExamples(request);
    } catch (error) {
      this.#listener.onUnexpected(error);
      return { ok: false, code: 'predict.error.examplesFailed' };
    }
  }

  dispose(): void {
    this.#client.dispose();
  }

  #take(outcome: PredictResult, onOk: (ok: PredictSuccess) => void): void {
    if (outcome.ok) {
      onOk(outcome);
    } else if (outcome.code !== 'cancelled') {
      this.#problem = {
        code: outcome.code,
        ...('params' in outcome && outcome.params ? { params: outcome.params } : {}),
      };
    }
  }
}
