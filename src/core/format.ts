/**
 * Number and duration formatting for the UI. Pure: the caller passes the locale tag, because
 * core/ may not import i18n/. Missing values render as an em dash, never as "NaN".
 */

/** What a metric that could not be computed shows instead of "NaN". */
export const MISSING = '—';

const numberFormats = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * A score with a fixed number of decimals ("0.967"). Deliberately not localised: metric values
 * are compared across screens, reports and papers, where a dot decimal is the convention.
 */
export function formatMetric(value: number | null | undefined, digits = 3): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  const text = value.toFixed(digits);
  // toFixed keeps the sign of tiny negatives ("-0.000"), which reads as a bug.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A whole count with the locale's grouping ("1,234"). */
export function formatCount(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return numberFormat(locale, { maximumFractionDigits: 0 }).format(Math.round(value));
}

/** A number for axis ticks and data tables: up to `digits` significant digits, grouped. */
export function formatNumber(value: number | null | undefined, locale: string, digits = 4): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return numberFormat(locale, { maximumSignificantDigits: digits }).format(value);
}

const DURATION_UNITS: Record<string, { h: string; min: string; s: string; sep: string }> = {
  en: { h: 'h', min: 'min', s: 's', sep: ' ' },
  zh: { h: '小时', min: '分', s: '秒', sep: ' ' },
};

/**
 * A duration for "time left" and "took": "12 s", "3 min 5 s", "1 h 2 min" ("12 秒", "3 分 5 秒").
 * Rounded to whole seconds; below an hour the seconds stay, above it they are noise.
 */
export function formatDuration(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return MISSING;
  const units = DURATION_UNITS[locale.toLowerCase().startsWith('zh') ? 'zh' : 'en']!;
  if (ms > 0 && ms < 9_950) {
    // Short runs (the small-network engine finishes in milliseconds) deserve a tenth of a second.
    return `${(ms / 1000).toFixed(1)}${units.sep}${units.s}`;
  }
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const part = (n: number, unit: string) => `${n}${units.sep}${unit}`;
  if (hours > 0) {
    return minutes > 0
      ? `${part(hours, units.h)} ${part(minutes, units.min)}`
      : part(hours, units.h);
  }
  if (minutes > 0) {
    return seconds > 0
      ? `${part(minutes, units.min)} ${part(seconds, units.s)}`
      : part(minutes, units.min);
  }
  return part(seconds, units.s);
}
