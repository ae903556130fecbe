/**
 * Turns rows of text cells into typed column chunks of CHUNK_ROWS rows, the unit that storage
 * writes and profiling reads. A cell that does not fit its column's type is stored as missing
 * and counted (`invalidCounts`), so one stray value never aborts a million-row import; the
 * import reports the count and the user can re-import with another type.
 */
import type { ColumnChunk, ColumnType } from '../contracts/data';
import { MISSING_CODE } from '../contracts/data';
import { parseBoolean, parseDate, parseNumber, type ColumnPlan, type ValueOptions } from './infer';

export const CHUNK_ROWS = 65_536;

/** 10^0 … 10^22: every one is exact in a double (5^22 < 2^53). */
const POW10 = (() => {
  const powers = new Float64Array(23);
  powers[0] = 1;
  for (let i = 1; i < powers.length; i++) powers[i] = (powers[i - 1] as number) * 10;
  return powers;
})();

/**
 * The value of a plain decimal cell (`[+-]digits[.digits]`, at most 15 digits, no spaces), or
 * NaN when the cell is anything else and needs the general parser. Exactly `Number(text)`: the
 * digits form an integer below 2^53 and 10^scale is exact, so the one division is correctly
 * rounded (Clinger's fast path). Runs once per numeric cell of an import, where the general
 * path's trim, marker lookup and string-to-number conversion cost several times more.
 */
export function parsePlainDecimal(text: string): number {
  const length = text.length;
  let i = 0;
  let code = text.charCodeAt(0);
  const negative = code === 45;
  if (negative || code === 43) i++;
  let mantissa = 0;
  let digits = 0;
  let scale = 0;
  for (; i < length; i++) {
    code = text.charCodeAt(i);
    if (code < 48 || code > 57) break;
    mantissa = mantissa * 10 + (code - 48);
    digits++;
  }
  if (i < length && code === 46) {
    for (i++; i < length; i++) {
      code = text.charCodeAt(i);
      if (code < 48 || code > 57) break;
      mantissa = mantissa * 10 + (code - 48);
      digits++;
      scale++;
    }
  }
  if (i !== length || digits === 0 || digits > 15) return NaN;
  const value = mantissa / (POW10[scale] as number);
  return negative ? -value : value;
}

/**
 * Whether a numeric column may take parsePlainDecimal's answer as is: a decimal comma or a
 * `.` thousands separator reads plain decimals differently, and a missing-value marker that
 * is itself a plain decimal (say -999) must still be caught by the general path.
 */
function allowsPlainDecimals(plan: ColumnPlan, options: ValueOptions): boolean {
  return (
    (plan.type === 'numeric' || plan.type === 'integer') &&
    !options.decimalComma &&
    options.thousandsSeparator !== '.' &&
    options.missingMarkers.every((marker) => Number.isNaN(parsePlainDecimal(marker.trim())))
  );
}

export function isFloatType(type: ColumnType): boolean {
  return type === 'numeric' || type === 'integer' || type === 'boolean' || type === 'datetime';
}

interface FloatBuffer {
  kind: 'float64';
  values: Float64Array;
  convert: (text: string) => number | null;
}
interface CodeBuffer {
  kind: 'codes';
  codes: Uint32Array;
  lookup: Map<string, number>;
  dictionary: string[];
}
interface StringBuffer {
  kind: 'strings';
  values: (string | null)[];
}
type Buffer = FloatBuffer | CodeBuffer | StringBuffer;

function converterOf(plan: ColumnPlan, options: ValueOptions): (text: string) => number | null {
  switch (plan.type) {
    case 'boolean':
      return (text) => {
        const value = parseBoolean(text);
        return value === null ? null : value ? 1 : 0;
      };
    case 'datetime':
      return (text) => parseDate(text, plan.dateOrder);
    default:
      return (text) => parseNumber(text, options);
  }
}

