/**
 * Checks a classical model spec from a training request against the catalogue
 * (src/core/classical-catalog.ts) and resolves it to a registry learner with every parameter
 * filled in. The request crosses a thread boundary and may come from a shared URL, so nothing
 * is trusted: an unknown learner, a learner of the other task, an unknown parameter or a value
 * out of its range is an expected failure naming the field (`classical.params.<name>`).
 */
import type { ClassicalLearnerInfo, ClassicalModelSpec } from '../contracts/classical';
import type { ClassicalParamRange, ClassicalParamValue } from '../core/classical-types';
import { findLearner } from '../core/classical-catalog';
import type { TrainableTask } from '../contracts/datasets';
import { SUPERVISED_REGISTRY } from './classical/registry-supervised';
import { UNSUPERVISED_REGISTRY } from './classical/registry-unsupervised';
import type { ClassifierLearner, RegressorLearner } from './classical/types';

type Params = Record<string, unknown>;

export type ResolvedLearner =
  | { family: 'classifier'; learner: ClassifierLearner<Params> }
  | { family: 'regressor'; learner: RegressorLearner<Params> };

export interface ResolvedClassical {
  ok: true;
  info: ClassicalLearnerInfo;
  learner: ResolvedLearner;
  /** The catalogue defaults overlaid with the request's values: what the learner runs with. */
  params: Record<string, ClassicalParamValue>;
}

export interface ClassicalSpecProblem {
  ok: false;
  field: string;
}

/** The registry entry behind a catalogue key, from whichever registry holds it. */
export function registryLearner(key: string): ResolvedLearner | null {
  const supervised: Record<string, ResolvedLearner> = SUPERVISED_REGISTRY;
  const other: Record<string, { family: string }> = UNSUPERVISED_REGISTRY;
  const entry = Object.hasOwn(supervised, key)
    ? supervised[key]
    : Object.hasOwn(other, key)
      ? (other[key] as ResolvedLearner)
      : undefined;
  if (entry?.family !== 'classifier' && entry?.family !== 'regressor') return null;
  return entry;
}

export function isParamInRange(value: unknown, range: ClassicalParamRange): boolean {
  switch (range.type) {
    case 'boolean':
      return typeof value === 'boolean';
    case 'choice':
      return range.options.some((option) => option === value);
    case 'integer':
    case 'number':
      if (value === null) return range.nullable === true;
      if (typeof value === 'string')
        return range.type === 'number' && !!range.special?.includes(value);
      if (typeof value !== 'number' || !Number.isFinite(value)) return false;
      if (range.type === 'integer' && !Number.isInteger(value)) return false;
      return value >= range.min && value <= range.max;
  }
}

export function resolveClassicalSpec(
  spec: ClassicalModelSpec,
  task: TrainableTask,
): ResolvedClassical | ClassicalSpecProblem {
  const info = typeof spec.learner === 'string' ? findLearner(spec.learner) : undefined;
  const learner = info ? registryLearner(info.key) : null;
  if (!info || !learner || info.task !== task) return { ok: false, field: 'classical.learner' };
  const overrides: Record<string, unknown> =
    typeof spec.params === 'object' && spec.params !== null ? spec.params : {};
  const params: Record<string, ClassicalParamValue> = { ...info.defaults };
  for (const [name, value] of Object.entries(overrides)) {
    const range = Object.hasOwn(info.ranges, name) ? info.ranges[name] : undefined;
    if (!range || !isParamInRange(value, range)) {
      return { ok: false, field: `classical.params.${name}` };
    }
    params[name] = value as ClassicalParamValue;
  }
  return { ok: true, info, learner, params };
}

/** Parameters as the learners take them: `null` means "no limit" there and reads as unset. */
export function learnerParams(
  params: Record<string, ClassicalParamValue>,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, value]) => value !== null));
}
