/**
 * What the Prepare screen's step charts and tables get: details carried by the step reports
 * (feature scores, explained variance, conflicting duplicates), the pure chart helpers, and the
 * "explodes" warning and refusal of column-multiplying steps.
 */
import { describe, expect, it } from 'vitest';
import { createFrame, frameFromRecords } from '../../../../src/core/frame';
import {
  fitTransformRecipe,
  type BoxPlot,
  type RecipeStep,
  type StepReport,
} from '../../../../src/core/recipe';
import {
  boxDomain,
  rankFeatures,
  summarizeOutliers,
  varianceRows,
} from '../../../../src/core/recipe/chart-data';
import { CTX, trainFrame } from './frames';

function run(step: Omit<RecipeStep, 'id' | 'enabled'>, frame = trainFrame(), ctx = CTX) {
  const full = { id: 'c', enabled: true, ...step } as RecipeStep;
  const out = fitTransformRecipe({ schemaVersion: 1, steps: [full] }, frame, ctx);
  return { ...out, report: out.reports[0] as StepReport };
}

describe('step details for charts', () => {
  it('feature selection reports its scores and kept columns', () => {
    const { report, fitted } = run({
      type: 'selectFeatures',
      options: { method: 'anova', k: 2 },
    });
    const params = fitted.steps[0]?.params as { scores: unknown; kept: string[] };
    expect(report.details).toEqual({
      kind: 'featureScores',
      method: 'anova',
      scores: params.scores,
      kept: params.kept,
    });
    expect(params.kept).toHaveLength(2);
  });

  it('PCA reports the explained variance ratio of its components', () => {
    const { report, fitted } = run({
      type: 'pca',
      options: { columns: ['z', 'w'], components: 2 },
    });
    const ratios = (fitted.steps[0]?.params as { explainedVarianceRatio: number[] })
      .explainedVarianceRatio;
    expect(report.details).toEqual({ kind: 'explainedVariance', ratios });
    expect(ratios.reduce((s, r) => s + r, 0)).toBeCloseTo(1, 10);
  });

  it('conflicting duplicates are listed with their feature values, capped in width', () => {
    const names = Array.from({ length: 10 }, (_, i) => `f${i}`);
    const row = (label: string, first: string) => [first, ...names.slice(1).map(() => '1'), label];
    const frame = frameFromRecords(
      [...names, 'label'],
      [row('yes', '2.5'), row('no', '2.5'), row('no', '3'), row('no', '3')],
      Object.fromEntries(names.map((n) => [n, 'numeric' as const])),
    );
    const { report } = run({ type: 'dropDuplicates', options: {} }, frame);
    expect(report.details).toEqual({
      kind: 'duplicates',
      removed: 1,
      conflicts: [{ rows: [0, 1], targets: ['yes', 'no'], values: ['2.5', ...Array(7).fill('1')] }],
      conflictCount: 1,
      columns: names.slice(0, 8),
      hiddenColumns: 2,
    });
  });
});

describe('steps that multiply columns', () => {
  const wide = (count: number) =>
    createFrame([
      ...Array.from({ length: count }, (_, i) => ({
        name: `c${i}`,
        kind: 'numeric' as const,
        values: Float64Array.from([1, 2, 3]),
      })),
      { name: 'label', kind: 'categorical' as const, values: ['a', 'b', 'a'] },
    ]);

  it('warn past 500 new columns and stay quiet below', () => {
    const few = run({ type: 'polynomial', options: { squares: true, crosses: true } }, wide(10));
    expect(few.report.warnings).toEqual([]);
    const many = run({ type: 'polynomial', options: { squares: true, crosses: true } }, wide(40));
    expect(many.report.columnsAfter - many.report.columnsBefore).toBe(40 + 780);
    expect(many.report.warnings).toEqual([
      { code: 'recipe.warn.manyColumns', params: { added: 820 } },
    ]);
    const trig = run({ type: 'trig', options: {} }, wide(300));
    expect(trig.report.warnings[0]?.code).toBe('recipe.warn.manyColumns');
  });

  it('refuse a polynomial expansion no tab could hold, before building it', () => {
    expect(() =>
      run({ type: 'polynomial', options: { squares: true, crosses: true } }, wide(300)),
    ).toThrow(expect.objectContaining({ code: 'recipe.error.tooManyColumns' }));
  });
});

describe('chart helpers', () => {
  it('rankFeatures orders best first, keeps ties in column order and caps the bars', () => {
    const scores = [
      { column: 'a', score: 1 },
      { column: 'b', score: 3 },
      { column: 'c', score: 1 },
      { column: 'd', score: 2 },
    ];
    const ranked = rankFeatures(scores, ['b', 'd'], 3);
    expect(ranked.all.map((r) => r.column)).toEqual(['b', 'd', 'a', 'c']);
    expect(ranked.shown.map((r) => r.kept)).toEqual([true, true, false]);
    expect(ranked.omitted).toBe(1);
    expect(scores[0]?.column).toBe('a');
  });

  it('varianceRows accumulates the ratios', () => {
    const rows = varianceRows([0.5, 0.3, 0.15], 2);
    rows.all.forEach((r, i) => expect(r.cumulative).toBeCloseTo([0.5, 0.8, 0.95][i]!, 12));
    expect(rows.shown.map((r) => r.component)).toEqual([1, 2]);
    expect(rows.omitted).toBe(1);
  });

  it('summarizeOutliers totals the counts and names the worst column', () => {
    const box = (column: string, outliers: number): BoxPlot => ({
      column,
      q1: 1,
      median: 2,
      q3: 3,
      lowerWhisker: 0,
      upperWhisker: 4,
      lower: -2,
      upper: 6,
      outliers,
    });
    expect(summarizeOutliers([box('a', 1), box('b', 4), box('c', 0)])).toEqual({
      total: 5,
      worst: box('b', 4),
    });
    expect(summarizeOutliers([box('a', 0)])).toEqual({ total: 0 });
    expect(boxDomain(box('a', 0))).toEqual([-2, 6]);
    const flat = { ...box('f', 0), q1: 5, q3: 5, lower: 5, upper: 5 };
    expect(boxDomain({ ...flat, lowerWhisker: 5, upperWhisker: 5 })).toEqual([4.5, 5.5]);
  });
});

describe('outliers on indicator columns', () => {
  it('leaves two-valued columns alone unless they are named', () => {
    const frame = createFrame([
      { name: 'onehot', kind: 'numeric', values: Float64Array.from([0, 0, 0, 0, 0, 0, 1, 0]) },
      { name: 'x', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 100]) },
      { name: 'label', kind: 'categorical', values: ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'] },
    ]);
    const step = { type: 'outliers', options: { method: 'iqr', action: 'clip' } } as const;
    const auto = run(step, frame);
    const boxes = (auto.fitted.steps[0]?.params as { boxes: BoxPlot[] }).boxes;
    expect(boxes.map((b) => b.column)).toEqual(['x']);
    const named = run({ ...step, options: { ...step.options, columns: ['onehot'] } }, frame);
    expect((named.fitted.steps[0]?.params as { boxes: BoxPlot[] }).boxes[0]?.outliers).toBe(1);
  });
});
