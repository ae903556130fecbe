/**
 * Parameters of an Explore method checked against its catalogue ranges (EXPLORE_METHODS): the
 * form shows the same verdict the worker acts on. Unknown keys are dropped, missing ones take
 * the catalogue default, and nothing is clamped silently: an out-of-range value is a problem.
 */
import { EXPLORE_METHODS } from './classical-catalog';
import type {
  ClassicalParamRange,
  ClassicalParamValue,
  ExploreMethodInfo,
} from './classical-types';

export type ExploreParams = Record<string, ClassicalParamValue>;

/** Why a value is refused; i18n keys under `explore.param.problem.`. */
export type ParamProblemKey = 'range' | 'integer' | 'option';

export interface ParamProblem {
  field: string;
  key: ParamProblemKey;
}

export function findExploreMethod(key: string): ExploreMethodInfo | undefined {
  return EXPLORE_METHODS.find((method) => method.key === key);
}

function problemOf(value: ClassicalParamValue, range: ClassicalParamRange): ParamProblemKey | null {
  switch (range.type) {
    case 'boolean':
      return typeof value === 'boolean' ? null : 'option';
    case 'choice':
      return range.options.includes(value as string | number) ? null : 'option';
    case 'integer':
      if (value === null && range.nullable) return null;
      if (typeof value !== 'number' || !Number.isInteger(value)) return 'integer';
      return value < range.min || value > range.max ? 'range' : null;
    case 'number':
      if (value === null && range.nullable) return null;
      if (typeof value === 'string' && range.special?.includes(value)) return null;
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'range';
      return value < range.min || value > range.max ? 'range' : null;
  }
}

/** Every problem of `params` for the method, one per field, in the catalogue's field order. */
export function exploreParamProblems(
  method: ExploreMethodInfo,
  params: ExploreParams,
): ParamProblem[] {
  const problems: ParamProblem[] = [];
  for (const [field, range] of Object.entries(method.ranges)) {
    const value = field in params ? (params[field] as ClassicalParamValue) : method.defaults[field];
    if (value === undefined) continue;
    const key = problemOf(value, range);
    if (key) problems.push({ field, key });
  }
  return problems;
}

/** The defaults overlaid with the known fields of `params`. */
export function resolveExploreParams(
  method: ExploreMethodInfo,
  params: ExploreParams,
): ExploreParams {
  const out: ExploreParams = { ...method.defaults };
  for (const field of Object.keys(method.defaults)) {
    if (field in params) out[field] = params[field] as ClassicalParamValue;
  }
  return out;
}
