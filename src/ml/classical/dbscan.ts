/**
 * DBSCAN as scikit-learn's: a point is core when at least `minSamples` points (itself
 * included) lie within `eps` (Euclidean); clusters grow from core points in row order, border
 * points join the first cluster that reaches them, the rest are noise (label −1). Brute-force
 * neighbourhoods, O(n²) time: fine for the few thousand rows the browser app handles.
 */
import { squaredDistance } from './linalg/dense';
import type { ClusteringResult, DenseMatrix } from './types';

export interface DbscanParams {
  eps?: number;
  minSamples?: number;
}

export function dbscan(x: DenseMatrix, params: DbscanParams = {}): ClusteringResult {
  const eps = params.eps ?? 0.5;
  const minSamples = params.minSamples ?? 5;
  const n = x.rows;
  const eps2 = eps * eps;
  const neighbours: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const list: number[] = [];
    for (let j = 0; j < n; j++) if (squaredDistance(x, i, x, j) <= eps2) list.push(j);
    neighbours.push(Int32Array.from(list));
  }
  const core = neighbours.map((list) => list.length >= minSamples);
  const labels = new Int32Array(n).fill(-1);
  let cluster = 0;
  for (let i = 0; i < n; i++) {
    if (labels[i] !== -1 || !core[i]) continue;
    const stack = [i];
    labels[i] = cluster;
    while (stack.length > 0) {
      const p = stack.pop()!;
      if (!core[p]) continue;
      for (const q of neighbours[p]!) {
        if (labels[q] === -1) {
          labels[q] = cluster;
          stack.push(q);
        }
      }
    }
    cluster++;
  }
  return { labels };
}
