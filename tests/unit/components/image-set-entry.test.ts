/**
 * The catalogue follows an image set the project trains on: a rename retitles its entry, a
 * delete removes the entry and sends the project back to the default dataset.
 */
import { describe, expect, it } from 'vitest';
import {
  forgetImageSet,
  renameImageSetEntry,
} from '../../../src/components/data/images/image-set-entry';
import type { DatasetId } from '../../../src/contracts/data';
import type { ImageSetMeta } from '../../../src/contracts/images';
import { DatasetCatalog } from '../../../src/state/DatasetCatalog.svelte';
import { DEFAULT_DATASET_ID, Project } from '../../../src/state/Project.svelte';
import { storedImageEntryOf } from '../../../src/state/stored-image-entry';

const SET: ImageSetMeta = {
  id: 'img-9' as DatasetId,
  name: 'leaves',
  status: 'ready',
  size: 28,
  channels: 1,
  count: 4,
  classes: [
    { name: 'maple', count: 2 },
    { name: 'oak', count: 2 },
  ],
  chunkImages: 4,
  chunkCount: 1,
  sizeBytes: 4 * 28 * 28,
  createdAt: 0,
  source: { fileName: 'leaves.zip', kind: 'zip', files: 4, bytes: 1 },
};

function chosen(): { catalog: DatasetCatalog; project: Project; id: string } {
  const catalog = new DatasetCatalog('http://example.test/');
  const project = new Project();
  const entry = storedImageEntryOf(SET);
  catalog.useStored(entry);
  project.selectDataset(entry.id);
  return { catalog, project, id: entry.id };
}

describe('image set entries', () => {
  it('retitles the entry of a renamed set, and ignores a blank name', () => {
    const { catalog, id } = chosen();
    renameImageSetEntry(catalog, SET, '  autumn leaves ');
    expect(catalog.byId(id)?.title).toBe('autumn leaves');
    renameImageSetEntry(catalog, SET, '   ');
    expect(catalog.byId(id)?.title).toBe('autumn leaves');
  });

  it('does not add an entry for a set nobody chose', () => {
    const catalog = new DatasetCatalog('http://example.test/');
    renameImageSetEntry(catalog, SET, 'other');
    expect(catalog.storedEntries).toEqual([]);
  });

  it('forgets a deleted set and moves the project to the default dataset', () => {
    const { catalog, project, id } = chosen();
    forgetImageSet(catalog, project, SET.id);
    expect(catalog.byId(id)).toBeUndefined();
    expect(project.datasetId).toBe(DEFAULT_DATASET_ID);
  });
});
