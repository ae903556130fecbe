/**
 * k-means as scikit-learn's `KMeans(algorithm='lloyd')`: greedy k-means++ seeding
 * (2 + ⌊ln k⌋ candidate centres per step, sampled ∝ squared distance), Lloyd iterations until
 * the total squared centre shift falls under tol·mean(column variance) or labels stop
 * changing, empty clusters moved to the farthest points, best of `nInit` seeded runs by
 * inertia. Every Lloyd iteration reports its inertia (`stage: 'iterations'`).
 */
import { createRng, type Rng } from '../../core/rng';
import { cooperator } from './linalg/cooperate';
import { squaredDistance } from './linalg/dense';
import { denseMatrix, type ClusteringResult, type DenseMatrix, type FitOptions } from './types';

export interface KMeansParams {
  k: number;
  nInit?: number;
  maxIter?: number;
  tol?: number;
  seed?: number;
}

export interface KMeansResult extends ClusteringResult {
  centers: DenseMatrix;
  inertia: number;
  iterations: number;
}

function kmeansPlusPlus(x: DenseMatrix, k: number, rng: Rng): DenseMatrix {
  const n = x.rows;
  const d = x.cols;
  const centers = denseMatrix(k, d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rng() * n);
  centers.data.set(x.data.subarray(first * d, (first + 1) * d), 0);
  const closest = new Float64Array(n);
  for (let i = 0; i < n; i++) closest[i] = squaredDistance(x, i, centers, 0);
  let potential = closest.reduce((s, v) => s + v, 0);
  const candidate = new Float64Array(n);
  const best = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let bestPotential = Infinity;
    let bestIndex = 0;
    for (let t = 0; t < trials; t++) {
      // Sample ∝ current squared distance (searchsorted over the cumulative sum).
      let target = rng() * potential;
      let pick = n - 1;
      for (let i = 0; i < n; i++) {
        target -= closest[i]!;
        if (target < 0) {
          pick = i;
          break;
        }
      }
      let sum = 0;
      for (let i = 0; i < n; i++) {
        candidate[i] = Math.min(closest[i]!, squaredDistance(x, i, x, pick));
        sum += candidate[i]!;
      }
      if (sum < bestPotential) {
        bestPotential = sum;
        bestIndex = pick;
        best.set(candidate);
      }
    }
    centers.data.set(x.data.subarray(bestIndex * d, (bestIndex + 1) * d), c * d);
    closest.set(best);
    potential = bestPotential;
  }
  return centers;
}

/** Nearest centre per row; returns labels and the inertia (sum of squared distances). */
export function assignToCenters(x: DenseMatrix, centers: DenseMatrix) {
  const labels = new Int32Array(x.rows);
  const distances = new Float64Array(x.rows);
  let inertia = 0;
  for (let i = 0; i < x.rows; i++) {
    let best = Infinity;
    for (let c = 0; c < centers.rows; c++) {
      const dist = squaredDistance(x, i, centers, c);
      if (dist < best) {
        best = dist;
        labels[i] = c;
      }
    }
    distances[i] = best;
    inertia += best;
  }
  return { labels, distances, inertia };
}

function tolerance(x: DenseMatrix, tol: number): number {
  let total = 0;
  for (let j = 0; j < x.cols; j++) {
    let mean = 0;
    for (let i = 0; i < x.rows; i++) mean += x.data[i * x.cols + j]!;
    mean /= x.rows;
    let variance = 0;
    for (let i = 0; i < x.rows; i++) variance += (x.data[i * x.cols + j]! - mean) ** 2;
    total += variance / x.rows;
  }
  return (total / x.cols) * tol;
}

export async function kmeans(
  x: DenseMatrix,
  params: KMeansParams,
  options?: FitOptions,
): Promise<KMeansResult> {
  const { k } = params;
  if (!Number.isInteger(k) || k < 1 || k > x.rows) {
    throw new RangeError(`k must be an integer from 1 to ${x.rows}`);
  }
  const nInit = params.nInit ?? 10;
  const maxIter = params.maxIter ?? 300;
  const tol = tolerance(x, params.tol ?? 1e-4);
  const rng = createRng(params.seed ?? 0);
  const coop = cooperator(options);
  const d = x.cols;
  let best: KMeansResult | undefined;
  let done = 0;
  let stopped = false;
  for (let run = 0; run < nInit && !stopped; run++) {
    let centers = kmeansPlusPlus(x, k, rng);
    let assignment = assignToCenters(x, centers);
    let iterations = 0;
    for (let iter = 0; iter < maxIter; iter++) {
      iterations = iter + 1;
      const next = denseMatrix(k, d);
      const counts = new Int32Array(k);
      for (let i = 0; i < x.rows; i++) {
        const c = assignment.labels[i]!;
        counts[c]!++;
        for (let j = 0; j < d; j++) next.data[c * d + j]! += x.data[i * d + j]!;
      }
      for (let c = 0; c < k; c++) {
        if (counts[c] === 0) {
          // Empty cluster: move it to the point farthest from its centre, as sklearn does.
          let far = 0;
          for (let i = 1; i < x.rows; i++) {
            if (assignment.distances[i]! > assignment.distances[far]!) far = i;
          }
          assignment.distances[far] = 0;
          next.data.set(x.data.subarray(far * d, (far + 1) * d), c * d);
        } else {
          for (let j = 0; j < d; j++) next.data[c * d + j]! /= counts[c]!;
        }
      }
      let shift = 0;
      for (let t = 0; t < next.data.length; t++) shift += (next.data[t]! - centers.data[t]!) ** 2;
      centers = next;
      const previous = assignment.labels;
      assignment = assignToCenters(x, centers);
      done++;
      options?.onProgress?.({
        stage: 'iterations',
        done,
        total: nInit * maxIter,
        metrics: { inertia: assignment.inertia, run },
      });
      const same = previous.every((label, i) => label === assignment.labels[i]);
      if (same || shift <= tol) break;
      if (await coop.checkpoint()) {
        stopped = true;
        break;
      }
    }
    if (!best || assignment.inertia < best.inertia) {
      best = { labels: assignment.labels, centers, inertia: assignment.inertia, iterations };
    }
    if (!stopped && (await coop.checkpoint())) stopped = true;
  }
  return best!;
}

/** Inertia of the best k-means fit for each k, for an elbow plot. */
export async function elbow(
  x: DenseMatrix,
  kRange: readonly number[],
  params: Omit<KMeansParams, 'k'> = {},
  options?: FitOptions,
): Promise<{ k: number; inertia: number }[]> {
  const out: { k: number; inertia: number }[] = [];
  for (const k of kRange) {
    if (options?.shouldStop?.()) break;
    const result = await kmeans(x, { ...params, k }, { ...options, onProgress: undefined });
    out.push({ k, inertia: result.inertia });
    options?.onProgress?.({ stage: 'k', done: out.length, total: kRange.length });
  }
  return out;
}
