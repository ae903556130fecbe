/**
 * Known answers for the linear regressors: OLS recovers an exact linear rule, ridge matches
 * the 1-D closed form worked by hand, lasso zeroes an irrelevant feature, plus save/load,
 * importances and cancel.
 */
import { describe, expect, it } from 'vitest';
import { createRng, normalSample } from '../../../../src/core/rng';
import {
  elasticNetRegression,
  lassoRegression,
  linearRegression,
  ridgeRegression,
} from '../../../../src/ml/classical/linear';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { matrix } from './linear-helpers';

/** y = 3 + 2·x0 − 1.5·x1 + 0·x2 (+ noise), seeded. */
function fixture(noise: number, n = 60) {
  const rng = createRng(11);
  const x = denseMatrix(n, 3);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x.data[i * 3 + j] = normalSample(rng);
    y[i] = 3 + 2 * x.data[i * 3]! - 1.5 * x.data[i * 3 + 1]! + noise * normalSample(rng);
  }
  return { x, y };
}

describe('linear regression', () => {
  it('recovers the coefficients of an exact linear rule', async () => {
    const { x, y } = fixture(0);
    const model = await linearRegression.fit(x, y, {});
    expect(Array.from(model.coefficients())).toEqual([
      expect.closeTo(2, 10),
      expect.closeTo(-1.5, 10),
      expect.closeTo(0, 10),
    ]);
    expect(model.intercept).toBeCloseTo(3, 10);
  });

  it('ridge matches the hand-computed 1-D closed form', async () => {
    // x = 0,1,2,3; y = 1,3,2,5: x̄ = 1.5, ȳ = 2.75, Σx̃ỹ = 5.5, Σx̃² = 5, α = 1
    // ⇒ w = 5.5 / 6, b = 2.75 − 1.5·w.
    const model = await ridgeRegression.fit(
      matrix([[0], [1], [2], [3]]),
      Float64Array.of(1, 3, 2, 5),
      {
        alpha: 1,
      },
    );
    expect(model.coefficients()[0]).toBeCloseTo(5.5 / 6, 12);
    expect(model.intercept).toBeCloseTo(2.75 - 1.5 * (5.5 / 6), 12);
  });

  it('lasso zeroes the irrelevant feature and keeps the others', async () => {
    const { x, y } = fixture(0.1);
    const model = await lassoRegression.fit(x, y, { alpha: 0.1 });
    const coef = model.coefficients();
    expect(coef[2]).toBe(0);
    expect(coef[0]).toBeGreaterThan(1.5);
    expect(coef[1]).toBeLessThan(-1);
    const importances = model.featureImportances();
    expect(importances.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 12);
    expect(importances[0]).toBeGreaterThan(importances[1]!);
  });

  it('elastic net with l1Ratio 0 shrinks like ridge with alpha·n', async () => {
    // sklearn's objective: (1/2n)||r||² + (α/2)||w||² equals ridge with alpha_ridge = α·n.
    const { x, y } = fixture(0.2);
    const enet = await elasticNetRegression.fit(x, y, { alpha: 0.05, l1Ratio: 0, tol: 1e-10 });
    const ridge = await ridgeRegression.fit(x, y, { alpha: 0.05 * x.rows });
    enet.coefficients().forEach((c, j) => expect(c).toBeCloseTo(ridge.coefficients()[j]!, 6));
  });

  it('round-trips through JSON with identical predictions', async () => {
    const { x, y } = fixture(0.3);
    const model = await elasticNetRegression.fit(x, y, { alpha: 0.1, l1Ratio: 0.5 });
    const restored = elasticNetRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predict(x))).toEqual(Array.from(model.predict(x)));
    expect(() => lassoRegression.fromJSON(model.toJSON())).toThrow(TypeError);
  });

  it('stops coordinate descent when asked', async () => {
    const { x, y } = fixture(0.3);
    const seen: number[] = [];
    await lassoRegression.fit(
      x,
      y,
      { alpha: 1e-6, tol: 0 },
      {
        onProgress: (p) => seen.push(p.done),
        shouldStop: () => true,
      },
    );
    expect(seen).toEqual([1]);
  });
});
