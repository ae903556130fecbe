/**
 * Runs one Explore method on the prepared training rows: a clustering (k-means with its elbow
 * curve, DBSCAN, agglomerative with its dendrogram), scored and drawn as a PCA projection, or
 * a 2-D embedding (PCA, t-SNE, UMAP) coloured by label or by cluster.
 *
 * Invariants: methods that are O(n²) in time or memory run on a seeded random sample of at
 * most SAMPLE_CAPS rows, and the result says so; the same data, request and seed give the same
 * result. Long loops yield through `options` so a stop lands between iterations; a stopped run
 * returns 'cancelled' rather than a half-done picture. Expected problems are failures with an
 * i18n code, never exceptions.
 */
import type { ClassicalParamValue } from '../../contracts/classical';
import type {
  ClusterSummary,
  ExploreEvent,
  ExploreFailureCode,
  ExploreMethodKey,
  ExploreRequest,
  ExploreResult,
  SampleReason,
} from '../../contracts/explore';
import type { ErrorParams } from '../../contracts/errors';
import type { ElbowData, EmbeddingData } from '../../contracts/insights';
import {
  exploreParamProblems,
  findExploreMethod,
  resolveExploreParams,
  type ExploreParams,
} from '../../core/explore-params';
import {
  clusterSizes,
  scoreClustering,
  silhouetteSample,
  SILHOUETTE_CAP,
} from '../../core/metrics/cluster-summary';
import { silhouetteScore } from '../../core/metrics/clustering';
import { createRng, permutation } from '../../core/rng';
import { agglomerative, type Linkage, type Merge } from '../classical/agglomerative';
import { dbscan } from '../classical/dbscan';
import { pcaEmbedding, tsne, umap } from '../classical/embeddings';
import { kmeans } from '../classical/kmeans';
import { toRows } from '../classical/linalg/dense';
import { denseMatrix, type DenseMatrix, type FitOptions } from '../classical/types';
import { colorGroups } from './groups';

/** Rows above which a method runs on a seeded sample (O(n²) time or memory). */
export const SAMPLE_CAPS: Partial<Record<ExploreMethodKey, number>> = {
  tsne: 2000,
  agglomerative: 2000,
  dbscan: 5000,
};
/** The elbow curve runs k-means for k = 1 … max(ELBOW_MAX_K, k), at most one k per row. */
export const ELBOW_MAX_K = 10;

export interface ExploreData {
  x: DenseMatrix;
  /** Class index (classification) or target value (regression) per row. */
  y: ArrayLike<number>;
  task: 'classification' | 'regression';
  classNames: string[];
}

export interface ExploreRunOptions extends Pick<FitOptions, 'shouldStop' | 'yieldNow'> {
  emit?: (event: Omit<Extract<ExploreEvent, { type: 'progress' }>, 'jobId' | 'type'>) => void;
}

export type ExploreRunResult =
  | { status: 'completed'; result: Omit<ExploreResult, 'durationMs'> }
  | { status: 'cancelled' }
  | { status: 'failed'; code: ExploreFailureCode; params?: ErrorParams };

type Request = Pick<ExploreRequest, 'method' | 'params' | 'colorBy' | 'clusterBy' | 'seed'>;

function fail(code: ExploreFailureCode, params?: ErrorParams): ExploreRunResult {
  return params === undefined ? { status: 'failed', code } : { status: 'failed', code, params };
}

function takeRows(x: DenseMatrix, rows: number[]): DenseMatrix {
  const out = denseMatrix(rows.length, x.cols);
  rows.forEach((row, i) =>
    out.data.set(x.data.subarray(row * x.cols, (row + 1) * x.cols), i * x.cols),
  );
  return out;
}

/** All rows, or a seeded sample of `cap` of them in their original order. */
function sampleRows(n: number, cap: number | undefined, seed: number): number[] {
  if (cap === undefined || n <= cap) return Array.from({ length: n }, (_, i) => i);
  return Array.from(permutation(n, createRng(seed)).subarray(0, cap)).sort((a, b) => a - b);
}

function num(params: ExploreParams, key: string): number {
  return params[key] as number;
}

interface Clustered {
  labels: Int32Array;
  inertia?: number;
  merges?: Merge[];
}

