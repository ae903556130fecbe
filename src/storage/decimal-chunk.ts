/**
 * A float column chunk stored as 32-bit integers over a power of ten, when that is exact.
 *
 * Most numeric CSV columns are decimals with a few fraction digits ("20.221", "-5.8"): a
 * million rows × 20 such columns is 160 MB as Float64 but 80 MB as Int32, and IndexedDB's cost
 * (structured clone, the browser's blob files) goes with the bytes. The encoding is kept only
 * when every value decodes back to the very same double — checked value by value with the same
 * division the decoder does — so reading a chunk gives exactly what was parsed; any other chunk
 * (an infinity, −0, more than nine fraction digits, a magnitude past 2^31) stays Float64.
 */
import type { ColumnChunk } from '../contracts/data';

export interface DecimalChunk {
  kind: 'decimal32';
  /** value × 10^exponent; MISSING_MANTISSA for a missing value (NaN). */
  mantissas: Int32Array;
  exponent: number;
}

/** Missing values: the one int32 whose negation does not fit, never a value's mantissa. */
export const MISSING_MANTISSA = -0x80000000;
const MAX_EXPONENT = 9;
const POWERS_OF_TEN = Array.from({ length: MAX_EXPONENT + 1 }, (_, k) => 10 ** k);

const MAX_MANTISSA = 0x7fffffff;

/** Whether `mantissa / scale` is the stored value itself, within int32 and not −0. */
function holds(value: number, mantissa: number, scale: number): boolean {
  return (
    mantissa <= MAX_MANTISSA &&
    mantissa > MISSING_MANTISSA &&
    mantissa / scale === value &&
    (value !== 0 || 1 / value > 0)
  );
}

/**
 * The chunk as decimal mantissas over the fewest fraction digits that hold every value, or
 * null when some value is not such a decimal. One pass: a value that needs more digits than
 * the values before it scales their mantissas up (the same decimals, so the same doubles).
 */
export function encodeDecimal(values: Float64Array): DecimalChunk | null {
  const mantissas = new Int32Array(values.length);
  let exponent = 0;
  let scale = 1;
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value !== value) {
      mantissas[i] = MISSING_MANTISSA;
      continue;
    }
    let mantissa = Math.round(value * scale);
    if (!holds(value, mantissa, scale)) {
      const before = exponent;
      do {
        if (exponent === MAX_EXPONENT) return null;
        scale = POWERS_OF_TEN[++exponent] as number;
        mantissa = Math.round(value * scale);
      } while (mantissa / scale !== value);
      if (!holds(value, mantissa, scale) || !rescale(mantissas, i, exponent - before)) return null;
    }
    mantissas[i] = mantissa;
  }
  return { kind: 'decimal32', mantissas, exponent };
}

/** Multiplies the first `count` mantissas by 10^digits; false when one leaves int32. */
function rescale(mantissas: Int32Array, count: number, digits: number): boolean {
  const factor = POWERS_OF_TEN[digits] as number;
  for (let j = 0; j < count; j++) {
    const mantissa = mantissas[j] as number;
    if (mantissa === MISSING_MANTISSA) continue;
    const scaled = mantissa * factor;
    if (scaled > MAX_MANTISSA || scaled <= MISSING_MANTISSA) return false;
    mantissas[j] = scaled;
  }
  return true;
}

export function decodeDecimal(chunk: DecimalChunk): Float64Array {
  const scale = POWERS_OF_TEN[chunk.exponent];
  if (scale === undefined)
    throw new Error(`decimal chunk: exponent ${chunk.exponent} out of range`);
  const { mantissas } = chunk;
  const values = new Float64Array(mantissas.length);
  for (let i = 0; i < mantissas.length; i++) {
    const mantissa = mantissas[i] as number;
    values[i] = mantissa === MISSING_MANTISSA ? Number.NaN : mantissa / scale;
  }
  return values;
}

/** What a chunk record holds in IndexedDB. */
export type StoredColumnChunk = ColumnChunk | DecimalChunk;

/** Bytes a stored chunk takes (strings counted at 2 bytes a character and 8 for each cell). */
export function storedChunkBytes(chunk: StoredColumnChunk): number {
  switch (chunk.kind) {
    case 'decimal32':
      return chunk.mantissas.byteLength;
    case 'float64':
      return chunk.values.byteLength;
    case 'codes':
      return chunk.codes.byteLength;
    default:
      return chunk.values.reduce((sum, value) => sum + 2 * (value?.length ?? 0) + 8, 0);
  }
}

/** The form to store: float chunks as decimals where that is exact, the rest as they are. */
export function toStored(chunk: ColumnChunk): StoredColumnChunk {
  return chunk.kind === 'float64' ? (encodeDecimal(chunk.values) ?? chunk) : chunk;
}

export function fromStored(stored: StoredColumnChunk): ColumnChunk {
  return stored.kind === 'decimal32' ? { kind: 'float64', values: decodeDecimal(stored) } : stored;
}
