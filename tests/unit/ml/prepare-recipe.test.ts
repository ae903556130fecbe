import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { trainableTaskOf, type BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { TrainRequest } from '../../../src/contracts/training';
import { selectRows } from '../../../src/core/frame';
import {
  applyRecipe,
  RECIPE_SCHEMA_VERSION,
  parseFitted,
  serializeFitted,
  serializeRecipe,
  type Recipe,
  type RecipeStep,
} from '../../../src/core/recipe';
import {
  frameFromCsv,
  prepareWithRecipe,
  splitFrame,
  type DatasetFrame,
  type PreparedRecipeData,
  type SplitFrames,
} from '../../../src/ml/prepare-recipe';

const DATASETS = path.resolve(process.cwd(), 'public/datasets');
const SPLIT = { train: 0.6, validation: 0.2, test: 0.2 };
const entries = JSON.parse(
  readFileSync(path.join(DATASETS, 'manifest.json'), 'utf8'),
) as BuiltinDatasetEntry[];

function builtin(id: string): { text: string; dataset: TrainRequest['dataset'] } {
  const entry = entries.find((candidate) => candidate.id === id);
  const task = entry ? trainableTaskOf(entry) : null;
  if (!entry || !entry.target || !task) throw new Error(`no trainable manifest entry ${id}`);
  const dataset: TrainRequest['dataset'] = {
    id,
    url: '',
    target: entry.target,
    task,
    features: entry.features,
  };
  if (entry.classes) dataset.classes = entry.classes;
  return { text: readFileSync(path.join(DATASETS, entry.file), 'utf8'), dataset };
}

function recipeOf(steps: Omit<RecipeStep, 'id'>[]): string {
  const recipe: Recipe = {
    schemaVersion: RECIPE_SCHEMA_VERSION,
    steps: steps.map((step, i) => ({ ...step, id: `s${i}` }) as RecipeStep),
  };
  return serializeRecipe(recipe);
}

function ok<T extends { ok: boolean }>(result: T | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(`failed: ${JSON.stringify(result)}`);
  return result as T;
}

/**
 * Ten rows, time-ordered so the parts are known: rows 1-6 train, 7-8 validation, 9-10 test.
 * Training values of `a` are 1..5 and one gap; validation and test values are far larger, so a
 * statistic computed on anything but the training rows would show.
 */
const SHIFTED = [
  'a,c,y',
  '1,p,1',
  '2,q,2',
  ',p,3',
  '3,q,4',
  '4,p,5',
  '5,q,6',
  '100,,7',
  ',q,8',
  '200,r,9',
  '300,p,10',
].join('\n');
const SHIFTED_DATASET: TrainRequest['dataset'] = {
  id: 'shifted',
  url: '',
  target: 'y',
  task: 'regression',
  features: [
    { name: 'a', type: 'numeric' },
    { name: 'c', type: 'categorical' },
  ],
};
const TIME = { kind: 'time' } as const;
const STRATIFIED = { kind: 'stratified' } as const;

function column(x: Float32Array, width: number, j: number): number[] {
  return Array.from({ length: x.length / width }, (_, i) => x[i * width + j] as number);
}

describe('prepareWithRecipe: the split comes before every fit', () => {
  const recipe = recipeOf([
    {
      type: 'impute',
      enabled: true,
      options: { strategy: 'mean', scope: 'numeric', addIndicator: false },
    },
    {
      type: 'impute',
      enabled: true,
      options: { strategy: 'mostFrequent', scope: 'categorical', addIndicator: false },
    },
    { type: 'standardize', enabled: true, options: {} },
    { type: 'oneHot', enabled: true, options: { maxCategories: 50 } },
  ]);
  const prepared = ok<PreparedRecipeData>(
    prepareWithRecipe(
      SHIFTED,
      { dataset: SHIFTED_DATASET, split: SPLIT, splitStrategy: TIME, recipe },
      1,
    ),
  );
  const fitted = parseFitted(JSON.stringify(prepared.fitted));

  it('fits the imputer and the scaler on the training rows only', () => {
    const [imputeNumeric, imputeCategories, standardize] = fitted.steps;
    // Training mean of 1,2,3,4,5 is 3; with 100..300 from the other parts it would be ~77.
    expect(imputeNumeric?.params).toMatchObject({ fills: [{ column: 'a', value: 3 }] });
    // p and q tie 3-3 in training; validation/test would tip it to p (4) over q (4) and r.
    expect(imputeCategories?.params).toMatchObject({ fills: [{ column: 'c' }] });
    const stats = (
      standardize?.params as { stats: { column: string; offset: number; scale: number }[] }
    ).stats;
    const a = stats.find((s) => s.column === 'a');
    // Train after imputation: 1,2,3,3,4,5 → mean 3, population std sqrt(5/3).
    expect(a?.offset).toBeCloseTo(3, 10);
    expect(a?.scale).toBeCloseTo(Math.sqrt(5 / 3), 10);
    // Test row a=200 is scaled with the training statistics.
    expect(column(prepared.xTest, prepared.width, 0)[0]).toBeCloseTo(
      (200 - 3) / Math.sqrt(5 / 3),
      4,
    );
  });

  it('takes the target scale from training rows and keeps every validation and test row', () => {
    expect(prepared.targetScale?.mean).toBeCloseTo(3.5, 10);
    expect(prepared.yVal).toHaveLength(2);
    expect(prepared.yTest).toHaveLength(2);
    // One-hot over training categories p, q: the unseen `r` in test is all zeros, not a crash.
    expect(prepared.width).toBe(3);
    expect(Array.from(prepared.xTest.slice(1, 3))).toEqual([0, 0]);
    expect(Array.from(prepared.xTest.slice(4, 6))).toEqual([1, 0]);
  });

  it('never drops validation or test rows, even with row-removing steps', () => {
    const dropping = recipeOf([
      { type: 'dropMissingRows', enabled: true, options: {} },
      { type: 'outliers', enabled: true, options: { method: 'iqr', factor: 0.5, action: 'drop' } },
      {
        type: 'impute',
        enabled: true,
        options: { strategy: 'median', scope: 'numeric', addIndicator: false },
      },
      {
        type: 'impute',
        enabled: true,
        options: { strategy: 'mostFrequent', scope: 'categorical', addIndicator: false },
      },
      { type: 'oneHot', enabled: true, options: { maxCategories: 50 } },
    ]);
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(
        SHIFTED,
        { dataset: SHIFTED_DATASET, split: SPLIT, splitStrategy: TIME, recipe: dropping },
        1,
      ),
    );
    expect(out.summary.preparedRows?.train).toBe(5);
    expect(out.summary.preparedRows).toMatchObject({ validation: 2, test: 2 });
    expect(out.summary.steps?.[0]).toMatchObject({ rowsBefore: 6, rowsAfter: 5 });
  });
});

