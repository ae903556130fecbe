/**
 * The recipe path's expected failures on the small CSV fixtures (ported from the stop-gap's
 * tests, which this path replaced): every problem is a code with params, never a throw or NaN.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TrainRequest } from '../../../src/contracts/training';
import { prepareWithRecipe } from '../../../src/ml/prepare-recipe';

const FIXTURES = path.resolve(process.cwd(), 'tests/fixtures');
const SPLIT: TrainRequest['split'] = { train: 0.6, validation: 0.2, test: 0.2 };

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

const FIXTURE_DATASET: TrainRequest['dataset'] = {
  id: 'fixture',
  url: '',
  target: 'label',
  task: 'classification',
  features: [
    { name: 'a', type: 'numeric' },
    { name: 'b', type: 'numeric' },
  ],
};

describe('prepareWithRecipe failures on fixtures', () => {
  const prepare = (text: string, dataset = FIXTURE_DATASET, split = SPLIT) =>
    prepareWithRecipe(text, { dataset, split }, 1);

  it('reports an empty file and a header-only file as empty', () => {
    expect(prepare(fixture('prep-empty.csv'))).toEqual({ ok: false, code: 'error.dataset.empty' });
    expect(prepare(fixture('prep-header-only.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.empty',
    });
  });

  it('names a missing target column', () => {
    expect(prepare(fixture('prep-no-target.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.targetMissing',
      params: { column: 'label' },
    });
  });

  it('names the column and row of a non-numeric value in a numeric column', () => {
    expect(prepare(fixture('prep-non-numeric.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'b', row: 3 },
    });
  });

  it('rejects a non-numeric regression target instead of producing NaN', () => {
    const dataset: TrainRequest['dataset'] = {
      ...FIXTURE_DATASET,
      task: 'regression',
      target: 'b',
      features: [{ name: 'a', type: 'numeric' }],
    };
    expect(prepare(fixture('prep-non-numeric.csv'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'b', row: 3 },
    });
  });

  it('reports a single class', () => {
    expect(prepare(fixture('prep-single-class.csv'))).toEqual({
      ok: false,
      code: 'error.dataset.singleClass',
    });
  });

  it('counts rows left after dropping rows without a target', () => {
    expect(prepare(fixture('prep-too-few.csv').replace('3,NA,y', '3,4,NA'))).toEqual({
      ok: false,
      code: 'error.dataset.tooFewRows',
      params: { rows: 2 },
    });
  });

  it('imputes a missing feature value instead of dropping its row', () => {
    const prepared = prepare(fixture('prep-too-few.csv'));
    expect(prepared).toMatchObject({ ok: true, summary: { rowsUsed: 3 } });
  });

  it('reports broken quoting as a parse failure', () => {
    expect(prepare(fixture('prep-bad-quotes.csv'))).toMatchObject({
      ok: false,
      code: 'error.dataset.parseFailed',
    });
  });

  it('reports no usable features', () => {
    const dataset = { ...FIXTURE_DATASET, features: [{ name: 'ghost', type: 'numeric' }] };
    expect(prepare(fixture('prep-single-class.csv'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.noFeatures',
    });
  });

  it('reports a label outside the declared classes with its row', () => {
    const dataset = { ...FIXTURE_DATASET, classes: ['x'] };
    expect(prepare(fixture('prep-non-numeric.csv').replace('5,six', '5,6'), dataset)).toEqual({
      ok: false,
      code: 'error.dataset.parseFailed',
      params: { column: 'label', row: 2 },
    });
  });

  it('reports invalid split ratios as a config error', () => {
    const text = fixture('prep-non-numeric.csv').replace('5,six', '5,6');
    expect(prepare(text, FIXTURE_DATASET, { train: 0, validation: 0.5, test: 0.5 })).toEqual({
      ok: false,
      code: 'error.config.invalid',
      params: { field: 'split' },
    });
  });
});
