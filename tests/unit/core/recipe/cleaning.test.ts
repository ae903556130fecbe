import { describe, expect, it } from 'vitest';
import { frameFromRecords, type Frame } from '../../../../src/core/frame';
import {
  applyRecipe,
  fitTransformRecipe,
  type FitContext,
  type RecipeStep,
  type StepReport,
} from '../../../../src/core/recipe';
import { numbers, strings } from './frames';

const CTX: FitContext = { target: 'y', task: 'classification', seed: 1 };

function run(step: Omit<RecipeStep, 'id' | 'enabled'>, frame: Frame, ctx = CTX) {
  const full = { id: 'c', enabled: true, ...step } as RecipeStep;
  const out = fitTransformRecipe({ schemaVersion: 1, steps: [full] }, frame, ctx);
  return { ...out, report: out.reports[0] as StepReport, params: out.fitted.steps[0]?.params };
}

const KINDS = { a: 'numeric', b: 'categorical', y: 'categorical' } as const;
const DUPES = frameFromRecords(
  ['a', 'b', 'y'],
  [
    ['1', 'p', 'no'],
    ['1', 'p', 'no'],
    ['1', 'p', 'yes'],
    ['2', 'q', 'no'],
    ['2', null, 'no'],
    ['2', null, 'no'],
  ],
  KINDS,
);

describe('dropDuplicates', () => {
  it('removes exact duplicates, keeps the first, counts them and lists conflicts', () => {
    const { frame, report } = run({ type: 'dropDuplicates', options: {} }, DUPES);
    expect(frame.rowCount).toBe(4);
    expect(strings(frame, 'y')).toEqual(['no', 'yes', 'no', 'no']);
    expect(report.affected).toBe(2);
    expect(report.details).toEqual({
      kind: 'duplicates',
      removed: 2,
      conflicts: [{ rows: [0, 1, 2], targets: ['no', 'yes'], values: ['1', 'p'] }],
      conflictCount: 1,
      columns: ['a', 'b'],
      hiddenColumns: 0,
    });
    expect(report.warnings[0]?.code).toBe('recipe.warn.conflictingDuplicates');
  });

  it('removes duplicates by key columns only', () => {
    const { frame } = run({ type: 'dropDuplicates', options: { keyColumns: ['a'] } }, DUPES);
    expect(numbers(frame, 'a')).toEqual([1, 2]);
  });
});

describe('dropMissingRows and filterRows', () => {
  it('drops rows with any missing cell, or only in chosen columns', () => {
    expect(run({ type: 'dropMissingRows', options: {} }, DUPES).frame.rowCount).toBe(4);
    const onlyA = run({ type: 'dropMissingRows', options: { columns: ['a'] } }, DUPES);
    expect(onlyA.frame.rowCount).toBe(6);
  });

  const rows = frameFromRecords(
    ['a', 'b'],
    [
      ['1', 'p'],
      ['5', 'q'],
      [null, null],
      ['3', 'p'],
    ],
    {
      a: 'numeric',
      b: 'categorical',
    },
  );
  it.each([
    ['==', 3, [3]],
    ['!=', 3, [1, 5]],
    ['<', 3, [1]],
    ['<=', 3, [1, 3]],
    ['>', 3, [5]],
    ['>=', 3, [5, 3]],
  ] as const)('keeps rows where a %s %d (a missing cell never matches)', (op, value, kept) => {
    const { frame, report } = run(
      { type: 'filterRows', options: { column: 'a', op, value } },
      rows,
    );
    expect(numbers(frame, 'a')).toEqual(kept);
    expect(report.affected).toBe(4 - kept.length);
  });

  it('filters on missingness and on categories', () => {
    const missing = run({ type: 'filterRows', options: { column: 'a', op: 'isMissing' } }, rows);
    expect(missing.frame.rowCount).toBe(1);
    const present = run({ type: 'filterRows', options: { column: 'b', op: 'notMissing' } }, rows);
    expect(present.frame.rowCount).toBe(3);
    const equal = run({ type: 'filterRows', options: { column: 'b', op: '==', value: 'p' } }, rows);
    expect(numbers(equal.frame, 'a')).toEqual([1, 3]);
  });
});