describe('prepareWithRecipe: failures name the missing step', () => {
  const request = (recipe: string | null, strategy = TIME as TrainRequest['splitStrategy']) =>
    prepareWithRecipe(
      SHIFTED,
      { dataset: SHIFTED_DATASET, split: SPLIT, splitStrategy: strategy, recipe },
      1,
    );

  it('refuses a categorical column left unencoded', () => {
    const recipe = recipeOf([
      {
        type: 'impute',
        enabled: true,
        options: { strategy: 'mean', scope: 'numeric', addIndicator: false },
      },
    ]);
    expect(request(recipe)).toMatchObject({
      ok: false,
      code: 'recipe.error.unencodedColumn',
      params: { column: 'c', kind: 'categorical' },
    });
  });

  it('refuses missing values left in a feature', () => {
    const recipe = recipeOf([{ type: 'dropColumns', enabled: true, options: { columns: ['c'] } }]);
    expect(request(recipe)).toMatchObject({
      ok: false,
      code: 'recipe.error.missingValuesLeft',
      params: { column: 'a' },
    });
  });

  it('passes recipe errors through with their codes', () => {
    expect(
      request('{"schemaVersion":1,"steps":[{"id":"x","type":"nope","enabled":true,"options":{}}]}'),
    ).toMatchObject({
      ok: false,
      code: 'recipe.error.unknownStepType',
    });
    expect(request(null, { kind: 'grouped', groupColumn: 'ghost' })).toMatchObject({
      ok: false,
      code: 'recipe.error.missingColumn',
    });
    expect(
      prepareWithRecipe('a,y\n1,2\n', { dataset: SHIFTED_DATASET, split: SPLIT, recipe: null }, 1),
    ).toMatchObject({
      ok: false,
      code: 'error.dataset.tooFewRows',
    });
    expect(
      prepareWithRecipe(
        'a,c,y\n1,p,2\n2,q,x\n3,p,4\n',
        { dataset: SHIFTED_DATASET, split: SPLIT },
        1,
      ),
    ).toMatchObject({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'y', row: 2 },
    });
  });
});

