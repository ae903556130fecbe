import 'fake-indexeddb/auto';
import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, wrap, type Endpoint } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DataApi,
  DatasetId,
  ImportOutcome,
  ImportProgress,
  StoredDatasetMeta,
} from '../../../src/contracts/data';
import { createDataService, type DataServiceDeps } from '../../../src/ingest/data-service';
import type { DatasetStore } from '../../../src/ingest/store-port';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb, type DataDb } from '../../../src/storage/db';
import { fixtureBlob } from './helpers';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function setup(overrides: Partial<DataServiceDeps> = {}) {
  const db = await openDataDb({ name: `service-test-${++dbCount}` });
  cleanups.push(() => db.close());
  const store = createDatasetStore(db);
  let ids = 0;
  const service = createDataService({
    store,
    newId: () => `ds-${++ids}` as DatasetId,
    now: () => 1000,
    yieldToEvents: () => Promise.resolve(),
    ...overrides,
  });
  return { db, store, service };
}

function imported(outcome: ImportOutcome): StoredDatasetMeta {
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return outcome.dataset;
}

async function counts(db: DataDb) {
  return [await db.count('datasets'), await db.count('chunks'), await db.count('profiles')];
}

const TEN_ROWS = new Blob([
  'n,sq,name\n' + Array.from({ length: 10 }, (_, i) => `${i},${i * i},r${i % 3}`).join('\n'),
]);

describe('data service: import, read back, export', () => {
  it('imports, profiles, pages and exports a multi-chunk table', async () => {
    const { service } = await setup({ chunkRows: 3 });
    const progress: ImportProgress[] = [];
    const dataset = imported(
      await service.importFile(7, TEN_ROWS, 'squares.csv', {}, (p) => progress.push(p)),
    );
    expect([dataset.name, dataset.rows, dataset.chunkCount]).toEqual(['squares', 10, 4]);
    // Size on disk as stored: the two integer columns as int32 decimals, the names as codes.
    expect(dataset.sizeBytes).toBe(10 * 4 + 10 * 4 + 10 * 4);
    expect(dataset.columns.map((c) => c.type)).toEqual(['integer', 'integer', 'categorical']);
    expect(progress.at(-1)).toEqual({
      jobId: 7,
      bytesRead: TEN_ROWS.size,
      totalBytes: TEN_ROWS.size,
      rowsRead: 10,
    });

    const page = await service.readRows(dataset.id, 2, 5);
    expect(page).toEqual({
      start: 2,
      rows: [2, 3, 4, 5, 6].map((i) => [i, i * i, `r${i % 3}`]),
    });
    expect((await service.readRows(dataset.id, 9, 100)).rows).toHaveLength(1);
    expect((await service.readRows(dataset.id, 50, 10)).rows).toEqual([]);

    const profile = await service.getProfile(dataset.id);
    expect(profile?.columns[0]?.numeric?.mean).toBeCloseTo(4.5, 12);
    expect(profile?.columns[2]?.topCategories?.[0]).toEqual({ value: 'r0', count: 4 });

    const csv = await (await service.exportCsv(dataset.id))?.text();
    expect(csv?.split('\r\n').slice(0, 3)).toEqual(['n,sq,name', '0,0,r0', '1,1,r1']);
    const again = imported(await service.importFile(8, new Blob([csv ?? '']), 'again.csv', {}));
    expect(await service.readRows(again.id, 0, 10)).toEqual(
      await service.readRows(dataset.id, 0, 10),
    );
  });

  it('stores HTML column names verbatim and reads decimal commas when asked', async () => {
    const { service } = await setup();
    const html = imported(await service.importFile(1, fixtureBlob('html-name.csv'), 'h.csv', {}));
    expect(html.columns.map((c) => c.name)).toEqual(['<script>alert(1)</script>', '<b>bold</b>']);
    const euro = imported(
      await service.importFile(2, fixtureBlob('semicolon-decimal-comma.csv'), 'e.csv', {
        decimalComma: true,
        thousandsSeparator: '.',
      }),
    );
    expect(euro.columns.map((c) => c.type)).toEqual(['categorical', 'numeric', 'integer']);
    expect((await service.readRows(euro.id, 0, 3)).rows).toEqual([
      ['Apfel', 1.25, 1200],
      ['Birne', 0.5, 30],
      ['Kiwi', 12.75, 2500],
    ]);
    const json = imported(await service.importFile(3, fixtureBlob('records.json'), 'r.json', {}));
    expect(json.columns.map((c) => c.type)).toEqual([
      'numeric',
      'categorical',
      'boolean',
      'integer',
    ]);
    expect((await service.readRows(json.id, 1, 1)).rows).toEqual([[2.5, null, 0, null]]);
  });

  it('applies type overrides and counts values that do not fit', async () => {
    const { service } = await setup();
    const outcome = await service.importFile(1, fixtureBlob('types.csv'), 't.csv', {
      columnTypes: { c: 'numeric', i: 'categorical' },
    });
    const dataset = imported(outcome);
    expect(dataset.columns.map((c) => c.type)).toEqual([
      'categorical',
      'numeric',
      'boolean',
      'datetime',
      'numeric',
      'text',
    ]);
    expect(outcome.status === 'imported' && outcome.warnings).toEqual([
      { code: 'warning.data.invalidValues', params: { column: 'c', type: 'numeric', count: 3 } },
    ]);
  });

  it.each([
    ['pad', 4, [{ code: 'warning.data.raggedPadded', params: { count: 2 } }]],
    ['skip', 2, [{ code: 'warning.data.raggedSkipped', params: { count: 2 } }]],
  ] as const)('ragged rows: %s', async (raggedRows, rows, warnings) => {
    const { service } = await setup();
    const outcome = await service.importFile(1, fixtureBlob('ragged.csv'), 'r.csv', { raggedRows });
    expect(imported(outcome).rows).toBe(rows);
    expect(outcome.status === 'imported' && outcome.warnings).toEqual(warnings);
  });

  it('sniffs a preview without storing anything', async () => {
    const { service, db } = await setup();
    const sniffed = await service.sniff(new File([fixtureBlob('gb18030.csv')], 'gb.csv'));
    expect(sniffed).toEqual({
      status: 'ok',
      format: 'csv',
      encoding: 'gb18030',
      delimiter: ',',
      hasHeader: true,
      columns: [
        { name: '名字', type: 'categorical' },
        { name: '年龄', type: 'integer' },
      ],
      rows: [
        ['张三', '3'],
        ['李四', '40'],
      ],
    });
    expect(await counts(db)).toEqual([0, 0, 0]);
  });
});

