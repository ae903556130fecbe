import { describe, expect, it } from 'vitest';
import { createRng, normalSample } from '../../../../src/core/rng';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { colorGroups, quantileGroups } from '../../../../src/ml/explore/groups';
import { runExplore, SAMPLE_CAPS, type ExploreData } from '../../../../src/ml/explore/run-explore';

/** Two well-separated 2-D blobs of `n` rows in all. */
function blobs(n: number, seed = 1): ExploreData {
  const rng = createRng(seed);
  const data: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    data.push(c * 10 + normalSample(rng), normalSample(rng));
    y.push(c);
  }
  return { x: denseMatrix(n, 2, data), y, task: 'classification', classNames: ['a', 'b'] };
}

describe('runExplore', () => {
  it('agglomerative beyond its cap runs on a seeded sample and says so', async () => {
    const cap = SAMPLE_CAPS.agglomerative!;
    const outcome = await runExplore(blobs(cap + 50), {
      method: 'agglomerative',
      params: { nClusters: 2 },
      colorBy: 'cluster',
      seed: 3,
    });
    if (outcome.status !== 'completed') throw new Error(outcome.status);
    const { result } = outcome;
    expect(result.sample).toEqual({ rows: cap, of: cap + 50, reason: 'agglomerative' });
    expect(result.dendrogram!.leaves).toBe(cap);
    expect(result.dendrogram!.merges).toHaveLength(cap - 1);
    expect(result.clustering!.sizes.reduce((a, b) => a + b, 0)).toBe(cap);
    expect(result.clustering!.scores.silhouette).toBeGreaterThan(0.8);
  }, 30_000);

  it('more clusters than rows is an expected failure', async () => {
    const outcome = await runExplore(blobs(6), {
      method: 'kmeans',
      params: { k: 10 },
      colorBy: 'cluster',
      seed: 0,
    });
    expect(outcome).toEqual({
      status: 'failed',
      code: 'explore.error.tooManyClusters',
      params: { clusters: 10, rows: 6 },
    });
  });

  it('too few rows is an expected failure', async () => {
    const outcome = await runExplore(blobs(2), {
      method: 'pca',
      params: {},
      colorBy: 'label',
      seed: 0,
    });
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.dataset.tooFewRows' });
  });

  it('k-means on separated blobs finds them; the elbow has one k per row at most', async () => {
    const outcome = await runExplore(blobs(8), {
      method: 'kmeans',
      params: { k: 2 },
      colorBy: 'label',
      seed: 0,
    });
    if (outcome.status !== 'completed') throw new Error(outcome.status);
    expect(outcome.result.clustering!.sizes).toEqual([4, 4]);
    expect(outcome.result.elbow!.k).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(outcome.result.elbow!.inertia.at(-1)).toBeCloseTo(0, 10);
    expect(outcome.result.embedding.groupNames).toEqual(['a', 'b']);
  });

  it('a single feature is projected against a zero axis', async () => {
    const data: ExploreData = {
      x: denseMatrix(4, 1, [0, 1, 10, 11]),
      y: [0, 0, 1, 1],
      task: 'classification',
      classNames: ['a', 'b'],
    };
    const outcome = await runExplore(data, {
      method: 'pca',
      params: {},
      colorBy: 'label',
      seed: 0,
    });
    if (outcome.status !== 'completed') throw new Error(outcome.status);
    expect(outcome.result.embedding.y).toEqual([0, 0, 0, 0]);
    expect(outcome.result.embedding.explainedVarianceRatio).toEqual([1]);
  });
});

describe('colour groups', () => {
  it('regression targets fall into quartile bins named by their ranges', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8];
    const groups = quantileGroups(values);
    expect(groups.groups).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
    expect(groups.groupNames).toEqual(['1 – 3', '3 – 5', '5 – 7', '7 – 8']);
  });

  it('a constant target is one group', () => {
    expect(quantileGroups([2, 2, 2])).toEqual({
      groups: [0, 0, 0],
      groupNames: ['2'],
      colorBy: 'label',
    });
  });

  it('clusters are renumbered in label order and noise stays -1', () => {
    const groups = colorGroups('cluster', [7, -1, 3, 7], [0, 0, 0, 0], {
      task: 'classification',
      classNames: ['x'],
    });
    expect(groups).toEqual({ groups: [1, -1, 0, 1], groupNames: ['1', '2'], colorBy: 'cluster' });
  });
});
