/** Shared helpers of the ingest and storage tests: fixture files as Blobs, drained streams. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_IMPORT_OPTIONS, type ImportOptions } from '../../../src/contracts/data';

export const FIXTURES = resolve(process.cwd(), 'tests/fixtures/data');

export function fixtureBytes(name: string): Uint8Array<ArrayBuffer> {
  const bytes = readFileSync(resolve(FIXTURES, name));
  return new Uint8Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}

export function fixtureBlob(name: string): Blob {
  return new Blob([fixtureBytes(name)]);
}

export function options(overrides: Partial<ImportOptions> = {}): ImportOptions {
  return { ...DEFAULT_IMPORT_OPTIONS, ...overrides };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
