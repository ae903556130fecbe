/**
 * Which stored datasets were made by a 2-D generator, and with which settings. A share link
 * then names the generator (a few bytes that regenerate the same points anywhere) instead of
 * asking the recipient to attach a file. Kept in localStorage: a small map, read when a link is
 * made; losing it only means such a dataset is shared as imported data.
 */
import * as v from 'valibot';
import { GENERATOR_KINDS, type GeneratorSettings } from '../../core/generators';

const STORAGE_KEY = 'fitlab.generatedDatasets';
const MAX_ENTRIES = 200;

const settingsSchema = v.object({
  kind: v.picklist(GENERATOR_KINDS),
  samples: v.number(),
  noise: v.number(),
  seed: v.number(),
  classes: v.optional(v.number()),
});
const mapSchema = v.record(v.string(), settingsSchema);

function readAll(storage: Storage | undefined): Record<string, GeneratorSettings> {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    const parsed = v.safeParse(mapSchema, raw ? JSON.parse(raw) : {});
    return parsed.success ? parsed.output : {};
  } catch {
    return {};
  }
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function rememberGenerated(
  storedId: string,
  settings: GeneratorSettings,
  storage: Storage | undefined = defaultStorage(),
): void {
  const all = readAll(storage);
  const { classes, ...rest } = settings;
  all[storedId] = settings.kind === 'blobs' && classes !== undefined ? { ...rest, classes } : rest;
  const kept = Object.entries(all).slice(-MAX_ENTRIES);
  try {
    storage?.setItem(STORAGE_KEY, JSON.stringify(Object.fromEntries(kept)));
  } catch {
    // A full or blocked storage only loses the shortcut; the dataset itself is stored.
  }
}

export function generatedOrigin(
  storedId: string,
  storage: Storage | undefined = defaultStorage(),
): GeneratorSettings | null {
  return readAll(storage)[storedId] ?? null;
}
