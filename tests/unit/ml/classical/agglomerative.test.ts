/**
 * Agglomerative clustering: the linkage matrix for a six-point fixture equals scipy 1.10's
 * `linkage(P, method)` for all four methods, single linkage on a line gives the hand-worked
 * merge order, and the cut labels match the blobs.
 */
import { describe, expect, it } from 'vitest';
import { agglomerative, type Linkage } from '../../../../src/ml/classical/agglomerative';
import { blobs, matrix, samePartition } from './linear-helpers';

const P = matrix([
  [0, 0],
  [0, 1],
  [4, 0],
  [4, 1.5],
  [10, 10],
  [9, 8],
]);
// scipy.cluster.hierarchy.linkage(P, method).tolist()
const SCIPY: Record<Linkage, number[][]> = {
  ward: [
    [0, 1, 1, 2],
    [2, 3, 1.5, 2],
    [4, 5, 2.23606797749979, 2],
    [6, 7, 5.667892024377317, 4],
    [8, 9, 18.358694579589983, 6],
  ],
  complete: [
    [0, 1, 1, 2],
    [2, 3, 1.5, 2],
    [4, 5, 2.23606797749979, 2],
    [6, 7, 4.272001872658765, 4],
    [8, 9, 14.142135623730951, 6],
  ],
  average: [
    [0, 1, 1, 2],
    [2, 3, 1.5, 2],
    [4, 5, 2.23606797749979, 2],
    [6, 7, 4.1065590931064255, 4],
    [8, 9, 11.342491147388289, 6],
  ],
  single: [
    [0, 1, 1, 2],
    [2, 3, 1.5, 2],
    [4, 5, 2.23606797749979, 2],
    [6, 7, 4, 4],
    [8, 9, 8.200609733428363, 6],
  ],
};

describe('agglomerative', () => {
  for (const linkage of Object.keys(SCIPY) as Linkage[]) {
    it(`${linkage} linkage matches scipy's linkage matrix`, () => {
      const { merges } = agglomerative(P, { linkage, nClusters: 3 });
      merges.forEach((m, t) => {
        const [a, b, distance, size] = SCIPY[linkage][t]!;
        expect([m.a, m.b, m.size]).toEqual([a, b, size]);
        expect(m.distance).toBeCloseTo(distance!, 10);
      });
    });
  }

  it('single linkage on a line merges nearest gaps first', () => {
    // Points 0, 1, 3, 7: gaps 1, 2, 4 ⇒ {0,1}, then 2 joins, then 3 joins.
    const { merges, labels } = agglomerative(matrix([[0], [1], [3], [7]]), {
      linkage: 'single',
      nClusters: 2,
    });
    expect(merges.map((m) => [m.a, m.b, m.distance, m.size])).toEqual([
      [0, 1, 1, 2],
      [2, 4, 2, 3],
      [3, 5, 4, 4],
    ]);
    expect(Array.from(labels)).toEqual([0, 0, 0, 1]);
  });

  it('cuts ward linkage into the three blobs', () => {
    const { x, y } = blobs(
      [
        [0, 0],
        [6, 0],
        [3, 6],
      ],
      15,
      0.5,
      2,
    );
    const { labels, merges } = agglomerative(x, { linkage: 'ward', nClusters: 3 });
    expect(merges).toHaveLength(x.rows - 1);
    expect(samePartition(labels, y)).toBe(true);
  });
});
