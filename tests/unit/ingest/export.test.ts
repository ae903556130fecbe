import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../src/contracts/data';
import { csvField } from '../../../src/ingest/dataset-reader';
import { createDataService } from '../../../src/ingest/data-service';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb } from '../../../src/storage/db';
import { fixtureBlob } from './helpers';

describe('exportCsv', () => {
  it('writes dates as ISO 8601, booleans as words, missing as empty, text quoted as needed', async () => {
    const db = await openDataDb({ name: 'export-test' });
    const service = createDataService({
      store: createDatasetStore(db),
      yieldToEvents: () => Promise.resolve(),
    });
    const outcome = await service.importFile(1, fixtureBlob('profile.csv'), 'p.csv', {});
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    const text = await (await service.exportCsv(outcome.dataset.id))?.text();
    expect(text?.split('\r\n')).toEqual([
      'x,y,z,cat,flag,when',
      '1,2,5,a,true,2024-02-01T00:00:00.000Z',
      '2,4,3,b,false,2024-02-15T00:00:00.000Z',
      '3,6,,a,true,2024-02-28T00:00:00.000Z',
      '4,8,1,,true,',
      '5,10,2,a,false,2023-12-31T00:00:00.000Z',
      '',
    ]);
    expect(await service.exportCsv('nope' as DatasetId)).toBeNull();
    db.close();
  });

  it('quotes only fields that need it', () => {
    expect(['plain', 'a,b', 'say "hi"', 'two\nlines', ' pad'].map(csvField)).toEqual([
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      '" pad"',
    ]);
  });
});
