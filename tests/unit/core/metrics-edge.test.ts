// Hand-computed edge cases of the metric functions: the situations the oracle file does not hit.
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  averagePrecision,
  balancedAccuracy,
  calinskiHarabaszScore,
  cohenKappa,
  confusionMatrix,
  daviesBouldinScore,
  f1,
  fitStandardScaler,
  inferNumClasses,
  ksTwoSample,
  kstwoSf,
  logLoss,
  matthewsCorrcoef,
  minMaxScale,
  pca,
  perClassScores,
  precision,
  precisionRecallCurve,
  precisionRecallF1,
  r2,
  recall,
  rocAuc,
  rocAucMulticlass,
  rocCurve,
  silhouetteScore,
  smirnovSf,
  standardScale,
  symmetricEigen,
} from '../../../src/core/metrics';

describe('a perfect classifier', () => {
  const y = [0, 1, 1, 0, 1, 0];
  const scores = [0.1, 0.9, 0.8, 0.2, 0.7, 0.3];

  it('scores 1 everywhere', () => {
    expect(accuracy(y, y)).toBe(1);
    expect(balancedAccuracy(y, y)).toBe(1);
    expect(cohenKappa(y, y)).toBe(1);
    expect(matthewsCorrcoef(y, y)).toBe(1);
    for (const average of ['binary', 'macro', 'micro', 'weighted'] as const) {
      expect(precisionRecallF1(y, y, average)).toEqual({ precision: 1, recall: 1, f1: 1 });
    }
    expect(rocAuc(y, scores)).toBe(1);
    expect(averagePrecision(y, scores)).toBe(1);
  });

  it('has a ROC curve through (0, 1)', () => {
    const { fpr, tpr } = rocCurve(y, scores);
    expect(fpr[3]).toBe(0);
    expect(tpr[3]).toBe(1);
  });

  it('accepts typed arrays', () => {
    expect(accuracy(Int32Array.from(y), Uint8Array.from(y))).toBe(1);
    expect(rocAuc(Int32Array.from(y), Float32Array.from(scores))).toBe(1);
  });
});

describe('every prediction the same class', () => {
  const yTrue = [0, 1, 1, 0, 1];
  const allOnes = [1, 1, 1, 1, 1];
  const allZeros = [0, 0, 0, 0, 0];

  it('scores the never-predicted class 0 (zero_division=0)', () => {
    expect(precision(yTrue, allOnes)).toBeCloseTo(3 / 5, 15);
    expect(recall(yTrue, allOnes)).toBe(1);
    expect(f1(yTrue, allOnes)).toBeCloseTo(0.75, 15);
    expect(precision(yTrue, allZeros)).toBe(0);
    expect(f1(yTrue, allZeros)).toBe(0);
    // Class 0 is never predicted: its precision counts as 0 in the macro mean.
    expect(precision(yTrue, allOnes, 'macro')).toBeCloseTo(0.3, 15);
  });

  it('has no agreement beyond chance', () => {
    expect(balancedAccuracy(yTrue, allOnes)).toBe(0.5);
    expect(matthewsCorrcoef(yTrue, allOnes)).toBe(0);
    expect(cohenKappa(yTrue, allOnes)).toBe(0);
  });
});

describe('one class only in the labels', () => {
  const message = 'ROC AUC is undefined when only one class is present';

  it('makes ROC throw', () => {
    expect(() => rocCurve([1, 1, 1], [0.2, 0.5, 0.9])).toThrow(new RangeError(message));
    expect(() => rocAuc([0, 0], [0.2, 0.5])).toThrow(new RangeError(message));
    expect(() =>
      rocAucMulticlass(
        [2, 2],
        [
          [0, 0, 1],
          [0.1, 0.1, 0.8],
        ],
        'macro',
      ),
    ).toThrow(message);
  });

  it('makes the PR curve throw when there is no positive', () => {
    expect(() => precisionRecallCurve([0, 0], [0.2, 0.5])).toThrow(RangeError);
  });
});

describe('tied scores in ROC', () => {
  // Thresholds 0.9 (1 pos + 1 neg), 0.5 (1 pos + 1 neg), 0.1 (1 pos); P = 3, N = 2.
  const yTrue = [1, 0, 1, 0, 1];
  const scores = [0.9, 0.9, 0.5, 0.5, 0.1];

  it('makes one diagonal step per tie group', () => {
    expect(rocCurve(yTrue, scores)).toEqual({
      fpr: [0, 0.5, 1, 1],
      tpr: [0, 1 / 3, 2 / 3, 1],
      thresholds: [Infinity, 0.9, 0.5, 0.1],
    });
  });

  it('counts a tied pair as half in the AUC', () => {
    // Of 6 positive-negative pairs: 1 win and 2 ties -> (1 + 2 * 0.5) / 6.
    expect(rocAuc(yTrue, scores)).toBeCloseTo(1 / 3, 15);
  });

  it('gives the PR curve from the lowest threshold up', () => {
    expect(precisionRecallCurve(yTrue, scores)).toEqual({
      precision: [3 / 5, 2 / 4, 1 / 2, 1],
      recall: [1, 2 / 3, 1 / 3, 0],
      thresholds: [0.1, 0.5, 0.9],
    });
  });
});

