/**
 * Built-in dataset manifest entries, as shipped in `public/datasets/manifest.json` (copied
 * verbatim from the curated shared manifest, so field names keep its snake_case).
 */

export type DatasetTask =
  'classification' | 'regression' | 'image-classification' | 'timeseries' | 'text-generation';

export type FeatureType = 'numeric' | 'integer' | 'categorical' | 'boolean' | 'datetime' | 'text';

export interface FeatureSpec {
  name: string;
  type: FeatureType | string;
  unit?: string;
}

export interface DatasetSource {
  package?: string;
  version?: string;
  registry?: string;
  path?: string;
  url?: string;
}

export interface BuiltinDatasetEntry {
  id: string;
  file: string;
  format: 'csv' | 'txt' | string;
  title: string;
  task: DatasetTask | string;
  also_suitable_for?: string[];
  target: string | null;
  features: FeatureSpec[];
  classes?: string[];
  source: DatasetSource;
  license: string;
  citation?: string;
  description?: string;
  notes?: string;
  rows: number;
  columns: number;
  has_missing: boolean;
  bytes: number;
  sha256: string;
}

/** What the training pipeline can do with a dataset today. */
export type TrainableTask = 'classification' | 'regression';

export function trainableTaskOf(entry: Pick<BuiltinDatasetEntry, 'task'>): TrainableTask | null {
  if (entry.task === 'classification' || entry.task === 'image-classification') {
    return 'classification';
  }
  if (entry.task === 'regression') return 'regression';
  return null;
}
