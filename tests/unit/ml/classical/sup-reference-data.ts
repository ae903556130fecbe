/**
 * Loads the shipped CSVs and the scikit-learn reference folds (tests/fixtures/
 * classical-reference.json, made by scripts/reference/classical_reference.py) for the parity
 * test. Classes are indexed in sorted order of their names, as the Python script does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { denseMatrix, type DenseMatrix } from '../../../../src/ml/classical/types';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

export interface ReferenceModel {
  scores: number[];
  mean: number;
  fit_seconds_per_fold: number;
  /** Decision trees only: the mean over random_state 0..9. */
  mean_over_seeds_0_9?: number;
}

export interface ReferenceDataset {
  task: 'classification' | 'regression';
  target: string;
  classes: string[];
  rows: number;
  metric: 'accuracy' | 'r2';
  folds: number[][];
  models: Record<string, ReferenceModel>;
}

export interface Reference {
  sklearn: string;
  datasets: Record<string, ReferenceDataset>;
}

export function loadReference(): Reference {
  const path = join(ROOT, 'tests', 'fixtures', 'classical-reference.json');
  return JSON.parse(readFileSync(path, 'utf8')) as Reference;
}

export interface LoadedDataset {
  x: DenseMatrix;
  /** Class indices (classification) or targets (regression), as numbers. */
  y: number[];
}

export function loadDataset(id: string, ref: ReferenceDataset): LoadedDataset {
  const text = readFileSync(join(ROOT, 'public', 'datasets', `${id}.csv`), 'utf8').trim();
  const [header, ...lines] = text.split(/\r?\n/);
  const names = header!.split(',');
  const target = names.indexOf(ref.target);
  const values: number[] = [];
  const y: number[] = [];
  for (const line of lines) {
    const cells = line.split(',');
    cells.forEach((cell, j) => {
      if (j !== target) values.push(Number(cell));
    });
    const label = cells[target]!;
    y.push(ref.task === 'classification' ? ref.classes.indexOf(label) : Number(label));
  }
  return { x: denseMatrix(lines.length, names.length - 1, values), y };
}

export function takeRows(x: DenseMatrix, rows: ArrayLike<number>): DenseMatrix {
  const out = denseMatrix(rows.length, x.cols);
  for (let i = 0; i < rows.length; i++) {
    out.data.set(x.data.subarray(rows[i]! * x.cols, (rows[i]! + 1) * x.cols), i * x.cols);
  }
  return out;
}

/** The training rows of a fold: every row not in its test list, in order. */
export function complement(n: number, test: readonly number[]): number[] {
  const inTest = new Uint8Array(n);
  for (const i of test) inTest[i] = 1;
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (!inTest[i]) out.push(i);
  return out;
}

/** StandardScaler fitted on `train` (population std, 0 → 1), applied to both. */
export function standardize(train: DenseMatrix, test: DenseMatrix): [DenseMatrix, DenseMatrix] {
  const { cols } = train;
  const mean = new Float64Array(cols);
  const std = new Float64Array(cols);
  for (let i = 0; i < train.rows; i++)
    for (let j = 0; j < cols; j++) mean[j]! += train.data[i * cols + j]!;
  for (let j = 0; j < cols; j++) mean[j]! /= train.rows;
  for (let i = 0; i < train.rows; i++) {
    for (let j = 0; j < cols; j++) std[j]! += (train.data[i * cols + j]! - mean[j]!) ** 2;
  }
  for (let j = 0; j < cols; j++) std[j] = Math.sqrt(std[j]! / train.rows) || 1;
  const apply = (m: DenseMatrix) =>
    denseMatrix(
      m.rows,
      cols,
      m.data.map((v, idx) => (v - mean[idx % cols]!) / std[idx % cols]!),
    );
  return [apply(train), apply(test)];
}
