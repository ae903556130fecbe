/**
 * Pearson correlation of the numeric and integer columns, streamed chunk by chunk over
 * pairwise complete rows: per pair the running count, means, squared deviations and
 * co-moment. Chunks without missing values merge in by Chan et al.'s update; others fall
 * back to Welford's row-by-row update, skipping rows where either value is missing.
 */
import type { ColumnChunk, ColumnType } from '../contracts/data';

export const MAX_CORRELATION_COLUMNS = 50;

interface Centred {
  mean: number;
  deviations: Float64Array;
  squares: number;
}

/**
 * Dot products of `x` with up to four columns in one pass (out[i] = x·ys[i]); each sum runs
 * in row order, so the result is the same as four separate loops.
 */
function crossProducts(x: Float64Array, ys: readonly Float64Array[], out: Float64Array): void {
  const n = x.length;
  const [y0, y1, y2, y3] = ys;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  if (y0 && y1 && y2 && y3) {
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      c0 += xi * (y0[i] as number);
      c1 += xi * (y1[i] as number);
      c2 += xi * (y2[i] as number);
      c3 += xi * (y3[i] as number);
    }
  } else {
    for (let j = 0; j < ys.length; j++) {
      const y = ys[j] as Float64Array;
      let c = 0;
      for (let i = 0; i < n; i++) c += (x[i] as number) * (y[i] as number);
      if (j === 0) c0 = c;
      else if (j === 1) c1 = c;
      else c2 = c;
    }
  }
  out[0] = c0;
  out[1] = c1;
  out[2] = c2;
  out[3] = c3;
}

export class CorrelationAccumulator {
  /** Indexes of the correlated columns among all columns. */
  readonly columns: number[];
  /** Per pair (i < j over `columns`): n, meanX, meanY, m2X, m2Y, cXY. */
  readonly #pairs: Float64Array;
  /** Per correlated column: its deviations from the chunk mean, reused chunk after chunk. */
  readonly #scratch: Float64Array[] = [];

  constructor(types: readonly ColumnType[]) {
    this.columns = types
      .map((type, index) => (type === 'numeric' || type === 'integer' ? index : -1))
      .filter((index) => index >= 0)
      .slice(0, MAX_CORRELATION_COLUMNS);
    const k = this.columns.length;
    this.#pairs = new Float64Array(((k * (k - 1)) / 2) * 6);
  }

  /** One chunk per column (all columns), all for the same rows. */
  add(chunks: readonly ColumnChunk[]): void {
    const columns = this.columns.map((index) => (chunks[index] as { values: Float64Array }).values);
    // Columns without missing values in this chunk take the fast path: deviations from the
    // chunk mean once per column (into reused scratch arrays), dot products per pair, merged
    // into the running co-moments with Chan et al.'s pairwise update.
    const centred = columns.map((values, k) => this.#centre(values, k));
    const k = columns.length;
    const cross = new Float64Array(4);
    for (let a = 0; a < k; a++) {
      const ca = centred[a];
      // Pairs (a, b) whose columns are both complete, four at a time: each of a's deviations
      // is read once for four products.
      const complete: number[] = [];
      for (let b = a + 1; b < k; b++) {
        if (ca && centred[b]) complete.push(b);
        else {
          const p = this.#pairOffset(a, b);
          this.#addPairRows(p, columns[a] as Float64Array, columns[b] as Float64Array);
        }
      }
      if (!ca) continue;
      for (let at = 0; at < complete.length; at += 4) {
        const group = complete.slice(at, at + 4);
        crossProducts(
          ca.deviations,
          group.map((b) => (centred[b] as Centred).deviations),
          cross,
        );
        group.forEach((b, i) => {
          this.#mergePair(this.#pairOffset(a, b), ca, centred[b] as Centred, cross[i] as number);
        });
      }
    }
  }

  /** Offset in #pairs of the pair (a, b), a < b: pairs run a-major over the upper triangle. */
  #pairOffset(a: number, b: number): number {
    const k = this.columns.length;
    return (a * k - (a * (a + 1)) / 2 + (b - a - 1)) * 6;
  }

  #centre(values: Float64Array, column: number): Centred | null {
    let sum = 0;
    for (let i = 0; i < values.length; i++) sum += values[i] as number;
    if (Number.isNaN(sum)) return null;
    const mean = sum / values.length;
    let deviations = this.#scratch[column];
    if (deviations?.length !== values.length) {
      deviations = new Float64Array(values.length);
      this.#scratch[column] = deviations;
    }
    let squares = 0;
    for (let i = 0; i < values.length; i++) {
      const d = (values[i] as number) - mean;
      deviations[i] = d;
      squares += d * d;
    }
    return { mean, deviations, squares };
  }

  #mergePair(p: number, x: Centred, y: Centred, cross: number): void {
    const pairs = this.#pairs;
    const nB = x.deviations.length;
    if (nB === 0) return;
    const nA = pairs[p] as number;
    const n = nA + nB;
    const deltaX = x.mean - (pairs[p + 1] as number);
    const deltaY = y.mean - (pairs[p + 2] as number);
    const weight = (nA * nB) / n;
    pairs[p] = n;
    pairs[p + 1] = (pairs[p + 1] as number) + (deltaX * nB) / n;
    pairs[p + 2] = (pairs[p + 2] as number) + (deltaY * nB) / n;
    pairs[p + 3] = (pairs[p + 3] as number) + x.squares + deltaX * deltaX * weight;
    pairs[p + 4] = (pairs[p + 4] as number) + y.squares + deltaY * deltaY * weight;
    pairs[p + 5] = (pairs[p + 5] as number) + cross + deltaX * deltaY * weight;
  }

  /** Welford's update row by row, skipping rows where either value is missing. */
  #addPairRows(p: number, xs: Float64Array, ys: Float64Array): void {
    const pairs = this.#pairs;
    let n = pairs[p] as number;
    let mx = pairs[p + 1] as number;
    let my = pairs[p + 2] as number;
    let sx = pairs[p + 3] as number;
    let sy = pairs[p + 4] as number;
    let cxy = pairs[p + 5] as number;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      const y = ys[i] as number;
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      n++;
      const dx = x - mx;
      mx += dx / n;
      const dy = y - my;
      my += dy / n;
      sx += dx * (x - mx);
      sy += dy * (y - my);
      cxy += dx * (y - my);
    }
    pairs.set([n, mx, my, sx, sy, cxy], p);
  }

  /** Pearson's r; 1 on the diagonal unless the column is constant (NaN), NaN when undefined. */
  matrix(): number[][] {
    const k = this.columns.length;
    const matrix = this.columns.map((_, i) => this.columns.map((__, j) => (i === j ? 1 : NaN)));
    let p = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a + 1; b < k; b++, p += 6) {
        const sx = this.#pairs[p + 3] as number;
        const sy = this.#pairs[p + 4] as number;
        const r = (this.#pairs[p + 5] as number) / Math.sqrt(sx * sy);
        const value = Number.isFinite(r) ? Math.max(-1, Math.min(1, r)) : NaN;
        (matrix[a] as number[])[b] = value;
        (matrix[b] as number[])[a] = value;
      }
    }
    return matrix;
  }
}
