import { describe, expect, it } from 'vitest';
import type { GbdtClassifierModel } from '../../../../src/ml/classical/gbdt';
import {
  gbdtClassifier,
  gbdtRegressor,
  noRecentImprovement,
} from '../../../../src/ml/classical/gbdt';
import { binOf, fitBinThresholds } from '../../../../src/ml/classical/shared/sup-bins';
import { denseMatrix, type FitProgress } from '../../../../src/ml/classical/types';
import { takeRows } from './sup-reference-data';
import {
  accuracyOf,
  binary,
  majorityAccuracy,
  makeProblem,
  meanBaselineMse,
  mse,
  viaJson,
} from './sup-fixtures';

const { x, y, target } = makeProblem(500, 4, 21);
const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const xTrain = takeRows(x, rows(0, 400));
const xTest = takeRows(x, rows(400, 500));
const yTrain = y.slice(0, 400);
const yTest = y.slice(400);

describe('histogram gradient boosting', () => {
  it('bins like sklearn: midpoints of few values, quantiles of many', () => {
    const few = fitBinThresholds(denseMatrix(5, 1, [3, 1, 2, 2, 5]))[0]!;
    expect(Array.from(few)).toEqual([1.5, 2.5, 4]);
    expect([1, 1.5, 1.6, 5, 9].map((v) => binOf(few, v))).toEqual([0, 0, 1, 3, 3]);
    const many = fitBinThresholds(
      denseMatrix(
        1000,
        1,
        Array.from({ length: 1000 }, (_, i) => i),
      ),
    )[0]!;
    expect(many).toHaveLength(254);
    // np.percentile(np.arange(1000), linspace(0, 100, 256)[1:-1], method="midpoint")
    expect([many[0], many[1], many[253]]).toEqual([3.5, 7.5, 995.5]);
  });

  it('beats the trivial baseline: multiclass, binary and regression', async () => {
    const multi = await gbdtClassifier.fit(xTrain, yTrain, 3, { maxIter: 40 });
    expect(accuracyOf(yTest, multi.predict(xTest))).toBeGreaterThan(
      majorityAccuracy(yTrain, yTest) + 0.3,
    );
    const twoClass = await gbdtClassifier.fit(xTrain, binary(yTrain), 2, {
      maxIter: 40,
      subsample: 0.7,
    });
    const yBinary = binary(yTest);
    expect(accuracyOf(yBinary, twoClass.predict(xTest))).toBeGreaterThan(
      majorityAccuracy(binary(yTrain), yBinary) + 0.2,
    );
    const proba = twoClass.predictProba(xTest);
    expect(proba[0]! + proba[1]!).toBeCloseTo(1, 12);
    const regressor = await gbdtRegressor.fit(xTrain, target.slice(0, 400), { maxIter: 60 });
    const baseline = meanBaselineMse(target.slice(0, 400), target.slice(400));
    expect(mse(target.slice(400), regressor.predict(xTest))).toBeLessThan(0.3 * baseline);
    expect(regressor.featureImportances!()[1]).toBeGreaterThan(0.3); // b² is most of the target
  });

  it('stops early on a noisy problem and reports both losses each round', async () => {
    // 40 % of labels random and tiny leaves: the validation loss turns up within a few dozen rounds.
    const noisy = makeProblem(400, 4, 5, 0.4);
    const events: FitProgress[] = [];
    const model = (await gbdtClassifier.fit(
      takeRows(noisy.x, rows(0, 300)),
      noisy.y.slice(0, 300),
      3,
      { maxIter: 300, minSamplesLeaf: 2, learningRate: 0.3 },
      {
        validation: { x: takeRows(noisy.x, rows(300, 400)), y: noisy.y.slice(300) },
        onProgress: (p) => events.push(p),
      },
    )) as GbdtClassifierModel;
    expect(model.rounds).toBeLessThan(300);
    expect(events).toHaveLength(model.rounds);
    expect(events.every((e) => e.stage === 'rounds' && e.metrics?.validLoss !== undefined)).toBe(
      true,
    );
    const train = events.map((e) => e.metrics!.trainLoss!);
    expect(train[train.length - 1]).toBeLessThan(train[0]!);
  });

  it('applies sklearn’s stopping rule', () => {
    expect(noRecentImprovement([5, 4, 4, 4], 2, 0)).toBe(true);
    expect(noRecentImprovement([5, 4, 4, 3.9], 2, 0)).toBe(false);
    expect(noRecentImprovement([5, 4, 4, 3.9], 2, 0.5)).toBe(true);
    expect(noRecentImprovement([5, 4], 2, 0)).toBe(false);
  });

  it('cancels between rounds, is deterministic per seed and survives JSON', async () => {
    let rounds = 0;
    const stopped = (await gbdtClassifier.fit(
      xTrain,
      yTrain,
      3,
      { maxIter: 50 },
      {
        onProgress: (p) => (rounds = p.done),
        shouldStop: () => rounds >= 3,
      },
    )) as GbdtClassifierModel;
    expect(stopped.rounds).toBe(3);
    const params = { maxIter: 10, subsample: 0.5, seed: 9 };
    const a = await gbdtRegressor.fit(xTrain, target.slice(0, 400), params);
    const b = await gbdtRegressor.fit(xTrain, target.slice(0, 400), params);
    expect(b.toJSON()).toEqual(a.toJSON());
    expect(gbdtRegressor.fromJSON(viaJson(a.toJSON())).predict(xTest)).toEqual(a.predict(xTest));
    expect(gbdtClassifier.fromJSON(viaJson(stopped.toJSON())).predictProba(xTest)).toEqual(
      stopped.predictProba(xTest),
    );
  });
});
