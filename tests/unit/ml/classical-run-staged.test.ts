import { describe, expect, it } from 'vitest';
import { accuracy, r2 } from '../../../src/core/metrics';
import { isBoostedModel, stagedScores } from '../../../src/ml/classical-run-staged';
import {
  gbdtClassifier,
  gbdtRegressor,
  type GbdtClassifierModel,
  type GbdtRegressorModel,
} from '../../../src/ml/classical/gbdt';
import { denseMatrix } from '../../../src/ml/classical/types';

// Two noisy features; the class is decided by their sum, the target by a smooth function.
const n = 120;
const x = denseMatrix(
  n,
  2,
  Array.from({ length: 2 * n }, (_, i) => Math.sin(i * 12.9898) * 3),
);
const sum = (i: number) => x.data[2 * i]! + x.data[2 * i + 1]!;
const three = Int32Array.from({ length: n }, (_, i) => (sum(i) < -1 ? 0 : sum(i) < 1 ? 1 : 2));
const two = Int32Array.from(three, (c) => (c === 2 ? 1 : 0));
const target = Float64Array.from({ length: n }, (_, i) => sum(i) ** 2 + x.data[2 * i]!);
const params = { maxIter: 15, minSamplesLeaf: 5, earlyStopping: false };

describe('stagedScores', () => {
  it.each([
    ['binary', two, 2],
    ['three classes', three, 3],
  ] as const)('%s: one accuracy per round, the last equal to the model’s', async (_, y, k) => {
    const model = (await gbdtClassifier.fit(x, y, k, params)) as GbdtClassifierModel;
    expect(isBoostedModel(model)).toBe(true);
    const scores = stagedScores(model, x, y, 'classification');
    expect(scores).toHaveLength(15);
    expect(scores.at(-1)).toBe(accuracy(y, model.predict(x)));
    expect(scores.at(-1)!).toBeGreaterThan(scores[0]! - 1e-12);
  });

  it('gives one R² per round for regression, the last equal to the model’s', async () => {
    const model = (await gbdtRegressor.fit(x, target, params)) as GbdtRegressorModel;
    const scores = stagedScores(model, x, target, 'regression');
    expect(scores).toHaveLength(15);
    expect(scores.at(-1)).toBeCloseTo(r2(target, model.predict(x)), 12);
    expect(scores.at(-1)!).toBeGreaterThan(scores[0]!);
  });

  it('gives NaN for an empty split and tells boosted models from others', async () => {
    const model = (await gbdtRegressor.fit(x, target, params)) as GbdtRegressorModel;
    const empty = denseMatrix(0, 2);
    expect(stagedScores(model, empty, new Float64Array(), 'regression')).toEqual(
      new Array(15).fill(Number.NaN),
    );
    expect(isBoostedModel({ trees: [] })).toBe(false);
  });
});
