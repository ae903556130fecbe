/**
 * Logistic regression: a coefficient checked against scikit-learn, separable binary and
 * multinomial fixtures, probabilities that sum to 1, save/load and cancel; plus the L-BFGS
 * minimiser on a quadratic whose minimum is known.
 */
import { describe, expect, it } from 'vitest';
import { lbfgs } from '../../../../src/ml/classical/linalg/lbfgs';
import { logisticRegression } from '../../../../src/ml/classical/logistic';
import { blobs, matrix } from './linear-helpers';

describe('L-BFGS', () => {
  it('finds the minimum of a badly scaled quadratic', () => {
    const scales = [1, 10, 100];
    const result = lbfgs(
      (x, g) => {
        let f = 0;
        scales.forEach((s, i) => {
          const d = x[i]! - (i + 1);
          f += 0.5 * s * d * d;
          g[i] = s * d;
        });
        return f;
      },
      new Float64Array(3),
      { gtol: 1e-10 },
    );
    expect(result.converged).toBe(true);
    Array.from(result.x).forEach((v, i) => expect(v).toBeCloseTo(i + 1, 8));
  });
});

describe('logistic regression', () => {
  it('matches scikit-learn 1.2.1 on a tiny fixture (C = 1)', async () => {
    // LogisticRegression(C=1).fit([[0],[1],[2],[3],[1.5]], [0,0,1,1,0]):
    // coef_ 0.98086651, intercept_ −1.96482433.
    const model = await logisticRegression.fit(
      matrix([[0], [1], [2], [3], [1.5]]),
      Int32Array.of(0, 0, 1, 1, 0),
      2,
      {
        c: 1,
        tol: 1e-8,
      },
    );
    expect(model.weights[0]![0]).toBeCloseTo(0.98086651, 5);
    expect(model.weights[0]![1]).toBeCloseTo(-1.96482433, 5);
  });

  it('separates two separable blobs with probabilities summing to 1', async () => {
    const { x, y } = blobs(
      [
        [-3, 0],
        [3, 0],
      ],
      30,
      0.7,
      3,
    );
    const model = await logisticRegression.fit(x, y, 2, { c: 1 });
    expect(Array.from(model.predict(x))).toEqual(Array.from(y));
    const proba = model.predictProba(x);
    for (let i = 0; i < x.rows; i++) expect(proba[2 * i]! + proba[2 * i + 1]!).toBeCloseTo(1, 12);
    expect(model.featureImportances()[0]).toBeGreaterThan(0.8);
  });

  it('fits a multinomial model on three blobs', async () => {
    const { x, y } = blobs(
      [
        [0, 4],
        [-4, -2],
        [4, -2],
      ],
      25,
      0.8,
      5,
    );
    const model = await logisticRegression.fit(x, y, 3, { c: 1 });
    expect(model.weights).toHaveLength(3);
    expect(Array.from(model.predict(x))).toEqual(Array.from(y));
    const proba = model.predictProba(x);
    expect(proba[0]! + proba[1]! + proba[2]!).toBeCloseTo(1, 12);
  });

  it('round-trips through JSON with identical probabilities', async () => {
    const { x, y } = blobs(
      [
        [0, 4],
        [-4, -2],
        [4, -2],
      ],
      10,
      1.5,
      6,
    );
    const model = await logisticRegression.fit(x, y, 3, { c: 0.5 });
    const restored = logisticRegression.fromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predictProba(x))).toEqual(Array.from(model.predictProba(x)));
  });

  it('stops before the first step when asked, leaving uniform probabilities', async () => {
    const { x, y } = blobs(
      [
        [-3, 0],
        [3, 0],
      ],
      10,
      0.7,
      3,
    );
    const model = await logisticRegression.fit(x, y, 2, {}, { shouldStop: () => true });
    expect(model.predictProba(x)[0]).toBe(0.5);
  });
});
