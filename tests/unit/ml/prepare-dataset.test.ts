import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainableTaskOf, type BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { TrainRequest } from '../../../src/contracts/training';
import {
  parseCsv,
  planColumns,
  prepareDataset,
  type PreparedDataset,
} from '../../../src/ml/prepare-dataset';

const DATASETS = path.resolve(process.cwd(), '../shared/datasets');
const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures');
const SPLIT: TrainRequest['split'] = { train: 0.6, validation: 0.2, test: 0.2 };

const manifest = JSON.parse(readFileSync(path.join(DATASETS, 'manifest.json'), 'utf8')) as
  BuiltinDatasetEntry[] | { datasets: BuiltinDatasetEntry[] };
const entries = Array.isArray(manifest) ? manifest : manifest.datasets;

function builtin(id: string): { text: string; dataset: TrainRequest['dataset'] } {
  const entry = entries.find((candidate) => candidate.id === id);
  const task = entry ? trainableTaskOf(entry) : null;
  if (!entry || !entry.target || !task) throw new Error(`no trainable manifest entry ${id}`);
  const dataset: TrainRequest['dataset'] = {
    id,
    url: `/datasets/${entry.file}`,
    target: entry.target,
    task,
    features: entry.features,
  };
  if (entry.classes) dataset.classes = entry.classes;
  return { text: readFileSync(path.join(DATASETS, entry.file), 'utf8'), dataset };
}

function prepareBuiltin(id: string, seed = 42): PreparedDataset {
  const { text, dataset } = builtin(id);
  const prepared = prepareDataset(text, dataset, SPLIT, seed);
  if (!prepared.ok) throw new Error(`${id} failed: ${prepared.code}`);
  return prepared;
}

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const FIXTURE_DATASET: TrainRequest['dataset'] = {
  id: 'fixture',
  url: '',
  target: 'label',
  task: 'classification',
  features: [
    { name: 'a', type: 'numeric' },
    { name: 'b', type: 'numeric' },
  ],
};

/** Column j of a row-major matrix. */
function column(x: Float32Array, width: number, j: number): number[] {
  return Array.from({ length: x.length / width }, (_, i) => x[i * width + j] as number);
}

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  return {
    mean,
    std: Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / values.length),
  };
}

function expectAllFinite(prepared: PreparedDataset): void {
  for (const array of [
    prepared.xTrain,
    prepared.xVal,
    prepared.xTest,
    prepared.yTrain,
    prepared.yVal,
    prepared.yTest,
  ]) {
    expect(array.every(Number.isFinite)).toBe(true);
  }
}

describe('parseCsv', () => {
  it('trims cells and header names and maps missing markers to null', () => {
    const table = parseCsv('\uFEFF x , y\n 1 ,NA\n?,b\n\n  \n3,\n');
    expect(table).toEqual({
      columns: ['x', 'y'],
      rows: [
        ['1', null],
        [null, 'b'],
        ['3', null],
      ],
    });
  });

  it('pads short records with null and reads a single-column file', () => {
    expect(parseCsv('x,y,z\n1,2\n').rows).toEqual([['1', '2', null]]);
    expect(parseCsv('x\n1\n2\n')).toEqual({ columns: ['x'], rows: [['1'], ['2']] });
  });
});

describe('planColumns', () => {
  it('maps types to kinds, skips text, the target and absent columns', () => {
    const plan = planColumns(
      [
        { name: 'n', type: 'numeric' },
        { name: 'i', type: 'integer' },
        { name: 'c', type: 'categorical' },
        { name: 'b', type: 'boolean' },
        { name: 'name', type: 'text' },
        { name: 'y', type: 'numeric' },
        { name: 'ghost', type: 'numeric' },
      ],
      ['n', 'i', 'c', 'b', 'name', 'y'],
      'y',
    );
    expect(plan).toEqual([
      { name: 'n', kind: 'numeric' },
      { name: 'i', kind: 'numeric' },
      { name: 'c', kind: 'categorical' },
      { name: 'b', kind: 'categorical' },
    ]);
  });
});

