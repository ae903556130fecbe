/**
 * The scaling and PCA steps against scikit-learn 1.2.1: the standardScale, minMaxScale and
 * pcaExplainedVarianceRatio cases, copied from ../shared/oracles/metrics.json into the fixture.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '../../../../src/core/frame';
import {
  fitTransformRecipe,
  type RecipeStep,
  type StepParamsMap,
} from '../../../../src/core/recipe';
import { numbers } from './frames';

interface OracleCase {
  name: string;
  fn: 'standardScale' | 'minMaxScale' | 'pcaExplainedVarianceRatio';
  args: { X: number[][]; components?: number };
  expected: number[][] | number[];
}

const oracle = JSON.parse(
  readFileSync(new URL('../../../fixtures/recipe-scaling-oracle.json', import.meta.url), 'utf8'),
) as { cases: OracleCase[] };

function caseOf(fn: OracleCase['fn']): OracleCase {
  const found = oracle.cases.find((c) => c.fn === fn);
  if (!found) throw new Error(`oracle case ${fn} missing`);
  return found;
}

function frameOf(x: number[][]): Frame {
  const d = x[0]?.length ?? 0;
  return createFrame(
    Array.from({ length: d }, (_, j) => ({
      name: `f${j}`,
      kind: 'numeric' as const,
      values: Float64Array.from(x, (row) => row[j]!),
    })),
  );
}

function run(step: Omit<RecipeStep, 'id' | 'enabled'>, frame: Frame) {
  const full = { id: 'o', enabled: true, ...step } as RecipeStep;
  return fitTransformRecipe({ schemaVersion: 1, steps: [full] }, frame, {
    task: 'regression',
    seed: 0,
  });
}

describe('sklearn oracle cases through the recipe steps', () => {
  it.each(['standardScale', 'minMaxScale'] as const)('%s matches to 1e-12', (fn) => {
    const c = caseOf(fn);
    const type = fn === 'standardScale' ? 'standardize' : 'minMax';
    const { frame } = run({ type, options: {} }, frameOf(c.args.X));
    const expected = c.expected as number[][];
    expect(expected).toHaveLength(c.args.X.length);
    expected.forEach((row, i) => {
      row.forEach((value, j) => expect(numbers(frame, `f${j}`)[i]).toBeCloseTo(value, 12));
    });
  });

  it('pcaExplainedVarianceRatio matches to 1e-12', () => {
    const c = caseOf('pcaExplainedVarianceRatio');
    const components = c.args.components ?? 1;
    const { fitted, frame } = run({ type: 'pca', options: { components } }, frameOf(c.args.X));
    const params = fitted.steps[0]?.params as StepParamsMap['pca'];
    const expected = c.expected as number[];
    expect(params.explainedVarianceRatio).toHaveLength(expected.length);
    expected.forEach((r, i) => expect(params.explainedVarianceRatio[i]).toBeCloseTo(r, 12));
    expect(frame.columns.map((col) => col.name)).toEqual(['pc1', 'pc2', 'pc3']);
  });
});
