/**
 * Runs reference cases (../shared/oracles/metrics.json format) against the metric functions.
 * Pure: the unit test and scripts/oracle.ts read the file and hand the parsed JSON here.
 *
 * Format: { cases: [{ name, fn, args: { ... }, expected, tol? }] }. Numbers agree within a
 * relative tolerance (1e-9, or the case's `tol`) or an absolute 1e-12 near zero; the strings
 * "inf", "-inf" and "nan" stand for those values; arrays and objects compare element-wise.
 */
import {
  accuracy,
  balancedAccuracy,
  cohenKappa,
  confusionMatrix,
  f1,
  matthewsCorrcoef,
  precision,
  recall,
  type Average,
} from './classification';
import { calinskiHarabaszScore, daviesBouldinScore, silhouetteScore } from './clustering';
import { ksTwoSample } from './ks';
import { logLoss } from './log-loss';
import { pcaExplainedVarianceRatio } from './pca';
import { averagePrecision, precisionRecallCurve } from './precision-recall';
import { meanAbsoluteError, meanSquaredError, r2, rootMeanSquaredError } from './regression';
import { rocAuc, rocAucMulticlass, rocCurve } from './roc';
import { minMaxScale, standardScale } from './scaling';

export interface OracleCase {
  name: string;
  fn: string;
  args: Record<string, unknown>;
  expected: unknown;
  tol?: number;
}

export interface OracleOutcome {
  pass: boolean;
  message?: string;
}

export const DEFAULT_RTOL = 1e-9;
export const DEFAULT_ATOL = 1e-12;

type Args = Record<string, unknown>;

function vector(args: Args, key: string): number[] {
  const v = args[key];
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'number')) {
    throw new TypeError(`argument "${key}" must be an array of numbers`);
  }
  return v as number[];
}

function matrix(args: Args, key: string): number[][] {
  const v = args[key];
  if (
    !Array.isArray(v) ||
    !v.every((row) => Array.isArray(row) && row.every((x) => typeof x === 'number'))
  ) {
    throw new TypeError(`argument "${key}" must be an array of number arrays`);
  }
  return v as number[][];
}

function vectorOrMatrix(args: Args, key: string): number[] | number[][] {
  const v = args[key];
  return Array.isArray(v) && Array.isArray(v[0]) ? matrix(args, key) : vector(args, key);
}

function integer(args: Args, key: string): number {
  const v = args[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) {
    throw new TypeError(`argument "${key}" must be an integer`);
  }
  return v;
}

