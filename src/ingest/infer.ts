/**
 * Cell values and column types: how one text cell reads as a number, boolean or date under the
 * import options, and which type a column's sample of cells suggests.
 *
 * Inference over the non-missing cells of a sample: all true/false → boolean; all numbers →
 * integer (all whole) or numeric; all dates → datetime; otherwise free text when most values
 * are distinct and long (≥ TEXT_MIN_MEAN_LENGTH characters on average), else categorical. A
 * column with no values at all is categorical. Dates: ISO 8601 (date, or date and time with
 * optional zone), and d/m/y or m/d/y with `/`, `.` or `-`; a column's order is m/d/y only when
 * some second field exceeds 12 and no first one does, else d/m/y. Times without a zone are UTC.
 */
import type { ColumnType, ThousandsSeparator } from '../contracts/data';

export const TEXT_MIN_MEAN_LENGTH = 20;

export interface ValueOptions {
  missingMarkers: readonly string[];
  thousandsSeparator: ThousandsSeparator;
  decimalComma: boolean;
}

export type DateOrder = 'dmy' | 'mdy';

export interface ColumnPlan {
  name: string;
  type: ColumnType;
  dateOrder: DateOrder;
}

export function isMissingCell(text: string | null, options: ValueOptions): boolean {
  return text === null || options.missingMarkers.includes(text.trim());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const groupingPatterns = new Map<string, RegExp>();

function groupingPattern(separator: string, decimal: string): RegExp {
  const key = separator + decimal;
  let pattern = groupingPatterns.get(key);
  if (!pattern) {
    const s = escapeRegExp(separator);
    const d = escapeRegExp(decimal);
    pattern = new RegExp(`^[+-]?\\d{1,3}(${s}\\d{3})+(${d}\\d+)?$`);
    groupingPatterns.set(key, pattern);
  }
  return pattern;
}

/**
 * Whether `text` is a plain decimal, exactly as core/tabular's DECIMAL_PATTERN
 * (`^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$`) says, by a char-code scan: this runs once per
 * numeric cell of an import, where it costs about half what the regular expression does.
 */
export function isDecimalText(text: string): boolean {
  const length = text.length;
  const isDigitAt = (at: number): boolean => {
    const code = text.charCodeAt(at);
    return code >= 48 && code <= 57;
  };
  let i = 0;
  let code = text.charCodeAt(0);
  if (code === 43 || code === 45) i++;
  const integerStart = i;
  while (i < length && isDigitAt(i)) i++;
  let digits = i - integerStart;
  if (i < length && text.charCodeAt(i) === 46) {
    const fractionStart = ++i;
    while (i < length && isDigitAt(i)) i++;
    digits += i - fractionStart;
  }
  if (digits === 0) return false;
  code = text.charCodeAt(i);
  if (i < length && (code === 101 || code === 69)) {
    i++;
    code = text.charCodeAt(i);
    if (i < length && (code === 43 || code === 45)) i++;
    const exponentStart = i;
    while (i < length && isDigitAt(i)) i++;
    if (i === exponentStart) return false;
  }
  return i === length;
}

function decimalValue(text: string): number | null {
  if (!isDecimalText(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/** The number a cell holds under the options, or null. */
export function parseNumber(text: string, options: ValueOptions): number | null {
  let value = text.trim();
  const decimal = options.decimalComma ? ',' : '.';
  const separator = options.thousandsSeparator;
  if (separator !== 'none' && value.includes(separator)) {
    if (!groupingPattern(separator, decimal).test(value)) return null;
    value = value.split(separator).join('');
  }
  if (options.decimalComma) {
    if (value.includes('.')) return null;
    value = value.replace(',', '.');
  }
  return decimalValue(value);
}

export function parseBoolean(text: string): boolean | null {
  const value = text.trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

const ISO_DATE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const DAY_MONTH_YEAR =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function utc(y: number, mo: number, d: number, h: number, mi: number, s: number): number | null {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Date.UTC rolls 31 February over into March; a real date maps back to the same day.
  return new Date(ms).getUTCDate() === d ? ms : null;
}

/** Epoch milliseconds (UTC) of a date cell, or null. */
export function parseDate(text: string, order: DateOrder): number | null {
  const value = text.trim();
  const iso = ISO_DATE.exec(value);
  if (iso) {
    const [, y, mo, d, h, mi, s, frac, zone] = iso;
    const base = utc(
      Number(y),
      Number(mo),
      Number(d),
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(s ?? 0),
    );
    if (base === null) return null;
    const millis = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
    let offset = 0;
    if (zone && zone !== 'Z') {
      const sign = zone.startsWith('-') ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      offset = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
    }
    return base + millis - offset;
  }
  const dmy = DAY_MONTH_YEAR.exec(value);
  if (!dmy) return null;
  const [, a, b, y, h, mi, s] = dmy;
  const [day, month] = order === 'dmy' ? [Number(a), Number(b)] : [Number(b), Number(a)];
  return utc(Number(y), month, day, Number(h ?? 0), Number(mi ?? 0), Number(s ?? 0));
}

function chooseDateOrder(values: readonly string[]): DateOrder {
  let firstOver12 = false;
  let secondOver12 = false;
  for (const value of values) {
    const match = DAY_MONTH_YEAR.exec(value.trim());
    if (!match) continue;
    if (Number(match[1]) > 12) firstOver12 = true;
    if (Number(match[2]) > 12) secondOver12 = true;
  }
  return secondOver12 && !firstOver12 ? 'mdy' : 'dmy';
}

/** Infers a column's type from a sample of its cells (null = absent). */
export function inferColumn(
  name: string,
  cells: readonly (string | null)[],
  options: ValueOptions,
): ColumnPlan {
  const values = cells.filter((c): c is string => !isMissingCell(c, options));
  const dateOrder = chooseDateOrder(values);
  const plan = (type: ColumnType): ColumnPlan => ({ name, type, dateOrder });
  if (values.length === 0) return plan('categorical');
  if (values.every((v) => parseBoolean(v) !== null)) return plan('boolean');
  const numbers = values.map((v) => parseNumber(v, options));
  if (numbers.every((n) => n !== null)) {
    return plan(numbers.every((n) => Number.isInteger(n)) ? 'integer' : 'numeric');
  }
  if (values.every((v) => parseDate(v, dateOrder) !== null)) return plan('datetime');
  const distinct = new Set(values).size;
  const meanLength = values.reduce((sum, v) => sum + v.length, 0) / values.length;
  const isText = distinct > values.length / 2 && meanLength >= TEXT_MIN_MEAN_LENGTH;
  return plan(isText ? 'text' : 'categorical');
}
