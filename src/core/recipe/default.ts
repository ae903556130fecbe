/**
 * The recipe a new dataset starts with, each step carrying a `reasonKey` (an i18n key) that
 * says why it is there.
 *
 * Invariants: only steps the data needs are added (no imputer without missing values, no
 * one-hot without categorical features); the order is cleaning and date parts, then numeric
 * scaling, then encodings, so standardize never rescales one-hot or text columns; step ids are stable
 * ('default-1', ...) so the same frame always gives the same recipe.
 */
import { isMissing, type Column, type Frame } from '../frame';
import { RECIPE_SCHEMA_VERSION, type Recipe, type RecipeStep, type Task } from './types';

function hasMissing(column: Column, rowCount: number): boolean {
  for (let row = 0; row < rowCount; row++) if (isMissing(column, row)) return true;
  return false;
}

export function defaultRecipe(frame: Frame, target: string | undefined, _task: Task): Recipe {
  const features = frame.columns.filter((column) => column.name !== target);
  const targetColumn = frame.columns.find((column) => column.name === target);
  const missing = (kind: Column['kind']): boolean =>
    features.some((column) => column.kind === kind && hasMissing(column, frame.rowCount));
  const has = (kind: Column['kind']): boolean => features.some((column) => column.kind === kind);
  const steps: Omit<RecipeStep, 'id'>[] = [];

  if (targetColumn && hasMissing(targetColumn, frame.rowCount)) {
    steps.push({
      type: 'dropMissingRows',
      enabled: true,
      options: { columns: [targetColumn.name] },
      reasonKey: 'recipe.why.dropMissingTarget',
    });
  }
  if (has('datetime')) {
    steps.push({
      type: 'dateParts',
      enabled: true,
      options: { parts: ['year', 'month', 'weekday', 'hour'], dropOriginal: true },
      reasonKey: 'recipe.why.dateParts',
    });
  }
  // After dateParts, so a missing date's parts are imputed too.
  if (missing('numeric') || missing('datetime')) {
    steps.push({
      type: 'impute',
      enabled: true,
      options: { strategy: 'median', scope: 'numeric', addIndicator: false },
      reasonKey: 'recipe.why.imputeMissing',
    });
  }
  if (missing('categorical')) {
    steps.push({
      type: 'impute',
      enabled: true,
      options: { strategy: 'mostFrequent', scope: 'categorical', addIndicator: false },
      reasonKey: 'recipe.why.imputeMissingCategories',
    });
  }
  if (has('numeric') || has('datetime')) {
    steps.push({
      type: 'standardize',
      enabled: true,
      options: {},
      reasonKey: 'recipe.why.standardizeNumerics',
    });
  }
  if (has('categorical')) {
    steps.push({
      type: 'oneHot',
      enabled: true,
      options: { maxCategories: 50 },
      reasonKey: 'recipe.why.oneHotCategoricals',
    });
  }
  if (has('text')) {
    steps.push({
      type: 'textVectorize',
      enabled: true,
      options: { mode: 'tfidf', vocabularySize: 1000, lowercase: true },
      reasonKey: 'recipe.why.vectorizeText',
    });
  }
  return {
    schemaVersion: RECIPE_SCHEMA_VERSION,
    steps: steps.map((step, i) => ({ ...step, id: `default-${i + 1}` }) as RecipeStep),
  };
}
