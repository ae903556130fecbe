/**
 * JSON round trips of recipes and fitted recipes, with schema checks.
 *
 * Invariants: parsing is `JSON.parse` plus shape checks, never evaluation; an unknown schema
 * version, an unknown step type or a malformed step is a RecipeError with an i18n code, so a
 * model stored by a newer Fitlab fails loudly instead of predicting with half a recipe.
 * Non-finite numbers (a NaN fill value, an infinite fence) are written as {"$number": "NaN"}
 * because plain JSON would turn them into null.
 */
import { isStepType } from './registry';
import {
  RECIPE_SCHEMA_VERSION,
  RecipeError,
  type FittedRecipe,
  type FittedStep,
  type Recipe,
  type RecipeStep,
} from './types';

const NUMBER_TAG = '$number';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NUMBER_TAG]: String(value) };
  return value;
}

function reviver(_key: string, value: unknown): unknown {
  if (isRecord(value) && Object.keys(value).length === 1 && typeof value[NUMBER_TAG] === 'string') {
    return Number(value[NUMBER_TAG]);
  }
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text, reviver);
  } catch {
    throw new RecipeError('recipe.error.invalidJson');
  }
  if (!isRecord(value)) throw new RecipeError('recipe.error.invalidJson');
  if (value.schemaVersion !== RECIPE_SCHEMA_VERSION) {
    throw new RecipeError('recipe.error.unsupportedVersion', {
      version: String(value.schemaVersion),
    });
  }
  return value;
}

function checkStep(value: unknown, index: number): RecipeStep {
  if (!isRecord(value)) throw new RecipeError('recipe.error.invalidStep', { index });
  if (!isStepType(value.type)) {
    throw new RecipeError('recipe.error.unknownStepType', { type: String(value.type), index });
  }
  const valid =
    typeof value.id === 'string' &&
    typeof value.enabled === 'boolean' &&
    isRecord(value.options) &&
    (value.reasonKey === undefined || typeof value.reasonKey === 'string');
  if (!valid) throw new RecipeError('recipe.error.invalidStep', { index });
  return value as unknown as RecipeStep;
}

function checkSteps(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new RecipeError('recipe.error.invalidJson');
  return value;
}

export function serializeRecipe(recipe: Recipe): string {
  return JSON.stringify(recipe, replacer);
}

export function parseRecipe(text: string): Recipe {
  const value = parseJson(text);
  return {
    schemaVersion: RECIPE_SCHEMA_VERSION,
    steps: checkSteps(value.steps).map(checkStep),
  };
}

export function serializeFitted(fitted: FittedRecipe): string {
  return JSON.stringify(fitted, replacer);
}

export function parseFitted(text: string): FittedRecipe {
  const value = parseJson(text);
  const steps = checkSteps(value.steps).map((entry, index): FittedStep => {
    if (!isRecord(entry) || !('params' in entry)) {
      throw new RecipeError('recipe.error.invalidStep', { index });
    }
    const step = checkStep(entry.step, index);
    const { params } = entry;
    if (step.enabled ? !isRecord(params) : params !== null) {
      throw new RecipeError('recipe.error.invalidStep', { index });
    }
    return { step, params } as FittedStep;
  });
  const task = value.task;
  if ((task !== 'classification' && task !== 'regression') || typeof value.seed !== 'number') {
    throw new RecipeError('recipe.error.invalidJson');
  }
  if (!Array.isArray(value.inputColumns)) throw new RecipeError('recipe.error.invalidJson');
  const fitted: FittedRecipe = {
    schemaVersion: RECIPE_SCHEMA_VERSION,
    task,
    seed: value.seed,
    inputColumns: value.inputColumns as FittedRecipe['inputColumns'],
    steps,
  };
  if (typeof value.target === 'string') fitted.target = value.target;
  return fitted;
}
