/**
 * Pearson correlation of the numeric and integer columns, streamed chunk by chunk over
 * pairwise complete rows: per pair the running count, means, squared deviations and
 * co-moment. Chunks without missing values merge in by Chan et al.'s update; others fall
 * back to Welford's row-by-row update, skipping rows where either value is missing.
 */
import type { ColumnChunk, ColumnType } from '../contracts/data';

export const MAX_CORRELATION_COLUMNS = 50;

export class CorrelationAccumulator {
  /** Indexes of the correlated columns among all columns. */
  readonly columns: number[];
  /** Per pair (i < j over `columns`): n, meanX, meanY, m2X, m2Y, cXY. */
  readonly #pairs: Float64Array;

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
    // chunk mean once per column, one dot product per pair, merged into the running
    // co-moments with Chan et al.'s pairwise update.
    const centred = columns.map((values) => {
      let sum = 0;
      for (const value of values) sum += value;
      if (Number.isNaN(sum)) return null;
      const mean = sum / values.length;
      const deviations = new Float64Array(values.length);
      let squares = 0;
      for (let i = 0; i < values.length; i++) {
        const d = (values[i] as number) - mean;
        deviations[i] = d;
        squares += d * d;
      }
      return { mean, deviations, squares };
    });
    let p = 0;
    for (let a = 0; a < columns.length; a++) {
      for (let b = a + 1; b < columns.length; b++, p += 6) {
        const ca = centred[a];
        const cb = centred[b];
        if (ca && cb) this.#mergePair(p, ca, cb);
        else this.#addPairRows(p, columns[a] as Float64Array, columns[b] as Float64Array);
      }
    }
  }

  #mergePair(
    p: number,
    x: { mean: number; deviations: Float64Array; squares: number },
    y: { mean: number; deviations: Float64Array; squares: number },
  ): void {
    const pairs = this.#pairs;
    const nB = x.deviations.length;
    if (nB === 0) return;
    let cross = 0;
    const dx = x.deviations;
    const dy = y.deviations;
    for (let i = 0; i < nB; i++) cross += (dx[i] as number) * (dy[i] as number);
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