describe('prepareWithRecipe on built-in datasets with their default recipes', () => {
  it('iris: stratified 90/30/30 with 30/10/10 per class', () => {
    const { text, dataset } = builtin('iris');
    const out = ok<PreparedRecipeData>(prepareWithRecipe(text, { dataset, split: SPLIT }, 42));
    expect(out.summary).toMatchObject({
      split: { train: 90, validation: 30, test: 30 },
      classCounts: { train: [30, 30, 30], validation: [10, 10, 10], test: [10, 10, 10] },
      splitStrategy: 'stratified',
    });
    expect(out.width).toBe(4);
    expect(out.summary.steps?.map((s) => s.type)).toEqual(['standardize']);
  });

  it('airquality: drops rows without ozone before the split, then imputes solar radiation', () => {
    const { text, dataset } = builtin('airquality');
    const out = ok<PreparedRecipeData>(prepareWithRecipe(text, { dataset, split: SPLIT }, 42));
    expect(out.summary.rowsTotal).toBe(153);
    expect(out.summary.rowsDroppedMissing).toBe(37);
    expect(out.summary.split).toEqual({ train: 70, validation: 23, test: 23 });
    // The default recipe still lists the target's drop step, with its reason; it finds nothing.
    expect(out.summary.steps?.map((s) => s.type)).toEqual([
      'dropMissingRows',
      'impute',
      'standardize',
    ]);
    expect(out.summary.steps?.[0]?.affected).toBe(0);
    expect(out.summary.steps?.[1]?.affected).toBeGreaterThan(0);
    for (const x of [out.xTrain, out.xVal, out.xTest]) expect(x.every(Number.isFinite)).toBe(true);
  });

  it('penguins: one-hot and standardize; the time split keeps file order', () => {
    const { text, dataset } = builtin('penguins');
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(text, { dataset, split: SPLIT, splitStrategy: { kind: 'time' } }, 42),
    );
    const types = out.summary.steps?.map((s) => s.type) ?? [];
    expect(types).toContain('oneHot');
    expect(types).toContain('standardize');
    expect(out.width).toBeGreaterThan(4);
    expect(out.classNames).toEqual(['Adelie', 'Chinstrap', 'Gentoo']);
    // The file is sorted by species, so the latest rows (the test part) hold no Adelie.
    expect(out.summary.classCounts?.test[0]).toBe(0);
  });

  it('grouped: rows sharing an island stay in one part', () => {
    const { text, dataset } = builtin('penguins');
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(
        text,
        { dataset, split: SPLIT, splitStrategy: { kind: 'grouped', groupColumn: 'island' } },
        42,
      ),
    );
    const sizes = out.summary.split;
    // Three islands, three parts: each part is exactly one island's rows.
    expect(sizes.train + sizes.validation + sizes.test).toBe(out.summary.rowsUsed);
    expect([sizes.train, sizes.validation, sizes.test].every((n) => n > 0)).toBe(true);
  });

  it('carries balanced class weights from a classWeights step, in label order', () => {
    const { text, dataset } = builtin('penguins');
    const recipe = recipeOf([
      {
        type: 'impute',
        enabled: true,
        options: { strategy: 'median', scope: 'numeric', addIndicator: false },
      },
      {
        type: 'impute',
        enabled: true,
        options: { strategy: 'mostFrequent', scope: 'categorical', addIndicator: false },
      },
      { type: 'oneHot', enabled: true, options: { maxCategories: 50 } },
      { type: 'classWeights', enabled: true, options: { mode: 'balanced' } },
    ]);
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(text, { dataset, split: SPLIT, recipe }, 42),
    );
    const counts = out.summary.classCounts?.train ?? [];
    const n = counts.reduce((a, b) => a + b, 0);
    expect(Array.from(out.classWeights ?? [])).toEqual(
      counts.map((count) => Math.fround(n / (3 * count))),
    );
  });
});

describe('prepareWithRecipe: SMOTE per epoch', () => {
  it('draws new synthetic minority rows each epoch, seeded, on the training rows only', () => {
    const { text, dataset } = builtin('breast_cancer');
    const recipe = recipeOf([
      { type: 'standardize', enabled: true, options: {} },
      { type: 'smote', enabled: true, options: { neighbours: 5 } },
    ]);
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(text, { dataset, split: SPLIT, recipe }, 42),
    );
    const clean = ok<PreparedRecipeData>(prepareWithRecipe(text, { dataset, split: SPLIT }, 42));
    const counts = (y: ArrayLike<number>): number[] => {
      const result = [0, 0];
      for (const label of Array.from(y)) result[label] = (result[label] ?? 0) + 1;
      return result;
    };
    // Balanced: the minority class grows to the majority's count.
    const [a, b] = counts(out.yTrain);
    expect(a).toBe(b);
    const epoch3 = out.trainForEpoch?.(3);
    const epoch4 = out.trainForEpoch?.(4);
    expect(counts(epoch3?.y ?? [])).toEqual([a, b]);
    expect(Array.from(epoch3?.x ?? [])).not.toEqual(Array.from(epoch4?.x ?? []));
    expect(Array.from(out.trainForEpoch?.(3)?.x ?? [])).toEqual(Array.from(epoch3?.x ?? []));
    // The real training rows are the same every epoch; only the synthetic ones change.
    const realRows = clean.yTrain.length * clean.width;
    expect(Array.from((epoch3?.x ?? []).slice(0, realRows))).toEqual(
      Array.from(clean.xTrain.slice(0, realRows)),
    );
    expect(Array.from(out.xTest)).toEqual(Array.from(clean.xTest));
  });
});

