/**
 * Image error parameters arrive as raw numbers from the worker; byte counts and ratios are
 * formatted here, in the reader's locale, before they reach a translated message.
 */
import { formatCount } from '../../../core/format';
import type { ErrorParams } from '../../../contracts/errors';
import { formatBytes } from '../bytes';

const BYTE_KEYS = new Set(['size', 'compressed', 'total', 'needed', 'available']);
/** `max` is a byte count for these codes, and a plain count for the others. */
const BYTE_MAX_CODES = new Set(['error.images.entryTooLarge', 'error.images.totalTooLarge']);

export function formatImageParams(
  code: string,
  params: ErrorParams,
  locale: string,
): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (typeof value !== 'number') out[key] = value;
    else if (BYTE_KEYS.has(key) || (key === 'max' && BYTE_MAX_CODES.has(code)))
      out[key] = formatBytes(value, locale);
    else if (key === 'count') out[key] = value;
    else out[key] = formatCount(value, locale);
  }
  return out;
}
