import { describe, expect, it } from 'vitest';
import { frameFromRecords, getColumn, isMissing } from '../../../../src/core/frame';
import { applyRecipe, defaultRecipe, fitRecipe } from '../../../../src/core/recipe';
import { CTX, TARGET, testFrame, trainFrame } from './frames';

describe('defaultRecipe', () => {
  it('imputes, extracts date parts, scales, one-hot encodes and vectorizes, each with a reason', () => {
    const recipe = defaultRecipe(trainFrame(), TARGET, 'classification');
    expect(recipe.steps.map((s) => s.type)).toEqual([
      'dateParts',
      'impute',
      'impute',
      'standardize',
      'oneHot',
      'textVectorize',
    ]);
    expect(recipe.steps.map((s) => s.reasonKey)).toEqual([
      'recipe.why.dateParts',
      'recipe.why.imputeMissing',
      'recipe.why.imputeMissingCategories',
      'recipe.why.standardizeNumerics',
      'recipe.why.oneHotCategoricals',
      'recipe.why.vectorizeText',
    ]);
    expect(new Set(recipe.steps.map((s) => s.id)).size).toBe(recipe.steps.length);
  });

  it('leaves no missing feature value and never touches the target', () => {
    const recipe = defaultRecipe(trainFrame(), TARGET, 'classification');
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    const { frame } = applyRecipe(fitted, testFrame(), { stage: 'inference' });
    for (const column of frame.columns) {
      if (column.name === TARGET) continue;
      expect(column.kind).toBe('numeric');
      const holes = Array.from({ length: frame.rowCount }, (_, r) => isMissing(column, r));
      expect(holes.some(Boolean)).toBe(false);
    }
    expect(getColumn(frame, TARGET)).toEqual(getColumn(testFrame(), TARGET));
  });

  it('adds only what the data needs, and drops rows with a missing target', () => {
    const clean = frameFromRecords(
      ['a', 'y'],
      [
        ['1', '2'],
        ['3', '4'],
      ],
      { a: 'numeric', y: 'numeric' },
    );
    expect(defaultRecipe(clean, 'y', 'regression').steps.map((s) => s.type)).toEqual([
      'standardize',
    ]);
    const holes = frameFromRecords(
      ['a', 'y'],
      [
        ['1', null],
        ['3', '4'],
      ],
      { a: 'numeric', y: 'numeric' },
    );
    const first = defaultRecipe(holes, 'y', 'regression').steps[0];
    expect(first).toMatchObject({ type: 'dropMissingRows', options: { columns: ['y'] } });
  });
});
