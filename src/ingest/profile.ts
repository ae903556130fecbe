/**
 * Dataset profiles computed chunk by chunk, so an import can profile while it streams and
 * never holds more than one chunk per column plus bounded summaries.
 *
 * Numeric-like columns: mean and sample standard deviation from per-chunk moments merged with
 * Chan et al.'s update; quartiles (numpy's linear interpolation, by quickselect rather than a
 * full sort) and a histogram, exact up to EXACT_VALUES non-missing values and from a seeded
 * uniform reservoir sample beyond that (`isExact: false`). Categorical columns count codes;
 * distinct counts of other columns stop at DISTINCT_CAP (NUMERIC_DISTINCT_CAP for numbers).
 * Correlation is Pearson's r over pairwise complete rows of the numeric and integer columns
 * (at most MAX_CORRELATION_COLUMNS), by streaming co-moments.
 */
import type {
  ColumnChunk,
  ColumnProfile,
  ColumnType,
  DatasetId,
  DatasetProfile,
} from '../contracts/data';
import { MISSING_CODE } from '../contracts/data';
import { createRng, type Rng } from '../core/rng';
import { CorrelationAccumulator } from './correlation';
import { histogramOf, quantilesInPlace, quantilesOfParts, type Sample } from './distribution';

export const EXACT_VALUES = 1 << 22;

const QUARTILES = [0.25, 0.5, 0.75];
export const DISTINCT_CAP = 100_000;
/** Lower for numbers: each lookup boxes a double, and "10,000 or more" says enough there. */
export const NUMERIC_DISTINCT_CAP = 10_000;
export const TOP_CATEGORIES = 10;
export const SAMPLE_VALUES = 5;

interface ColumnState {
  name: string;
  type: ColumnType;
  count: number;
  missing: number;
  mean: number;
  m2: number;
  min: number;
  max: number;
  sample: Float64Array;
  sampleSize: number;
  /**
   * Exact values not yet copied into `sample`: whole chunks kept by reference (or their
   * non-missing values), concatenated once at the end rather than copied into a doubling
   * array chunk after chunk.
   */
  parts: Float64Array[];
  partsLength: number;
  distinct: Set<number | string>;
  distinctIsCapped: boolean;
  codeCounts: number[];
  samples: string[];
}

function sampleText(type: ColumnType, value: number): string {
  if (type === 'datetime') return new Date(value).toISOString();
  if (type === 'boolean') return value === 1 ? 'true' : 'false';
  return String(value);
}

export class DatasetProfiler {
  readonly #columns: ColumnState[];
  readonly #rng: Rng = createRng(20_240_601);
  readonly #correlation: CorrelationAccumulator;
  #rows = 0;

