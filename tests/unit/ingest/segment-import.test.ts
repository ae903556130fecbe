import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  DatasetId,
  ImportOptions,
  ImportOutcome,
  StoredDatasetMeta,
} from '../../../src/contracts/data';
import { DICTIONARY_CHUNK } from '../../../src/contracts/data';
import {
  parseCsvSegment,
  QuotedTextError,
  splitCsvSegments,
  type SegmentSpec,
} from '../../../src/ingest/csv-segments';
import { createDataService, type DataServiceDeps } from '../../../src/ingest/data-service';
import type { DecodedChunk } from '../../../src/ingest/encoding';
import type { SegmentParser } from '../../../src/ingest/segment-import';
import type { DatasetStore } from '../../../src/ingest/store-port';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb, type DataDb } from '../../../src/storage/db';
import { collect } from './helpers';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** The worker, in process: a message's copy of the text and of the result, answered later. */
function inProcessParser(fail?: (call: number) => boolean) {
  const calls: SegmentSpec[] = [];
  const parser: SegmentParser = {
    async parse(text, spec) {
      calls.push(spec);
      await new Promise((resolve) => setTimeout(resolve, calls.length % 3));
      if (fail?.(calls.length)) throw new Error('segment parser died');
      return structuredClone(parseCsvSegment(structuredClone(text), structuredClone(spec)));
    },
  };
  return { parser, calls };
}

async function setup(overrides: Partial<DataServiceDeps> = {}) {
  const db = await openDataDb({ name: `segment-test-${++dbCount}` });
  cleanups.push(() => db.close());
  const store = createDatasetStore(db);
  let ids = 0;
  const service = createDataService({
    store,
    newId: () => `ds-${++ids}` as DatasetId,
    now: () => 1000,
    yieldToEvents: () => Promise.resolve(),
    chunkRows: 64,
    ...overrides,
  });
  return { db, store, service };
}

/** Everything an import leaves in storage: meta, every chunk of every column, profile. */
async function stored(store: DatasetStore, outcome: ImportOutcome) {
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  const meta = outcome.dataset;
  const chunks = [];
  for (let column = 0; column < meta.columns.length; column++) {
    chunks.push(await store.getChunk(meta.id, column, DICTIONARY_CHUNK));
    for (let index = 0; index < meta.chunkCount; index++) {
      chunks.push(await store.getChunk(meta.id, column, index));
    }
  }
  // An import started again on one parser has a new id; everything else must be equal.
  const { id: _id, ...rest } = meta satisfies StoredDatasetMeta;
  const profile = await store.getProfile(meta.id);
  return {
    meta: rest,
    chunks,
    profile: profile && { ...profile, datasetId: null },
    warnings: outcome.warnings,
  };
}

async function counts(db: DataDb) {
  return [await db.count('datasets'), await db.count('chunks'), await db.count('profiles')];
}

const CITIES = ['Oslo', 'Lima', 'Pune', 'Kyiv', 'Nuuk'];

/** 1,500 rows of every column type, with missing values, and values that fit no type late on. */
function mixedCsv({ newline = '\n', header = true, blankLines = false, ragged = false } = {}) {
  const lines: string[] = [];
  if (header) lines.push('id,x,city,flag,when,note');
  for (let i = 0; i < 1500; i++) {
    // New categories first appear late, so segments' dictionaries differ from the dataset's.
    const city = i > 1200 && i % 7 === 0 ? `Town${i % 11}` : (CITIES[(i * 7) % 5] as string);
    const x = i % 13 === 0 ? 'NA' : i > 1100 && i % 97 === 0 ? 'oops' : ((i * 37) % 101) / 8;
    const when = `2024-0${1 + (i % 9)}-1${i % 10}`;
    const note = i % 17 === 0 ? '' : `a longer free-text note number ${i * 7919} here`;
    let line = `${i},${x},${i % 19 === 0 ? '' : city},${i % 2 === 0},${when},${note}`;
    if (ragged && i % 211 === 5) line += ',extra';
    if (ragged && i % 307 === 9) line = `${i},${x}`;
    lines.push(line);
    if (blankLines && i % 50 === 0) lines.push(i % 100 === 0 ? '' : '   ');
  }
  return lines.join(newline) + newline;
}

async function importBoth(
  text: string | Uint8Array<ArrayBuffer>,
  options: Partial<ImportOptions> = {},
) {
  const one = await setup();
  const singleOutcome = await one.service.importFile(1, new Blob([text]), 'm.csv', options);
  expect(singleOutcome).toMatchObject({ parserThreads: 1 });
  const single = await stored(one.store, singleOutcome);
  const { parser, calls } = inProcessParser();
  const two = await setup({ segmentParser: parser, segmentMinBytes: 0, segmentReadBytes: 997 });
  const splitOutcome = await two.service.importFile(1, new Blob([text]), 'm.csv', options);
  expect(splitOutcome).toMatchObject({ parserThreads: 2 });
  const split = await stored(two.store, splitOutcome);
  return { single, split, calls };
}