describe('column steps', () => {
  it('drops named columns and casts types, counting unreadable cells', () => {
    const dropped = run({ type: 'dropColumns', options: { columns: ['b'] } }, DUPES);
    expect(dropped.frame.columns.map((c) => c.name)).toEqual(['a', 'y']);
    const toText = run({ type: 'castType', options: { column: 'a', to: 'categorical' } }, DUPES);
    expect(strings(toText.frame, 'a')).toEqual(['1', '1', '1', '2', '2', '2']);
    const back = run({ type: 'castType', options: { column: 'b', to: 'numeric' } }, DUPES);
    expect(numbers(back.frame, 'b').every(Number.isNaN)).toBe(true);
    expect(back.report.warnings).toEqual([
      { code: 'recipe.warn.castFailed', params: { column: 'b', count: 4 } },
    ]);
  });
});

describe('impute', () => {
  const frame = frameFromRecords(
    ['a', 'b', 'y'],
    [
      ['1', 'q'],
      ['2', 'p'],
      [null, 'p'],
      ['6', null],
      ['2', 'q'],
    ].map((r) => [...r, 'no']),
    KINDS,
  );

  it('fills mean, median, most frequent (ties to the smallest) and constants', () => {
    const value = (options: object) =>
      (
        run({ type: 'impute', options: { addIndicator: false, ...options } } as never, frame)
          .params as { fills: { value: unknown }[] }
      ).fills[0]?.value;
    expect(value({ strategy: 'mean' })).toBe(11 / 4);
    expect(value({ strategy: 'median' })).toBe(2);
    expect(value({ strategy: 'mostFrequent', scope: 'numeric' })).toBe(2);
    expect(value({ strategy: 'mostFrequent', scope: 'categorical' })).toBe('p');
    expect(value({ strategy: 'constant', columns: ['b'], constant: 'none' })).toBe('none');
  });

  it('adds indicators for columns that had missing training values', () => {
    const { frame: out, report } = run(
      { type: 'impute', options: { strategy: 'median', columns: ['a'], addIndicator: true } },
      frame,
    );
    expect(numbers(out, 'a')).toEqual([1, 2, 2, 6, 2]);
    expect(numbers(out, 'a_missing')).toEqual([0, 0, 1, 0, 0]);
    expect(report.affected).toBe(1);
  });
});

describe('outliers', () => {
  // 1..9 and 100: q1 3.25, median 5.5, q3 7.75, IQR 4.5, fences -3.5 and 14.5.
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
  const frame = frameFromRecords(
    ['a'],
    values.map((v) => [String(v)]),
    { a: 'numeric' },
  );
  const ctx: FitContext = { task: 'regression', seed: 1 };

  it('reports the box-plot numbers and counts, then clips', () => {
    const options = { method: 'iqr', factor: 1.5, action: 'clip' } as const;
    const { frame: out, params, report } = run({ type: 'outliers', options }, frame, ctx);
    expect(params).toEqual({
      boxes: [
        {
          column: 'a',
          q1: 3.25,
          median: 5.5,
          q3: 7.75,
          lowerWhisker: 1,
          upperWhisker: 9,
          lower: -3.5,
          upper: 14.5,
          outliers: 1,
        },
      ],
    });
    expect(numbers(out, 'a').at(-1)).toBe(14.5);
    expect(report.details).toEqual({
      kind: 'outliers',
      columns: [{ column: 'a', below: 0, above: 1 }],
    });
  });

  it('drops outlier rows at the train stage only, and keeps them when asked', () => {
    const options = { method: 'zscore', threshold: 2, action: 'drop' } as const;
    const { frame: out, fitted } = run({ type: 'outliers', options }, frame, ctx);
    expect(out.rowCount).toBe(9);
    const inference = applyRecipe(fitted, frame, { stage: 'inference' });
    expect(inference.frame.rowCount).toBe(10);
    expect(inference.reports[0]?.skipped).toBe(true);
    const kept = run({ type: 'outliers', options: { ...options, action: 'keep' } }, frame, ctx);
    expect(kept.frame.rowCount).toBe(10);
    expect(kept.report.details).toEqual({
      kind: 'outliers',
      columns: [{ column: 'a', below: 0, above: 1 }],
    });
  });
});
