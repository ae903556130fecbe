import { describe, expect, it } from 'vitest';
import {
  curveClasses,
  lossOverlay,
  prOverlay,
  rocOverlay,
  type CurveSource,
} from '../../../../src/core/evaluation/compare-curves';

function source(classNames: string[], classes: number[], auc = 0.9): CurveSource {
  return {
    classNames,
    roc: classes.map((classIndex) => ({ classIndex, fpr: [0, 1], tpr: [0, 1], auc })),
    pr: classes.map((classIndex) => ({ classIndex, precision: [1, 0.5], recall: [0, 1], ap: auc })),
  };
}

describe('comparison curves', () => {
  it('overlays the positive class of binary runs, one curve per run', () => {
    const runs = [source(['no', 'yes'], [1], 0.8), source(['no', 'yes'], [1], 0.9)];
    expect(curveClasses(runs)).toEqual([1]);
    expect(rocOverlay(runs, 1).map((s) => [s.run, s.score])).toEqual([
      [0, 0.8],
      [1, 0.9],
    ]);
    expect(prOverlay(runs, 1).map((s) => [s.run, s.x])).toEqual([
      [0, [0, 1]],
      [1, [0, 1]],
    ]);
    expect(rocOverlay(runs, 0)).toEqual([]);
  });

  it('offers every class of multiclass runs, and none when the class lists differ', () => {
    const names = ['a', 'b', 'c'];
    expect(curveClasses([source(names, [0, 1, 2]), source(names, [0, 1, 2])])).toEqual([0, 1, 2]);
    expect(curveClasses([source(names, [0, 1, 2]), source(['a', 'b'], [1])])).toEqual([]);
    expect(curveClasses([])).toEqual([]);
  });

  it('pairs training and validation loss per run and names runs without a history', () => {
    const overlay = lossOverlay([
      { history: [] },
      {
        history: [
          { epoch: 1, trainLoss: 0.9, valLoss: 1 },
          { epoch: 2, trainLoss: 0.5, valLoss: 0.6 },
        ],
      },
    ]);
    expect(overlay.missing).toEqual([0]);
    expect(overlay.series).toEqual([
      { run: 1, kind: 'train', x: [1, 2], y: [0.9, 0.5] },
      { run: 1, kind: 'validation', x: [1, 2], y: [1, 0.6] },
    ]);
  });
});
