/**
 * Small dense linear-algebra helpers for the classical learners: column statistics, a
 * Cholesky solve for symmetric positive-definite systems, and squared Euclidean distances.
 * Plain loops over Float64Array; the matrices here are at most a few thousand rows.
 */
import type { DenseMatrix } from '../types';

/** Column means of a row-major matrix. */
export function columnMeans(x: DenseMatrix): Float64Array {
  const means = new Float64Array(x.cols);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < x.cols; j++) means[j]! += x.data[i * x.cols + j]!;
  }
  for (let j = 0; j < x.cols; j++) means[j]! /= Math.max(x.rows, 1);
  return means;
}

/**
 * Solves A·x = b for symmetric positive-definite A (n×n row-major) by Cholesky. A tiny ridge
 * is added when a pivot vanishes, so collinear columns give the minimum-norm-like answer
 * instead of NaN (numpy's lstsq would use the pseudo-inverse; the fitted values agree).
 */
export function choleskySolve(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const l = new Float64Array(n * n);
  let trace = 0;
  for (let i = 0; i < n; i++) trace += a[i * n + i]!;
  const jitter = Math.max(trace / Math.max(n, 1), 1) * 1e-12;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= l[i * n + k]! * l[j * n + k]!;
      if (i === j) {
        l[i * n + i] = Math.sqrt(sum > jitter ? sum : jitter);
      } else {
        l[i * n + j] = sum / l[j * n + j]!;
      }
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i]!;
    for (let k = 0; k < i; k++) sum -= l[i * n + k]! * y[k]!;
    y[i] = sum / l[i * n + i]!;
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let k = i + 1; k < n; k++) sum -= l[k * n + i]! * x[k]!;
    x[i] = sum / l[i * n + i]!;
  }
  return x;
}

/** Squared Euclidean distance between row i of a and row j of b. */
export function squaredDistance(a: DenseMatrix, i: number, b: DenseMatrix, j: number): number {
  let sum = 0;
  const d = a.cols;
  const ai = i * d;
  const bj = j * b.cols;
  for (let k = 0; k < d; k++) {
    const diff = a.data[ai + k]! - b.data[bj + k]!;
    sum += diff * diff;
  }
  return sum;
}

/** Row-major copy as number[][] for the metric helpers and umap-js. */
export function toRows(x: DenseMatrix): number[][] {
  const rows: number[][] = [];
  for (let i = 0; i < x.rows; i++)
    rows.push(Array.from(x.data.subarray(i * x.cols, (i + 1) * x.cols)));
  return rows;
}

/** Numerically stable log(sum(exp(v))) over v[start..start+len). */
export function logSumExp(v: Float64Array, start: number, len: number): number {
  let max = -Infinity;
  for (let k = 0; k < len; k++) max = Math.max(max, v[start + k]!);
  if (max === -Infinity) return max;
  let sum = 0;
  for (let k = 0; k < len; k++) sum += Math.exp(v[start + k]! - max);
  return max + Math.log(sum);
}
