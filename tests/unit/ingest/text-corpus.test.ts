import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { DatasetId, ImportOutcome, StoredDatasetMeta } from '../../../src/contracts/data';
import { createDataService } from '../../../src/ingest/data-service';
import { MAX_TEXT_CORPUS_BYTES } from '../../../src/ingest/import-job';
import { detectFormat, looksTabular } from '../../../src/ingest/sniff';
import { readLines } from '../../../src/ingest/table-reader';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb } from '../../../src/storage/db';
import { collect } from './helpers';

let dbCount = 0;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

async function setup() {
  const db = await openDataDb({ name: `text-corpus-test-${++dbCount}` });
  cleanups.push(() => db.close());
  let ids = 0;
  const service = createDataService({
    store: createDatasetStore(db),
    newId: () => `t-${++ids}` as DatasetId,
    now: () => 1000,
    yieldToEvents: () => Promise.resolve(),
    estimate: () => Promise.resolve({ usage: 0, quota: 1e12 }),
  });
  return { db, service };
}

function imported(outcome: ImportOutcome): StoredDatasetMeta {
  if (outcome.status !== 'imported') throw new Error(`not imported: ${JSON.stringify(outcome)}`);
  return outcome.dataset;
}

const POEM = 'The quick brown fox\njumps over the lazy dog.\n\nNA\n?\nThe dog sleeps.\n';

describe('text corpus import', () => {
  it('reads a .txt of prose as text and a .txt of tab-separated rows as a table', () => {
    expect(detectFormat(POEM, 'poem.txt')).toBe('text');
    expect(detectFormat(POEM, 'poem.csv')).toBe('csv');
    const tsv = 'a\tb\tc\n1\t2\t3\n4\t5\t6\n7\t8\t9\n';
    expect(looksTabular(tsv)).toBe(true);
    expect(detectFormat(tsv, 'export.txt')).toBe('csv');
    expect(looksTabular('Hello, world.\nNo commas here\nOne, two, three.\n')).toBe(false);
  });

  it('splits lines on LF, CRLF and CR, also when a CRLF is cut between two pieces', async () => {
    const pieces = [
      { text: 'one\r', bytesRead: 4 },
      { text: '\ntwo\rthree\n', bytesRead: 15 },
      { text: 'four', bytesRead: 19 },
    ];
    async function* chunks() {
      yield* pieces;
    }
    const batches = await collect(readLines(chunks()));
    expect(batches.flatMap((b) => b.lines)).toEqual(['one', 'two', 'three', 'four']);
    expect(batches.map((b) => b.firstLine)).toEqual([1, 2, 4]);
  });

  it('stores a corpus as one text column with a text profile; NA and ? stay text', async () => {
    const { service } = await setup();
    const dataset = imported(await service.importFile(1, new Blob([POEM]), 'poem.txt', {}));
    expect(dataset.kind).toBe('text');
    expect(dataset.source.format).toBe('text');
    expect(dataset.columns).toEqual([{ name: 'text', type: 'text', invalidCount: 0 }]);
    expect(dataset.rows).toBe(6);
    const page = await service.readRows(dataset.id, 0, 6);
    expect(page.rows.map((row) => row[0])).toEqual([
      'The quick brown fox',
      'jumps over the lazy dog.',
      null,
      'NA',
      '?',
      'The dog sleeps.',
    ]);
    const profile = await service.getProfile(dataset.id);
    expect(profile?.text).toMatchObject({ words: 13, records: 5, lines: 6 });
    expect(profile?.text?.topWords[0]).toEqual({ token: 'the', count: 3 });
    expect(profile?.columns[0]?.missing).toBe(1);
  });

  it('sniffs a corpus as one text column with its first lines', async () => {
    const { service } = await setup();
    const sniffed = await service.sniff(new File([POEM], 'poem.txt'));
    expect(sniffed).toMatchObject({
      status: 'ok',
      format: 'text',
      columns: [{ name: 'text', type: 'text' }],
    });
    if (sniffed.status === 'ok') expect(sniffed.rows[1]).toEqual(['jumps over the lazy dog.']);
  });

  it('refuses a corpus over the size limit, with both sizes, and stores nothing', async () => {
    const { db, service } = await setup();
    const head = new Blob([POEM]);
    const huge = new Blob([head, new Uint8Array(MAX_TEXT_CORPUS_BYTES).fill(0x61)]);
    const outcome = await service.importFile(2, huge, 'huge.txt', {});
    expect(outcome).toEqual({
      status: 'failed',
      code: 'error.data.textTooLarge',
      params: { sizeMb: '64.0', limitMb: 64 },
    });
    expect(await db.count('datasets')).toBe(0);
  });
});
