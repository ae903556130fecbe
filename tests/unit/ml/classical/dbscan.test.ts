/** DBSCAN: two dense groups become two clusters and a lone point is marked noise (−1). */
import { describe, expect, it } from 'vitest';
import { dbscan } from '../../../../src/ml/classical/dbscan';
import { blobs, matrix, samePartition } from './linear-helpers';

describe('dbscan', () => {
  it('labels two blobs and marks the outlier as noise', () => {
    const { x, y } = blobs(
      [
        [0, 0],
        [10, 10],
      ],
      20,
      0.3,
      4,
    );
    const withOutlier = matrix([
      ...Array.from({ length: x.rows }, (_, i) => [x.data[2 * i]!, x.data[2 * i + 1]!]),
      [5, -5],
    ]);
    const { labels } = dbscan(withOutlier, { eps: 1, minSamples: 4 });
    expect(labels[x.rows]).toBe(-1);
    expect(samePartition(labels.subarray(0, x.rows), y)).toBe(true);
  });

  it('counts the point itself towards minSamples, like sklearn', () => {
    // Three points within eps of each other: core with minSamples 3, noise with 4.
    const x = matrix([[0], [0.5], [1], [9]]);
    expect(Array.from(dbscan(x, { eps: 1, minSamples: 3 }).labels)).toEqual([0, 0, 0, -1]);
    expect(Array.from(dbscan(x, { eps: 0.6, minSamples: 3 }).labels)).toEqual([0, 0, 0, -1]);
    expect(Array.from(dbscan(x, { eps: 0.4, minSamples: 2 }).labels)).toEqual([-1, -1, -1, -1]);
  });
});
