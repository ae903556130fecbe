/**
 * The settings of the project being edited: which dataset, the MLP, the split and the backend
 * preference. Lives in memory for now (persistence and URL sharing come with the project issue).
 */
import { trainableTaskOf, type BuiltinDatasetEntry } from '../contracts/datasets';
import type { BackendPreference, MlpConfig, SplitRatios } from '../contracts/training';
export { backendFromQuery } from './urls';
import { validateMlpSettings, type FieldProblem } from '../core/mlp-config';
import { createContext } from './context';

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

export class Project {
  #datasetId = $state(DEFAULT_DATASET_ID);
  #model = $state.raw<MlpConfig>(DEFAULT_MLP);
  readonly split: SplitRatios = DEFAULT_SPLIT;
  readonly backendPreference: BackendPreference;

  #modelProblems = $derived(validateMlpSettings(this.#model));

  constructor(backendPreference: BackendPreference = 'auto') {
    this.backendPreference = backendPreference;
  }

  get datasetId(): string {
    return this.#datasetId;
  }

  get model(): MlpConfig {
    return this.#model;
  }

  get modelProblems(): FieldProblem[] {
    return this.#modelProblems;
  }

  get isModelValid(): boolean {
    return this.#modelProblems.length === 0;
  }

  selectDataset(id: string): void {
    this.#datasetId = id;
  }

  updateModel(patch: Partial<MlpConfig>): void {
    this.#model = { ...this.#model, ...patch };
  }

  static canTrainOn(entry: BuiltinDatasetEntry | undefined): boolean {
    return entry !== undefined && entry.target !== null && trainableTaskOf(entry) !== null;
  }
}

export const [getProject, setProject] = createContext<Project>('Project');
