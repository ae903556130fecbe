/** Builds the plain-data request the training worker receives from the project's settings. */
import { trainableTaskOf, type BuiltinDatasetEntry } from '../contracts/datasets';
import type {
  BackendPreference,
  MlpConfig,
  SplitRatios,
  TrainRequest,
} from '../contracts/training';

export interface TrainSettings {
  model: MlpConfig;
  split: SplitRatios;
  backendPreference: BackendPreference;
}

export function buildTrainRequest(
  entry: BuiltinDatasetEntry,
  url: string,
  settings: TrainSettings,
): Omit<TrainRequest, 'jobId'> {
  const task = trainableTaskOf(entry);
  if (task === null || entry.target === null) {
    throw new RangeError(`dataset ${entry.id} has no trainable target`);
  }
  const dataset: TrainRequest['dataset'] = {
    id: entry.id,
    url,
    target: entry.target,
    task,
    // Copies, so no reactive proxy or shared reference crosses into postMessage.
    features: entry.features.map((f) => ({ ...f })),
  };
  if (entry.classes) dataset.classes = [...entry.classes];
  return {
    dataset,
    model: { ...settings.model, hiddenLayers: [...settings.model.hiddenLayers] },
    split: { ...settings.split },
    backend: settings.backendPreference,
  };
}
