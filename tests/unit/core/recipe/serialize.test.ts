import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  STEP_TYPES,
  RecipeError,
  applyRecipe,
  fitRecipe,
  parseFitted,
  parseRecipe,
  serializeFitted,
  serializeRecipe,
  type Recipe,
} from '../../../../src/core/recipe';
import { CTX, testFrame, trainFrame } from './frames';
import { sampleStep } from './sample-steps';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(RecipeError);
    return (error as RecipeError).code;
  }
  return undefined;
}

describe('JSON round trips', () => {
  it.each(STEP_TYPES)('%s: unfitted and fitted, and the parsed recipe applies the same', (type) => {
    const recipe: Recipe = { schemaVersion: 1, steps: [sampleStep(type)] };
    expect(parseRecipe(serializeRecipe(recipe))).toEqual(recipe);
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    const parsed = parseFitted(serializeFitted(fitted));
    expect(parsed).toEqual(fitted);
    const direct = applyRecipe(fitted, testFrame(), { stage: 'inference' }).frame;
    expect(applyRecipe(parsed, testFrame(), { stage: 'inference' }).frame).toEqual(direct);
  });

  it('keeps disabled steps (null params) and the reason keys', () => {
    const recipe: Recipe = {
      schemaVersion: 1,
      steps: [{ ...sampleStep('standardize'), enabled: false, reasonKey: 'recipe.why.x' }],
    };
    const fitted = fitRecipe(recipe, trainFrame(), CTX);
    expect(fitted.steps[0]?.params).toBeNull();
    expect(parseFitted(serializeFitted(fitted))).toEqual(fitted);
  });

  it('keeps non-finite numbers that plain JSON would turn into null', () => {
    const fitted = fitRecipe(
      { schemaVersion: 1, steps: [sampleStep('standardize')] },
      trainFrame(),
      CTX,
    );
    const first = fitted.steps[0];
    if (first?.step.type !== 'standardize' || !first.params) throw new Error('unexpected step');
    const stats = first.params as { stats: { offset: number }[] };
    stats.stats[0]!.offset = Number.NaN;
    stats.stats[1]!.offset = -Infinity;
    const parsed = parseFitted(serializeFitted(fitted));
    expect(parsed).toEqual(fitted);
  });

  it('parses the stored version-1 recipe fixture', () => {
    const text = readFileSync(new URL('../../../fixtures/recipe-v1.json', import.meta.url), 'utf8');
    const recipe = parseRecipe(text);
    expect(recipe.steps.map((s) => s.type)).toEqual(['impute', 'standardize', 'oneHot']);
    expect(recipe.steps[0]?.reasonKey).toBe('recipe.why.imputeMissing');
  });
});

describe('typed parse errors', () => {
  it('rejects text that is not a JSON object', () => {
    expect(codeOf(() => parseRecipe('not json'))).toBe('recipe.error.invalidJson');
    expect(codeOf(() => parseRecipe('[]'))).toBe('recipe.error.invalidJson');
  });

  it('rejects unknown schema versions', () => {
    expect(codeOf(() => parseRecipe('{"schemaVersion":2,"steps":[]}'))).toBe(
      'recipe.error.unsupportedVersion',
    );
    expect(codeOf(() => parseFitted('{"steps":[]}'))).toBe('recipe.error.unsupportedVersion');
  });

  it('rejects unknown step types, including prototype names', () => {
    for (const type of ['eval', 'toString', '__proto__', 42]) {
      const text = JSON.stringify({
        schemaVersion: 1,
        steps: [{ id: 'a', type, enabled: true, options: {} }],
      });
      expect(codeOf(() => parseRecipe(text))).toBe('recipe.error.unknownStepType');
    }
  });

  it('rejects malformed steps and fitted recipes', () => {
    const bad = { schemaVersion: 1, steps: [{ id: 1, type: 'trig', enabled: true, options: {} }] };
    expect(codeOf(() => parseRecipe(JSON.stringify(bad)))).toBe('recipe.error.invalidStep');
    const fitted = fitRecipe({ schemaVersion: 1, steps: [sampleStep('trig')] }, trainFrame(), CTX);
    const noParams = { ...fitted, steps: [{ step: fitted.steps[0]?.step }] };
    expect(codeOf(() => parseFitted(JSON.stringify(noParams)))).toBe('recipe.error.invalidStep');
    const noTask = { ...fitted, task: 'ranking' };
    expect(codeOf(() => parseFitted(JSON.stringify(noTask)))).toBe('recipe.error.invalidJson');
  });
});
