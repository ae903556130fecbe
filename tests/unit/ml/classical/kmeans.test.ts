/**
 * k-means: separated blobs are found (up to label permutation), inertia is reported per Lloyd
 * iteration, the same seed gives the same result, cancel stops early, and the elbow curve
 * falls with k.
 */
import { describe, expect, it } from 'vitest';
import { assignToCenters, elbow, kmeans } from '../../../../src/ml/classical/kmeans';
import { blobs, samePartition } from './linear-helpers';

const CENTRES = [
  [0, 0],
  [8, 0],
  [0, 8],
  [8, 8],
];

describe('kmeans', () => {
  it('finds four well separated blobs', async () => {
    const { x, y } = blobs(CENTRES, 25, 0.6, 1);
    const inertias: number[] = [];
    const result = await kmeans(
      x,
      { k: 4, nInit: 3, seed: 2 },
      {
        onProgress: (p) => inertias.push(p.metrics!.inertia!),
      },
    );
    expect(samePartition(result.labels, y)).toBe(true);
    expect(inertias.length).toBeGreaterThan(0);
    expect(result.inertia).toBeCloseTo(assignToCenters(x, result.centers).inertia, 9);
    expect(result.inertia).toBeLessThanOrEqual(Math.min(...inertias) + 1e-9);
  });

  it('gives the same result for the same seed', async () => {
    const { x } = blobs(CENTRES, 20, 2.5, 3);
    const a = await kmeans(x, { k: 5, nInit: 2, seed: 42 });
    const b = await kmeans(x, { k: 5, nInit: 2, seed: 42 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    expect(a.inertia).toBe(b.inertia);
  });

  it('stops after the first iteration when asked', async () => {
    const { x } = blobs(CENTRES, 20, 2.5, 3);
    let iterations = 0;
    const result = await kmeans(
      x,
      { k: 6, nInit: 10, seed: 1 },
      {
        onProgress: () => iterations++,
        shouldStop: () => true,
      },
    );
    expect(iterations).toBe(1);
    expect(result.labels).toHaveLength(x.rows);
  });

  it('elbow inertia falls as k grows and bends at the true k', async () => {
    const { x } = blobs(CENTRES, 20, 0.6, 5);
    const curve = await elbow(x, [1, 2, 3, 4, 5, 6], { nInit: 3, seed: 0 });
    expect(curve.map((p) => p.k)).toEqual([1, 2, 3, 4, 5, 6]);
    for (let i = 1; i < curve.length; i++)
      expect(curve[i]!.inertia).toBeLessThan(curve[i - 1]!.inertia);
    const drop = (i: number) => curve[i - 1]!.inertia - curve[i]!.inertia;
    expect(drop(3)).toBeGreaterThan(10 * drop(4));
  });

  it('rejects k outside 1..n', async () => {
    const { x } = blobs(CENTRES, 2, 1, 5);
    await expect(kmeans(x, { k: 0 })).rejects.toThrow(RangeError);
  });
});