describe('prepareWithRecipe: Gaussian noise per epoch', () => {
  const { text, dataset } = builtin('iris');
  const noisy = recipeOf([
    { type: 'standardize', enabled: true, options: {} },
    { type: 'gaussianNoise', enabled: true, options: { fraction: 0.1 } },
  ]);

  it('draws fresh, seeded noise on the training rows only', () => {
    const out = ok<PreparedRecipeData>(
      prepareWithRecipe(text, { dataset, split: SPLIT, recipe: noisy }, 42),
    );
    const clean = ok<PreparedRecipeData>(prepareWithRecipe(text, { dataset, split: SPLIT }, 42));
    const second = out.trainForEpoch?.(2);
    expect(second?.x).toHaveLength(out.xTrain.length);
    expect(Array.from(second?.x ?? [])).not.toEqual(Array.from(out.xTrain));
    expect(Array.from(second?.y ?? [])).toEqual(Array.from(out.yTrain));
    expect(Array.from(out.trainForEpoch?.(2)?.x ?? [])).toEqual(Array.from(second?.x ?? []));
    // Validation and test rows get no noise: they match the noise-free recipe exactly.
    expect(Array.from(out.xVal)).toEqual(Array.from(clean.xVal));
    expect(Array.from(out.xTest)).toEqual(Array.from(clean.xTest));
    expect(clean.trainForEpoch).toBeUndefined();
  });
});

describe('the fitted recipe travels with the model', () => {
  it('replays after a JSON round trip to the same test matrix', () => {
    const { text, dataset } = builtin('penguins');
    const out = ok<PreparedRecipeData>(prepareWithRecipe(text, { dataset, split: SPLIT }, 42));
    const parsed = ok<DatasetFrame>(frameFromCsv(text, dataset));
    const split = ok<SplitFrames>(splitFrame(parsed.frame, dataset, SPLIT, STRATIFIED, 42));
    const replayed = applyRecipe(
      parseFitted(serializeFitted(out.fitted)),
      selectRows(split.used, split.parts.test),
      { stage: 'inference' },
    ).frame;
    const features = replayed.columns.map((c) => c.name).filter((n) => n !== dataset.target);
    expect(features).toHaveLength(out.width);
    const firstRow = features.map((name) => {
      const column = replayed.columns.find((c) => c.name === name);
      return Math.fround(column?.values[0] as number);
    });
    expect(firstRow).toEqual(Array.from(out.xTest.slice(0, out.width)));
  });
});

describe('splitFrame strategies', () => {
  const { text, dataset } = builtin('penguins');
  const parsed = ok<DatasetFrame>(frameFromCsv(text, dataset));

  it('grouped: every island lands in exactly one part', () => {
    const split = ok<SplitFrames>(
      splitFrame(parsed.frame, dataset, SPLIT, { kind: 'grouped', groupColumn: 'island' }, 3),
    );
    const island = split.used.columns.find((c) => c.name === 'island')?.values ?? [];
    const partsOf = new Map<string, Set<string>>();
    for (const part of ['train', 'validation', 'test'] as const) {
      for (const row of split.parts[part]) {
        const key = String(island[row]);
        partsOf.set(key, (partsOf.get(key) ?? new Set()).add(part));
      }
    }
    expect([...partsOf.values()].every((parts) => parts.size === 1)).toBe(true);
  });

  it('time: the test part is the latest rows, in file order', () => {
    const split = ok<SplitFrames>(splitFrame(parsed.frame, dataset, SPLIT, { kind: 'time' }, 3));
    const n = split.used.rowCount;
    expect(split.parts.test).toEqual(
      Array.from({ length: split.parts.test.length }, (_, i) => n - split.parts.test.length + i),
    );
  });

  it('same seed, same split; stratified counts within one row of each class share', () => {
    const a = ok<SplitFrames>(splitFrame(parsed.frame, dataset, SPLIT, STRATIFIED, 9));
    const b = ok<SplitFrames>(splitFrame(parsed.frame, dataset, SPLIT, STRATIFIED, 9));
    expect(a.parts).toEqual(b.parts);
    const { train, validation, test } = a.classDistribution ?? {
      train: [],
      validation: [],
      test: [],
    };
    train.forEach((count, c) => {
      const total = count + (validation[c] ?? 0) + (test[c] ?? 0);
      expect(Math.abs(count - total * 0.6)).toBeLessThanOrEqual(1);
      expect(Math.abs((test[c] ?? 0) - total * 0.2)).toBeLessThanOrEqual(1);
    });
  });
});
