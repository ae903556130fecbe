/**
 * The `.fitlab` project file: one zip with the project (the share payload, format 3), the
 * trained network as TF.js files (`model/model.json` + `model/weights.bin`), imported data as
 * the app's CSV export and human-readable reports. `fitlab.json` lists every other file with
 * its size and SHA-256.
 *
 * Reading trusts nothing: only the known names are accepted, sizes come from the zip directory
 * and are capped before anything is inflated (an entry cannot inflate past its declared size),
 * every file must match its listed hash, and the project passes the share schema (migrated,
 * clamped, unknown keys dropped). Nothing in the file is ever executed: JSON is parsed, the CSV
 * goes through the normal import, the reports are never opened by the app.
 */
import { zipSync, type Zippable } from 'fflate';
import {
  readZipDirectory,
  readZipEntry,
  ZipFormatError,
  ZipWindow,
  type ZipEntry,
} from '../ingest/images/zip-reader';
import { validateShared, SHARE_VERSION } from './share/codec';
import { sha256Hex } from './share/dataset-hash';
import type { SharedProject } from './share/schema';
import type { SharePayload } from './share/share-project';
import type { SharedTrainedInput } from './share/trained-schema';
import { decodeWeightData, encodeWeightData } from './share/weights';

export const PROJECT_FILE_FORMAT = 'fitlab-project';
export const PROJECT_FILE_VERSION = 1;
export const PROJECT_FILE_EXTENSION = '.fitlab';
/** Unpacked: room for a large imported table and a network, not for a zip bomb. */
export const MAX_PROJECT_FILE_BYTES = 512 * 1024 * 1024;
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const MANIFEST = 'fitlab.json';
const PROJECT = 'project.json';
const MODEL = 'model/model.json';
const WEIGHTS = 'model/weights.bin';
export const DATA_FILE = 'data/dataset.csv';
const REPORTS = ['report/report.md', 'report/report.html', 'report/report.json'] as const;
const KNOWN = new Set<string>([MANIFEST, PROJECT, MODEL, WEIGHTS, DATA_FILE, ...REPORTS]);

export interface ProjectFileContents {
  payload: SharePayload;
  trained: SharedTrainedInput | null;
  /** Imported data as the app's CSV export; null for shipped or generated data. */
  data: Blob | null;
  /** Reports by file name (`report/report.md`, ...), for people who unzip the file. */
  reports: Partial<Record<(typeof REPORTS)[number], string>>;
  /** Defaults to now. */
  createdAt?: Date;
}

export type ProjectFileErrorCode =
  | 'share.file.error.notZip'
  | 'share.file.error.tooLarge'
  | 'share.file.error.missing'
  | 'share.file.error.unexpected'
  | 'share.file.error.invalid'
  | 'share.file.error.hash'
  | 'share.file.error.unknownLayer'
  | 'share.file.error.newerVersion';

export type ReadProjectFileResult =
  | { ok: true; project: SharedProject; data: Blob | null; clampedValues: number }
  | { ok: false; code: ProjectFileErrorCode; params?: Record<string, string | number> };

const encoder = new TextEncoder();

