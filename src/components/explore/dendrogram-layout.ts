/**
 * Lays out a dendrogram from a SciPy-style linkage (merge t makes cluster n + t), truncated as
 * SciPy's `truncate_mode='lastp'`: only the top `p` clusters are leaves, each standing for the
 * rows under it, so a few thousand rows still draw as a readable tree. Leaves are spaced evenly
 * in tree order; a merge sits midway between its two children at its height.
 */
import type { DendrogramData } from '../../contracts/insights';

export interface DendrogramLeaf {
  /** Cluster id: < leaves for a single row, ≥ leaves for a collapsed merge. */
  id: number;
  x: number;
  /** Rows under the leaf. */
  size: number;
}

export interface DendrogramLink {
  /** Drawn as a ⊓: up from each child to `height`, joined across. */
  xLeft: number;
  yLeft: number;
  xRight: number;
  yRight: number;
  height: number;
  /** Index of the merge in `merges`. */
  merge: number;
}

export interface DendrogramLayout {
  leaves: DendrogramLeaf[];
  links: DendrogramLink[];
  maxHeight: number;
}

export function layoutDendrogram(data: DendrogramData, p = 30): DendrogramLayout {
  const n = data.leaves;
  const m = data.merges.length;
  if (m === 0) return { leaves: [], links: [], maxHeight: 0 };
  // Merges with index ≥ firstShown are drawn; anything below is a collapsed leaf.
  const firstShown = Math.max(0, m - (Math.max(2, p) - 1));
  const leaves: DendrogramLeaf[] = [];
  const links: DendrogramLink[] = [];
  const sizeOf = (id: number): number => (id < n ? 1 : (data.merges[id - n]?.size ?? 1));
  const place = (id: number): { x: number; y: number } => {
    const t = id - n;
    const merge = t >= 0 ? data.merges[t] : undefined;
    if (!merge || t < firstShown) {
      const x = leaves.length;
      leaves.push({ id, x, size: sizeOf(id) });
      return { x, y: 0 };
    }
    const left = place(merge.a);
    const right = place(merge.b);
    links.push({
      xLeft: left.x,
      yLeft: left.y,
      xRight: right.x,
      yRight: right.y,
      height: merge.distance,
      merge: t,
    });
    return { x: (left.x + right.x) / 2, y: merge.distance };
  };
  place(n + m - 1);
  const maxHeight = Math.max(...data.merges.map((merge) => merge.distance), 0);
  return { leaves, links, maxHeight };
}

/**
 * Height at which the tree splits into `clusters` clusters: midway between the last merge kept
 * and the first merge undone (merges are in ascending height). Null when there is no such cut.
 */
export function cutHeight(data: DendrogramData, clusters: number): number | null {
  const kept = data.leaves - clusters;
  const undone = data.merges[kept];
  if (clusters < 2 || kept < 0 || !undone) return null;
  const below = kept > 0 ? (data.merges[kept - 1]?.distance ?? 0) : 0;
  return (below + undone.distance) / 2;
}
