import { describe, expect, it } from 'vitest';
import type { TreeClassifierModel, TreeRegressorModel } from '../../../../src/ml/classical/tree';
import {
  decisionTreeClassifier,
  decisionTreeRegressor,
  resolveMaxFeatures,
  treeToDiagram,
} from '../../../../src/ml/classical/tree';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { accuracyOf, makeProblem, SK_TARGET, SK_X, SK_Y, viaJson } from './sup-fixtures';

/** sklearn's tree_.feature with its leaf marker −2 mapped to ours (−1). */
const skFeatures = (features: number[]) => features.map((f) => (f === -2 ? -1 : f));

describe('decision tree classifier', () => {
  it('finds the split a hand-made fixture is built around', async () => {
    // Class 1 exactly when f0 > 3; f1 is noise with no pure split.
    const x = denseMatrix(6, 2, [1, 5, 2, 3, 3, 6, 4, 2, 5, 4, 6, 1]);
    const model = (await decisionTreeClassifier.fit(
      x,
      Int32Array.from([0, 0, 0, 1, 1, 1]),
      2,
      {},
    )) as TreeClassifierModel;
    expect(model.tree.feature).toEqual([0, -1, -1]);
    expect(model.tree.threshold[0]).toBe(3.5);
    expect(model.tree.impurity).toEqual([0.5, 0, 0]);
    expect(Array.from(model.featureImportances())).toEqual([1, 0]);
    expect(Array.from(model.predict(denseMatrix(2, 2, [3.5, 0, 3.6, 0])))).toEqual([0, 1]);
  });

  it.each([
    // tree_.feature, tree_.threshold and feature_importances_ from sklearn 1.2.1, max_depth=3
    ['gini', [0.5006934813, 0.3024645258, 0.196841993]],
    ['entropy', [0.414151354, 0.2858783797, 0.2999702663]],
  ] as const)('grows the tree scikit-learn grows with %s', async (criterion, importances) => {
    const model = (await decisionTreeClassifier.fit(SK_X, SK_Y, 2, {
      criterion,
      maxDepth: 3,
    })) as TreeClassifierModel;
    expect(model.tree.feature).toEqual(skFeatures([0, 2, -2, -2, 1, -2, 2, -2, -2]));
    const splits = [4.625, 0.69, 3.02, 2.2];
    const ours = model.tree.threshold.filter((_, i) => model.tree.feature[i]! >= 0);
    ours.forEach((t, i) => expect(t).toBeCloseTo(splits[i]!, 6));
    Array.from(model.featureImportances()).forEach((v, f) =>
      expect(v).toBeCloseTo(importances[f]!, 8),
    );
  });

  it('honours min samples per leaf and split', async () => {
    const model = (await decisionTreeClassifier.fit(SK_X, SK_Y, 2, {
      minSamplesLeaf: 5,
      minSamplesSplit: 12,
    })) as TreeClassifierModel;
    const leaves = model.tree.samples.filter((_, i) => model.tree.feature[i] === -1);
    expect(Math.min(...leaves)).toBeGreaterThanOrEqual(5);
    model.tree.feature.forEach((f, i) => {
      if (f >= 0) expect(model.tree.samples[i]).toBeGreaterThanOrEqual(12);
    });
  });

  it('exports a diagram with names, thresholds and class proportions', async () => {
    const model = (await decisionTreeClassifier.fit(SK_X, SK_Y, 2, {
      maxDepth: 1,
    })) as TreeClassifierModel;
    const nodes = treeToDiagram(model, ['a', 'b', 'c'], ['no', 'yes']);
    expect(nodes).toHaveLength(3);
    expect(nodes[0]).toMatchObject({
      feature: 'a',
      threshold: 4.625,
      samples: 30,
      children: [1, 2],
    });
    expect(nodes[1]).toMatchObject({ feature: null, children: null, label: 'no', samples: 14 });
    const [root] = nodes;
    expect(root!.value.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(root!.value[1]).toBeCloseTo(SK_Y.reduce((a, b) => a + b, 0) / 30, 12);
  });

  it('saves and loads without changing a prediction; the same seed gives the same tree', async () => {
    const { x, y } = makeProblem(300, 6, 1);
    const params = { maxFeatures: 'sqrt' as const, seed: 7 };
    const model = await decisionTreeClassifier.fit(x, y, 3, params);
    const again = await decisionTreeClassifier.fit(x, y, 3, params);
    expect(again.toJSON()).toEqual(model.toJSON());
    const loaded = decisionTreeClassifier.fromJSON(viaJson(model.toJSON()));
    expect(loaded.predictProba(x)).toEqual(model.predictProba(x));
    expect(accuracyOf(y, model.predict(x))).toBe(1); // unlimited depth memorises the training set
  });

  it('resolves max features like sklearn', () => {
    expect(resolveMaxFeatures('sqrt', 64)).toBe(8);
    expect(resolveMaxFeatures('log2', 64)).toBe(6);
    expect(resolveMaxFeatures(0.5, 30)).toBe(15);
    expect(resolveMaxFeatures(1, 30)).toBe(30);
    expect(resolveMaxFeatures(4, 30)).toBe(4);
    expect(resolveMaxFeatures(null, 30)).toBe(30);
    expect(() => resolveMaxFeatures(0, 30)).toThrow(RangeError);
  });
});

describe('decision tree regressor', () => {
  it('puts its one split at the step of a step function', async () => {
    const x = denseMatrix(8, 1, [0, 1, 2, 3, 10, 11, 12, 13]);
    const y = Float64Array.from([1, 1, 1, 1, 5, 5, 5, 5]);
    const model = await decisionTreeRegressor.fit(x, y, {});
    expect(Array.from(model.predict(denseMatrix(3, 1, [-5, 6.4, 6.6])))).toEqual([1, 1, 5]);
    const diagram = treeToDiagram(model as TreeRegressorModel, ['x']);
    expect(diagram).toHaveLength(3);
    expect(diagram[0]).toMatchObject({ threshold: 6.5, impurity: 4, value: [3] });
  });

  it('grows the tree scikit-learn grows (max_depth=2)', async () => {
    const model = await decisionTreeRegressor.fit(SK_X, SK_TARGET, { maxDepth: 2 });
    const diagram = treeToDiagram(model as TreeRegressorModel, ['x0', 'x1', 'x2']);
    expect(diagram.map((n) => n.feature)).toEqual(['x2', 'x0', null, null, 'x0', null, null]);
    const values = [13.54, 8.369412, 4.784, 13.491429, 20.301538, 13.895, 23.148889];
    diagram.forEach((n, i) => expect(n.value[0]).toBeCloseTo(values[i]!, 5));
    [5.14, 4.93, null, null, 3.74].forEach(
      (t, i) => t !== null && expect(diagram[i]!.threshold).toBeCloseTo(t, 6),
    );
    const importances = model.featureImportances!();
    [0.3437292814, 0, 0.6562707186].forEach((v, f) => expect(importances[f]).toBeCloseTo(v, 8));
  });

  it('rejects a criterion that does not fit the task', async () => {
    await expect(decisionTreeRegressor.fit(SK_X, SK_TARGET, { criterion: 'gini' })).rejects.toThrow(
      RangeError,
    );
  });
});