describe('non-finite scores', () => {
  const y = [0, 1, 1];
  const bad = [0.2, Number.NaN, 0.7];

  it('are rejected with a RangeError naming the index', () => {
    expect(() => rocCurve(y, bad)).toThrow(/finite.*index 1/);
    expect(() => rocAuc(y, bad)).toThrow(RangeError);
    expect(() => precisionRecallCurve(y, bad)).toThrow(RangeError);
    expect(() => averagePrecision(y, bad)).toThrow(RangeError);
    expect(() => logLoss(y, bad)).toThrow(RangeError);
    expect(() => rocAuc(y, [0.2, Infinity, 0.7])).toThrow(RangeError);
  });
});

describe('input validation', () => {
  it('rejects mismatched lengths, empty input and bad labels', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/differ in length/);
    expect(() => accuracy([], [])).toThrow(/at least one/);
    expect(() => confusionMatrix([0, 1.5], [0, 1], 2)).toThrow(/non-negative integers/);
    expect(() => confusionMatrix([0, 2], [0, 1], 2)).toThrow(/numClasses/);
    expect(() => precision([0, 2], [0, 1])).toThrow(/binary/);
    expect(() => rocAuc([0, 2], [0.1, 0.2])).toThrow(/0 or 1/);
  });

  it('infers the number of classes from labels', () => {
    expect(inferNumClasses([0, 2], [3, 1])).toBe(4);
  });
});

describe('perClassScores', () => {
  // Confusion (rows true, columns predicted): [[1,1,0,0],[0,2,0,0],[1,0,1,0],[0,0,0,0]].
  const yTrue = [0, 0, 1, 1, 2, 2];
  const yPred = [0, 1, 1, 1, 0, 2];

  it('reports every class, absent ones as zeros', () => {
    const s = perClassScores(yTrue, yPred, 4);
    expect(s.support).toEqual([2, 2, 2, 0]);
    expect(s.precision).toEqual([0.5, 2 / 3, 1, 0]);
    expect(s.recall).toEqual([0.5, 1, 0.5, 0]);
    expect(s.f1[0]).toBeCloseTo(0.5, 15);
    expect(s.f1[1]).toBeCloseTo(0.8, 15);
    expect(s.f1[2]).toBeCloseTo(2 / 3, 15);
    expect(s.f1[3]).toBe(0);
  });

  it('agrees with the macro average over the classes present', () => {
    expect(f1(yTrue, yPred, 'macro')).toBeCloseTo((0.5 + 0.8 + 2 / 3) / 3, 15);
    expect(confusionMatrix(yTrue, yPred, 4)[2]).toEqual([1, 0, 1, 0]);
  });
});

describe('rocAucMulticlass', () => {
  it('skips a class with no true samples', () => {
    const yTrue = [0, 0, 1, 1];
    const probs = [
      [0.7, 0.2, 0.1],
      [0.3, 0.6, 0.1],
      [0.4, 0.5, 0.1],
      [0.1, 0.8, 0.1],
    ];
    const auc0 = rocAuc([1, 1, 0, 0], [0.7, 0.3, 0.4, 0.1]);
    const auc1 = rocAuc([0, 0, 1, 1], [0.2, 0.6, 0.5, 0.8]);
    expect(rocAucMulticlass(yTrue, probs, 'macro')).toBeCloseTo((auc0 + auc1) / 2, 15);
    expect(rocAucMulticlass(yTrue, probs, 'weighted')).toBeCloseTo((auc0 + auc1) / 2, 15);
  });
});

describe('logLoss', () => {
  it('is the mean negative log of the true class probability', () => {
    expect(logLoss([1, 0], [0.8, 0.3])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.7)) / 2, 15);
    expect(
      logLoss(
        [2, 0],
        [
          [0.1, 0.1, 0.8],
          [0.5, 0.25, 0.25],
        ],
      ),
    ).toBeCloseTo(-(Math.log(0.8) + Math.log(0.5)) / 2, 15);
  });

  it('clips certain-but-wrong predictions at machine epsilon', () => {
    expect(logLoss([0, 1], [1, 0])).toBeCloseTo(-Math.log(Number.EPSILON), 12);
  });
});

describe('r2', () => {
  it('is 1 or 0 for a constant target instead of NaN', () => {
    expect(r2([2, 2, 2], [2, 2, 2])).toBe(1);
    expect(r2([2, 2, 2], [1, 2, 3])).toBe(0);
  });
});

