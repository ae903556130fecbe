import { describe, expect, it } from 'vitest';
import { withoutColumns } from '../../../../src/core/frame';
import {
  RecipeError,
  applyRecipe,
  fitRecipe,
  fitTransformRecipe,
  type Recipe,
  type StepParamsMap,
} from '../../../../src/core/recipe';
import { CTX, TARGET, meanOf, numbers, present, testFrame, trainFrame } from './frames';
import { sampleStep } from './sample-steps';

describe('fitRecipe', () => {
  it('fits each step on the output of the steps before it', () => {
    const recipe: Recipe = {
      schemaVersion: 1,
      steps: [
        {
          id: 'clip',
          type: 'filterRows',
          enabled: true,
          options: { column: 'x', op: '<', value: 6 },
        },
        {
          id: 'mean',
          type: 'impute',
          enabled: true,
          options: { strategy: 'mean', columns: ['x'], addIndicator: false },
        },
      ],
    };
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    const kept = present(numbers(trainFrame(), 'x')).filter((v) => v < 6);
    const fill = (fitted.steps[1]?.params as StepParamsMap['impute']).fills[0]?.value;
    expect(fill).toBeCloseTo(meanOf(kept), 12);
  });

  it('gives fitTransformRecipe the same frame as applying the fit at the train stage', () => {
    const chain = [
      'dropDuplicates',
      'impute',
      'outliers',
      'polynomial',
      'dateParts',
      'smote',
      'gaussianNoise',
      'standardize',
      'oneHot',
      'textVectorize',
      'selectFeatures',
    ] as const;
    const recipe: Recipe = { schemaVersion: 1, steps: chain.map((t) => sampleStep(t)) };
    const { fitted, frame } = fitTransformRecipe(recipe, trainFrame(), CTX);
    expect(frame.rowCount).toBe(60);
    expect(applyRecipe(fitted, trainFrame(), { stage: 'train' }).frame).toEqual(frame);
  });

  it('records the task, target, seed and input columns', () => {
    const fitted = fitRecipe({ schemaVersion: 1, steps: [] }, trainFrame(), CTX);
    expect(fitted).toMatchObject({ task: 'classification', target: TARGET, seed: 7 });
    expect(fitted.inputColumns.map((c) => c.name)).toContain('when');
  });
});

describe('applyRecipe', () => {
  const everyRowStep: Recipe = {
    schemaVersion: 1,
    steps: [
      sampleStep('dropDuplicates'),
      sampleStep('dropMissingRows'),
      {
        id: 'o',
        type: 'outliers',
        enabled: true,
        options: { method: 'zscore', threshold: 1, action: 'drop' },
      },
      sampleStep('filterRows'),
      sampleStep('randomUndersample'),
      sampleStep('randomOversample'),
      sampleStep('smote'),
      sampleStep('gaussianNoise'),
    ],
  };

  it('never drops or adds a row at the inference stage', () => {
    const fitted = fitRecipe(everyRowStep, trainFrame(), CTX);
    const test = testFrame();
    const { frame, reports } = applyRecipe(fitted, test, { stage: 'inference' });
    expect(frame).toEqual(test);
    expect(reports.every((r) => r.skipped && r.rowsBefore === r.rowsAfter)).toBe(true);
    expect(applyRecipe(fitted, trainFrame(), { stage: 'train' }).frame.rowCount).not.toBe(40);
  });

  it('works on prediction rows without the target column', () => {
    const recipe: Recipe = {
      schemaVersion: 1,
      steps: [
        'impute',
        'outliers',
        'standardize',
        'oneHot',
        'textVectorize',
        'dateParts',
        'classWeights',
      ].map((t) => sampleStep(t as never)),
    };
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    const rows = withoutColumns(testFrame(), [TARGET]);
    const { frame } = applyRecipe(fitted, rows, { stage: 'inference' });
    expect(frame.rowCount).toBe(rows.rowCount);
    // Test categories d and e were never seen: all-zero one-hot blocks, no exception.
    expect(numbers(frame, 'cat=a').every((v) => v === 0)).toBe(true);
  });

  it('skips disabled steps and reports them as skipped', () => {
    const recipe: Recipe = {
      schemaVersion: 1,
      steps: [{ ...sampleStep('standardize'), enabled: false }],
    };
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    const { frame, reports } = applyRecipe(fitted, testFrame(), { stage: 'inference' });
    expect(frame).toEqual(testFrame());
    expect(reports[0]).toMatchObject({ skipped: true, affected: 0 });
  });

  it('reports rows and columns before and after each step', () => {
    const recipe: Recipe = { schemaVersion: 1, steps: [sampleStep('oneHot')] };
    const { reports } = fitTransformRecipe(recipe, trainFrame(), CTX);
    expect(reports[0]).toMatchObject({
      rowsBefore: 40,
      rowsAfter: 40,
      columnsBefore: 7,
      columnsAfter: 9,
    });
  });

  it('fails with a typed error when a fitted column is absent', () => {
    const fitted = fitRecipe(
      { schemaVersion: 1, steps: [sampleStep('standardize')] },
      trainFrame(),
      CTX,
    );
    const call = () =>
      applyRecipe(fitted, withoutColumns(testFrame(), ['z']), { stage: 'inference' });
    expect(call).toThrow(RecipeError);
    expect(call).toThrow(/recipe.error.missingColumn/);
  });

  it('requires a target for target-based steps', () => {
    const recipe: Recipe = { schemaVersion: 1, steps: [sampleStep('classWeights')] };
    expect(() => fitRecipe(recipe, trainFrame(), { task: 'classification', seed: 1 })).toThrow(
      /recipe.error.targetRequired/,
    );
  });
});
