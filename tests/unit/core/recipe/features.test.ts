import { describe, expect, it } from 'vitest';
import { createFrame, frameFromRecords, type Frame } from '../../../../src/core/frame';
import {
  applyRecipe,
  fitRecipe,
  type FitContext,
  type RecipeStep,
  type StepParamsMap,
} from '../../../../src/core/recipe';
import { numbers } from './frames';

const REGRESSION: FitContext = { task: 'regression', seed: 1 };

function fitApply(
  step: Omit<RecipeStep, 'id' | 'enabled'>,
  train: Frame,
  other = train,
  ctx = REGRESSION,
) {
  const fitted = fitRecipe(
    { schemaVersion: 1, steps: [{ id: 'f', enabled: true, ...step } as RecipeStep] },
    train,
    ctx,
  );
  const out = applyRecipe(fitted, other, { stage: 'inference' });
  return { frame: out.frame, report: out.reports[0], params: fitted.steps[0]?.params };
}

const colours = (values: (string | null)[]) =>
  frameFromRecords(
    ['c'],
    values.map((v) => [v]),
    { c: 'categorical' },
  );

describe('oneHot', () => {
  it('encodes training categories, gives unknown ones all zeros and counts them', () => {
    const { frame, report } = fitApply(
      { type: 'oneHot', options: { maxCategories: 50 } },
      colours(['red', 'blue', 'red']),
      colours(['blue', 'green', null, 'green']),
    );
    expect(frame.columns.map((c) => c.name)).toEqual(['c=blue', 'c=red']);
    expect(numbers(frame, 'c=blue')).toEqual([1, 0, 0, 0]);
    expect(numbers(frame, 'c=red')).toEqual([0, 0, 0, 0]);
    expect(report?.details).toEqual({ kind: 'unknownCategories', counts: { c: 2 } });
    expect(report?.warnings).toEqual([
      { code: 'recipe.warn.unknownCategories', params: { column: 'c', count: 2 } },
    ]);
  });

  it('keeps only the most frequent categories past maxCategories, and warns', () => {
    const many = colours(Array.from({ length: 60 }, (_, i) => `k${i % 30}`).concat(['k7']));
    const { frame, report } = fitApply({ type: 'oneHot', options: { maxCategories: 2 } }, many);
    expect(frame.columns.map((c) => c.name)).toEqual(['c=k0', 'c=k7']);
    expect(report?.warnings[0]).toEqual({
      code: 'recipe.warn.oneHotExplodes',
      params: { column: 'c', categories: 30, kept: 2 },
    });
  });
});

describe('ordinalEncode', () => {
  it.each([
    ['minusOne', -1],
    ['nan', Number.NaN],
  ] as const)('codes unknown categories as %s and missing as NaN', (unknown, code) => {
    const { frame } = fitApply(
      { type: 'ordinalEncode', options: { unknown } },
      colours(['b', 'a', 'c']),
      colours(['c', 'zzz', null, 'a']),
    );
    expect(numbers(frame, 'c')).toEqual([2, code, Number.NaN, 0]);
  });
});

const xy = createFrame([
  { name: 'x', kind: 'numeric', values: Float64Array.from([1, 2, Number.NaN]) },
  { name: 'y', kind: 'numeric', values: Float64Array.from([3, -0.5, 4]) },
]);

