import { describe, expect, it } from 'vitest';
import type { ColumnProfile, DatasetId, StoredDatasetMeta } from '../../../src/contracts/data';
import { DatasetCatalog } from '../../../src/state/DatasetCatalog.svelte';
import { buildTrainRequest } from '../../../src/state/train-request';
import {
  classBalanceOf,
  storedDatasetIdOf,
  storedEntryOf,
  suggestTask,
} from '../../../src/state/stored-entry';
import { DEFAULT_MLP, DEFAULT_SPLIT } from '../../../src/state/Project.svelte';

const META: StoredDatasetMeta = {
  id: 'ds-9' as DatasetId,
  name: 'moons',
  kind: 'table',
  status: 'ready',
  rows: 4,
  columns: [
    { name: 'x', type: 'numeric', invalidCount: 0 },
    { name: 'y', type: 'numeric', invalidCount: 0 },
    { name: 'label', type: 'integer', invalidCount: 0 },
  ],
  chunkRows: 100,
  chunkCount: 1,
  sizeBytes: 96,
  createdAt: 0,
  source: {
    fileName: 'moons.csv',
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    fileBytes: 40,
  },
};

function column(overrides: Partial<ColumnProfile>): ColumnProfile {
  return {
    name: 'c',
    type: 'numeric',
    count: 10,
    missing: 0,
    missingShare: 0,
    distinct: 10,
    distinctIsCapped: false,
    numeric: null,
    histogram: null,
    topCategories: null,
    samples: [],
    ...overrides,
  };
}

describe('stored entries', () => {
  it('names the stored dataset, its task and target; the other columns are features', () => {
    const entry = storedEntryOf(META, null, 'label', 'classification');
    expect(storedDatasetIdOf(entry)).toBe('ds-9');
    expect(entry).toMatchObject({ title: 'moons', task: 'classification', target: 'label' });
    expect(entry.features).toEqual([
      { name: 'x', type: 'numeric' },
      { name: 'y', type: 'numeric' },
    ]);
    expect(storedEntryOf(META, null, 'y', 'regression').id).not.toBe(entry.id);
    expect(storedDatasetIdOf({ source: { registry: 'npm', path: 'x' } })).toBeNull();
  });

  it('builds a train request that names the stored source', () => {
    const entry = storedEntryOf(META, null, 'label', 'classification');
    const catalog = new DatasetCatalog('https://app.test/');
    catalog.useStored(entry);
    expect(catalog.byId(entry.id)).toBe(entry);
    const request = buildTrainRequest(entry, catalog.urlOf(entry), {
      model: DEFAULT_MLP,
      split: DEFAULT_SPLIT,
      backendPreference: 'cpu',
    });
    expect(request.dataset.source).toEqual({ kind: 'stored', datasetId: 'ds-9' });
    expect(request.dataset.url).toBe('indexeddb:ds-9');
    expect(request.dataset.task).toBe('classification');
  });

  it('keeps one entry per stored dataset and forgets it when it is deleted', () => {
    const catalog = new DatasetCatalog('https://app.test/');
    const a = storedEntryOf(META, null, 'label', 'classification');
    const b = storedEntryOf(META, null, 'x', 'regression');
    catalog.useStored(a);
    catalog.useStored(b);
    expect(catalog.storedEntries).toEqual([b]);
    catalog.forgetStored('ds-9');
    expect(catalog.storedEntries).toEqual([]);
    expect(catalog.byId(b.id)).toBeUndefined();
  });
});

describe('suggestTask', () => {
  it('suggests classes for categories, booleans and small-range integers', () => {
    expect(suggestTask(column({ type: 'categorical' }))).toBe('classification');
    expect(suggestTask(column({ type: 'boolean' }))).toBe('classification');
    expect(suggestTask(column({ type: 'integer', distinct: 3 }))).toBe('classification');
    expect(suggestTask(column({ type: 'integer', distinct: 500 }))).toBe('regression');
    expect(suggestTask(column({ type: 'numeric', distinct: 2 }))).toBe('regression');
  });
});

describe('classBalanceOf', () => {
  it('reads top categories and counts the rest as other classes', () => {
    const balance = classBalanceOf(
      column({
        type: 'categorical',
        count: 10,
        topCategories: [
          { value: 'a', count: 6 },
          { value: 'b', count: 3 },
        ],
      }),
    );
    expect(balance).toEqual({
      classes: [
        { value: 'a', count: 6 },
        { value: 'b', count: 3 },
      ],
      otherCount: 1,
      isExact: true,
    });
  });

  it('reads one-per-value integer bins as classes, skipping empty ones', () => {
    const balance = classBalanceOf(
      column({
        type: 'integer',
        histogram: [
          { from: -0.5, to: 0.5, count: 4 },
          { from: 0.5, to: 1.5, count: 0 },
          { from: 1.5, to: 2.5, count: 6 },
        ],
      }),
    );
    expect(balance?.classes).toEqual([
      { value: '0', count: 4 },
      { value: '2', count: 6 },
    ]);
  });

  it('has nothing to show for wide numeric bins', () => {
    const bins = [{ from: 0, to: 2.5, count: 10 }];
    expect(classBalanceOf(column({ type: 'numeric', histogram: bins }))).toBeNull();
    expect(classBalanceOf(column({ type: 'integer', histogram: bins }))).toBeNull();
  });
});

describe('DatasetCatalog.textProfileOf', () => {
  it('fetches a corpus once, splits records on its separator, and retries after a failure', async () => {
    let calls = 0;
    let fail = true;
    const fetchImpl = (async () => {
      calls++;
      if (fail) return new Response('', { status: 500 });
      return new Response('a b\n%\nc\n');
    }) as typeof fetch;
    const catalog = new DatasetCatalog('https://app.test/', fetchImpl);
    const entry = {
      ...storedEntryOf(META, null, 'label', 'classification'),
      id: 'fortunes',
      file: 'fortunes.txt',
      format: 'txt',
      source: {},
      record_separator: '\n%\n',
    };
    await expect(catalog.textProfileOf(entry)).rejects.toThrow('HTTP 500');
    fail = false;
    const profile = await catalog.textProfileOf(entry);
    expect(profile).toMatchObject({ words: 3, records: 2, vocabulary: 3 });
    await catalog.textProfileOf(entry);
    expect(calls).toBe(2);
  });
});
