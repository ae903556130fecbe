/**
 * Pure helpers behind the classical parameter form and run summaries: which control each
 * catalogue range becomes, what a "no limit" or special box restores when unticked, and how a
 * value reads in a summary. Labels come from i18n; this module only decides shapes and values.
 */
import type {
  ClassicalLearnerInfo,
  ClassicalParamRange,
  ClassicalParamValue,
} from '../../contracts/classical';

export type ParamControl =
  | {
      kind: 'number';
      field: string;
      min: number;
      max: number;
      step: number | 'any';
      log: boolean;
      nullable: boolean;
      special: readonly string[];
    }
  | { kind: 'choice'; field: string; options: readonly (string | number)[] }
  | { kind: 'boolean'; field: string };

/** One control per parameter, in the catalogue's order (which is also the help text's). */
export function controlsOf(info: ClassicalLearnerInfo): ParamControl[] {
  return Object.entries(info.ranges).map(([field, range]) => controlOf(field, range));
}

export function controlOf(field: string, range: ClassicalParamRange): ParamControl {
  switch (range.type) {
    case 'boolean':
      return { kind: 'boolean', field };
    case 'choice':
      return { kind: 'choice', field, options: range.options };
    case 'integer':
      return {
        kind: 'number',
        field,
        min: range.min,
        max: range.max,
        step: 1,
        log: false,
        nullable: range.nullable ?? false,
        special: [],
      };
    case 'number':
      return {
        kind: 'number',
        field,
        min: range.min,
        max: range.max,
        step: 'any',
        log: range.log ?? false,
        nullable: range.nullable ?? false,
        special: range.special ?? [],
      };
  }
}

/**
 * The number a field gets back when "no limit" or a special value is unticked: the catalogue
 * default if it is a number, else a middle value (the geometric middle on a log range, where
 * the arithmetic one would sit near the top).
 */
export function fallbackNumber(
  control: Extract<ParamControl, { kind: 'number' }>,
  fallback: ClassicalParamValue | undefined,
): number {
  if (typeof fallback === 'number' && Number.isFinite(fallback)) return fallback;
  const { min, max } = control;
  const middle = control.log && min > 0 ? Math.sqrt(min * max) : min + (max - min) / 2;
  const rounded = control.step === 1 ? Math.round(middle) : Number(middle.toPrecision(1));
  return Math.min(max, Math.max(min, rounded));
}

/**
 * A choice option as a form value and back: <select> values are strings, and the catalogue
 * mixes strings and numbers (`maxFeatures: 'sqrt' | 1`).
 */
export function optionFromValue(
  options: readonly (string | number)[],
  text: string,
): string | number | undefined {
  return options.find((option) => String(option) === text);
}

/** Parameters whose value differs from the catalogue default, for a compact run summary. */
export function changedParams(
  info: ClassicalLearnerInfo,
  params: Record<string, ClassicalParamValue>,
): string[] {
  return Object.keys(info.ranges).filter(
    (field) => field in params && params[field] !== info.defaults[field],
  );
}