describe('clustering scores on tiny hand-computed data', () => {
  // 1-D clusters {0, 1} and {10, 11}.
  const x = [[0], [1], [10], [11]];
  const labels = [5, 5, 9, 9];

  it('silhouette', () => {
    // Outer points: a = 1, b = 10.5; inner points: a = 1, b = 9.5.
    const expected = (9.5 / 10.5 + 8.5 / 9.5) / 2;
    expect(silhouetteScore(x, labels)).toBeCloseTo(expected, 15);
  });

  it('Davies-Bouldin', () => {
    // Both spreads 0.5, centroids 10 apart: (0.5 + 0.5) / 10.
    expect(daviesBouldinScore(x, labels)).toBeCloseTo(0.1, 15);
  });

  it('Calinski-Harabasz', () => {
    // Centroids (0,1) and (4,1), mean (2,1): between = 2·4 + 2·4 = 16, within = 4 · 1 = 4;
    // score = 16 · (n - k) / (4 · (k - 1)) = 16 · 2 / 4 = 8.
    const square = [
      [0, 0],
      [0, 2],
      [4, 0],
      [4, 2],
    ];
    expect(calinskiHarabaszScore(square, [0, 0, 1, 1])).toBe(8);
    expect(calinskiHarabaszScore([[0], [2], [10], [12]], [0, 0, 1, 1])).toBe(50);
  });

  it('needs between 2 and n - 1 clusters', () => {
    expect(() => silhouetteScore(x, [0, 0, 0, 0])).toThrow(/2 to n - 1/);
    expect(() => calinskiHarabaszScore(x, [0, 1, 2, 3])).toThrow(RangeError);
  });
});

describe('scaling', () => {
  it('maps a constant column to 0 instead of NaN', () => {
    expect(
      standardScale([
        [1, 3],
        [1, 5],
      ]),
    ).toEqual([
      [0, -1],
      [0, 1],
    ]);
    expect(
      minMaxScale([
        [1, 3],
        [1, 5],
        [1, 4],
      ]),
    ).toEqual([
      [0, 0],
      [0, 1],
      [0, 0.5],
    ]);
  });

  it('uses the population standard deviation', () => {
    expect(fitStandardScaler([[0], [2], [4], [6]]).scale[0]).toBeCloseTo(Math.sqrt(5), 15);
  });
});

describe('PCA', () => {
  it('diagonalises a symmetric matrix', () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values[0]).toBeCloseTo(3, 14);
    expect(values[1]).toBeCloseTo(1, 14);
    const v = vectors[0] as number[];
    expect(Math.abs(v[0] as number)).toBeCloseTo(Math.SQRT1_2, 14);
    expect(v[0]! * v[1]!).toBeCloseTo(0.5, 14);
  });

  it('orders components by variance and orients them like sklearn', () => {
    // Points on the line y = -2x plus a small orthogonal wobble.
    const x = [
      [-2, 4.1],
      [-1, 1.9],
      [0, 0.1],
      [1, -2.1],
      [3, -5.9],
    ];
    const result = pca(x, 2);
    expect(result.explainedVarianceRatio[0]).toBeGreaterThan(0.99);
    expect(result.explainedVarianceRatio[0]! + result.explainedVarianceRatio[1]!).toBeCloseTo(
      1,
      14,
    );
    // The sample with the largest |projection| on each component projects positively.
    for (const c of result.components) {
      const projections = x.map(
        (row) => (row[0]! - result.mean[0]!) * c[0]! + (row[1]! - result.mean[1]!) * c[1]!,
      );
      const extreme = projections.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a), 0);
      expect(extreme).toBeGreaterThan(0);
    }
  });
});

describe('Kolmogorov-Smirnov', () => {
  it('gives the exact p-value of fully separated samples', () => {
    // Only 2 of the C(6,3) = 20 orderings separate equal samples completely.
    const equal = ksTwoSample([1, 2, 3], [4, 5, 6]);
    expect(equal.statistic).toBe(1);
    expect(equal.pvalue).toBeCloseTo(0.1, 15);
    // Unequal sizes take the lattice-path method: 2 of C(5,2) = 10 orderings.
    const unequal = ksTwoSample([1, 2], [3, 4, 5]);
    expect(unequal.statistic).toBe(1);
    expect(unequal.pvalue).toBeCloseTo(0.2, 15);
  });

  it('gives p = 1 for identical samples', () => {
    expect(ksTwoSample([1, 2, 2, 3], [3, 2, 1, 2])).toEqual({ statistic: 0, pvalue: 1 });
  });

  it('rejects empty samples', () => {
    expect(() => ksTwoSample([], [1])).toThrow(RangeError);
  });

  // Reference values from scipy.stats.kstwo.sf and scipy.special.smirnov (SciPy 1.17).
  // Each row exercises one of SciPy's algorithms: Durbin matrix, Pomeranz, Pelz-Good, Smirnov.
  it.each([
    [5, 0.3, 0.664],
    [50, 0.2, 0.03143877776953241],
    [10000, 0.0125, 0.08713399697832902],
    [150, 0.05, 0.8290828416799794],
    [500, 0.1, 8.342293067263533e-5],
  ])('kstwoSf(%i, %f) matches SciPy', (n, x, expected) => {
    expect(Math.abs(kstwoSf(n, x) / expected - 1)).toBeLessThan(1e-9);
  });

  it('smirnovSf(1, x) is 1 - x', () => {
    expect(smirnovSf(1, 0.3)).toBeCloseTo(0.7, 15);
  });
});
