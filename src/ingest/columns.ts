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
  #length = 0;

  constructor(plans: readonly ColumnPlan[], options: ValueOptions, chunkRows = CHUNK_ROWS) {
    this.#plans = plans;
    this.#markers = new Set(options.missingMarkers);
    this.#chunkRows = chunkRows;
    this.invalidCounts = plans.map(() => 0);
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
    for (let c = 0; c < this.#buffers.length; c++) {
      const buffer = this.#buffers[c] as Buffer;
      const cell = row[c] ?? null;
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

  /** The filled rows as one chunk per column (copies), and an empty accumulator. */
  takeChunk(): ColumnChunk[] {
    const length = this.#length;
    this.#length = 0;
    return this.#buffers.map((buffer): ColumnChunk => {
      if (buffer.kind === 'float64')
        return { kind: 'float64', values: buffer.values.slice(0, length) };
      if (buffer.kind === 'codes') return { kind: 'codes', codes: buffer.codes.slice(0, length) };
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

/** Bytes a chunk takes in storage (strings counted at 2 bytes a character). */
export function chunkBytes(chunk: ColumnChunk): number {
  switch (chunk.kind) {
    case 'float64':
      return chunk.values.byteLength;
    case 'codes':
      return chunk.codes.byteLength;
    default:
      return chunk.values.reduce((sum, value) => sum + 2 * (value?.length ?? 0) + 8, 0);
  }
}
