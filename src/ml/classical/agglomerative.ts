/**
 * Agglomerative clustering with ward, complete, average or single linkage, by the
 * nearest-neighbour-chain algorithm (O(n²) time and memory; all four linkages are reducible)
 * with Lance–Williams updates on Euclidean distances (squared for ward, reported as in scipy).
 * Returns labels for `nClusters` and the full scipy-style linkage matrix: merge t joins ids
 * a < b (ids ≥ n are earlier merges, n + t′) at `distance`, making a cluster of `size` points.
 */
import { squaredDistance } from './linalg/dense';
import type { ClusteringResult, DenseMatrix } from './types';

export type Linkage = 'ward' | 'complete' | 'average' | 'single';

export interface AgglomerativeParams {
  nClusters?: number;
  linkage?: Linkage;
}

export interface Merge {
  a: number;
  b: number;
  distance: number;
  size: number;
}

export interface AgglomerativeResult extends ClusteringResult {
  merges: Merge[];
}

/** Merges in nearest-neighbour-chain order, keyed by the slot each cluster occupies. */
function nnChain(x: DenseMatrix, linkage: Linkage) {
  const n = x.rows;
  const dist = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d2 = squaredDistance(x, i, x, j);
      const value = linkage === 'ward' ? d2 : Math.sqrt(d2);
      dist[i * n + j] = value;
      dist[j * n + i] = value;
    }
  }
  const size = new Float64Array(n).fill(1);
  const active = new Uint8Array(n).fill(1);
  const raw: { i: number; j: number; distance: number }[] = [];
  const chain: number[] = [];
  for (let remaining = n; remaining > 1;) {
    if (chain.length === 0) chain.push(active.indexOf(1));
    for (;;) {
      const a = chain[chain.length - 1]!;
      const previous = chain.length >= 2 ? chain[chain.length - 2]! : -1;
      // Prefer the previous chain element on ties, which guarantees termination.
      let b = previous;
      let best = previous >= 0 ? dist[a * n + previous]! : Infinity;
      for (let t = 0; t < n; t++) {
        if (!active[t] || t === a) continue;
        if (dist[a * n + t]! < best) {
          best = dist[a * n + t]!;
          b = t;
        }
      }
      if (b === previous) {
        chain.pop();
        chain.pop();
        raw.push({ i: a, j: b, distance: best });
        const si = size[a]!;
        const sj = size[b]!;
        for (let t = 0; t < n; t++) {
          if (!active[t] || t === a || t === b) continue;
          const dik = dist[a * n + t]!;
          const djk = dist[b * n + t]!;
          let value: number;
          if (linkage === 'single') value = Math.min(dik, djk);
          else if (linkage === 'complete') value = Math.max(dik, djk);
          else if (linkage === 'average') value = (si * dik + sj * djk) / (si + sj);
          else {
            const sk = size[t]!;
            value = ((si + sk) * dik + (sj + sk) * djk - sk * best) / (si + sj + sk);
          }
          dist[b * n + t] = value;
          dist[t * n + b] = value;
        }
        active[a] = 0;
        size[b] = si + sj;
        remaining--;
        break;
      }
      chain.push(b);
    }
  }
  return raw;
}

export function agglomerative(
  x: DenseMatrix,
  params: AgglomerativeParams = {},
): AgglomerativeResult {
  const n = x.rows;
  const linkage = params.linkage ?? 'ward';
  const nClusters = params.nClusters ?? 2;
  if (!Number.isInteger(nClusters) || nClusters < 1 || nClusters > n) {
    throw new RangeError(`nClusters must be an integer from 1 to ${n}`);
  }
  const raw = nnChain(x, linkage);
  // Sort by height (stable) and renumber as scipy does: union-find over original points.
  const order = raw.map((_, t) => t).sort((p, q) => raw[p]!.distance - raw[q]!.distance);
  const parent = Int32Array.from({ length: 2 * n }, (_, t) => t);
  const find = (v: number): number => {
    while (parent[v] !== v) {
      parent[v] = parent[parent[v]!]!;
      v = parent[v]!;
    }
    return v;
  };
  const count = new Float64Array(2 * n).fill(1);
  const merges: Merge[] = [];
  const labels = new Int32Array(n);
  for (const t of order) {
    const { i, j, distance } = raw[t]!;
    const ri = find(i);
    const rj = find(j);
    const id = n + merges.length;
    parent[ri] = id;
    parent[rj] = id;
    count[id] = count[ri]! + count[rj]!;
    merges.push({
      a: Math.min(ri, rj),
      b: Math.max(ri, rj),
      distance: linkage === 'ward' ? Math.sqrt(Math.max(distance, 0)) : distance,
      size: count[id]!,
    });
    if (merges.length === n - nClusters) {
      // Cut here: number clusters in order of their first point.
      const seen = new Map<number, number>();
      for (let p = 0; p < n; p++) {
        const root = find(p);
        if (!seen.has(root)) seen.set(root, seen.size);
        labels[p] = seen.get(root)!;
      }
    }
  }
  if (nClusters === n) labels.forEach((_, p) => (labels[p] = p));
  return { labels, merges };
}