describe('data service: failures store nothing and touch nothing', () => {
  async function withExisting(overrides: Partial<DataServiceDeps> = {}) {
    const context = await setup({ chunkRows: 2, ...overrides });
    const existing = imported(await context.service.importFile(1, TEN_ROWS, 'keep.csv', {}));
    const before = await counts(context.db);
    const expectUntouched = async () => {
      expect(await counts(context.db)).toEqual(before);
      expect((await context.service.readRows(existing.id, 0, 10)).rows).toHaveLength(10);
      expect((await context.service.listDatasets()).map((d) => d.id)).toEqual([existing.id]);
    };
    return { ...context, expectUntouched };
  }

  it.each([
    ['unterminated.csv', 'fail', 'error.data.unterminatedQuote', { row: 3 }],
    ['ragged.csv', 'fail', 'error.data.raggedRow', { row: 3, expected: 3, found: 2 }],
    ['header-only.csv', 'pad', 'error.data.headerOnly', {}],
    ['binary.csv', 'pad', 'error.data.binary', {}],
    ['empty.csv', 'pad', 'error.data.empty', {}],
  ] as const)('%s → %s', async (name, raggedRows, code, params) => {
    const { service, expectUntouched } = await withExisting();
    const outcome = await service.importFile(2, fixtureBlob(name), name, { raggedRows });
    expect(outcome).toEqual({ status: 'failed', code, params });
    await expectUntouched();
  });

  it('fails on quota before writing, with the numbers', async () => {
    let quota = Infinity;
    const { service, expectUntouched } = await withExisting({
      estimate: () => Promise.resolve({ usage: 100, quota }),
    });
    quota = 150;
    const outcome = await service.importFile(2, TEN_ROWS, 'big.csv', {});
    expect(outcome).toEqual({
      status: 'failed',
      code: 'error.data.quota',
      params: { needed: TEN_ROWS.size, available: 50 },
    });
    await expectUntouched();
  });

  /** A store whose `putChunks` fails on its second call of the next import. */
  function faulty(store: DatasetStore, error: Error): DatasetStore {
    let calls = 0;
    return {
      ...store,
      putChunks: (id, index, chunks) =>
        ++calls === 2 ? Promise.reject(error) : store.putChunks(id, index, chunks),
    };
  }

  it('removes a half-written import after a fault mid-import', async () => {
    const db = await openDataDb({ name: `service-test-${++dbCount}` });
    cleanups.push(() => db.close());
    const store = createDatasetStore(db);
    const healthy = createDataService({
      store,
      chunkRows: 2,
      yieldToEvents: () => Promise.resolve(),
    });
    const existing = imported(await healthy.importFile(1, TEN_ROWS, 'keep.csv', {}));
    const before = await counts(db);

    const broken = createDataService({
      store: faulty(store, new Error('disk on fire')),
      chunkRows: 2,
    });
    await expect(broken.importFile(2, TEN_ROWS, 'x.csv', {})).rejects.toThrow('disk on fire');
    expect(await counts(db)).toEqual(before);

    const quotaError = Object.assign(new Error('full'), { name: 'QuotaExceededError' });
    const full = createDataService({ store: faulty(store, quotaError), chunkRows: 2 });
    const outcome = await full.importFile(3, TEN_ROWS, 'x.csv', {});
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.data.quota' });
    expect(await counts(db)).toEqual(before);
    expect((await healthy.readRows(existing.id, 0, 10)).rows).toHaveLength(10);
  });

  it('cancels cooperatively between batches and removes what was written', async () => {
    // The cancel arrives while the import yields to the event loop after its first batch.
    const holder: { service: DataApi | null } = { service: null };
    const context = await withExisting({
      yieldToEvents: () => Promise.resolve(holder.service?.cancel(2)),
    });
    holder.service = context.service;
    const blob = new Blob(['n\n' + '1\n'.repeat(5000)]);
    expect(await context.service.importFile(2, blob, 'x.csv', {})).toEqual({
      status: 'cancelled',
    });
    await context.expectUntouched();
  });

  it('runs one import at a time', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { service } = await setup({ yieldToEvents: () => gate });
    const first = service.importFile(1, TEN_ROWS, 'a.csv', {});
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(await service.importFile(2, TEN_ROWS, 'b.csv', {})).toEqual({
      status: 'failed',
      code: 'error.data.busy',
      params: { jobId: 1 },
    });
    release();
    expect((await first).status).toBe('imported');
  });
});