async function runClustering(
  method: ExploreMethodKey,
  x: DenseMatrix,
  params: ExploreParams,
  options: ExploreRunOptions,
): Promise<Clustered | ExploreRunResult> {
  if (method === 'kmeans') {
    const nInit = num(params, 'nInit');
    // k-means counts Lloyd iterations against nInit · maxIter, but a restart rarely needs more
    // than a few dozen: restarts done are the honest measure of progress.
    const fit: FitOptions = {
      ...options,
      onProgress: (p) =>
        options.emit?.({
          stage: 'restarts',
          done: Math.min((p.metrics?.run ?? 0) + 1, nInit),
          total: nInit,
          ...(p.metrics?.inertia === undefined ? {} : { metrics: { inertia: p.metrics.inertia } }),
        }),
    };
    const k = num(params, 'k');
    if (k > x.rows) return fail('explore.error.tooManyClusters', { clusters: k, rows: x.rows });
    const result = await kmeans(
      x,
      { k, nInit, maxIter: num(params, 'maxIter'), seed: num(params, 'seed') },
      fit,
    );
    return { labels: result.labels, inertia: result.inertia };
  }
  if (method === 'dbscan') {
    options.emit?.({ stage: 'neighbours', done: 0, total: 1 });
    const result = dbscan(x, { eps: num(params, 'eps'), minSamples: num(params, 'minSamples') });
    options.emit?.({ stage: 'neighbours', done: 1, total: 1 });
    return { labels: result.labels };
  }
  const nClusters = num(params, 'nClusters');
  if (nClusters > x.rows) {
    return fail('explore.error.tooManyClusters', { clusters: nClusters, rows: x.rows });
  }
  options.emit?.({ stage: 'linkage', done: 0, total: 1 });
  const result = agglomerative(x, { nClusters, linkage: params.linkage as Linkage });
  options.emit?.({ stage: 'linkage', done: 1, total: 1 });
  return { labels: result.labels, merges: result.merges };
}

/** Inertia (and silhouette, on a sample) for k = 1 … top; the chosen k's fit is reused. */
async function runElbow(
  x: DenseMatrix,
  params: ExploreParams,
  chosen: Clustered,
  seed: number,
  options: ExploreRunOptions,
): Promise<ElbowData | null> {
  const chosenK = num(params, 'k');
  const top = Math.min(Math.max(ELBOW_MAX_K, chosenK), x.rows);
  const sample = silhouetteSample(x.rows, SILHOUETTE_CAP, seed);
  const sampledRows = toRows(takeRows(x, sample));
  const k: number[] = [];
  const inertia: number[] = [];
  const silhouette: number[] = [];
  for (let kk = 1; kk <= top; kk++) {
    const fitted =
      kk === chosenK
        ? chosen
        : await kmeans(
            x,
            {
              k: kk,
              nInit: num(params, 'nInit'),
              maxIter: num(params, 'maxIter'),
              seed: num(params, 'seed'),
            },
            { shouldStop: options.shouldStop, yieldNow: options.yieldNow },
          );
    if (options.shouldStop?.()) return null;
    const labels = sample.map((row) => fitted.labels[row] as number);
    const distinct = new Set(labels).size;
    k.push(kk);
    inertia.push(fitted.inertia ?? Number.NaN);
    // k = 1 (or a sample that keeps one row per cluster) has no silhouette: a gap in the line.
    silhouette.push(
      distinct >= 2 && distinct <= labels.length - 1
        ? silhouetteScore(sampledRows, labels)
        : Number.NaN,
    );
    options.emit?.({ stage: 'k', done: kk, total: top, metrics: { inertia: inertia[kk - 1]! } });
  }
  return { k, inertia, silhouette };
}

function summarize(x: DenseMatrix, clustered: Clustered, seed: number): ClusterSummary {
  const sizes = clusterSizes(clustered.labels);
  const summary: ClusterSummary = {
    clusters: sizes.sizes.length,
    sizes: sizes.sizes,
    noise: sizes.noise,
    scores: scoreClustering(toRows(x), clustered.labels, { seed }),
  };
  if (clustered.inertia !== undefined) summary.inertia = clustered.inertia;
  return summary;
}

/** PCA to (at most) two components; a single feature is drawn against a zero axis. */
function project(x: DenseMatrix): { x: number[]; y: number[]; ratio: number[] } {
  const components = Math.min(2, x.cols, x.rows);
  const { embedding, explainedVarianceRatio } = pcaEmbedding(x, components);
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < x.rows; i++) {
    xs.push(embedding.data[i * components] as number);
    ys.push(components === 2 ? (embedding.data[i * 2 + 1] as number) : 0);
  }
  return { x: xs, y: ys, ratio: explainedVarianceRatio };
}

