/**
 * The Prepare screen's step catalogue is total: every registry step can be added, every option
 * field names a real option of its step, and every step name, option label and reason exists in
 * both languages.
 */
import { describe, expect, it } from 'vitest';
import { STEP_GROUPS, STEP_FIELDS } from '../../../../src/components/prepare/step-fields';
import { DEFAULT_STEP_OPTIONS, STEP_TYPES, defaultRecipe } from '../../../../src/core/recipe';
import { hasTranslation } from '../../../../src/i18n';
import { SAMPLE_OPTIONS } from './sample-steps';

const LOCALES = ['en', 'zh-CN'] as const;

describe('step catalogue', () => {
  it('offers every step type exactly once', () => {
    const offered = STEP_GROUPS.flatMap((group) => group.types);
    expect([...offered].sort()).toEqual([...STEP_TYPES].sort());
  });

  it('has form fields only for options the step has', () => {
    for (const [type, fields] of Object.entries(STEP_FIELDS)) {
      const known = new Set([
        ...Object.keys(DEFAULT_STEP_OPTIONS[type as keyof typeof DEFAULT_STEP_OPTIONS]),
        ...Object.keys(SAMPLE_OPTIONS[type as keyof typeof SAMPLE_OPTIONS]),
        'columns',
        'keyColumns',
        'scope',
        'constant',
        'factor',
        'threshold',
        'k',
        'value',
      ]);
      for (const field of fields ?? []) expect(known, `${type}.${field.key}`).toContain(field.key);
    }
  });

  it.each(LOCALES)('names every step, option and group in %s', (locale) => {
    for (const type of STEP_TYPES)
      expect(hasTranslation(locale, `recipe.steps.${type}`)).toBe(true);
    for (const group of STEP_GROUPS) {
      expect(hasTranslation(locale, `prepare.groups.${group.id}`)).toBe(true);
    }
    for (const fields of Object.values(STEP_FIELDS)) {
      for (const field of fields ?? []) {
        expect(hasTranslation(locale, `prepare.options.${field.key}`), field.key).toBe(true);
      }
    }
  });

  it('explains every step of a default recipe', () => {
    const recipe = defaultRecipe(
      {
        rowCount: 2,
        columns: [
          { name: 'n', kind: 'numeric', values: Float64Array.from([1, Number.NaN]) },
          { name: 'c', kind: 'categorical', values: ['a', null] },
          { name: 't', kind: 'text', values: ['some words', 'more words'] },
          { name: 'd', kind: 'datetime', values: Float64Array.from([0, 86_400_000]) },
          { name: 'y', kind: 'categorical', values: ['p', null] },
        ],
      },
      'y',
      'classification',
    );
    expect(recipe.steps.length).toBeGreaterThan(4);
    for (const step of recipe.steps) {
      expect(step.reasonKey).toBeDefined();
      for (const locale of LOCALES) expect(hasTranslation(locale, step.reasonKey!)).toBe(true);
    }
  });
});
