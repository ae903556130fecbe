/**
 * Reading stored datasets back: pages of rows for a virtualized table, and CSV export built
 * chunk by chunk into Blob parts (the Blob, not one string, holds the file).
 */
import type { Cell, ColumnChunk, DatasetId, RowPage, StoredDatasetMeta } from '../contracts/data';
import { DICTIONARY_CHUNK, MISSING_CODE } from '../contracts/data';
import type { DatasetStore } from './store-port';

/** The most rows one `readRows` call returns. */
export const MAX_PAGE_ROWS = 5000;

type Dictionaries = (string[] | null)[];

async function loadDictionaries(
  store: DatasetStore,
  meta: StoredDatasetMeta,
): Promise<Dictionaries> {
  return Promise.all(
    meta.columns.map(async (column, index) => {
      if (column.type !== 'categorical') return null;
      const chunk = await store.getChunk(meta.id, index, DICTIONARY_CHUNK);
      return chunk?.kind === 'dictionary' ? chunk.values : [];
    }),
  );
}

function cellOf(chunk: ColumnChunk | null, dictionary: string[] | null, row: number): Cell {
  if (!chunk) return null;
  switch (chunk.kind) {
    case 'float64': {
      const value = chunk.values[row] as number;
      return Number.isNaN(value) ? null : value;
    }
    case 'codes': {
      const code = chunk.codes[row] as number;
      return code === MISSING_CODE ? null : (dictionary?.[code] ?? null);
    }
    case 'strings':
      return chunk.values[row] ?? null;
    default:
      return null;
  }
}

async function loadRowGroup(store: DatasetStore, meta: StoredDatasetMeta, chunkIndex: number) {
  return Promise.all(meta.columns.map((_, column) => store.getChunk(meta.id, column, chunkIndex)));
}

export async function readRows(
  store: DatasetStore,
  id: DatasetId,
  start: number,
  count: number,
): Promise<RowPage> {
  const meta = await store.getDataset(id);
  const first = Math.max(0, Math.floor(start));
  if (!meta || first >= meta.rows) return { start: first, rows: [] };
  const end = Math.min(meta.rows, first + Math.max(0, Math.min(MAX_PAGE_ROWS, Math.floor(count))));
  const dictionaries = await loadDictionaries(store, meta);
  const rows: Cell[][] = [];
  for (
    let chunkIndex = Math.floor(first / meta.chunkRows);
    chunkIndex * meta.chunkRows < end;
    chunkIndex++
  ) {
    const chunks = await loadRowGroup(store, meta, chunkIndex);
    const offset = chunkIndex * meta.chunkRows;
    const from = Math.max(first, offset);
    const to = Math.min(end, offset + meta.chunkRows);
    for (let row = from; row < to; row++) {
      rows.push(chunks.map((chunk, c) => cellOf(chunk, dictionaries[c] ?? null, row - offset)));
    }
  }
  return { start: first, rows };
}

/** RFC 4180 quoting: only fields holding a comma, quote, CR or LF, or edge spaces. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function exportText(cell: Cell, type: string): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvField(cell);
  if (type === 'datetime') return new Date(cell).toISOString();
  if (type === 'boolean') return cell === 1 ? 'true' : 'false';
  return String(cell);
}

export async function exportCsv(store: DatasetStore, id: DatasetId): Promise<Blob | null> {
  const meta = await store.getDataset(id);
  if (!meta) return null;
  const dictionaries = await loadDictionaries(store, meta);
  const types = meta.columns.map((column) => column.type);
  const parts: string[] = [meta.columns.map((column) => csvField(column.name)).join(',') + '\r\n'];
  for (let chunkIndex = 0; chunkIndex < meta.chunkCount; chunkIndex++) {
    const chunks = await loadRowGroup(store, meta, chunkIndex);
    const length = Math.min(meta.chunkRows, meta.rows - chunkIndex * meta.chunkRows);
    const lines: string[] = new Array<string>(length);
    for (let row = 0; row < length; row++) {
      lines[row] = chunks
        .map((chunk, c) =>
          exportText(cellOf(chunk, dictionaries[c] ?? null, row), types[c] as string),
        )
        .join(',');
    }
    parts.push(lines.join('\r\n') + '\r\n');
  }
  return new Blob(parts, { type: 'text/csv' });
}