export async function runExplore(
  data: ExploreData,
  request: Request,
  options: ExploreRunOptions = {},
): Promise<ExploreRunResult> {
  const info = findExploreMethod(request.method);
  if (!info) return fail('error.config.invalid', { field: 'method' });
  const [problem] = exploreParamProblems(info, request.params);
  if (problem) return fail('error.config.invalid', { field: problem.field });
  const params = resolveExploreParams(info, request.params);
  if (data.x.rows < 3) return fail('error.dataset.tooFewRows', { rows: data.x.rows });

  const cap = SAMPLE_CAPS[request.method];
  const rows = sampleRows(data.x.rows, cap, request.seed);
  const x = rows.length === data.x.rows ? data.x : takeRows(data.x, rows);
  const y = rows.map((row) => data.y[row] as number);
  const base = {
    method: request.method,
    params: params as Record<string, ClassicalParamValue>,
    trainingRows: data.x.rows,
    features: data.x.cols,
    ...(rows.length < data.x.rows
      ? { sample: { rows: rows.length, of: data.x.rows, reason: request.method as SampleReason } }
      : {}),
  };
  const stopped = (): boolean => options.shouldStop?.() ?? false;

  if (info.kind === 'clustering') {
    const clustered = await runClustering(request.method, x, params, options);
    if ('status' in clustered) return clustered;
    if (stopped()) return { status: 'cancelled' };
    const elbow =
      request.method === 'kmeans'
        ? await runElbow(x, params, clustered, request.seed, options)
        : undefined;
    if (elbow === null || stopped()) return { status: 'cancelled' };
    options.emit?.({ stage: 'scores', done: 0, total: 1 });
    const clustering = summarize(x, clustered, request.seed);
    const points = project(x);
    const embedding: EmbeddingData = {
      method: 'pca',
      x: points.x,
      y: points.y,
      ...colorGroups(request.colorBy, clustered.labels, y, data),
      explainedVarianceRatio: points.ratio,
    };
    const result: Omit<ExploreResult, 'durationMs'> = { ...base, clustering, embedding };
    if (elbow) result.elbow = elbow;
    if (clustered.merges) {
      result.dendrogram = {
        leaves: x.rows,
        merges: clustered.merges,
        linkage: params.linkage as Linkage,
      };
    }
    return { status: 'completed', result };
  }

  let clusters: Int32Array | null = null;
  if (request.colorBy === 'cluster') {
    const by = request.clusterBy ?? { method: 'kmeans' as const, params: {} };
    const byInfo = findExploreMethod(by.method);
    if (!byInfo || byInfo.kind !== 'clustering')
      return fail('error.config.invalid', { field: 'clusterBy' });
    const [byProblem] = exploreParamProblems(byInfo, by.params);
    if (byProblem) return fail('error.config.invalid', { field: byProblem.field });
    const clustered = await runClustering(
      by.method,
      x,
      resolveExploreParams(byInfo, by.params),
      options,
    );
    if ('status' in clustered) return clustered;
    clusters = clustered.labels;
  }
  if (stopped()) return { status: 'cancelled' };
  const fit: FitOptions = {
    ...options,
    onProgress: (p) =>
      options.emit?.({
        stage: p.stage === 'epochs' ? 'epochs' : 'iterations',
        done: p.done,
        total: p.total,
        ...(p.metrics ? { metrics: p.metrics } : {}),
      }),
  };
  let xs: number[];
  let ys: number[];
  let ratio: number[] | undefined;
  if (request.method === 'pca') {
    ({ x: xs, y: ys, ratio } = project(x));
  } else {
    const embedded =
      request.method === 'tsne'
        ? await tsne(
            x,
            {
              perplexity: num(params, 'perplexity'),
              iterations: num(params, 'iterations'),
              seed: num(params, 'seed'),
            },
            fit,
          )
        : await umap(
            x,
            {
              nNeighbors: num(params, 'nNeighbors'),
              minDist: num(params, 'minDist'),
              seed: num(params, 'seed'),
            },
            fit,
          );
    if (stopped()) return { status: 'cancelled' };
    const points = embedded.embedding.data;
    xs = Array.from({ length: x.rows }, (_, i) => points[2 * i] as number);
    ys = Array.from({ length: x.rows }, (_, i) => points[2 * i + 1] as number);
  }
  const embedding: EmbeddingData = {
    method: request.method as EmbeddingData['method'],
    x: xs,
    y: ys,
    ...colorGroups(request.colorBy, clusters, y, data),
  };
  if (ratio) embedding.explainedVarianceRatio = ratio;
  return { status: 'completed', result: { ...base, embedding } };
}
