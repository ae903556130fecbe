import { describe, expect, it } from 'vitest';
import {
  clusterSizes,
  scoreClustering,
  silhouetteSample,
} from '../../../src/core/metrics/cluster-summary';
import { silhouetteScore } from '../../../src/core/metrics/clustering';

// 1-D clusters {0, 1} and {10, 11}, plus a far outlier at 100 labelled noise.
const x = [[0], [1], [10], [11], [100]];

describe('clusterSizes', () => {
  it('counts rows per cluster in label order and noise apart', () => {
    expect(clusterSizes([5, 5, 9, 9, -1])).toEqual({ labels: [5, 9], sizes: [2, 2], noise: 1 });
  });

  it('all noise is no cluster', () => {
    expect(clusterSizes([-1, -1])).toEqual({ labels: [], sizes: [], noise: 2 });
  });
});

describe('scoreClustering', () => {
  it('leaves noise out: the scores are those of the four clustered rows', () => {
    const scores = scoreClustering(x, [0, 0, 1, 1, -1]);
    // Hand-computed (metrics-edge.test.ts): silhouette (9.5/10.5 + 8.5/9.5) / 2, DB 0.1;
    // CH: centroids 0.5 and 10.5, mean 5.5: between 2·25 + 2·25 = 100, within 4 · 0.25 = 1,
    // so 100 · (4 - 2) / (1 · (2 - 1)) = 200.
    expect(scores.silhouette).toBeCloseTo((9.5 / 10.5 + 8.5 / 9.5) / 2, 15);
    expect(scores.daviesBouldin).toBeCloseTo(0.1, 15);
    expect(scores.calinskiHarabasz).toBeCloseTo(200, 12);
    expect(scores.scoredRows).toBe(4);
    expect(scores.silhouetteRows).toBe(4);
    expect(scores.unscored).toBeUndefined();
  });

  it('one cluster is not scored', () => {
    expect(scoreClustering(x, [0, 0, 0, 0, -1])).toEqual({
      silhouette: null,
      daviesBouldin: null,
      calinskiHarabasz: null,
      unscored: 'oneCluster',
      scoredRows: 4,
      silhouetteRows: 0,
    });
  });

  it('all noise is not scored', () => {
    expect(scoreClustering(x, [-1, -1, -1, -1, -1]).unscored).toBe('allNoise');
  });

  it('one cluster per row is not scored', () => {
    expect(scoreClustering(x, [0, 1, 2, 3, 4]).unscored).toBe('singletons');
  });

  it('samples the silhouette beyond the cap, reproducibly', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i % 2 === 0 ? i : 1000 + i]);
    const labels = rows.map((_, i) => i % 2);
    const a = scoreClustering(rows, labels, { silhouetteCap: 10, seed: 4 });
    const b = scoreClustering(rows, labels, { silhouetteCap: 10, seed: 4 });
    expect(a.silhouetteRows).toBe(10);
    expect(a.scoredRows).toBe(40);
    expect(a.silhouette).toBe(b.silhouette);
    const sample = silhouetteSample(40, 10, 4);
    expect(a.silhouette).toBe(
      silhouetteScore(
        sample.map((i) => rows[i]!),
        sample.map((i) => labels[i]!),
      ),
    );
  });
});

describe('silhouetteSample', () => {
  it('keeps every row under the cap and a sorted distinct sample over it', () => {
    expect(silhouetteSample(3, 5, 0)).toEqual([0, 1, 2]);
    const sample = silhouetteSample(100, 20, 7);
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    expect([...sample].sort((a, b) => a - b)).toEqual(sample);
  });
});
