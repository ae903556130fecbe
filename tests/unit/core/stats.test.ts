import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  brierScore,
  calibrationCurve,
  chiSquareSurvival,
  mcnemarExactP,
  mcnemarTest,
  meanAbsolutePercentageError,
  pairedTTest,
  studentTTwoSidedP,
} from '../../../src/core/stats';

interface ReferenceCase {
  name: string;
  fn: string;
  args: unknown[];
  expected: number | Record<string, number | number[]>;
}

const reference = JSON.parse(
  readFileSync(new URL('../../fixtures/stats-reference.json', import.meta.url), 'utf8'),
) as { cases: ReferenceCase[] };

type Fn = (...args: never[]) => unknown;
const FUNCTIONS: Record<string, Fn> = {
  pairedTTest,
  chiSquareSurvival,
  studentTTwoSidedP,
  mcnemarExactP,
  calibrationCurve,
  brierScore,
  meanAbsolutePercentageError,
};

function expectClose(actual: unknown, expected: unknown): void {
  if (typeof expected === 'number') {
    expect(actual).toBeTypeOf('number');
    const tolerance = Math.max(1e-12, Math.abs(expected) * 1e-9);
    expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance);
  } else if (Array.isArray(expected)) {
    expect((actual as unknown[]).length).toBe(expected.length);
    expected.forEach((value, i) => expectClose((actual as unknown[])[i], value));
  } else {
    for (const [key, value] of Object.entries(expected as object)) {
      expectClose((actual as Record<string, unknown>)[key], value);
    }
  }
}

describe('statistics against SciPy / scikit-learn (tests/fixtures/stats-reference.json)', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const fn = FUNCTIONS[c.fn];
    expect(fn, `unknown fn ${c.fn}`).toBeDefined();
    expectClose(fn!(...(c.args as never[])), c.expected);
  });
});

describe('mcnemarTest', () => {
  const yTrue = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0];
  it('counts discordant rows and uses the exact test for few of them', () => {
    const first = [0, 1, 1, 0, 1, 0, 1, 1, 0, 0]; // all correct
    const second = [0, 0, 1, 1, 1, 0, 0, 1, 0, 0]; // 3 wrong
    const result = mcnemarTest(yTrue, first, second);
    expect(result).toMatchObject({ onlyFirstCorrect: 3, onlySecondCorrect: 0, exact: true });
    expect(result.pvalue).toBeCloseTo(0.25, 12); // 2 * 0.5^3
  });

  it('gives p = 1 for identical predictions and rejects misaligned inputs', () => {
    expect(mcnemarTest(yTrue, yTrue, yTrue).pvalue).toBe(1);
    expect(() => mcnemarTest(yTrue, yTrue, [1])).toThrow(RangeError);
  });

  it('uses the chi-square form with continuity correction when asked', () => {
    const n = 100;
    const truth = new Array<number>(n).fill(1);
    const first = truth.map((_, i) => (i < 30 ? 0 : 1));
    const second = truth.map((_, i) => (i >= 30 && i < 40 ? 0 : 1));
    const result = mcnemarTest(truth, first, second, { exact: false });
    expect(result.statistic).toBeCloseTo((Math.abs(10 - 30) - 1) ** 2 / 40, 12);
    expect(result.pvalue).toBeCloseTo(chiSquareSurvival(result.statistic, 1), 14);
  });
});

describe('edge cases', () => {
  it('paired t-test: constant differences give NaN like SciPy, short samples are rejected', () => {
    expect(pairedTTest([1, 2, 3], [0, 1, 2]).pvalue).toBeNaN();
    expect(() => pairedTTest([1], [2])).toThrow(RangeError);
  });

  it('calibration and Brier reject probabilities outside [0, 1] or NaN', () => {
    expect(() => brierScore([1], [1.5])).toThrow(RangeError);
    expect(() => calibrationCurve([1], [Number.NaN])).toThrow(/row 0/);
  });

  it('a perfect, confident classifier has Brier score 0', () => {
    expect(brierScore([0, 1, 1], [0, 1, 1])).toBe(0);
  });
});
