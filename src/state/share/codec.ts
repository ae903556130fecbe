/**
 * The share-link codec: a project's settings ⇄ the text after `#p=` in a URL.
 * Format: `<version>.<base64url(deflate-raw(JSON))>`, after `#p=` (the fragment never reaches a
 * server). Decoding never throws: every way a link
 * can be broken (truncated, tampered, oversized, from a future version) becomes a result with
 * an i18n code saying what happened, and older versions are migrated forward.
 */
import * as v from 'valibot';
import { deflate, fromBase64Url, inflate, InflateLimitError, toBase64Url } from './compress';
import { unknownLayerOf } from './network-schema';
import {
  createShareSchema,
  HIDEABLE_CONTROLS,
  type HideableControl,
  type SharedProject,
  type SharedProjectInput,
} from './schema';

export const SHARE_VERSION = 3;
/** Browsers accept far longer URLs, but chat apps and mail clients cut them near 8–64 kB. */
export const MAX_LINK_CHARS = 64_000;
export const MAX_INFLATED_BYTES = 1_000_000;

export type ShareErrorCode =
  | 'share.error.tooLong'
  | 'share.error.malformed'
  | 'share.error.corrupt'
  | 'share.error.tooLarge'
  | 'share.error.newerVersion'
  | 'share.error.invalid'
  | 'share.error.unknownLayer';

export type DecodeResult =
  | { ok: true; project: SharedProject; clampedValues: number; migratedFrom: number | null }
  | { ok: false; code: ShareErrorCode; params?: Record<string, string | number> };

/** Each entry turns version N's JSON into version N + 1's. */
const MIGRATIONS: Record<number, (old: Record<string, unknown>) => Record<string, unknown>> = {
  /**
   * v1 → v2: the top-level `hide` list moves under `embed`; the recipe, an object in v1, becomes
   * the recipe's own serialized text; v1 links were made when every split was stratified.
   */
  1: (old) => {
    const { hide, recipe, ...rest } = old;
    const next: Record<string, unknown> = { ...rest, splitStrategy: { kind: 'stratified' } };
    if (hide !== undefined) next.embed = { hide };
    if (recipe !== undefined && recipe !== null) {
      next.recipe = typeof recipe === 'string' ? recipe : JSON.stringify(recipe);
    }
    return next;
  },
  /**
   * v2 → v3: v2 had no builder network; the model kind it trained was the classical learner
   * when one was named, else the MLP.
   */
  2: (old) => ({
    ...old,
    modelKind: old.classical !== undefined && old.classical !== null ? 'classical' : 'mlp',
  }),
};

export async function encodeShare(project: Omit<SharedProjectInput, 'v'>): Promise<string> {
  const json = JSON.stringify({ ...project, v: SHARE_VERSION });
  const packed = await deflate(new TextEncoder().encode(json));
  return `${SHARE_VERSION}.${toBase64Url(packed)}`;
}

function migrate(data: Record<string, unknown>, from: number): Record<string, unknown> {
  let current = data;
  for (let version = from; version < SHARE_VERSION; version++) {
    const step = MIGRATIONS[version];
    if (!step) throw new Error(`no migration from share version ${version}`);
    current = { ...step(current), v: version + 1 };
  }
  return current;
}

export async function decodeShare(text: string): Promise<DecodeResult> {
  if (text.length > MAX_LINK_CHARS) {
    return { ok: false, code: 'share.error.tooLong', params: { max: MAX_LINK_CHARS } };
  }
  const match = /^(\d{1,4})\.([A-Za-z0-9_-]+)$/.exec(text);
  if (!match) return { ok: false, code: 'share.error.malformed' };
  const version = Number(match[1]);
  if (version > SHARE_VERSION) {
    return { ok: false, code: 'share.error.newerVersion', params: { version } };
  }
  if (version < 1 || (version < SHARE_VERSION && !MIGRATIONS[version])) {
    return { ok: false, code: 'share.error.malformed' };
  }
  const bytes = fromBase64Url(match[2]!);
  if (!bytes) return { ok: false, code: 'share.error.malformed' };

  let data: unknown;
  try {
    const json = await inflate(bytes, MAX_INFLATED_BYTES);
    data = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(json));
  } catch (error) {
    if (error instanceof InflateLimitError) {
      return { ok: false, code: 'share.error.tooLarge', params: { max: MAX_INFLATED_BYTES } };
    }
    // A truncated or altered link fails to inflate or to parse: both mean a damaged link.
    return { ok: false, code: 'share.error.corrupt' };
  }
  return validateShared(data, version);
}

/**
 * Checks decoded JSON written by format `version` (a link's or a project file's): migrated to
 * the current format, then validated, clamped and stripped of unknown keys. Never throws.
 */
export function validateShared(data: unknown, version: number): DecodeResult {
  if (version > SHARE_VERSION) {
    return { ok: false, code: 'share.error.newerVersion', params: { version } };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    return { ok: false, code: 'share.error.invalid', params: { path: '(root)' } };
  }
  let migrated: unknown = data;
  try {
    if (version < SHARE_VERSION) migrated = migrate(data as Record<string, unknown>, version);
  } catch {
    return { ok: false, code: 'share.error.malformed' };
  }
  const counter = { count: 0 };
  const result = v.safeParse(createShareSchema(counter), {
    ...(migrated as Record<string, unknown>),
    v: SHARE_VERSION,
  });
  if (!result.success) {
    const issue = result.issues[0];
    const keys = issue?.path?.map((p) => p.key as string | number) ?? [];
    const unknown = unknownLayerOf(migrated, keys);
    if (unknown) return { ok: false, code: 'share.error.unknownLayer', params: unknown };
    const path = keys.map(String).join('.') || '(root)';
    return { ok: false, code: 'share.error.invalid', params: { path } };
  }
  return {
    ok: true,
    project: result.output,
    clampedValues: counter.count,
    migratedFrom: version < SHARE_VERSION ? version : null,
  };
}

function hashParams(hash: string): URLSearchParams {
  return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** Reads the share payload from a location hash such as `#p=2.abc…`. */
export function shareTextFromHash(hash: string): string | null {
  return hashParams(hash).get('p');
}

/**
 * `hide=model,train` beside `p=`: a lesson author can hide controls by editing the link by
 * hand, without re-encoding it. Unknown names are ignored, as in the payload.
 */
export function hiddenFromHash(hash: string): HideableControl[] {
  const raw = hashParams(hash).get('hide') ?? '';
  return raw
    .split(',')
    .map((id) => id.trim())
    .filter((id): id is HideableControl => (HIDEABLE_CONTROLS as readonly string[]).includes(id));
}

/** The fragment of a link: payload first, then the hidden controls (if any). */
export function shareHash(text: string, hide: readonly HideableControl[] = []): string {
  return hide.length > 0 ? `#p=${text}&hide=${hide.join(',')}` : `#p=${text}`;
}