describe('two-thread CSV import equals the single parser', () => {
  it.each([
    ['LF with header', mixedCsv(), {}],
    ['CRLF, blank lines', mixedCsv({ newline: '\r\n', blankLines: true }), {}],
    ['CR only', mixedCsv({ newline: '\r' }), {}],
    ['no header', mixedCsv({ header: false }), {}],
    ['ragged rows padded', mixedCsv({ ragged: true }), { raggedRows: 'pad' }],
    ['ragged rows skipped', mixedCsv({ ragged: true }), { raggedRows: 'skip' }],
    ['no final line break', mixedCsv().trimEnd(), {}],
    [
      'semicolons and decimal commas',
      mixedCsv()
        .replaceAll(',', ';')
        .replaceAll(/(\d)\.(\d)/g, '$1,$2'),
      { decimalComma: true },
    ],
  ] as const)('%s', async (_name, text, options) => {
    const { single, split, calls } = await importBoth(text, options as Partial<ImportOptions>);
    // Many segments, so the grid, the dictionaries and the counts were put back together.
    expect(calls.length).toBeGreaterThan(20);
    expect(split).toEqual(single);
    expect(single.meta.rows).toBeGreaterThan(1400);
  });

  it('reads a file with a UTF-8 byte-order mark the same way', async () => {
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(mixedCsv())]);
    const { single, split } = await importBoth(bom);
    expect(split).toEqual(single);
    expect(single.meta.columns[0]?.name).toBe('id');
  });

  it('counts invalid values and keeps categories in order of first appearance', async () => {
    const { split } = await importBoth(mixedCsv());
    expect(split.meta.columns.find((c) => c.name === 'x')?.invalidCount).toBe(3);
    const dictionary = split.chunks[2 * (split.meta.chunkCount + 1)];
    expect(dictionary).toMatchObject({ kind: 'dictionary' });
    const cities = (dictionary as { values: string[] }).values;
    expect(cities.slice(0, 5)).toEqual(['Pune', 'Nuuk', 'Lima', 'Kyiv', 'Oslo']);
    expect(cities.slice(5)).toEqual([...new Set(cities.slice(5))]);
    expect(cities).toContain('Town3');
  });
});

describe('two-thread CSV import: giving up, failing, cancelling', () => {
  it('a quote late in the file: starts again on one parser, same dataset, nothing left over', async () => {
    const text = mixedCsv().replace('1400,', '1400,"quoted, with comma"\n1400b,');
    const one = await setup();
    const single = await stored(
      one.store,
      await one.service.importFile(1, new Blob([text]), 'q.csv', {}),
    );
    const { parser, calls } = inProcessParser();
    const two = await setup({ segmentParser: parser, segmentMinBytes: 0, segmentReadBytes: 997 });
    const outcome = await two.service.importFile(1, new Blob([text]), 'q.csv', {});
    expect(calls.length).toBeGreaterThan(10);
    const split = await stored(two.store, outcome);
    expect(split.meta).toEqual({ ...single.meta });
    expect(split.chunks).toEqual(single.chunks);
    expect(await two.store.listDatasets()).toHaveLength(1);
    expect(await counts(two.db)).toEqual(await counts(one.db));
  });

  it('a segment parser that dies: the import starts again on one parser', async () => {
    const { parser, calls } = inProcessParser((call) => call === 4);
    const two = await setup({ segmentParser: parser, segmentMinBytes: 0, segmentReadBytes: 997 });
    const one = await setup();
    const text = mixedCsv();
    const split = await stored(
      two.store,
      await two.service.importFile(1, new Blob([text]), 'd.csv', {}),
    );
    const single = await stored(
      one.store,
      await one.service.importFile(1, new Blob([text]), 'd.csv', {}),
    );
    expect(calls).toHaveLength(4);
    expect(split).toEqual(single);
    expect(await counts(two.db)).toEqual(await counts(one.db));
  });

  it('a ragged row under "fail" names the same row as the single parser', async () => {
    const text = mixedCsv({ ragged: true });
    const one = await setup();
    const expected = await one.service.importFile(1, new Blob([text]), 'r.csv', {
      raggedRows: 'fail',
    });
    const { parser } = inProcessParser();
    const two = await setup({ segmentParser: parser, segmentMinBytes: 0, segmentReadBytes: 997 });
    const outcome = await two.service.importFile(1, new Blob([text]), 'r.csv', {
      raggedRows: 'fail',
    });
    expect(expected).toEqual({
      status: 'failed',
      code: 'error.data.raggedRow',
      params: { row: 7, expected: 6, found: 7 },
    });
    expect(outcome).toEqual(expected);
    expect(await counts(two.db)).toEqual([0, 0, 0]);
  });

  it('a cancel between segments removes what was written', async () => {
    const holder: { cancel: () => void } = { cancel: () => undefined };
    let yields = 0;
    const { parser, calls } = inProcessParser();
    const two = await setup({
      segmentParser: parser,
      segmentMinBytes: 0,
      segmentReadBytes: 997,
      yieldToEvents: () => {
        // The first yield comes after the first pair of segments is assembled and written.
        if (++yields === 1) holder.cancel();
        return new Promise((resolve) => setTimeout(resolve, 1));
      },
    });
    holder.cancel = () => void two.service.cancel(3);
    const outcome = await two.service.importFile(3, new Blob([mixedCsv()]), 'c.csv', {});
    expect(outcome).toEqual({ status: 'cancelled' });
    expect(calls.length).toBeGreaterThan(0);
    expect(await counts(two.db)).toEqual([0, 0, 0]);
  });

  it('a write that fails mid-import leaves storage as it was', async () => {
    const db = await openDataDb({ name: `segment-test-${++dbCount}` });
    cleanups.push(() => db.close());
    const store = createDatasetStore(db);
    let puts = 0;
    const { parser } = inProcessParser();
    const service = createDataService({
      store: {
        ...store,
        putChunks: (id, index, chunks) =>
          ++puts === 3
            ? Promise.reject(new Error('disk on fire'))
            : store.putChunks(id, index, chunks),
      },
      chunkRows: 64,
      segmentParser: parser,
      segmentMinBytes: 0,
      segmentReadBytes: 997,
      yieldToEvents: () => Promise.resolve(),
    });
    await expect(service.importFile(1, new Blob([mixedCsv()]), 'f.csv', {})).rejects.toThrow(
      'disk on fire',
    );
    expect(await counts(db)).toEqual([0, 0, 0]);
  });

  it('small files and other formats never reach the segment parser', async () => {
    const { parser, calls } = inProcessParser();
    const { service } = await setup({ segmentParser: parser, segmentReadBytes: 997 });
    expect((await service.importFile(1, new Blob([mixedCsv()]), 's.csv', {})).status).toBe(
      'imported',
    );
    const json = JSON.stringify([{ a: 1 }, { a: 2 }]);
    const jsonService = (await setup({ segmentParser: parser, segmentMinBytes: 0 })).service;
    expect((await jsonService.importFile(2, new Blob([json]), 'a.json', {})).status).toBe(
      'imported',
    );
    expect(calls).toHaveLength(0);
  });
});

