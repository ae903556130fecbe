/**
 * The classical learner a project trains instead of the network, checked against the catalogue
 * (src/core/classical-catalog). Pure functions shared by the Project state, the Model form and
 * the share-link schema, so all three give the same verdict the worker acts on: unknown keys
 * are dropped, missing ones take the default, and an out-of-range value is a problem, never
 * silently clamped.
 */
import { findLearner, learnersFor } from '../core/classical-catalog';
import type {
  ClassicalGroup,
  ClassicalLearnerInfo,
  ClassicalModelSpec,
  ClassicalParamRange,
  ClassicalParamValue,
  ClassicalTask,
} from '../contracts/classical';

/** Why a value is refused; i18n keys under `classical.invalid.`. */
export type ClassicalProblemKey = 'range' | 'integer' | 'option';

export interface ClassicalParamProblem {
  field: string;
  key: ClassicalProblemKey;
  params?: Record<string, string | number>;
}

/** Menu order of the groups (simple models first, as the seed material's menu). */
export const GROUP_ORDER: readonly ClassicalGroup[] = [
  'linear',
  'tree',
  'ensemble',
  'neighbors',
  'bayes',
  'svm',
];

export interface LearnerGroup {
  group: ClassicalGroup;
  learners: ClassicalLearnerInfo[];
}

/** The learners that solve `task`, grouped in menu order; empty groups are left out. */
export function learnerGroupsFor(task: ClassicalTask): LearnerGroup[] {
  const learners = learnersFor(task);
  return GROUP_ORDER.map((group) => ({
    group,
    learners: learners.filter((l) => l.group === group),
  })).filter((g) => g.learners.length > 0);
}

/** A fresh spec holding every catalogue default, or null for an unknown key. */
export function defaultClassicalSpec(key: string): ClassicalModelSpec | null {
  const info = findLearner(key);
  return info ? { learner: info.key, params: { ...info.defaults } } : null;
}

export function paramProblemOf(
  value: ClassicalParamValue,
  range: ClassicalParamRange,
): ClassicalProblemKey | null {
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

/** Every problem of the spec's parameters, one per field, in the catalogue's field order. */
export function classicalParamProblems(
  info: ClassicalLearnerInfo,
  params: Record<string, ClassicalParamValue>,
): ClassicalParamProblem[] {
  const problems: ClassicalParamProblem[] = [];
  for (const [field, range] of Object.entries(info.ranges)) {
    const value = field in params ? (params[field] as ClassicalParamValue) : info.defaults[field];
    if (value === undefined) continue;
    const key = paramProblemOf(value, range);
    if (!key) continue;
    const problem: ClassicalParamProblem = { field, key };
    if (range.type === 'integer' || range.type === 'number') {
      problem.params = { min: range.min, max: range.max };
    }
    problems.push(problem);
  }
  return problems;
}

/** The defaults overlaid with the known fields of `params` (unknown keys dropped). */
export function resolveClassicalParams(
  info: ClassicalLearnerInfo,
  params: Record<string, ClassicalParamValue>,
): Record<string, ClassicalParamValue> {
  const out: Record<string, ClassicalParamValue> = { ...info.defaults };
  for (const field of Object.keys(info.ranges)) {
    if (field in params) out[field] = params[field] as ClassicalParamValue;
  }
  return out;
}

export type SpecCheck =
  | { ok: true; spec: ClassicalModelSpec }
  | { ok: false; field: string; problem: ClassicalProblemKey | 'learner' };

/** Validates a spec from outside (a share link): unknown learner or any bad value refuses it. */
export function checkClassicalSpec(spec: {
  learner: string;
  params: Record<string, ClassicalParamValue>;
}): SpecCheck {
  const info = findLearner(spec.learner);
  if (!info) return { ok: false, field: 'learner', problem: 'learner' };
  const params = resolveClassicalParams(info, spec.params);
  const first = classicalParamProblems(info, params)[0];
  if (first) return { ok: false, field: `params.${first.field}`, problem: first.key };
  return { ok: true, spec: { learner: info.key, params } };
}

/** True when the spec's learner solves `task` (a stale choice after a dataset change does not). */
export function isSpecForTask(
  spec: ClassicalModelSpec | null,
  task: ClassicalTask | null,
): boolean {
  if (!spec || !task) return false;
  return findLearner(spec.learner)?.task === task;
}
