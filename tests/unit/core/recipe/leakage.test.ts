import { describe, expect, it } from 'vitest';
import {
  STEP_TYPES,
  applyRecipe,
  fitRecipe,
  type FittedRecipe,
  type Recipe,
  type RecipeStep,
} from '../../../../src/core/recipe';
import { CTX, concatFrames, testFrame, trainFrame } from './frames';
import { LEARNS_FROM_ROWS, sampleStep } from './sample-steps';

function recipeOf(...steps: RecipeStep[]): Recipe {
  return { schemaVersion: 1, steps };
}

function paramsOf(fitted: FittedRecipe): unknown {
  return fitted.steps[0]?.params;
}

describe('every step type', () => {
  it('has a sample and a leak classification (the tables are total)', () => {
    expect(Object.keys(LEARNS_FROM_ROWS).sort()).toEqual([...STEP_TYPES].sort());
    expect(STEP_TYPES.length).toBeGreaterThanOrEqual(26);
  });

  describe.each(STEP_TYPES)('%s', (type) => {
    const recipe = recipeOf(sampleStep(type));
    const train = trainFrame();
    const test = testFrame();

    if (LEARNS_FROM_ROWS[type]) {
      it('learns different params from train ∪ test than from train (the test has teeth)', () => {
        const onTrain = paramsOf(fitRecipe(recipe, train, CTX));
        const onAll = paramsOf(fitRecipe(recipe, concatFrames(train, test), CTX));
        expect(onAll).not.toEqual(onTrain);
      });
    } else {
      it('learns nothing from rows: params are the same whatever rows it sees', () => {
        const onTrain = paramsOf(fitRecipe(recipe, train, CTX));
        const onAll = paramsOf(fitRecipe(recipe, concatFrames(train, test), CTX));
        expect(onAll).toEqual(onTrain);
      });
    }

    it('fits the same params whether or not test rows exist elsewhere', () => {
      const once = paramsOf(fitRecipe(recipe, train, CTX));
      // Applying to test first must not feed anything back into a later fit.
      applyRecipe(fitRecipe(recipe, train, CTX), test, { stage: 'train' });
      expect(paramsOf(fitRecipe(recipe, trainFrame(), CTX))).toEqual(once);
    });

    it('never changes the fitted params when applied, at either stage', () => {
      const fitted = fitRecipe(recipe, train, CTX);
      const before = structuredClone(fitted);
      applyRecipe(fitted, test, { stage: 'train' });
      applyRecipe(fitted, test, { stage: 'inference' });
      applyRecipe(fitted, train, { stage: 'train', seed: 99 });
      expect(fitted).toEqual(before);
    });

    it('keeps every row at the inference stage', () => {
      const fitted = fitRecipe(recipe, train, CTX);
      const { frame, reports } = applyRecipe(fitted, test, { stage: 'inference' });
      expect(frame.rowCount).toBe(test.rowCount);
      expect(reports).toHaveLength(1);
    });

    it('leaves its input frames untouched', () => {
      const pristineTrain = trainFrame();
      const pristineTest = testFrame();
      const fitted = fitRecipe(recipe, train, CTX);
      applyRecipe(fitted, test, { stage: 'train' });
      expect(train).toEqual(pristineTrain);
      expect(test).toEqual(pristineTest);
    });
  });
});
