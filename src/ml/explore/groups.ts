/**
 * How the points of an Explore scatter are coloured: by cluster (noise stays −1), by class, or,
 * for a regression target, by its quartile (four bins of roughly equal count, named by their
 * value ranges so the legend needs no translation).
 */
import type { ExploreColorBy } from '../../contracts/explore';
import type { EmbeddingData } from '../../contracts/insights';
import { NOISE_LABEL } from '../../core/metrics/cluster-summary';

type Groups = Pick<EmbeddingData, 'groups' | 'groupNames' | 'colorBy'>;

interface LabelSource {
  task: 'classification' | 'regression';
  classNames: string[];
}

/** Cluster labels renumbered 0..k-1 in ascending label order; names are 1-based numbers. */
export function clusterGroups(labels: ArrayLike<number>): Groups {
  const distinct = [...new Set(Array.from(labels))].filter((l) => l !== NOISE_LABEL);
  distinct.sort((a, b) => a - b);
  const index = new Map(distinct.map((label, i) => [label, i] as const));
  return {
    groups: Array.from(labels, (label) => index.get(label) ?? NOISE_LABEL),
    groupNames: distinct.map((_, i) => String(i + 1)),
    colorBy: 'cluster',
  };
}

const QUARTILES = 4;

function formatEdge(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** Quartile bins of a numeric target; fewer bins when values repeat. */
export function quantileGroups(values: readonly number[]): Groups {
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0] ?? 0;
  const hi = sorted[sorted.length - 1] ?? 0;
  const edges: number[] = [];
  for (let q = 1; q < QUARTILES; q++) {
    const edge = sorted[Math.floor((q * sorted.length) / QUARTILES)];
    // An edge at the minimum would leave its first bin empty; repeated edges likewise.
    if (edge !== undefined && edge > lo && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  const bounds = [lo, ...edges, hi];
  // Bin b holds values in [bounds[b], bounds[b + 1]); the last bin also takes the maximum.
  const groups = values.map((value) => {
    let bin = 0;
    while (bin < edges.length && value >= (edges[bin] as number)) bin++;
    return bin;
  });
  const groupNames =
    edges.length === 0 && lo === hi
      ? [formatEdge(lo)]
      : Array.from(
          { length: edges.length + 1 },
          (_, b) => `${formatEdge(bounds[b] as number)} – ${formatEdge(bounds[b + 1] as number)}`,
        );
  return { groups, groupNames, colorBy: 'label' };
}

export function colorGroups(
  colorBy: ExploreColorBy,
  clusters: ArrayLike<number> | null,
  y: readonly number[],
  source: LabelSource,
): Groups {
  if (colorBy === 'cluster' && clusters) return clusterGroups(clusters);
  if (source.task === 'regression') return quantileGroups(y);
  return { groups: [...y], groupNames: [...source.classNames], colorBy: 'label' };
}
