/**
 * Keeps the catalogue entry of an image set the project trains on in step with the set: a
 * renamed set shows its new name on the other screens, and a deleted set can no longer be the
 * project's dataset (its entry goes, and the project falls back to the default dataset, as
 * LibraryRow does for tables).
 */
import type { ImageSetMeta } from '../../../contracts/images';
import type { DatasetCatalog } from '../../../state/DatasetCatalog.svelte';
import { DEFAULT_DATASET_ID, type Project } from '../../../state/Project.svelte';
import { storedDatasetIdOf } from '../../../state/stored-entry';
import { storedImageEntryOf } from '../../../state/stored-image-entry';

export function forgetImageSet(catalog: DatasetCatalog, project: Project, setId: string): void {
  const current = catalog.byId(project.datasetId);
  catalog.forgetStored(setId);
  if (current && storedDatasetIdOf(current) === setId) project.selectDataset(DEFAULT_DATASET_ID);
}

/** A blank name keeps the old one, as the image worker does. */
export function renameImageSetEntry(
  catalog: DatasetCatalog,
  set: ImageSetMeta,
  name: string,
): void {
  const entry = storedImageEntryOf(set);
  if (name.trim() === '' || !catalog.byId(entry.id)) return;
  catalog.useStored(storedImageEntryOf({ ...set, name: name.trim() }));
}
