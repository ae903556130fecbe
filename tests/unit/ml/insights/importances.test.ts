import { describe, expect, it } from 'vitest';
import { featureImportancesOf } from '../../../../src/ml/insights/importances';
import type { FlatTree } from '../../../../src/ml/classical/shared/sup-flat-tree';

const FEATURES = ['a', 'b', 'c'];

function treeWith(importances: number[]): FlatTree {
  return {
    valueSize: 1,
    feature: [],
    threshold: [],
    left: [],
    right: [],
    impurity: [],
    samples: [],
    weightedSamples: [],
    value: [],
    importances: Float64Array.from(importances),
  };
}

describe('featureImportancesOf', () => {
  it('names and ranks importances, largest first, ties in column order', () => {
    const model = { featureImportances: () => Float64Array.from([0.25, 0.5, 0.25]) };
    expect(featureImportancesOf(model, FEATURES, 'gain')).toEqual({
      kind: 'gain',
      items: [
        { feature: 'b', value: 0.5 },
        { feature: 'a', value: 0.25 },
        { feature: 'c', value: 0.25 },
      ],
    });
  });

  it('gives a forest the spread of each importance across its trees', () => {
    const trees = [treeWith([0.2, 0.8, 0]), treeWith([0.6, 0.4, 0])];
    const model = { trees, featureImportances: () => Float64Array.from([0.4, 0.6, 0]) };
    const result = featureImportancesOf(model, FEATURES, 'impurity');
    expect(result?.items.map((item) => item.feature)).toEqual(['b', 'a', 'c']);
    expect(result?.items[0]?.std).toBeCloseTo(0.2, 12);
    expect(result?.items[1]?.std).toBeCloseTo(0.2, 12);
    expect(result?.items[2]?.std).toBe(0);
  });

  it('keeps the signed coefficient of linear regressors and binary logistic models', () => {
    const linear = {
      coefficients: () => Float64Array.from([-3, 1, 0]),
      featureImportances: () => Float64Array.from([0.75, 0.25, 0]),
    };
    const items = featureImportancesOf(linear, FEATURES, 'coefficient')?.items;
    expect(items?.[0]).toEqual({ feature: 'a', value: 0.75, signed: -3 });
    const binary = {
      weights: [Float64Array.from([2, -1, 0, 0.5])],
      featureImportances: () => Float64Array.from([2 / 3, 1 / 3, 0]),
    };
    expect(featureImportancesOf(binary, FEATURES, 'coefficient')?.items[1]?.signed).toBe(-1);
    // One weight row per class: no single sign per feature.
    const multi = { ...binary, weights: [binary.weights[0]!, binary.weights[0]!] };
    expect(featureImportancesOf(multi, FEATURES, 'coefficient')?.items[0]).not.toHaveProperty(
      'signed',
    );
  });

  it('is null without importances or with a width that does not match the names', () => {
    expect(featureImportancesOf({}, FEATURES, 'gain')).toBeNull();
    const short = { featureImportances: () => Float64Array.from([1]) };
    expect(featureImportancesOf(short, FEATURES, 'gain')).toBeNull();
  });
});
