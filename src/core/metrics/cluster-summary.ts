/**
 * What the Explore view reports about a clustering: cluster sizes, noise, and the three internal
 * scores (silhouette, Davies–Bouldin, Calinski–Harabasz from ./clustering, checked against
 * scikit-learn by the oracle). Unlike sklearn, which would score DBSCAN's noise label −1 as one
 * more cluster, noise rows are left out of every score: they belong to no cluster. A clustering
 * that leaves fewer than two clusters, or one cluster per row, is not scored and says why.
 *
 * The silhouette is O(n²) in time, so it runs on a seeded sample of at most `silhouetteCap`
 * scored rows; the other two scores are O(n k) and use every scored row.
 */
import { permutation, createRng } from '../rng';
import { calinskiHarabaszScore, daviesBouldinScore, silhouetteScore } from './clustering';
import type { Matrix } from './validate';

export const NOISE_LABEL = -1;

export interface ClusterSizes {
  /** Distinct non-noise labels, ascending: clusters[c] is the label of cluster index c. */
  labels: number[];
  sizes: number[];
  noise: number;
}

export function clusterSizes(labels: ArrayLike<number>): ClusterSizes {
  const counts = new Map<number, number>();
  let noise = 0;
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i] as number;
    if (label === NOISE_LABEL) noise++;
    else counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const sorted = [...counts.keys()].sort((a, b) => a - b);
  return { labels: sorted, sizes: sorted.map((label) => counts.get(label) as number), noise };
}

export type UnscoredReason = 'oneCluster' | 'allNoise' | 'singletons';

export interface ClusterScoreSummary {
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  unscored?: UnscoredReason;
  scoredRows: number;
  silhouetteRows: number;
}

export interface ScoreOptions {
  /** At most this many rows enter the silhouette (default 2000). */
  silhouetteCap?: number;
  /** Seed of the silhouette sample. */
  seed?: number;
}

export const SILHOUETTE_CAP = 2000;

/** Indices of the scored rows to use for the silhouette: all, or a seeded sample (sorted). */
export function silhouetteSample(rows: number, cap: number, seed: number): number[] {
  if (rows <= cap) return Array.from({ length: rows }, (_, i) => i);
  return Array.from(permutation(rows, createRng(seed)).subarray(0, cap)).sort((a, b) => a - b);
}

export function scoreClustering(
  x: Matrix,
  labels: ArrayLike<number>,
  options: ScoreOptions = {},
): ClusterScoreSummary {
  const kept: number[] = [];
  for (let i = 0; i < labels.length; i++) if (labels[i] !== NOISE_LABEL) kept.push(i);
  const rows = kept.map((i) => x[i] as ArrayLike<number>);
  const keptLabels = kept.map((i) => labels[i] as number);
  const clusters = new Set(keptLabels).size;
  const none = { silhouette: null, daviesBouldin: null, calinskiHarabasz: null };
  const scoredRows = kept.length;
  if (scoredRows === 0) return { ...none, unscored: 'allNoise', scoredRows, silhouetteRows: 0 };
  if (clusters < 2) return { ...none, unscored: 'oneCluster', scoredRows, silhouetteRows: 0 };
  if (clusters > scoredRows - 1) {
    return { ...none, unscored: 'singletons', scoredRows, silhouetteRows: 0 };
  }
  const sample = silhouetteSample(
    scoredRows,
    options.silhouetteCap ?? SILHOUETTE_CAP,
    options.seed ?? 0,
  );
  const sampleRows = sample.map((i) => rows[i] as ArrayLike<number>);
  const sampleLabels = sample.map((i) => keptLabels[i] as number);
  const sampleClusters = new Set(sampleLabels).size;
  // A sample can, rarely, miss all but one cluster or keep one row per cluster.
  const silhouette =
    sampleClusters >= 2 && sampleClusters <= sample.length - 1
      ? silhouetteScore(sampleRows, sampleLabels)
      : null;
  return {
    silhouette,
    daviesBouldin: daviesBouldinScore(rows, keptLabels),
    calinskiHarabasz: calinskiHarabaszScore(rows, keptLabels),
    scoredRows,
    silhouetteRows: silhouette === null ? 0 : sample.length,
  };
}