describe('derived features', () => {
  it('adds squares and crosses', () => {
    const { frame } = fitApply(
      { type: 'polynomial', options: { squares: true, crosses: true } },
      xy,
    );
    expect(frame.columns.map((c) => c.name)).toEqual(['x', 'y', 'x^2', 'y^2', 'x*y']);
    expect(numbers(frame, 'x*y')).toEqual([3, -1, Number.NaN]);
    expect(numbers(frame, 'y^2')).toEqual([9, 0.25, 16]);
  });

  it('adds sin and cos', () => {
    const { frame } = fitApply({ type: 'trig', options: { columns: ['y'] } }, xy);
    expect(numbers(frame, 'sin(y)')).toEqual([Math.sin(3), Math.sin(-0.5), Math.sin(4)]);
    expect(numbers(frame, 'cos(y)')[0]).toBe(Math.cos(3));
  });

  it('log1p maps values and turns values <= -1 into missing with a warning', () => {
    const frame = createFrame([
      { name: 'v', kind: 'numeric', values: Float64Array.from([0, Math.E - 1, -2]) },
    ]);
    const { frame: out, report } = fitApply({ type: 'log1p', options: {} }, frame);
    expect(numbers(out, 'v')).toEqual([0, 1, Number.NaN]);
    expect(report?.warnings[0]?.code).toBe('recipe.warn.log1pDomain');
  });

  it('reads date parts in UTC and replaces the date column', () => {
    const frame = frameFromRecords(['d'], [['2024-03-10T22:15:00Z'], [null]], { d: 'datetime' });
    const { frame: out } = fitApply(
      {
        type: 'dateParts',
        options: { parts: ['year', 'month', 'weekday', 'hour'], dropOriginal: true },
      },
      frame,
    );
    expect(out.columns.map((c) => c.name)).toEqual(['d_year', 'd_month', 'd_weekday', 'd_hour']);
    // 10 March 2024 was a Sunday.
    expect(out.columns.map((c) => c.values[0])).toEqual([2024, 3, 0, 22]);
    expect(numbers(out, 'd_year')[1]).toBeNaN();
  });
});

describe('binning', () => {
  const frame = createFrame([
    { name: 'v', kind: 'numeric', values: Float64Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 10]) },
  ]);
  it('cuts equal-width bins and clamps values outside the training range', () => {
    const other = createFrame([
      { name: 'v', kind: 'numeric', values: Float64Array.from([-5, 2.4, 2.5, 9.99, 50]) },
    ]);
    const { frame: out, params } = fitApply(
      { type: 'binning', options: { strategy: 'equalWidth', bins: 4 } },
      frame,
      other,
    );
    expect((params as StepParamsMap['binning']).edges[0]?.edges).toEqual([0, 2.5, 5, 7.5, 10]);
    expect(numbers(out, 'v')).toEqual([0, 0, 1, 3, 3]);
  });

  it('merges duplicate quantile edges', () => {
    const tied = createFrame([
      { name: 'v', kind: 'numeric', values: Float64Array.from([1, 1, 1, 1, 1, 1, 2, 3]) },
    ]);
    const { params } = fitApply(
      { type: 'binning', options: { strategy: 'quantile', bins: 4 } },
      tied,
    );
    expect((params as StepParamsMap['binning']).edges[0]?.edges).toEqual([1, 1.25, 3]);
  });
});

describe('textVectorize', () => {
  const docs = (values: (string | null)[]) =>
    frameFromRecords(
      ['t'],
      values.map((v) => [v]),
      { t: 'text' },
    );

  it('counts training-vocabulary tokens and ignores unseen ones', () => {
    const { frame } = fitApply(
      {
        type: 'textVectorize',
        options: { mode: 'bagOfWords', vocabularySize: 2, lowercase: true },
      },
      docs(['Red red blue', 'blue green', 'red']),
      docs(['RED, Blue! purple', null]),
    );
    expect(frame.columns.map((c) => c.name)).toEqual(['t:blue', 't:red']);
    expect(numbers(frame, 't:red')).toEqual([1, 0]);
  });

  it('weights by smooth idf and normalises rows to unit length, as sklearn', () => {
    const { frame } = fitApply(
      { type: 'textVectorize', options: { mode: 'tfidf', vocabularySize: 10, lowercase: true } },
      docs(['a b', 'a']),
    );
    // idf(a) = ln(3/3) + 1 = 1, idf(b) = ln(3/2) + 1; row 0 = (1, idf b) / norm.
    const idfB = Math.log(1.5) + 1;
    const norm = Math.hypot(1, idfB);
    expect(numbers(frame, 't:a')[0]).toBeCloseTo(1 / norm, 12);
    expect(numbers(frame, 't:b')[0]).toBeCloseTo(idfB / norm, 12);
    expect(numbers(frame, 't:a')[1]).toBe(1);
  });
});

