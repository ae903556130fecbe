/**
 * A deleted image set can no longer be the project's dataset: its catalogue entry goes, and a
 * project that trained on it falls back to the default dataset (as LibraryRow does for tables).
 */
import type { DatasetCatalog } from '../../../state/DatasetCatalog.svelte';
import { DEFAULT_DATASET_ID, type Project } from '../../../state/Project.svelte';
import { storedDatasetIdOf } from '../../../state/stored-entry';

export function forgetImageSet(catalog: DatasetCatalog, project: Project, setId: string): void {
  const current = catalog.byId(project.datasetId);
  catalog.forgetStored(setId);
  if (current && storedDatasetIdOf(current) === setId) project.selectDataset(DEFAULT_DATASET_ID);
}
