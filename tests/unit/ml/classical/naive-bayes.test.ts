import { describe, expect, it } from 'vitest';
import { gaussianNb, multinomialNb } from '../../../../src/ml/classical/naive-bayes';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { viaJson } from './sup-fixtures';

describe('Gaussian naive Bayes', () => {
  // Class 0 at x = 0, 2 (mean 1, variance 1); class 1 at 4, 6, 8 (mean 6, variance 8/3);
  // all five have variance 8, so var_smoothing adds 8e-9; priors 2/5 and 3/5.
  const x = denseMatrix(5, 1, [0, 2, 4, 6, 8]);
  const y = Int32Array.from([0, 0, 1, 1, 1]);

  it('matches the posterior worked by hand (and by sklearn)', async () => {
    const model = await gaussianNb.fit(x, y, 2, {});
    const normal = (v: number, mean: number, variance: number) =>
      Math.exp(-((v - mean) ** 2) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
    const joint0 = 0.4 * normal(3, 1, 1 + 8e-9);
    const joint1 = 0.6 * normal(3, 6, 8 / 3 + 8e-9);
    const proba = model.predictProba(denseMatrix(2, 1, [3, 5]));
    expect(proba[0]).toBeCloseTo(joint0 / (joint0 + joint1), 12);
    // sklearn 1.2.1 predict_proba at x = 3 and x = 5
    expect(proba[0]).toBeCloseTo(0.44335658369290515, 12);
    expect(proba[2]).toBeCloseTo(0.00044032791575046164, 12);
    expect(Array.from(model.predict(denseMatrix(2, 1, [3, 5])))).toEqual([1, 1]);
  });

  it('gives a class absent from y no probability, and survives JSON', async () => {
    const model = await gaussianNb.fit(x, y, 3, {});
    const q = denseMatrix(3, 1, [-1, 3, 20]);
    const proba = model.predictProba(q);
    for (let i = 0; i < 3; i++) expect(proba[i * 3 + 2]).toBe(0);
    expect(gaussianNb.fromJSON(viaJson(model.toJSON())).predictProba(q)).toEqual(proba);
  });
});

describe('multinomial naive Bayes', () => {
  // Class 0 counts [2, 1] + [1, 0] = [3, 1] → with alpha 1, P(f | 0) = 4/6, 2/6; class 1 counts
  // [0, 3] → 1/5, 4/5. Priors 2/3, 1/3. For [1, 1]: (2/3·2/3·1/3) : (1/3·1/5·4/5) = 25 : 9.
  const x = denseMatrix(3, 2, [2, 1, 1, 0, 0, 3]);
  const y = Int32Array.from([0, 0, 1]);

  it('matches the posterior worked by hand (and by sklearn)', async () => {
    const model = await multinomialNb.fit(x, y, 2, { alpha: 1 });
    const proba = model.predictProba(denseMatrix(2, 2, [1, 1, 0, 2]));
    expect(proba[0]).toBeCloseTo(25 / 34, 12);
    expect(proba[2]).toBeCloseTo(0.2577319587628867, 12); // sklearn 1.2.1 at [0, 2]
    expect(multinomialNb.fromJSON(viaJson(model.toJSON())).predictProba(x)).toEqual(
      model.predictProba(x),
    );
  });

  it('refuses negative features', async () => {
    await expect(
      multinomialNb.fit(denseMatrix(1, 1, [-1]), Int32Array.from([0]), 1, {}),
    ).rejects.toThrow(RangeError);
  });
});