  constructor(columns: readonly { name: string; type: ColumnType }[]) {
    this.#columns = columns.map((column) => ({
      ...column,
      count: 0,
      missing: 0,
      mean: 0,
      m2: 0,
      min: Infinity,
      max: -Infinity,
      sample: new Float64Array(0),
      sampleSize: 0,
      parts: [],
      partsLength: 0,
      distinct: new Set(),
      distinctIsCapped: false,
      codeCounts: [],
      samples: [],
    }));
    this.#correlation = new CorrelationAccumulator(columns.map((column) => column.type));
  }

  /**
   * One chunk per column, all for the same rows. Float chunks may be kept by reference until
   * `finish`: callers hand over chunks they no longer change.
   */
  add(chunks: readonly ColumnChunk[]): void {
    chunks.forEach((chunk, index) => this.#addColumn(this.#columns[index] as ColumnState, chunk));
    this.#correlation.add(chunks);
    const first = chunks[0];
    if (first) this.#rows += first.kind === 'codes' ? first.codes.length : first.values.length;
  }

  #addColumn(state: ColumnState, chunk: ColumnChunk): void {
    if (chunk.kind === 'float64') this.#addFloats(state, chunk.values);
    else if (chunk.kind === 'codes') {
      for (const code of chunk.codes) {
        if (code === MISSING_CODE) state.missing++;
        else {
          state.count++;
          state.codeCounts[code] = (state.codeCounts[code] ?? 0) + 1;
        }
      }
    } else if (chunk.kind === 'strings') {
      for (const value of chunk.values) {
        if (value === null) state.missing++;
        else {
          state.count++;
          this.#noteDistinct(state, value, value);
        }
      }
    }
  }

  #noteDistinct(state: ColumnState, key: number | string, text: string): void {
    if (state.distinctIsCapped || state.distinct.has(key)) return;
    if (state.samples.length < SAMPLE_VALUES) state.samples.push(text);
    const cap = typeof key === 'number' ? NUMERIC_DISTINCT_CAP : DISTINCT_CAP;
    if (state.distinct.size >= cap) state.distinctIsCapped = true;
    else state.distinct.add(key);
  }

  /**
   * A float chunk at once: its own count, mean and squared deviations (two passes), merged into
   * the column's running values with Chan et al.'s update — as exact as Welford's per-value
   * update, without a division per value.
   */
  #addFloats(state: ColumnState, values: Float64Array): void {
    let count = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    const length = values.length;
    for (let i = 0; i < length; i++) {
      const value = values[i] as number;
      if (Number.isNaN(value)) continue;
      count++;
      sum += value;
      if (value < min) min = value;
      if (value > max) max = value;
    }
    state.missing += length - count;
    if (count === 0) return;
    const mean = sum / count;
    let m2 = 0;
    for (let i = 0; i < length; i++) {
      const value = values[i] as number;
      if (Number.isNaN(value)) continue;
      const d = value - mean;
      m2 += d * d;
    }
    const before = state.count;
    const total = before + count;
    const delta = mean - state.mean;
    state.mean += (delta * count) / total;
    state.m2 += m2 + (delta * delta * before * count) / total;
    state.count = total;
    if (min < state.min) state.min = min;
    if (max > state.max) state.max = max;
    if (!state.distinctIsCapped) {
      for (const value of values) {
        if (state.distinctIsCapped) break;
        if (Number.isNaN(value) || state.distinct.has(value)) continue;
        const text = state.samples.length < SAMPLE_VALUES ? sampleText(state.type, value) : '';
        this.#noteDistinct(state, value, text);
      }
    }
    this.#addToSample(state, values, before);
  }

  /** Keeps every value up to EXACT_VALUES, then a uniform reservoir (Algorithm R). */
  #addToSample(state: ColumnState, values: Float64Array, seenBefore: number): void {
    const count = state.count - seenBefore;
    if (state.sampleSize + state.partsLength + count <= EXACT_VALUES) {
      // Room left: keep the chunk itself, or its non-missing values.
      let part = values;
      if (count !== values.length) {
        part = new Float64Array(count);
        let at = 0;
        for (let i = 0; i < values.length; i++) {
          const value = values[i] as number;
          if (!Number.isNaN(value)) part[at++] = value;
        }
      }
      state.parts.push(part);
      state.partsLength += count;
      return;
    }
    this.#gatherSample(state, EXACT_VALUES);
    let seen = seenBefore;
    for (const value of values) {
      if (Number.isNaN(value)) continue;
      seen++;
      // #gatherSample gave the sample room for EXACT_VALUES.
      if (state.sampleSize < EXACT_VALUES) {
        state.sample[state.sampleSize++] = value;
      } else {
        // The seen-th value replaces a random slot with probability EXACT_VALUES / seen.
        const slot = Math.floor(this.#rng() * seen);
        if (slot < EXACT_VALUES) state.sample[slot] = value;
      }
    }
  }

  /** Copies the kept parts after the sample's values, in an array of `capacity` values. */
  #gatherSample(state: ColumnState, capacity: number): void {
    if (state.parts.length === 0 && state.sample.length === capacity) return;
    const sample = new Float64Array(capacity);
    sample.set(state.sample.subarray(0, state.sampleSize));
    let at = state.sampleSize;
    for (const part of state.parts) {
      sample.set(part, at);
      at += part.length;
    }
    state.sample = sample;
    state.sampleSize = at;
    state.parts = [];
    state.partsLength = 0;
  }

  /** `dictionaries[i]` is column i's categorical dictionary (null for other types). */
  finish(datasetId: DatasetId, dictionaries: readonly (string[] | null)[]): DatasetProfile {
    const columns = this.#columns.map((state, index) =>
      this.#finishColumn(state, dictionaries[index] ?? null),
    );
    const correlated = this.#correlation.columns;
    const names = correlated.map((index) => (this.#columns[index] as ColumnState).name);
    const matrix = this.#correlation.matrix();
    correlated.forEach((index, i) => {
      const state = this.#columns[index] as ColumnState;
      if (state.count < 2 || state.m2 === 0) (matrix[i] as number[])[i] = NaN;
    });
    return { datasetId, rows: this.#rows, columns, correlation: { columns: names, matrix } };
  }

  #finishColumn(state: ColumnState, dictionary: string[] | null): ColumnProfile {
    const total = state.count + state.missing;
    const base = {
      name: state.name,
      type: state.type,
      count: state.count,
      missing: state.missing,
      missingShare: total === 0 ? 0 : state.missing / total,
      distinct: state.distinct.size,
      distinctIsCapped: state.distinctIsCapped,
      numeric: null,
      histogram: null,
      topCategories: null,
      samples: state.samples,
    };
    if (dictionary) {
      const entries = state.codeCounts
        .map((count, code) => ({ value: dictionary[code] ?? '', count: count ?? 0 }))
        .filter((entry) => entry.count > 0);
      const top = [...entries].sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
      return {
        ...base,
        distinct: entries.length,
        topCategories: top.slice(0, TOP_CATEGORIES),
        samples: entries.slice(0, SAMPLE_VALUES).map((entry) => entry.value),
      };
    }
    if (state.type === 'text' || state.type === 'categorical' || state.count === 0) return base;
    const sampleLength = state.sampleSize + state.partsLength;
    // An exact sample still held as its kept chunks is read where it lies, unchanged (joining
    // them copied every value of every column while the import waited); otherwise an array of
    // exactly the sample's values, no longer the state's: the quantiles reorder it.
    let sample: Sample;
    if (state.sampleSize === 0) sample = state.parts;
    else {
      this.#gatherSample(state, sampleLength);
      sample = state.sample;
      state.sample = new Float64Array(0);
      state.sampleSize = 0;
    }
    const isExact = state.count <= EXACT_VALUES;
    // An exact sample holds every value: its range is the column's, known without a pass.
    const range = isExact ? { min: state.min, max: state.max } : undefined;
    const numeric = {
      min: state.min,
      max: state.max,
      mean: state.mean,
      std: state.count > 1 ? Math.sqrt(state.m2 / (state.count - 1)) : 0,
      quartiles: (sample instanceof Float64Array
        ? quantilesInPlace(sample, QUARTILES, range)
        : quantilesOfParts(sample, QUARTILES, range)) as [number, number, number],
      isExact,
    };
    if (state.type === 'boolean') {
      const ones = Math.round(state.mean * state.count);
      return {
        ...base,
        numeric,
        topCategories: [
          { value: 'true', count: ones },
          { value: 'false', count: state.count - ones },
        ].sort((a, b) => b.count - a.count),
      };
    }
    const scale = state.count / sampleLength;
    const isInteger = state.type === 'integer';
    return { ...base, numeric, histogram: histogramOf(sample, scale, isInteger, range) };
  }
}
