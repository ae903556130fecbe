/**
 * The explore worker's contract: unsupervised learners (clustering, 2-D embeddings) run on the
 * recipe-prepared training split of the current dataset. `workers/explore.worker.ts` builds an
 * object that `satisfies ExploreApi`; `src/bridge/explore-client.ts` wraps it. Only plain data
 * crosses; expected failures are `{ status: 'failed', code }` with an i18n key.
 */
import type { ClassicalParamValue } from './classical';
import type { ErrorParams } from './errors';
import type { DendrogramData, ElbowData, EmbeddingData } from './insights';
import type { FailureCode, PreviewRequest } from './training';

/** Keys of `EXPLORE_METHODS` in src/core/classical-catalog.ts. */
export type ExploreMethodKey = 'kmeans' | 'dbscan' | 'agglomerative' | 'pca' | 'tsne' | 'umap';
export type ClusteringMethodKey = 'kmeans' | 'dbscan' | 'agglomerative';

export type ExploreColorBy = 'label' | 'cluster';

/** Explore failures: shared codes plus i18n keys under `explore.error.`. */
export type ExploreFailureCode = FailureCode | `explore.error.${string}`;

export interface ExploreRequest extends PreviewRequest {
  jobId: number;
  method: ExploreMethodKey;
  /** Overrides of the catalogue defaults; validated against the catalogue ranges. */
  params: Record<string, ClassicalParamValue>;
  colorBy: ExploreColorBy;
  /**
   * Embeddings coloured by cluster: the clustering whose labels colour the points, run on the
   * same rows. Absent = k-means with the catalogue defaults.
   */
  clusterBy?: { method: ClusteringMethodKey; params: Record<string, ClassicalParamValue> };
}

/** Why a clustering could not be scored: each is an i18n key under `explore.unscored.`. */
export type UnscoredReason = 'oneCluster' | 'allNoise' | 'singletons';

export interface ClusterScores {
  /** Null when the clustering cannot be scored (`unscored` says why). */
  silhouette: number | null;
  daviesBouldin: number | null;
  calinskiHarabasz: number | null;
  unscored?: UnscoredReason;
  /** Rows scored: noise (DBSCAN's −1) is left out of every score. */
  scoredRows: number;
  /** The silhouette is O(n²): it runs on a seeded sample of at most this many scored rows. */
  silhouetteRows: number;
}

export interface ClusterSummary {
  /** Clusters found, noise not counted. */
  clusters: number;
  /** Rows per cluster, in cluster order. */
  sizes: number[];
  /** Rows labelled noise (−1). */
  noise: number;
  scores: ClusterScores;
  /** k-means only: sum of squared distances to the nearest centre. */
  inertia?: number;
}

/** Why the method ran on a sample: each is an i18n key under `explore.sampled.`. */
export type SampleReason = 'tsne' | 'agglomerative' | 'dbscan';

export interface ExploreResult {
  method: ExploreMethodKey;
  /** The parameters the method ran with (defaults filled in). */
  params: Record<string, ClassicalParamValue>;
  /** Rows of the prepared training split, and input columns after the recipe. */
  trainingRows: number;
  features: number;
  /** Set when the method ran on a seeded random sample of the training rows. */
  sample?: { rows: number; of: number; reason: SampleReason };
  clustering?: ClusterSummary;
  elbow?: ElbowData;
  dendrogram?: DendrogramData;
  /** The points drawn: the embedding itself, or a PCA projection of the clustered rows. */
  embedding: EmbeddingData;
  durationMs: number;
}

export type ExploreEvent =
  | { type: 'prepared'; jobId: number; rows: number; features: number }
  | {
      type: 'progress';
      jobId: number;
      /** What is counted, an i18n key under `explore.progress.`. */
      stage: 'restarts' | 'iterations' | 'k' | 'epochs' | 'linkage' | 'neighbours' | 'scores';
      done: number;
      total: number;
      metrics?: Record<string, number>;
    };

export type ExploreOutcome =
  | { status: 'completed'; jobId: number; result: ExploreResult }
  | { status: 'cancelled'; jobId: number }
  | { status: 'failed'; jobId: number; code: ExploreFailureCode; params?: ErrorParams };

export type ExploreEventHandler = (event: ExploreEvent) => void;

export interface ExploreApi {
  /** Runs one job to its end, streaming progress; a new job stops the one still running. */
  explore(request: ExploreRequest, onEvent: ExploreEventHandler): Promise<ExploreOutcome>;
  /** Cooperative stop between units of work; a stopped job comes back cancelled. */
  stop(jobId: number): void;
}
