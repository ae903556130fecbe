import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { planPaths } from '../../../../src/ingest/images/paths';
import {
  readZipDirectory,
  readZipEntry,
  ZipFormatError,
} from '../../../../src/ingest/images/zip-reader';

const text = (value: string) => new TextEncoder().encode(value);

describe('readZipDirectory and readZipEntry', () => {
  it('lists entries and reads stored and deflated ones back', async () => {
    const zip = zipSync({
      'a/stored.txt': [text('hello'), { level: 0 }],
      'a/deflated.txt': [text('x'.repeat(5000)), { level: 9 }],
      'b/': new Uint8Array(0),
    });
    const blob = new Blob([zip]);
    const entries = await readZipDirectory(blob);
    expect(entries.map((entry) => [entry.name, entry.size, entry.isDirectory])).toEqual([
      ['a/stored.txt', 5, false],
      ['a/deflated.txt', 5000, false],
      ['b/', 0, true],
    ]);
    const deflated = entries[1]!;
    expect(deflated.method).toBe(8);
    expect(deflated.compressedSize).toBeLessThan(100);
    expect(new TextDecoder().decode((await readZipEntry(blob, entries[0]!))!)).toBe('hello');
    expect((await readZipEntry(blob, deflated))!.length).toBe(5000);
  });

  it('returns null for an entry whose bytes do not match its CRC', async () => {
    const zip = zipSync({ 'a/file.txt': [text('hello world'), { level: 0 }] });
    const entries = await readZipDirectory(new Blob([zip]));
    const damaged = zip.slice();
    const at = entries[0]!.localOffset + 30 + 'a/file.txt'.length;
    damaged[at] = damaged[at]! ^ 0xff;
    expect(await readZipEntry(new Blob([damaged]), entries[0]!)).toBeNull();
  });

  it('cannot be tricked into inflating past the declared size', async () => {
    const zip = zipSync({ 'a/big.bin': [new Uint8Array(100_000), { level: 9 }] });
    const entries = await readZipDirectory(new Blob([zip]));
    const lying = { ...entries[0]!, size: 1000 };
    expect(await readZipEntry(new Blob([zip]), lying)).toBeNull();
  });

  it('refuses files that are not zips', async () => {
    await expect(
      readZipDirectory(new Blob([text('just text, long enough to search')])),
    ).rejects.toThrow(ZipFormatError);
    await expect(readZipDirectory(new Blob([]))).rejects.toThrow(ZipFormatError);
  });
});

describe('planPaths', () => {
  it('labels by top-level folder and drops a shared root', () => {
    const plans = planPaths(['pets/cats/a.png', 'pets/dogs/b.JPG', 'pets/dogs/deep/c.webp'], false);
    expect(plans.map((plan) => (plan.kind === 'image' ? plan.label : plan.reason))).toEqual([
      'cats',
      'dogs',
      'dogs',
    ]);
    expect(plans[1]).toMatchObject({ mime: 'image/jpeg' });
  });

  it('keeps the first folder as the class when folders differ', () => {
    const plans = planPaths(['cats/a.png', 'dogs/b.gif'], false);
    expect(plans.map((plan) => plan.kind === 'image' && plan.label)).toEqual(['cats', 'dogs']);
  });

  it('skips and names nested zips, other types and files outside class folders', () => {
    const plans = planPaths(
      [
        'root/cats/a.png',
        'root/cats/inner.zip',
        'root/notes.txt',
        'root/b.bmp',
        'root/.DS_Store',
        '__MACOSX/root/cats/._a.png',
      ],
      true,
    );
    expect(plans.map((plan) => [plan.path, plan.kind === 'skip' ? plan.reason : 'image'])).toEqual([
      ['root/cats/a.png', 'image'],
      ['root/cats/inner.zip', 'nestedZip'],
      ['root/notes.txt', 'unsupportedType'],
      ['root/b.bmp', 'noClass'],
    ]);
  });
});
