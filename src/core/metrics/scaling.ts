/**
 * Column scaling as scikit-learn 1.2's StandardScaler and MinMaxScaler do it: fit parameters on
 * one matrix, apply them to any matrix with the same columns. Standard scaling uses the
 * population standard deviation (ddof 0); a constant column gets scale 1, so it maps to 0
 * instead of NaN.
 */
import { assertMatrix, type Matrix } from './validate';

export interface ColumnScaler {
  /** Subtracted from each column first. */
  offset: number[];
  /** Each column is then divided by this (never 0). */
  scale: number[];
}

const EPS = Number.EPSILON;

/** Column means and population variances with the corrected two-pass algorithm sklearn uses. */
function columnMoments(x: Matrix, d: number): { mean: number[]; variance: number[] } {
  const n = x.length;
  const mean = new Array<number>(d).fill(0);
  for (const row of x) for (let j = 0; j < d; j++) mean[j]! += row[j] as number;
  for (let j = 0; j < d; j++) mean[j]! /= n;
  const variance = new Array<number>(d).fill(0);
  const correction = new Array<number>(d).fill(0);
  for (const row of x) {
    for (let j = 0; j < d; j++) {
      const diff = (row[j] as number) - (mean[j] as number);
      correction[j]! += diff;
      variance[j]! += diff * diff;
    }
  }
  for (let j = 0; j < d; j++) {
    variance[j] = ((variance[j] as number) - (correction[j] as number) ** 2 / n) / n;
  }
  return { mean, variance };
}

export function fitStandardScaler(x: Matrix): ColumnScaler {
  const d = assertMatrix('fitStandardScaler', x);
  const n = x.length;
  const { mean, variance } = columnMoments(x, d);
  const scale = variance.map((v, j) => {
    // sklearn's _is_constant_feature: variance within rounding error of zero.
    const m = mean[j] as number;
    const bound = n * EPS * v + (n * m * EPS) ** 2;
    return v <= bound ? 1 : Math.sqrt(v);
  });
  return { offset: mean, scale };
}

export function fitMinMaxScaler(x: Matrix): ColumnScaler {
  const d = assertMatrix('fitMinMaxScaler', x);
  const min = new Array<number>(d).fill(Number.POSITIVE_INFINITY);
  const max = new Array<number>(d).fill(Number.NEGATIVE_INFINITY);
  for (const row of x) {
    for (let j = 0; j < d; j++) {
      const v = row[j] as number;
      if (v < (min[j] as number)) min[j] = v;
      if (v > (max[j] as number)) max[j] = v;
    }
  }
  const scale = max.map((hi, j) => {
    const range = hi - (min[j] as number);
    return range < 10 * EPS ? 1 : range;
  });
  return { offset: min, scale };
}

export function applyScaler(x: Matrix, { offset, scale }: ColumnScaler): number[][] {
  const d = assertMatrix('applyScaler', x);
  if (d !== offset.length) {
    throw new RangeError(`applyScaler: X has ${d} columns, the scaler ${offset.length}`);
  }
  return x.map((row) => {
    const out = new Array<number>(d);
    for (let j = 0; j < d; j++)
      out[j] = ((row[j] as number) - (offset[j] as number)) / (scale[j] as number);
    return out;
  });
}

export function standardScale(x: Matrix): number[][] {
  return applyScaler(x, fitStandardScaler(x));
}

export function minMaxScale(x: Matrix): number[][] {
  return applyScaler(x, fitMinMaxScaler(x));
}
