import { describe, expect, it } from 'vitest';
import {
  decisionTreeClassifier,
  decisionTreeRegressor,
  type TreeClassifierModel,
  type TreeRegressorModel,
} from '../../../../src/ml/classical/tree';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { MAX_TREE_VIEW_DEPTH, treeViewOf } from '../../../../src/ml/insights/tree-view';
import type { TreeNodeView } from '../../../../src/contracts/insights';

// x0 decides the class (≤ 2.5 → "low"); x1 is noise.
const x = denseMatrix(6, 2, [1, 9, 2, 1, 3, 5, 1, 4, 4, 2, 5, 7]);
const y = Int32Array.from([0, 0, 1, 0, 1, 1]);

function depthOf(node: TreeNodeView): number {
  return node.split ? 1 + Math.max(depthOf(node.split.left), depthOf(node.split.right)) : 0;
}

describe('treeViewOf', () => {
  it('draws the known split of a classification tree with names and counts', async () => {
    const model = (await decisionTreeClassifier.fit(x, y, 2, {
      criterion: 'gini',
    })) as TreeClassifierModel;
    const view = treeViewOf(model.tree, 'gini', ['size', 'noise'], ['low', 'high']);
    expect(view).toMatchObject({
      criterion: 'gini',
      classNames: ['low', 'high'],
      depth: 1,
      leaves: 2,
    });
    expect(view.root).toMatchObject({ samples: 6, value: [3, 3], impurity: 0.5 });
    const split = view.root.split!;
    expect(split.feature).toBe('size');
    expect(split.threshold).toBe(2.5);
    expect(split.left).toEqual({ samples: 3, impurity: 0, value: [3, 0], prediction: 'low' });
    expect(split.right).toEqual({ samples: 3, impurity: 0, value: [0, 3], prediction: 'high' });
  });

  it('shows a regression tree with its mean as the prediction and no class names', async () => {
    const target = Float64Array.from([1, 1, 10, 1, 10, 10]);
    const model = (await decisionTreeRegressor.fit(x, target, {
      maxDepth: 1,
    })) as TreeRegressorModel;
    const view = treeViewOf(model.tree, 'squared_error', ['size', 'noise']);
    expect(view).not.toHaveProperty('classNames');
    expect(view.root.prediction).toBe('5.500');
    expect(view.root.split?.left.prediction).toBe('1');
    expect(view.root.split?.right.value).toEqual([10]);
  });

  it('leaves out levels past the cap but reports the full depth', async () => {
    // Alternating classes along one feature: the tree needs about one level per row.
    const n = MAX_TREE_VIEW_DEPTH + 6;
    const deep = denseMatrix(
      n,
      1,
      Array.from({ length: n }, (_, i) => 2 ** i),
    );
    const alternating = Int32Array.from({ length: n }, (_, i) => i % 2);
    const model = (await decisionTreeClassifier.fit(
      deep,
      alternating,
      2,
      {},
    )) as TreeClassifierModel;
    const view = treeViewOf(model.tree, 'gini', ['x']);
    expect(view.depth).toBeGreaterThan(MAX_TREE_VIEW_DEPTH);
    expect(depthOf(view.root)).toBe(MAX_TREE_VIEW_DEPTH);
  });
});