async function* pieces(...texts: string[]): AsyncGenerator<DecodedChunk> {
  let bytesRead = 0;
  for (const text of texts) {
    bytesRead += text.length;
    yield { text, bytesRead };
  }
}

describe('splitCsvSegments', () => {
  it('cuts whole lines and carries the rest, a CRLF split between pieces included', async () => {
    const segments = await collect(splitCsvSegments(pieces('a,b\r\n1,2\r', '\n3,4\r\n5', ',6')));
    expect(segments.map((s) => s.text)).toEqual(['a,b\r\n', '1,2\r\n3,4\r\n', '5,6']);
    expect(segments.map((s) => s.newline)).toEqual(['\r\n', '\r\n', '\r\n']);
    expect(segments.map((s) => s.bytesRead)).toEqual([9, 16, 18]);
  });

  it('waits for a first line break, and drops a blank tail', async () => {
    const segments = await collect(splitCsvSegments(pieces('a,', 'b', '\n1,2\n', '  ')));
    expect(segments.map((s) => s.text)).toEqual(['a,b\n1,2\n']);
  });

  it('stops at a quote anywhere', async () => {
    await expect(collect(splitCsvSegments(pieces('a,b\n1,2\n', '3,"x"\n')))).rejects.toThrow(
      QuotedTextError,
    );
  });
});

describe('parseCsvSegment', () => {
  it('skips the header and blank lines, counting records as the file numbers them', () => {
    const spec: SegmentSpec = {
      delimiter: ',',
      newline: '\n',
      plans: [
        { name: 'a', type: 'integer', dateOrder: 'dmy' },
        { name: 'b', type: 'categorical', dateOrder: 'dmy' },
      ],
      valueOptions: { missingMarkers: ['', 'NA'], thousandsSeparator: 'none', decimalComma: false },
      raggedRows: 'pad',
      skipRecords: 1,
    };
    const result = parseCsvSegment('a,b\n1,x\n\n  \n2,y\n3,x\n4\n', spec);
    expect(result.records).toBe(5);
    expect(result.padded).toBe(1);
    expect(result.dictionaries).toEqual([null, ['x', 'y']]);
    expect(result.parts).toHaveLength(1);
    expect(result.parts[0]?.rows).toBe(4);
    expect(result.parts[0]?.chunks).toEqual([
      { kind: 'float64', values: new Float64Array([1, 2, 3, 4]) },
      { kind: 'codes', codes: new Uint32Array([0, 1, 0, 0xffffffff]) },
    ]);
  });
});
