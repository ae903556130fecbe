import { describe, expect, it } from 'vitest';
import { knnClassifier, knnRegressor } from '../../../../src/ml/classical/knn';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { viaJson } from './sup-fixtures';

// 1-D training set: rows 0..4 at x = 0, 1, 2, 4, 7. Every answer below is worked by hand and
// agrees with sklearn 1.2.1's KNeighborsClassifier / Regressor.
const X = denseMatrix(5, 1, [0, 1, 2, 4, 7]);
const Y = Int32Array.from([0, 0, 1, 1, 1]);
const TARGET = Float64Array.from([0, 10, 20, 40, 70]);
const at = (...values: number[]) => denseMatrix(values.length, 1, values);

describe('k-nearest neighbours', () => {
  it('votes uniformly among the k nearest', async () => {
    // x = 1.5: distances 1.5, 0.5, 0.5, 2.5, 5.5 → rows 1, 2, 0 → classes 0, 1, 0.
    const model = await knnClassifier.fit(X, Y, 2, { k: 3 });
    const [p0, p1] = model.predictProba(at(1.5));
    expect(p0).toBeCloseTo(2 / 3, 12);
    expect(p1).toBeCloseTo(1 / 3, 12);
    expect(Array.from(model.predict(at(1.5)))).toEqual([0]);
  });

  it('weights by inverse distance, and an exact match takes all the weight', async () => {
    // Weights 1/0.5, 1/0.5, 1/1.5 = 2, 2, 2/3: class 0 gets 8/3 of 14/3 = 4/7.
    const model = await knnClassifier.fit(X, Y, 2, { k: 3, weights: 'distance' });
    const proba = model.predictProba(at(1.5, 4));
    expect(proba[0]).toBeCloseTo(4 / 7, 12);
    expect(proba[1]).toBeCloseTo(3 / 7, 12);
    expect(Array.from(proba.subarray(2))).toEqual([0, 1]); // x = 4 is row 3 exactly
    const regressor = await knnRegressor.fit(X, TARGET, { k: 3, weights: 'distance' });
    // (2·10 + 2·20 + (2/3)·0) / (14/3) = 90/7
    expect(regressor.predict(at(1.5))[0]).toBeCloseTo(90 / 7, 12);
    const uniform = await knnRegressor.fit(X, TARGET, { k: 3 });
    expect(uniform.predict(at(1.5))[0]).toBeCloseTo(10, 12);
  });

  it('breaks distance ties by row order and vote ties by the lower class', async () => {
    // x = 1.5 is 0.5 from row 1 (class 0) and row 2 (class 1).
    const one = await knnClassifier.fit(X, Y, 2, { k: 1 });
    expect(Array.from(one.predict(at(1.5)))).toEqual([0]);
    const two = await knnClassifier.fit(X, Y, 2, { k: 2 });
    expect(Array.from(two.predictProba(at(1.5)))).toEqual([0.5, 0.5]);
    expect(Array.from(two.predict(at(1.5)))).toEqual([0]);
  });

  it('measures euclidean, manhattan and cosine distance', async () => {
    // From (0, 0): A = (2, 2) is nearer by euclid (2.83 < 3), B = (3, 0) by manhattan (3 < 4).
    const x = denseMatrix(2, 2, [2, 2, 3, 0]);
    const y = Int32Array.from([0, 1]);
    const predict = async (metric: 'euclidean' | 'manhattan' | 'cosine', q: number[]) =>
      (await knnClassifier.fit(x, y, 2, { k: 1, metric })).predict(denseMatrix(1, 2, q))[0];
    expect(await predict('euclidean', [0, 0])).toBe(0);
    expect(await predict('manhattan', [0, 0])).toBe(1);
    // Cosine looks at direction only: (10, 10) points at A, (0.1, 0) at B.
    expect(await predict('cosine', [10, 10])).toBe(0);
    expect(await predict('cosine', [0.1, 0])).toBe(1);
  });

  it('saves and loads without changing a prediction', async () => {
    const model = await knnClassifier.fit(X, Y, 2, {
      k: 3,
      weights: 'distance',
      metric: 'manhattan',
    });
    const loaded = knnClassifier.fromJSON(viaJson(model.toJSON()));
    const q = at(-1, 1.5, 3, 5.5, 9);
    expect(loaded.predictProba(q)).toEqual(model.predictProba(q));
    const regressor = await knnRegressor.fit(X, TARGET, { k: 2 });
    expect(knnRegressor.fromJSON(viaJson(regressor.toJSON())).predict(q)).toEqual(
      regressor.predict(q),
    );
  });

  it('rejects k larger than the training set', async () => {
    await expect(knnClassifier.fit(X, Y, 2, { k: 6 })).rejects.toThrow(RangeError);
  });
});
