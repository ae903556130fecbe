import { describe, expect, it } from 'vitest';
import type { ForestClassifierModel } from '../../../../src/ml/classical/forest';
import { randomForestClassifier, randomForestRegressor } from '../../../../src/ml/classical/forest';
import type { FitProgress } from '../../../../src/ml/classical/types';
import { takeRows } from './sup-reference-data';
import {
  accuracyOf,
  majorityAccuracy,
  makeProblem,
  meanBaselineMse,
  mse,
  viaJson,
} from './sup-fixtures';

const { x, y, target } = makeProblem(400, 5, 11);
const train = Array.from({ length: 300 }, (_, i) => i);
const test = Array.from({ length: 100 }, (_, i) => 300 + i);
const xTrain = takeRows(x, train);
const xTest = takeRows(x, test);
const yTrain = y.slice(0, 300);
const yTest = y.slice(300);

describe('random forest', () => {
  it('beats the majority class and reports each tree', async () => {
    const events: FitProgress[] = [];
    const model = await randomForestClassifier.fit(
      xTrain,
      yTrain,
      3,
      { nEstimators: 20, seed: 1 },
      {
        onProgress: (p) => events.push(p),
      },
    );
    expect(accuracyOf(yTest, model.predict(xTest))).toBeGreaterThan(
      majorityAccuracy(yTrain, yTest) + 0.3,
    );
    expect(events.map((e) => e.done)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(events.every((e) => e.stage === 'trees' && e.total === 20)).toBe(true);
    const proba = model.predictProba(xTest);
    for (let i = 0; i < xTest.rows; i++)
      expect(proba[i * 3]! + proba[i * 3 + 1]! + proba[i * 3 + 2]!).toBeCloseTo(1, 12);
    // x0 and x1 carry the signal; the three noise features share little of the importance.
    const importances = model.featureImportances!();
    expect(importances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(importances[0]! + importances[1]!).toBeGreaterThan(0.6);
  });

  it('regresses better than the mean', async () => {
    const model = await randomForestRegressor.fit(xTrain, target.slice(0, 300), {
      nEstimators: 20,
    });
    const ours = mse(target.slice(300), model.predict(xTest));
    expect(ours).toBeLessThan(0.5 * meanBaselineMse(target.slice(0, 300), target.slice(300)));
  });

  it('stops after the tree during which shouldStop turned true, and resolves', async () => {
    let built = 0;
    let yields = 0;
    const model = (await randomForestClassifier.fit(
      xTrain,
      yTrain,
      3,
      { nEstimators: 50 },
      {
        onProgress: (p) => (built = p.done),
        shouldStop: () => built >= 2,
        yieldNow: async () => {
          yields++;
        },
      },
    )) as ForestClassifierModel;
    expect(model.trees).toHaveLength(2);
    expect(yields).toBe(2);
    expect(model.predict(xTest)).toHaveLength(100);
  });

  it('gives the same forest for the same seed, another for another, and survives JSON', async () => {
    const fit = (seed: number) =>
      randomForestClassifier.fit(xTrain, yTrain, 3, { nEstimators: 5, seed });
    const [a, b, c] = await Promise.all([fit(3), fit(3), fit(4)]);
    expect(b!.toJSON()).toEqual(a!.toJSON());
    expect(c!.toJSON()).not.toEqual(a!.toJSON());
    expect(randomForestClassifier.fromJSON(viaJson(a!.toJSON())).predictProba(xTest)).toEqual(
      a!.predictProba(xTest),
    );
    const regressor = await randomForestRegressor.fit(xTrain, target.slice(0, 300), {
      nEstimators: 5,
    });
    const loaded = randomForestRegressor.fromJSON(viaJson(regressor.toJSON()));
    expect(loaded.predict(xTest)).toEqual(regressor.predict(xTest));
    expect(loaded.featureImportances!()).toEqual(regressor.featureImportances!());
  });
});
