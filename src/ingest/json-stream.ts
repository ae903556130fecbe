/**
 * JSON inputs as batches of records: NDJSON streams line by line; a JSON array is parsed in
 * one piece (JSON.parse has no streaming form), which bounds it by memory, not by design.
 * Each record must be an object; its values become text cells so that JSON tables go through
 * the same type inference as CSV (null → missing, objects → their JSON text).
 */
import type { DecodedChunk } from './encoding';
import { ImportError } from './import-error';

export interface ObjectBatch {
  objects: Record<string, unknown>[];
  /** 0-based index of the batch's first record (NDJSON: among non-blank lines). */
  firstRecord: number;
  bytesRead: number;
}

function asRecord(value: unknown, row: number): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError('error.data.notRecords', { row });
  }
  return value as Record<string, unknown>;
}

function parseJson(text: string, row: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError('error.data.invalidJson', {
      row,
      detail: error instanceof Error ? error.message : String(error),
    });
  }
}

export async function* readNdjson(
  chunks: AsyncIterable<DecodedChunk>,
): AsyncGenerator<ObjectBatch> {
  let partial = '';
  let count = 0;
  let line = 0;
  const take = (lines: string[], bytesRead: number): ObjectBatch => {
    const objects: Record<string, unknown>[] = [];
    const firstRecord = count;
    for (const text of lines) {
      line++;
      if (text.trim() === '') continue;
      objects.push(asRecord(parseJson(text, line), line));
      count++;
    }
    return { objects, firstRecord, bytesRead };
  };
  let bytesRead = 0;
  for await (const chunk of chunks) {
    bytesRead = chunk.bytesRead;
    const lines = (partial + chunk.text).split('\n');
    partial = lines.pop() ?? '';
    const batch = take(lines, bytesRead);
    if (batch.objects.length > 0) yield batch;
  }
  const last = take([partial], bytesRead);
  if (last.objects.length > 0) yield last;
}

export async function* readJsonArray(
  chunks: AsyncIterable<DecodedChunk>,
): AsyncGenerator<ObjectBatch> {
  const parts: string[] = [];
  let bytesRead = 0;
  for await (const chunk of chunks) {
    parts.push(chunk.text);
    bytesRead = chunk.bytesRead;
  }
  const value = parseJson(parts.join(''), 1);
  if (!Array.isArray(value)) throw new ImportError('error.data.notRecords', { row: 1 });
  const objects = value.map((item, index) => asRecord(item, index + 1));
  if (objects.length > 0) yield { objects, firstRecord: 0, bytesRead };
}

export function toCell(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