export async function buildProjectFile(contents: ProjectFileContents): Promise<Blob> {
  const files: Record<string, Uint8Array> = {};
  const { trained, payload } = contents;
  const project: Record<string, unknown> = { ...payload, v: SHARE_VERSION };
  if (trained) {
    const { model, ...rest } = trained;
    project.trained = rest;
    if (model) {
      const { weightData, ...topology } = model;
      files[MODEL] = encoder.encode(JSON.stringify(topology));
      files[WEIGHTS] = new Uint8Array(decodeWeightData(weightData));
    }
  }
  files[PROJECT] = encoder.encode(JSON.stringify(project));
  if (contents.data) files[DATA_FILE] = new Uint8Array(await contents.data.arrayBuffer());
  for (const [name, text] of Object.entries(contents.reports)) files[name] = encoder.encode(text);

  const listed: Record<string, { bytes: number; sha256: string }> = {};
  for (const [name, bytes] of Object.entries(files)) {
    listed[name] = { bytes: bytes.length, sha256: await sha256Hex(new Blob([bytes as BlobPart])) };
  }
  const manifest = {
    format: PROJECT_FILE_FORMAT,
    version: PROJECT_FILE_VERSION,
    createdAt: (contents.createdAt ?? new Date()).toISOString(),
    files: listed,
  };
  const zippable: Zippable = { [MANIFEST]: encoder.encode(JSON.stringify(manifest, null, 2)) };
  for (const [name, bytes] of Object.entries(files)) {
    // Weights and CSV compress; already-small JSON is cheap either way.
    zippable[name] = [bytes, { level: name === WEIGHTS ? 1 : 6 }];
  }
  return new Blob([zipSync(zippable) as BlobPart], { type: 'application/zip' });
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

type Failure = Extract<ReadProjectFileResult, { ok: false }>;
const fail = (code: ProjectFileErrorCode, params?: Failure['params']): Failure =>
  params ? { ok: false, code, params } : { ok: false, code };

export async function readProjectFile(
  file: Blob,
  maxBytes = MAX_PROJECT_FILE_BYTES,
): Promise<ReadProjectFileResult> {
  let entries: ZipEntry[];
  try {
    entries = await readZipDirectory(file);
  } catch (error) {
    if (error instanceof ZipFormatError) return fail('share.file.error.notZip');
    throw error;
  }
  const byName = new Map<string, ZipEntry>();
  let total = 0;
  for (const entry of entries) {
    if (entry.isDirectory) continue;
    if (!KNOWN.has(entry.name) || byName.has(entry.name) || entry.isEncrypted) {
      return fail('share.file.error.unexpected', { file: entry.name.slice(0, 100) });
    }
    byName.set(entry.name, entry);
    total += entry.size;
  }
  const maxMb = Math.round(maxBytes / 1024 / 1024);
  if (total > maxBytes) return fail('share.file.error.tooLarge', { max: maxMb });
  for (const required of [MANIFEST, PROJECT]) {
    if (!byName.has(required)) return fail('share.file.error.missing', { file: required });
  }

  const window = new ZipWindow(file, 0);
  const bytesOf = new Map<string, Uint8Array>();
  for (const [name, entry] of byName) {
    const isJson = name.endsWith('.json');
    if (isJson && entry.size > MAX_JSON_BYTES) {
      return fail('share.file.error.tooLarge', { max: maxMb });
    }
    const bytes = await readZipEntry(file, entry, window).catch(() => null);
    if (!bytes) return fail('share.file.error.hash');
    bytesOf.set(name, bytes);
  }

  const manifest = parseJson(bytesOf.get(MANIFEST)!);
  if (!isRecord(manifest) || manifest.format !== PROJECT_FILE_FORMAT) {
    return fail('share.file.error.invalid', { path: MANIFEST });
  }
  if (typeof manifest.version !== 'number' || manifest.version > PROJECT_FILE_VERSION) {
    return fail('share.file.error.newerVersion', { version: String(manifest.version) });
  }
  const listed = isRecord(manifest.files) ? manifest.files : {};
  for (const [name, bytes] of bytesOf) {
    if (name === MANIFEST) continue;
    const entry = listed[name];
    if (!isRecord(entry) || typeof entry.sha256 !== 'string') {
      return fail('share.file.error.unexpected', { file: name });
    }
    if ((await sha256Hex(new Blob([bytes as BlobPart]))) !== entry.sha256) {
      return fail('share.file.error.hash');
    }
  }
  for (const name of Object.keys(listed)) {
    if (!bytesOf.has(name)) return fail('share.file.error.missing', { file: name.slice(0, 100) });
  }

  const project = parseJson(bytesOf.get(PROJECT)!);
  if (!isRecord(project)) return fail('share.file.error.invalid', { path: PROJECT });
  const modelBytes = bytesOf.get(MODEL);
  const weights = bytesOf.get(WEIGHTS);
  if ((modelBytes === undefined) !== (weights === undefined)) {
    return fail('share.file.error.missing', { file: modelBytes ? WEIGHTS : MODEL });
  }
  if (modelBytes && weights) {
    const model = parseJson(modelBytes);
    if (!isRecord(model) || !isRecord(project.trained)) {
      return fail('share.file.error.invalid', { path: MODEL });
    }
    project.trained = {
      ...project.trained,
      model: { ...model, weightData: encodeWeightData(weights.slice().buffer) },
    };
  }
  const version = typeof project.v === 'number' ? project.v : 0;
  const checked = validateShared(project, version);
  if (!checked.ok) {
    if (checked.code === 'share.error.newerVersion') {
      return fail('share.file.error.newerVersion', { version });
    }
    if (checked.code === 'share.error.unknownLayer' && checked.params) {
      return fail('share.file.error.unknownLayer', checked.params);
    }
    return fail('share.file.error.invalid', { path: checked.params?.path ?? PROJECT });
  }
  const csv = bytesOf.get(DATA_FILE);
  const dataset = checked.project.dataset;
  // The data must be the data the project names, not merely intact.
  if (dataset.kind === 'imported') {
    if (!csv) return fail('share.file.error.missing', { file: DATA_FILE });
    if ((await sha256Hex(new Blob([csv as BlobPart]))) !== dataset.sha256) {
      return fail('share.file.error.hash');
    }
  }
  return {
    ok: true,
    project: checked.project,
    data: csv ? new Blob([csv as BlobPart], { type: 'text/csv' }) : null,
    clampedValues: checked.clampedValues,
  };
}
