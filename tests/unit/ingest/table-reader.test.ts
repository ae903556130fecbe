import { describe, expect, it } from 'vitest';
import type { ImportOptions } from '../../../src/contracts/data';
import { readCsvRecords } from '../../../src/ingest/csv-stream';
import { decodeBlob } from '../../../src/ingest/encoding';
import { ImportError } from '../../../src/ingest/import-error';
import { detectDelimiter, detectHeader } from '../../../src/ingest/sniff';
import { openTable, type TableSource } from '../../../src/ingest/table-reader';
import { collect, fixtureBlob, options } from './helpers';

async function open(name: string, overrides: Partial<ImportOptions> = {}): Promise<TableSource> {
  return openTable(fixtureBlob(name), name, options(overrides));
}

async function rowsOf(source: TableSource) {
  return (await collect(source.batches)).flatMap((batch) => batch.rows);
}

async function failureOf(promise: Promise<unknown>) {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof ImportError))
    throw new Error(`expected an ImportError, got ${String(error)}`);
  return { code: error.code, params: error.params };
}

describe('readCsvRecords', () => {
  it('keeps quoted delimiters, newlines and quotes whatever the piece size', async () => {
    for (const size of [1, 2, 7, 1024]) {
      const batches = await collect(
        readCsvRecords(decodeBlob(fixtureBlob('quoted.csv'), 'utf-8', size), ','),
      );
      expect(batches.flatMap((b) => b.records)).toEqual([
        ['id', 'comment', 'score'],
        ['1', 'Hello, world', '3.5'],
        ['2', 'line one\nline two', '4'],
        ['3', 'she said "hi"', '5'],
      ]);
    }
  });

  it('handles CRLF split between pieces and skips blank lines', async () => {
    const blob = new Blob(['a,b\r\n1,2\r\n\r\n3,4\r\n']);
    for (const size of [1, 3, 100]) {
      const records = (await collect(readCsvRecords(decodeBlob(blob, 'utf-8', size), ','))).flatMap(
        (b) => b.records,
      );
      expect(records).toEqual([
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ]);
    }
  });
});

describe('detection', () => {
  it('finds the delimiter that splits records consistently', () => {
    expect(detectDelimiter('a;b\n1,5;2,3\n4,5;6,5\n', true)).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n', true)).toBe('\t');
    expect(detectDelimiter('a|b|c\n1|2|3\n', true)).toBe('|');
    expect(detectDelimiter('a,b\n1,2\n', true)).toBe(',');
  });

  const plain = { missingMarkers: [''], thousandsSeparator: 'none', decimalComma: false } as const;
  it('sees a header above numbers, and none when the first row holds numbers', () => {
    expect(
      detectHeader(
        [
          ['x', 'y'],
          ['1', '2'],
        ],
        plain,
      ),
    ).toBe(true);
    expect(
      detectHeader(
        [
          ['1', '2'],
          ['3', '4'],
        ],
        plain,
      ),
    ).toBe(false);
    expect(
      detectHeader(
        [
          ['a', 'a'],
          ['1', '2'],
        ],
        plain,
      ),
    ).toBe(true);
    expect(
      detectHeader(
        [
          ['a', 'b'],
          ['a', 'c'],
        ],
        plain,
      ),
    ).toBe(false);
    expect(
      detectHeader(
        [
          ['name', 'city'],
          ['Ann', 'Oslo'],
        ],
        plain,
      ),
    ).toBe(true);
    expect(
      detectHeader(
        [
          ['red', 'big'],
          ['red', 'small'],
        ],
        plain,
      ),
    ).toBe(false);
  });
});

describe('openTable', () => {
  it('reads UTF-8 with BOM, UTF-16LE/BE and GB18030', async () => {
    const bom = await open('utf8-bom.csv');
    expect([bom.encoding, bom.names]).toEqual(['utf-8', ['name', 'age', 'city']]);
    expect(await rowsOf(bom)).toEqual([
      ['Alice', '30', 'Zürich'],
      ['Bob', '25', 'Paris'],
    ]);
    const le = await open('utf16le.csv');
    expect([le.encoding, await rowsOf(le)]).toEqual([
      'utf-16le',
      [
        ['李雷', '90'],
        ['Han Meimei', '85'],
      ],
    ]);
    const be = await open('utf16be.tsv');
    expect([be.encoding, be.delimiter, be.names]).toEqual(['utf-16be', '\t', ['name', 'score']]);
    const gb = await open('gb18030.csv');
    expect([gb.encoding, gb.names, await rowsOf(gb)]).toEqual([
      'gb18030',
      ['名字', '年龄'],
      [
        ['张三', '3'],
        ['李四', '40'],
      ],
    ]);
  });

  it('honours encoding, delimiter and header overrides', async () => {
    const forced = await open('gb18030.csv', {
      encoding: 'utf-8',
      delimiter: ';',
      hasHeader: false,
    });
    expect([forced.encoding, forced.delimiter, forced.hasHeader]).toEqual(['utf-8', ';', false]);
    expect(forced.names).toEqual(['column_1']);
  });

  it('detects semicolons next to decimal commas', async () => {
    const source = await open('semicolon-decimal-comma.csv');
    expect([source.delimiter, source.names]).toEqual([';', ['product', 'price', 'stock']]);
  });

  it('renames duplicate and empty names with warnings, and keeps HTML names verbatim', async () => {
    const dup = await open('duplicate-names.csv');
    expect(dup.names).toEqual(['x', 'x_2', 'column_3', 'y']);
    expect(dup.warnings.map((w) => w.code).sort()).toEqual([
      'warning.data.duplicateColumn',
      'warning.data.emptyColumnName',
    ]);
    const html = await open('html-name.csv');
    expect(html.names).toEqual(['<script>alert(1)</script>', '<b>bold</b>']);
  });

  it('reads JSON arrays of records and NDJSON', async () => {
    const json = await open('records.json');
    expect([json.format, json.names]).toEqual(['json', ['a', 'b', 'c', 'd']]);
    expect(await rowsOf(json)).toEqual([
      ['1', 'x', 'true', null],
      ['2.5', null, 'false', null],
      ['3', 'y', 'true', '9'],
    ]);
    const nd = await open('records.ndjson');
    expect([nd.format, nd.names, (await rowsOf(nd)).length]).toEqual(['ndjson', ['t', 'v'], 3]);
  });

  it.each([
    ['empty.csv', 'error.data.empty', {}],
    ['header-only.csv', 'error.data.headerOnly', {}],
    ['binary.csv', 'error.data.binary', {}],
    ['unterminated.csv', 'error.data.unterminatedQuote', { row: 3 }],
  ])('%s fails with %s', async (name, code, params) => {
    expect(await failureOf(open(name).then(rowsOf))).toEqual({ code, params });
  });

  it('names the line of invalid NDJSON and rejects non-record JSON', async () => {
    const bad = new Blob(['{"a":1}\n{"a":\n']);
    expect(await failureOf(openTable(bad, 'x.ndjson', options()).then(rowsOf))).toMatchObject({
      code: 'error.data.invalidJson',
      params: { row: 2 },
    });
    const scalars = new Blob(['[1,2]']);
    expect(await failureOf(openTable(scalars, 'x.json', options()))).toEqual({
      code: 'error.data.notRecords',
      params: { row: 1 },
    });
  });
});
