/**
 * Guesses about a file's layout from its first records: format (CSV, JSON array, NDJSON),
 * delimiter, and whether the first record is a header; plus the clean-up of column names.
 *
 * Delimiter: each candidate splits the sample's records; the winner has the most records with
 * the modal field count (> 1 field), ties going to more fields, then to the candidate order.
 * Header: the first record counts as one when none of its cells is a number and not all are
 * empty, and either some named column holds numbers further down, or its names are distinct
 * and none reappears below it in its column (so duplicate or empty names still read as a
 * header above numbers, and get cleaned up). Duplicate names become `name_2`, `name_3`… and empty names
 * `column_N`, each with a warning: renaming keeps the import going, and the user sees why.
 */
import Papa from 'papaparse';
import type { DataWarning, Delimiter, FileFormat } from '../contracts/data';
import { detectNewline } from './csv-stream';
import { parseNumber, type ValueOptions } from './infer';

export const DELIMITER_CANDIDATES: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_RECORDS = 50;

export function detectFormat(sample: string, fileName: string): FileFormat {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.ndjson') || lower.endsWith('.jsonl')) return 'ndjson';
  const start = sample.trimStart();
  if (lower.endsWith('.txt') && !looksTabular(sample)) return 'text';
  if (start.startsWith('[')) return 'json';
  if (start.startsWith('{')) return 'ndjson';
  return 'csv';
}

/**
 * Whether a `.txt` sample is really a table (tab- or comma-separated exports often end in
 * .txt): some delimiter splits at least 90 % of its first records into the same number (> 1)
 * of fields. Prose fails this: its commas per line vary.
 */
export function looksTabular(sample: string): boolean {
  for (const delimiter of DELIMITER_CANDIDATES) {
    const records = sampleRecords(sample, delimiter, false).slice(0, SAMPLE_RECORDS);
    if (records.length < 3) continue;
    const counts = new Map<number, number>();
    for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    for (const [width, count] of counts) {
      if (width > 1 && count >= 0.9 * records.length) return true;
    }
  }
  return false;
}

/** Records of a text sample, the last (possibly cut) one dropped unless the sample is whole. */
export function sampleRecords(sample: string, delimiter: Delimiter, isWhole: boolean): string[][] {
  const parser = new Papa.Parser({ delimiter, newline: detectNewline(sample), quoteChar: '"' });
  const result = parser.parse(sample, 0, !isWhole) as { data: string[][] };
  return result.data.filter((r) => !(r.length === 1 && (r[0] as string).trim() === ''));
}

export function detectDelimiter(sample: string, isWhole: boolean): Delimiter {
  let best: { delimiter: Delimiter; score: number; fields: number } = {
    delimiter: ',',
    score: -1,
    fields: 0,
  };
  for (const delimiter of DELIMITER_CANDIDATES) {
    const records = sampleRecords(sample, delimiter, isWhole).slice(0, SAMPLE_RECORDS);
    const counts = new Map<number, number>();
    for (const record of records) counts.set(record.length, (counts.get(record.length) ?? 0) + 1);
    let fields = 0;
    let score = 0;
    for (const [width, count] of counts) {
      if (width > 1 && (count > score || (count === score && width > fields))) {
        fields = width;
        score = count;
      }
    }
    if (score > best.score || (score === best.score && fields > best.fields)) {
      best = { delimiter, score, fields };
    }
  }
  return best.delimiter;
}

export function detectHeader(records: readonly string[][], options: ValueOptions): boolean {
  const [first, ...rest] = records;
  if (!first) return false;
  const names = first.map((cell) => cell.trim());
  if (names.every((name) => name === '')) return false;
  if (names.some((name) => name !== '' && parseNumber(name, options) !== null)) return false;
  if (rest.length === 0) return true;
  const hasNumbersBelow = names.some(
    (name, column) =>
      name !== '' &&
      rest.some((record) => {
        const cell = record[column];
        return cell !== undefined && parseNumber(cell, options) !== null;
      }),
  );
  if (hasNumbersBelow) return true;
  const given = names.filter((name) => name !== '');
  if (new Set(given).size !== given.length) return false;
  return names.every(
    (name, column) => name === '' || rest.every((record) => record[column]?.trim() !== name),
  );
}

export interface CleanNames {
  names: string[];
  warnings: DataWarning[];
}

/** Names stay verbatim (HTML included: it is only ever shown as text), except for clean-up. */
export function cleanColumnNames(raw: readonly string[]): CleanNames {
  const warnings: DataWarning[] = [];
  const names = raw.map((name, index) => {
    if (name.trim() !== '') return name.trim();
    warnings.push({
      code: 'warning.data.emptyColumnName',
      params: { column: index + 1, name: `column_${index + 1}` },
    });
    return `column_${index + 1}`;
  });
  const used = new Set<string>();
  const seen = new Set<string>();
  for (const name of names) seen.add(name);
  const result = names.map((name) => {
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
    let suffix = 2;
    while (used.has(`${name}_${suffix}`) || seen.has(`${name}_${suffix}`)) suffix++;
    const renamed = `${name}_${suffix}`;
    used.add(renamed);
    warnings.push({ code: 'warning.data.duplicateColumn', params: { name, renamed } });
    return renamed;
  });
  return { names: result, warnings };
}

export function defaultColumnNames(width: number): string[] {
  return Array.from({ length: width }, (_, i) => `column_${i + 1}`);
}
