import { describe, expect, it } from 'vitest';
import { decodeBlob, detectEncoding, isValidUtf8, looksBinary } from '../../../src/ingest/encoding';
import { collect, fixtureBlob, fixtureBytes } from './helpers';

async function decodeAll(blob: Blob, encoding: Parameters<typeof decodeBlob>[1], size: number) {
  return (await collect(decodeBlob(blob, encoding, size))).map((c) => c.text).join('');
}

describe('detectEncoding', () => {
  it.each([
    ['utf8-bom.csv', 'utf-8', true],
    ['utf16le.csv', 'utf-16le', true],
    ['utf16be.tsv', 'utf-16be', true],
    ['gb18030.csv', 'gb18030', false],
    ['quoted.csv', 'utf-8', false],
  ] as const)('%s is %s', (name, encoding, hasBom) => {
    expect(detectEncoding(fixtureBytes(name))).toEqual({ encoding, hasBom });
  });

  it('recognises BOM-less UTF-16LE by its NUL pattern', () => {
    const bytes = new Uint8Array(Buffer.from('a,b\n1,2\n3,4\n', 'utf16le'));
    expect(detectEncoding(bytes).encoding).toBe('utf-16le');
  });
});

describe('isValidUtf8', () => {
  it('accepts multi-byte text and a sequence cut by the sample end', () => {
    const bytes = new TextEncoder().encode('名字 🎉');
    expect(isValidUtf8(bytes)).toBe(true);
    expect(isValidUtf8(bytes.slice(0, bytes.length - 2))).toBe(true);
  });

  it('rejects overlongs, surrogates and stray continuation bytes', () => {
    expect(isValidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(false);
    expect(isValidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(false);
    expect(isValidUtf8(new Uint8Array([0x41, 0x80, 0x41]))).toBe(false);
  });
});

describe('decodeBlob', () => {
  it('carries multi-byte sequences across tiny pieces and drops the BOM', async () => {
    expect(await decodeAll(fixtureBlob('utf8-bom.csv'), 'utf-8', 1)).toBe(
      'name,age,city\nAlice,30,Zürich\nBob,25,Paris\n',
    );
    expect(await decodeAll(fixtureBlob('gb18030.csv'), 'gb18030', 3)).toBe(
      '名字,年龄\n张三,3\n李四,40\n',
    );
    expect(await decodeAll(fixtureBlob('utf16le.csv'), 'utf-16le', 5)).toBe(
      'name,score\n李雷,90\nHan Meimei,85\n',
    );
  });

  it('reports bytes read so far', async () => {
    const pieces = await collect(decodeBlob(fixtureBlob('quoted.csv'), 'utf-8', 32));
    expect(pieces.map((p) => p.bytesRead)).toEqual([32, 64, 84]);
  });
});

describe('looksBinary', () => {
  it('flags NULs and control noise, not ordinary text', () => {
    expect(looksBinary(new TextDecoder().decode(fixtureBytes('binary.csv')))).toBe(true);
    expect(looksBinary('a,b\r\n1,\t2\n')).toBe(false);
  });
});