function oneOf<T extends string>(args: Args, key: string, allowed: readonly T[]): T {
  const v = args[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new TypeError(`argument "${key}" must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

const AVERAGES = ['binary', 'macro', 'micro', 'weighted'] as const satisfies readonly Average[];

const labelPair =
  (f: (yTrue: number[], yPred: number[]) => unknown) =>
  (a: Args): unknown =>
    f(vector(a, 'yTrue'), vector(a, 'yPred'));
const scored =
  (f: (yTrue: number[], scores: number[]) => unknown) =>
  (a: Args): unknown =>
    f(vector(a, 'yTrue'), vector(a, 'scores'));
const averaged =
  (f: (yTrue: number[], yPred: number[], average: Average) => number) =>
  (a: Args): unknown =>
    f(
      vector(a, 'yTrue'),
      vector(a, 'yPred'),
      a.average === undefined ? 'binary' : oneOf(a, 'average', AVERAGES),
    );
const clustered =
  (f: (x: number[][], labels: number[]) => number) =>
  (a: Args): unknown =>
    f(matrix(a, 'X'), vector(a, 'labels'));

/** Oracle `fn` name → implementation taking the case's named args. */
export const ORACLE_FUNCTIONS: Readonly<Record<string, (args: Args) => unknown>> = {
  accuracy: labelPair(accuracy),
  balancedAccuracy: labelPair(balancedAccuracy),
  cohenKappa: labelPair(cohenKappa),
  matthewsCorrcoef: labelPair(matthewsCorrcoef),
  precision: averaged(precision),
  recall: averaged(recall),
  f1: averaged(f1),
  confusionMatrix: (a) =>
    confusionMatrix(vector(a, 'yTrue'), vector(a, 'yPred'), integer(a, 'numClasses')),
  rocCurve: scored(rocCurve),
  rocAuc: scored(rocAuc),
  rocAucMulticlass: (a) =>
    rocAucMulticlass(
      vector(a, 'yTrue'),
      matrix(a, 'probs'),
      oneOf(a, 'average', ['macro', 'weighted']),
    ),
  precisionRecallCurve: scored(precisionRecallCurve),
  averagePrecision: scored(averagePrecision),
  logLoss: (a) => logLoss(vector(a, 'yTrue'), vectorOrMatrix(a, 'probs')),
  meanSquaredError: labelPair(meanSquaredError),
  rootMeanSquaredError: labelPair(rootMeanSquaredError),
  meanAbsoluteError: labelPair(meanAbsoluteError),
  r2: labelPair(r2),
  silhouetteScore: clustered(silhouetteScore),
  daviesBouldinScore: clustered(daviesBouldinScore),
  calinskiHarabaszScore: clustered(calinskiHarabaszScore),
  standardScale: (a) => standardScale(matrix(a, 'X')),
  minMaxScale: (a) => minMaxScale(matrix(a, 'X')),
  pcaExplainedVarianceRatio: (a) =>
    pcaExplainedVarianceRatio(matrix(a, 'X'), integer(a, 'components')),
  ksTwoSample: (a) => ksTwoSample(vector(a, 'a'), vector(a, 'b')),
};

const SPECIAL: Readonly<Record<string, number>> = {
  inf: Number.POSITIVE_INFINITY,
  '-inf': Number.NEGATIVE_INFINITY,
  nan: Number.NaN,
};

function numbersAgree(actual: number, expected: number, rtol: number): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  return Math.abs(actual - expected) <= Math.max(rtol * Math.abs(expected), DEFAULT_ATOL);
}

/**
 * Deep comparison; returns null when `actual` matches `expected`, otherwise a description of
 * the first difference with its path (e.g. `.fpr[3]`).
 */
export function compareValues(
  actual: unknown,
  expected: unknown,
  rtol = DEFAULT_RTOL,
  path = '',
): string | null {
  const at = path || 'value';
  if (typeof expected === 'string' && expected in SPECIAL) {
    return compareValues(actual, SPECIAL[expected], rtol, path);
  }
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return `${at}: expected ${expected}, got ${describe(actual)}`;
    return numbersAgree(actual, expected, rtol)
      ? null
      : `${at}: expected ${expected}, got ${actual}`;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) && !ArrayBuffer.isView(actual)) {
      return `${at}: expected an array, got ${describe(actual)}`;
    }
    const items = Array.from(actual as ArrayLike<unknown>);
    if (items.length !== expected.length) {
      return `${at}: expected length ${expected.length}, got ${items.length}`;
    }
    for (let i = 0; i < expected.length; i++) {
      const diff = compareValues(items[i], expected[i], rtol, `${path}[${i}]`);
      if (diff !== null) return diff;
    }
    return null;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      return `${at}: expected an object, got ${describe(actual)}`;
    }
    for (const [key, value] of Object.entries(expected)) {
      const diff = compareValues(
        (actual as Record<string, unknown>)[key],
        value,
        rtol,
        `${path}.${key}`,
      );
      if (diff !== null) return diff;
    }
    return null;
  }
  return Object.is(actual, expected)
    ? null
    : `${at}: expected ${String(expected)}, got ${describe(actual)}`;
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return `an array of ${v.length}`;
  return v === null ? 'null' : typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function runOracleCase(c: OracleCase): OracleOutcome {
  const impl = ORACLE_FUNCTIONS[c.fn];
  if (impl === undefined) return { pass: false, message: `unknown fn "${c.fn}"` };
  let actual: unknown;
  try {
    actual = impl(c.args);
  } catch (err) {
    return {
      pass: false,
      message: `threw ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`,
    };
  }
  const diff = compareValues(actual, c.expected, c.tol ?? DEFAULT_RTOL);
  return diff === null ? { pass: true } : { pass: false, message: diff };
}

/** Validates a parsed oracle file and returns its cases; throws TypeError when malformed. */
export function parseOracleFile(json: unknown): OracleCase[] {
  if (
    json === null ||
    typeof json !== 'object' ||
    !Array.isArray((json as { cases?: unknown }).cases)
  ) {
    throw new TypeError('oracle file must be an object with a "cases" array');
  }
  const cases = (json as { cases: unknown[] }).cases;
  return cases.map((c, i) => {
    const o = c as Partial<OracleCase> | null;
    if (
      o === null ||
      typeof o !== 'object' ||
      typeof o.name !== 'string' ||
      typeof o.fn !== 'string' ||
      o.args === null ||
      typeof o.args !== 'object' ||
      Array.isArray(o.args) ||
      !('expected' in o) ||
      (o.tol !== undefined && (typeof o.tol !== 'number' || !(o.tol >= 0)))
    ) {
      throw new TypeError(
        `case ${i} needs a string name and fn, an args object, expected, and an optional tol >= 0`,
      );
    }
    return o as OracleCase;
  });
}