export class ChunkAccumulator {
  readonly invalidCounts: number[];
  readonly #plans: readonly ColumnPlan[];
  /** A Set, not the options' array: this lookup runs once per cell. */
  readonly #markers: ReadonlySet<string>;
  readonly #chunkRows: number;
  readonly #buffers: Buffer[];
  /** Per column: whether plain decimals go straight into the float buffer. */
  readonly #plain: boolean[];
  #length = 0;

  constructor(plans: readonly ColumnPlan[], options: ValueOptions, chunkRows = CHUNK_ROWS) {
    this.#plans = plans;
    this.#markers = new Set(options.missingMarkers);
    this.#chunkRows = chunkRows;
    this.invalidCounts = plans.map(() => 0);
    this.#plain = plans.map((plan) => allowsPlainDecimals(plan, options));
    this.#buffers = plans.map((plan): Buffer => {
      if (isFloatType(plan.type)) {
        return {
          kind: 'float64',
          values: new Float64Array(chunkRows),
          convert: converterOf(plan, options),
        };
      }
      if (plan.type === 'categorical') {
        return {
          kind: 'codes',
          codes: new Uint32Array(chunkRows),
          lookup: new Map(),
          dictionary: [],
        };
      }
      return { kind: 'strings', values: [] };
    });
  }

  get length(): number {
    return this.#length;
  }

  get isFull(): boolean {
    return this.#length >= this.#chunkRows;
  }

  /** Appends one row whose width already matches the columns. */
  add(row: readonly (string | null)[]): void {
    const at = this.#length;
    const plain = this.#plain;
    for (let c = 0; c < this.#buffers.length; c++) {
      const buffer = this.#buffers[c] as Buffer;
      const cell = row[c] ?? null;
      if (plain[c] && cell !== null) {
        const value = parsePlainDecimal(cell);
        if (!Number.isNaN(value)) {
          (buffer as FloatBuffer).values[at] = value;
          continue;
        }
      }
      const trimmed = cell === null ? '' : cell.trim();
      const isMissing = cell === null || this.#markers.has(trimmed);
      if (buffer.kind === 'float64') {
        let value = NaN;
        if (!isMissing) {
          const parsed = buffer.convert(trimmed);
          if (parsed === null) this.invalidCounts[c] = (this.invalidCounts[c] as number) + 1;
          else value = parsed;
        }
        buffer.values[at] = value;
      } else if (buffer.kind === 'codes') {
        if (isMissing) buffer.codes[at] = MISSING_CODE;
        else {
          const text = trimmed;
          let code = buffer.lookup.get(text);
          if (code === undefined) {
            code = buffer.dictionary.length;
            buffer.dictionary.push(text);
            buffer.lookup.set(text, code);
          }
          buffer.codes[at] = code;
        }
      } else {
        buffer.values.push(isMissing ? null : (cell as string));
      }
    }
    this.#length++;
  }

  /**
   * The filled rows as one chunk per column, and an empty accumulator. A full buffer is handed
   * over as it is and replaced by a fresh one (allocating is cheaper than copying); a partial
   * one is copied to its length.
   */
  takeChunk(): ColumnChunk[] {
    const length = this.#length;
    const isFull = length === this.#chunkRows;
    this.#length = 0;
    return this.#buffers.map((buffer): ColumnChunk => {
      if (buffer.kind === 'float64') {
        if (!isFull) return { kind: 'float64', values: buffer.values.slice(0, length) };
        const values = buffer.values;
        buffer.values = new Float64Array(this.#chunkRows);
        return { kind: 'float64', values };
      }
      if (buffer.kind === 'codes') {
        if (!isFull) return { kind: 'codes', codes: buffer.codes.slice(0, length) };
        const codes = buffer.codes;
        buffer.codes = new Uint32Array(this.#chunkRows);
        return { kind: 'codes', codes };
      }
      const values = buffer.values;
      buffer.values = [];
      return { kind: 'strings', values };
    });
  }

  /** Per column: the categorical dictionary so far, or null for other types. */
  dictionaries(): (string[] | null)[] {
    return this.#buffers.map((buffer) => (buffer.kind === 'codes' ? buffer.dictionary : null));
  }

  get plans(): readonly ColumnPlan[] {
    return this.#plans;
  }
}