describe('prepareDataset on built-in datasets', () => {
  it('prepares iris: 90/30/30, stratified 30/10/10 per class', () => {
    const prepared = prepareBuiltin('iris');
    expect(prepared.task).toBe('classification');
    expect(prepared.width).toBe(4);
    expect(prepared.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(prepared.targetScale).toBeNull();
    expect(prepared.summary).toMatchObject({
      rowsTotal: 150,
      rowsDroppedMissing: 0,
      rowsUsed: 150,
      split: { train: 90, validation: 30, test: 30 },
      featureCount: 4,
      numericFeatures: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'],
      categoricalFeatures: [],
      classCounts: { train: [30, 30, 30], validation: [10, 10, 10], test: [10, 10, 10] },
      parameterCount: 0,
    });
    expect(prepared.xTrain.length).toBe(90 * 4);
    expect(prepared.xVal.length).toBe(30 * 4);
    expect(prepared.xTest.length).toBe(30 * 4);
    expect(Array.from(prepared.yTrain).every((y) => [0, 1, 2].includes(y))).toBe(true);
    expectAllFinite(prepared);
  });

  it('standardises with training statistics only', () => {
    const prepared = prepareBuiltin('iris');
    for (let j = 0; j < prepared.width; j++) {
      const train = meanStd(column(prepared.xTrain, prepared.width, j));
      expect(train.mean).toBeCloseTo(0, 5);
      expect(train.std).toBeCloseTo(1, 4);
    }
    // Statistics fitted on all rows would centre the held-out rows too; these are not centred.
    const heldOutMeans = [0, 1, 2, 3].map(
      (j) => meanStd(column(prepared.xVal, prepared.width, j)).mean,
    );
    expect(heldOutMeans.some((mean) => Math.abs(mean) > 1e-3)).toBe(true);
  });

  it('is deterministic for a seed and changes with it', () => {
    const a = prepareBuiltin('iris', 7);
    expect(prepareBuiltin('iris', 7)).toEqual(a);
    expect(Array.from(prepareBuiltin('iris', 8).xTrain)).not.toEqual(Array.from(a.xTrain));
  });

  it('prepares penguins: drops the 11 rows with a missing value, one-hot encodes island and sex', () => {
    const prepared = prepareBuiltin('penguins');
    const { summary } = prepared;
    expect(summary.rowsTotal).toBe(344);
    expect(summary.rowsDroppedMissing).toBe(11);
    expect(summary.rowsUsed).toBe(333);
    // 333 × 0.6/0.2/0.2 = 199.8/66.6/66.6, largest remainder → 200/67/66.
    expect(summary.split).toEqual({ train: 200, validation: 67, test: 66 });
    expect(summary.categoricalFeatures).toEqual(['island', 'sex']);
    expect(prepared.width).toBe(4 + 3 + 2);
    expect(prepared.encoder.featureNames.slice(4)).toEqual([
      'island=Biscoe',
      'island=Dream',
      'island=Torgersen',
      'sex=female',
      'sex=male',
    ]);
    const counts = summary.classCounts!;
    const classTotals = counts.train.map((n, c) => n + counts.validation[c]! + counts.test[c]!);
    expect(classTotals.reduce((sum, n) => sum + n, 0)).toBe(333);
    classTotals.forEach((total, c) => {
      expect(Math.abs(counts.train[c]! - total * 0.6)).toBeLessThan(1);
      expect(Math.abs(counts.validation[c]! - total * 0.2)).toBeLessThan(1);
      expect(Math.abs(counts.test[c]! - total * 0.2)).toBeLessThan(1);
    });
    // Each one-hot block has exactly one 1 per row: no penguin is missing island or sex now.
    for (let i = 0; i < summary.split.train; i++) {
      const row = prepared.xTrain.slice(i * 9, i * 9 + 9);
      expect(row[4]! + row[5]! + row[6]!).toBe(1);
      expect(row[7]! + row[8]!).toBe(1);
    }
    expectAllFinite(prepared);
  });

  it('prepares titanic: all categorical, labels in declared no/yes order', () => {
    const prepared = prepareBuiltin('titanic');
    expect(prepared.summary.rowsUsed).toBe(2201);
    expect(prepared.summary.numericFeatures).toEqual([]);
    expect(prepared.summary.categoricalFeatures).toEqual(['class', 'sex', 'age']);
    expect(prepared.width).toBe(4 + 2 + 2);
    expect(prepared.classNames).toEqual(['no', 'yes']);
    expect(new Set(prepared.xTrain)).toEqual(new Set([0, 1]));
    expectAllFinite(prepared);
  });

  it('prepares auto_mpg regression: drops missing horsepower and mpg, standardises the target', () => {
    const { text } = builtin('auto_mpg');
    const prepared = prepareBuiltin('auto_mpg');
    expect(prepared.task).toBe('regression');
    expect(prepared.classNames).toEqual([]);
    // 6 rows lack horsepower and 8 lack mpg (no row lacks both).
    expect(prepared.summary.rowsDroppedMissing).toBe(14);
    expect(prepared.summary.rowsUsed).toBe(392);
    expect(prepared.summary.classCounts).toBeUndefined();
    expect(prepared.summary.categoricalFeatures).toEqual(['origin']);
    expect(prepared.summary.numericFeatures).not.toContain('name');
    expect(prepared.width).toBe(6 + 3);
    const scale = prepared.targetScale!;
    const yTrain = meanStd(Array.from(prepared.yTrain));
    expect(yTrain.mean).toBeCloseTo(0, 5);
    expect(yTrain.std).toBeCloseTo(1, 4);
    // Unscaled test targets are real mpg values from the file.
    const mpgs = new Set(
      parseCsv(text)
        .rows.map((row) => row[8])
        .filter((value): value is string => value !== null && value !== undefined)
        .map(Number),
    );
    for (const y of prepared.yTest) {
      const mpg = Math.round((y * scale.std + scale.mean) * 10) / 10;
      expect(mpgs.has(mpg)).toBe(true);
    }
    expectAllFinite(prepared);
  });
});

describe('prepareDataset failures', () => {
  const prepare = (text: string, dataset = FIXTURE_DATASET, split = SPLIT) =>
    prepareDataset(text, dataset, split, 1);

  it('reports an empty file and a header-only file as empty', () => {
    expect(prepare(fixture('prep-empty.csv'))).toEqual({ ok: false, code: 'error.dataset.empty' });
    expect(prepare(fixture('prep-header-only.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.empty',
    });
  });

  it('names a missing target column', () => {
    expect(prepare(fixture('prep-no-target.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.targetMissing',
      params: { column: 'label' },
    });
  });

  it('names the column and row of a non-numeric value in a numeric column', () => {
    expect(prepare(fixture('prep-non-numeric.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'b', row: 3 },
    });
  });

  it('rejects a non-numeric regression target instead of producing NaN', () => {
    const dataset: TrainRequest['dataset'] = {
      ...FIXTURE_DATASET,
      task: 'regression',
      target: 'b',
      features: [{ name: 'a', type: 'numeric' }],
    };
    expect(prepare(fixture('prep-non-numeric.csv'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'b', row: 3 },
    });
  });

  it('reports a single class', () => {
    expect(prepare(fixture('prep-single-class.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.singleClass',
    });
  });

  it('counts rows left after dropping missing values', () => {
    expect(prepare(fixture('prep-too-few.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.tooFewRows',
      params: { rows: 2 },
    });
  });

  it('reports broken quoting as a parse failure', () => {
    expect(prepare(fixture('prep-bad-quotes.csv'))).toMatchObject({
      ok: false,
      code: 'error.dataset.parseFailed',
    });
  });

  it('reports no usable features', () => {
    const dataset = { ...FIXTURE_DATASET, features: [{ name: 'ghost', type: 'numeric' }] };
    expect(prepare(fixture('prep-single-class.csv'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.noFeatures',
    });
  });

  it('reports a label outside the declared classes with its row', () => {
    const dataset = { ...FIXTURE_DATASET, classes: ['x'] };
    expect(prepare(fixture('prep-non-numeric.csv').replace('5,six', '5,6'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'label', row: 2 },
    });
  });

  it('reports invalid split ratios as a config error', () => {
    const text = fixture('prep-non-numeric.csv').replace('5,six', '5,6');
    expect(prepare(text, FIXTURE_DATASET, { train: 0, validation: 0.5, test: 0.5 })).toEqual({
      ok: false,
      code: 'error.config.invalid',
      params: { field: 'split' },
    });
  });
});