describe('DataApi over comlink (in-process MessageChannel)', () => {
  it('imports with progress, lists, renames, exports and deletes', async () => {
    const { service } = await setup();
    const { port1, port2 } = new MessageChannel();
    cleanups.push(
      () => port1.close(),
      () => port2.close(),
    );
    expose(service, port1 as unknown as Endpoint);
    const remote = wrap<DataApi>(port2 as unknown as Endpoint);

    const events: ImportProgress[] = [];
    const outcome = await remote.importFile(
      3,
      fixtureBlob('quoted.csv'),
      'quoted.csv',
      {},
      proxy((p: ImportProgress) => void events.push(p)),
    );
    const dataset = imported(outcome);
    expect((await remote.readRows(dataset.id, 1, 1)).rows).toEqual([[2, 'line one\nline two', 4]]);
    expect(events.at(-1)?.rowsRead).toBe(3);
    expect((await remote.renameDataset(dataset.id, '  Notes  '))?.name).toBe('Notes');
    expect((await remote.listDatasets()).map((d) => d.name)).toEqual(['Notes']);
    const csv = await (await remote.exportCsv(dataset.id))?.text();
    expect(csv).toBe(
      'id,comment,score\r\n1,"Hello, world",3.5\r\n2,"line one\nline two",4\r\n3,"she said ""hi""",5\r\n',
    );
    expect(await remote.storageEstimate()).toEqual({ usage: 0, quota: 0, persisted: false });
    expect(await remote.deleteDataset(dataset.id)).toBe(true);
    expect(await remote.listDatasets()).toEqual([]);
  });
});
