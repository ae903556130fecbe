/**
 * Shared fixtures for the linear/SVM/clustering tests: seeded Gaussian blobs, a matrix
 * builder, label-permutation-free agreement, and the shipped CSVs read the way the sklearn
 * reference script reads them (no quoted fields in these files, so a split on commas is enough).
 */
import { readFileSync } from 'node:fs';
import { createRng, normalSample } from '../../../../src/core/rng';
import { denseMatrix, type DenseMatrix } from '../../../../src/ml/classical/types';

export function matrix(rows: readonly (readonly number[])[]): DenseMatrix {
  return denseMatrix(rows.length, rows[0]?.length ?? 0, rows.flat());
}

/** `perClass` points around each centre with standard deviation `spread`. */
export function blobs(
  centres: readonly (readonly number[])[],
  perClass: number,
  spread: number,
  seed: number,
): { x: DenseMatrix; y: Int32Array } {
  const rng = createRng(seed);
  const d = centres[0]!.length;
  const x = denseMatrix(centres.length * perClass, d);
  const y = new Int32Array(centres.length * perClass);
  centres.forEach((centre, c) => {
    for (let p = 0; p < perClass; p++) {
      const i = c * perClass + p;
      y[i] = c;
      for (let j = 0; j < d; j++) x.data[i * d + j] = centre[j]! + spread * normalSample(rng);
    }
  });
  return { x, y };
}

/** True when `a` and `b` induce the same partition (labels equal up to renaming). */
export function samePartition(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  const forward = new Map<number, number>();
  const backward = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const u = a[i]!;
    const v = b[i]!;
    if ((forward.get(u) ?? v) !== v || (backward.get(v) ?? u) !== u) return false;
    forward.set(u, v);
    backward.set(v, u);
  }
  return true;
}

export interface CsvTable {
  header: string[];
  rows: string[][];
}

export function readDataset(id: string): CsvTable {
  const text = readFileSync(
    new URL(`../../../../public/datasets/${id}.csv`, import.meta.url),
    'utf8',
  );
  const lines = text.split(/\r?\n/).filter((line) => line.length > 0);
  return { header: lines[0]!.split(','), rows: lines.slice(1).map((line) => line.split(',')) };
}

/** Numeric columns `features` of the rows with no blank in `features` or `target`. */
export function numericColumns(table: CsvTable, features: readonly string[], target: string) {
  const index = (name: string) => table.header.indexOf(name);
  const used = [...features, target].map(index);
  const rows = table.rows.filter((row) => used.every((c) => (row[c] ?? '').trim() !== ''));
  const x = denseMatrix(
    rows.length,
    features.length,
    rows.flatMap((row) => features.map((f) => Number(row[index(f)]))),
  );
  return { x, target: rows.map((row) => row[index(target)]!) };
}

/** Standardise with the mean and population std of the rows in `fit`, as StandardScaler. */
export function standardise(x: DenseMatrix, fit: readonly number[]): DenseMatrix {
  const d = x.cols;
  const mean = new Float64Array(d);
  const sd = new Float64Array(d);
  for (const i of fit) for (let j = 0; j < d; j++) mean[j]! += x.data[i * d + j]! / fit.length;
  for (const i of fit)
    for (let j = 0; j < d; j++) sd[j]! += (x.data[i * d + j]! - mean[j]!) ** 2 / fit.length;
  const out = denseMatrix(x.rows, d);
  for (let i = 0; i < x.rows; i++) {
    for (let j = 0; j < d; j++) {
      const s = Math.sqrt(sd[j]!);
      out.data[i * d + j] = (x.data[i * d + j]! - mean[j]!) / (s === 0 ? 1 : s);
    }
  }
  return out;
}

export function takeRows(x: DenseMatrix, rows: readonly number[]): DenseMatrix {
  const out = denseMatrix(rows.length, x.cols);
  rows.forEach((r, i) => out.data.set(x.data.subarray(r * x.cols, (r + 1) * x.cols), i * x.cols));
  return out;
}
