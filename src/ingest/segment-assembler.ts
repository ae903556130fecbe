/**
 * Puts parsed segments back together in file order: categorical codes moved from each
 * segment's own dictionary onto one dictionary for the dataset (in order of first appearance,
 * as the single parser builds it), and rows copied onto the dataset's grid of `chunkRows`-row
 * chunks. Given the segments of a file in order, the chunks, dictionaries and counts equal what
 * ChunkAccumulator makes of the same rows.
 */
import type { ColumnChunk } from '../contracts/data';
import { MISSING_CODE } from '../contracts/data';
import { isFloatType } from './columns';
import type { ColumnPlan } from './infer';
import type { SegmentResult } from './csv-segments';

type GridBuffer =
  | { kind: 'float64'; values: Float64Array }
  | { kind: 'codes'; codes: Uint32Array; lookup: Map<string, number>; dictionary: string[] }
  | { kind: 'strings'; values: (string | null)[] };

export class SegmentAssembler {
  rows = 0;
  /** Non-blank records of the file so far, header and skipped rows included. */
  records = 0;
  padded = 0;
  skipped = 0;
  readonly invalidCounts: number[];
  readonly #chunkRows: number;
  readonly #buffers: GridBuffer[];
  readonly #emit: (chunks: ColumnChunk[]) => Promise<void>;
  #filled = 0;

  constructor(
    plans: readonly ColumnPlan[],
    chunkRows: number,
    emit: (chunks: ColumnChunk[]) => Promise<void>,
  ) {
    this.#chunkRows = chunkRows;
    this.#emit = emit;
    this.invalidCounts = plans.map(() => 0);
    this.#buffers = plans.map((plan): GridBuffer => {
      if (isFloatType(plan.type)) return { kind: 'float64', values: new Float64Array(chunkRows) };
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

  /** Adds the next segment's rows; every chunk the grid fills is emitted (awaited) in order. */
  async add(segment: SegmentResult): Promise<void> {
    this.records += segment.records;
    this.padded += segment.padded;
    this.skipped += segment.skipped;
    segment.invalidCounts.forEach((count, c) => {
      this.invalidCounts[c] = (this.invalidCounts[c] as number) + count;
    });
    const codeMaps = this.#buffers.map((buffer, c) =>
      buffer.kind === 'codes' ? this.#codeMap(buffer, segment.dictionaries[c] ?? []) : null,
    );
    for (const part of segment.parts) {
      let from = 0;
      while (from < part.rows) {
        const count = Math.min(part.rows - from, this.#chunkRows - this.#filled);
        this.#copy(part.chunks, codeMaps, from, count);
        from += count;
        this.#filled += count;
        this.rows += count;
        if (this.#filled === this.#chunkRows) await this.#emit(this.#take());
      }
    }
  }

  /** Emits the last, partial chunk, if any. */
  async finish(): Promise<void> {
    if (this.#filled > 0) await this.#emit(this.#take());
  }

  dictionaries(): (string[] | null)[] {
    return this.#buffers.map((buffer) => (buffer.kind === 'codes' ? buffer.dictionary : null));
  }

  /** For each of a segment's codes, the dataset's code for the same text. */
  #codeMap(buffer: GridBuffer & { kind: 'codes' }, local: readonly string[]): Uint32Array {
    const map = new Uint32Array(local.length);
    local.forEach((text, code) => {
      let global = buffer.lookup.get(text);
      if (global === undefined) {
        global = buffer.dictionary.length;
        buffer.dictionary.push(text);
        buffer.lookup.set(text, global);
      }
      map[code] = global;
    });
    return map;
  }

  #copy(
    chunks: readonly ColumnChunk[],
    codeMaps: readonly (Uint32Array | null)[],
    from: number,
    count: number,
  ): void {
    const at = this.#filled;
    this.#buffers.forEach((buffer, c) => {
      const chunk = chunks[c] as ColumnChunk;
      if (buffer.kind === 'float64' && chunk.kind === 'float64') {
        buffer.values.set(chunk.values.subarray(from, from + count), at);
      } else if (buffer.kind === 'codes' && chunk.kind === 'codes') {
        const map = codeMaps[c] as Uint32Array;
        const source = chunk.codes;
        const target = buffer.codes;
        for (let i = 0; i < count; i++) {
          const code = source[from + i] as number;
          target[at + i] = code === MISSING_CODE ? MISSING_CODE : (map[code] as number);
        }
      } else if (buffer.kind === 'strings' && chunk.kind === 'strings') {
        for (let i = 0; i < count; i++) buffer.values.push(chunk.values[from + i] ?? null);
      } else {
        throw new Error(`segment column ${c} is ${chunk.kind}, the dataset's is ${buffer.kind}`);
      }
    });
  }

  /** The filled grid chunk, handed over: full buffers as they are, a partial one copied. */
  #take(): ColumnChunk[] {
    const length = this.#filled;
    const isFull = length === this.#chunkRows;
    this.#filled = 0;
    return this.#buffers.map((buffer): ColumnChunk => {
      if (buffer.kind === 'float64') {
        const values = isFull ? buffer.values : buffer.values.slice(0, length);
        if (isFull) buffer.values = new Float64Array(this.#chunkRows);
        return { kind: 'float64', values };
      }
      if (buffer.kind === 'codes') {
        const codes = isFull ? buffer.codes : buffer.codes.slice(0, length);
        if (isFull) buffer.codes = new Uint32Array(this.#chunkRows);
        return { kind: 'codes', codes };
      }
      const values = buffer.values;
      buffer.values = [];
      return { kind: 'strings', values };
    });
  }
}