describe('selectFeatures', () => {
  const n = 30;
  const label = Array.from({ length: n }, (_, i) => (i < 15 ? 'p' : 'q'));
  const frame = createFrame([
    {
      name: 'signal',
      kind: 'numeric',
      values: Float64Array.from(label, (l, i) => (l === 'p' ? 0 : 5) + (i % 3)),
    },
    {
      name: 'copy',
      kind: 'numeric',
      values: Float64Array.from(label, (l, i) => (l === 'p' ? 0 : 10) + 2 * (i % 3)),
    },
    {
      name: 'noise',
      kind: 'numeric',
      values: Float64Array.from({ length: n }, (_, i) => (i * 7) % 5),
    },
    { name: 'flat', kind: 'numeric', values: new Float64Array(n).fill(4) },
    { name: 'y', kind: 'categorical', values: label },
  ]);
  const ctx: FitContext = { target: 'y', task: 'classification', seed: 1 };
  const keptBy = (options: object) =>
    (
      fitApply({ type: 'selectFeatures', options } as never, frame, frame, ctx)
        .params as StepParamsMap['selectFeatures']
    ).kept;

  it('drops constant columns by variance and the later of correlated pairs', () => {
    expect(keptBy({ method: 'variance', threshold: 0 })).toEqual(['signal', 'copy', 'noise']);
    expect(keptBy({ method: 'correlation', threshold: 0.9 })).toEqual(['signal', 'noise', 'flat']);
  });

  it.each(['anova', 'chi2', 'mutualInfo'] as const)(
    '%s ranks the informative column first',
    (method) => {
      const { params } = fitApply(
        { type: 'selectFeatures', options: { method, k: 2 } },
        frame,
        frame,
        ctx,
      );
      const { scores, kept } = params as StepParamsMap['selectFeatures'];
      const score = (c: string) => scores.find((s) => s.column === c)?.score ?? -1;
      expect(score('signal')).toBeGreaterThan(score('noise'));
      expect(score('flat')).toBe(0);
      expect(kept).toContain('signal');
      expect(kept).toHaveLength(2);
    },
  );

  it('computes the ANOVA F statistic like sklearn f_classif', () => {
    // Two groups [0,0,1] and [3,3,4]: between 13.5 (1 df), within 4/3 (4 df): F = 40.5.
    const small = createFrame([
      { name: 'v', kind: 'numeric', values: Float64Array.from([0, 0, 1, 3, 3, 4]) },
      { name: 'y', kind: 'categorical', values: ['a', 'a', 'a', 'b', 'b', 'b'] },
    ]);
    const { params } = fitApply(
      { type: 'selectFeatures', options: { method: 'anova', k: 1 } },
      small,
      small,
      ctx,
    );
    expect((params as StepParamsMap['selectFeatures']).scores[0]?.score).toBeCloseTo(40.5, 10);
  });
});

describe('pca', () => {
  it('replaces the inputs by k components and passes missing through', () => {
    const frame = createFrame([
      { name: 'a', kind: 'numeric', values: Float64Array.from([1, 2, 3, 4, 5]) },
      { name: 'b', kind: 'numeric', values: Float64Array.from([2, 4.1, 5.9, 8.2, 9.8]) },
    ]);
    const other = createFrame([
      { name: 'a', kind: 'numeric', values: Float64Array.from([3, Number.NaN]) },
      { name: 'b', kind: 'numeric', values: Float64Array.from([6, 1]) },
    ]);
    const { frame: out, params } = fitApply(
      { type: 'pca', options: { components: 1 } },
      frame,
      other,
    );
    expect(out.columns.map((c) => c.name)).toEqual(['pc1']);
    expect(numbers(out, 'pc1')[1]).toBeNaN();
    expect((params as StepParamsMap['pca']).explainedVarianceRatio[0]).toBeGreaterThan(0.99);
  });
});
