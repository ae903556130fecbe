/**
 * A project on an imported image set cannot be shared yet: making a link says so by its own
 * code instead of claiming the dataset is gone, and never asks the library for a CSV of it.
 */
import { describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../../src/contracts/data';
import type { ImageSetMeta } from '../../../../src/contracts/images';
import { DatasetCatalog } from '../../../../src/state/DatasetCatalog.svelte';
import type { DataLibrary } from '../../../../src/state/DataLibrary.svelte';
import { Notices } from '../../../../src/state/Notices.svelte';
import { Project } from '../../../../src/state/Project.svelte';
import { TrainingRun } from '../../../../src/state/TrainingRun.svelte';
import { ShareLinks } from '../../../../src/state/share/ShareLinks.svelte';
import { storedImageEntryOf } from '../../../../src/state/stored-image-entry';

const SET: ImageSetMeta = {
  id: 'img-3' as DatasetId,
  name: 'shapes',
  status: 'ready',
  size: 28,
  channels: 3,
  count: 6,
  classes: [
    { name: 'bars', count: 3 },
    { name: 'dots', count: 3 },
  ],
  chunkImages: 6,
  chunkCount: 1,
  sizeBytes: 6 * 28 * 28 * 3,
  createdAt: 0,
  source: { fileName: 'shapes.zip', kind: 'zip', files: 6, bytes: 1 },
};

describe('sharing a project on an imported image set', () => {
  it('answers share.error.imageSet without reading a CSV', async () => {
    const asked: string[] = [];
    const library = {
      exportCsv: (id: string) => {
        asked.push(id);
        return Promise.resolve(null);
      },
    } as unknown as DataLibrary;
    const project = new Project('cpu', () => ({ previewRecipe: () => new Promise(() => {}) }));
    const run = new TrainingRun(
      { train: () => new Promise(() => {}), stop: async () => {} },
      { onFailure: () => {}, onUnexpected: () => {} },
      null,
    );
    const catalog = new DatasetCatalog('http://localhost/', async () => new Response('[]'));
    const entry = storedImageEntryOf(SET);
    catalog.useStored(entry);
    project.selectDataset(entry.id);
    const share = new ShareLinks({ project, run, catalog, library, notices: new Notices() });
    const made = await share.makeLink('https://x.test/', {
      name: '',
      hide: [],
      includeModel: false,
    });
    expect(made).toEqual({ code: 'share.error.imageSet' });
    expect(asked).toEqual([]);
  });
});
