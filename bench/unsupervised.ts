/**
 * Clustering and embedding learners in `npm run bench`: Fitlab's k-means, DBSCAN, agglomerative
 * clustering, PCA, t-SNE and UMAP against scikit-learn (bench/sklearn_unsupervised.py) on the
 * same standardized data, with a quality figure each side computes the same way (adjusted Rand
 * index, inertia, explained variance, trustworthiness) and the fit time. UMAP has no reference:
 * umap-learn is not in Debian; only Fitlab's figures are given.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { agglomerative } from '../src/ml/classical/agglomerative';
import { dbscan } from '../src/ml/classical/dbscan';
import { pcaEmbedding, tsne, umap } from '../src/ml/classical/embeddings';
import { kmeans } from '../src/ml/classical/kmeans';
import type { DenseMatrix } from '../src/ml/classical/types';

interface CaseSpec {
  id: 'kmeans' | 'dbscan' | 'agglomerative' | 'pca' | 'tsne' | 'umap';
  params: Record<string, number | string>;
  datasets: string[];
}

interface CasesFile {
  datasets: Record<string, { target: string }>;
  cases: CaseSpec[];
}

export interface UnsupervisedFigure {
  id: string;
  dataset: string;
  /** 'ari' | 'inertia' | 'explainedVariance' | 'trustworthiness' */
  metric: string;
  value: number;
  /** k-means only: the adjusted Rand index beside the inertia. */
  ari?: number;
  fitMs: number;
}

/** Features standardized with the population standard deviation; labels as class indices. */
function load(root: string, name: string, target: string): { x: DenseMatrix; labels: number[] } {
  const lines = readFileSync(path.join(root, 'public/datasets', `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
  const header = lines[0]!.split(',');
  const targetIndex = header.indexOf(target);
  const rows = lines.slice(1).map((line) => line.split(','));
  const classes = [...new Set(rows.map((r) => r[targetIndex]!))].sort();
  const cols = header.length - 1;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) => {
    let c = 0;
    row.forEach((value, j) => {
      if (j !== targetIndex) data[i * cols + c++] = Number(value);
    });
  });
  for (let c = 0; c < cols; c++) {
    let mean = 0;
    for (let i = 0; i < rows.length; i++) mean += data[i * cols + c]!;
    mean /= rows.length;
    let variance = 0;
    for (let i = 0; i < rows.length; i++) variance += (data[i * cols + c]! - mean) ** 2;
    const std = Math.sqrt(variance / rows.length) || 1;
    for (let i = 0; i < rows.length; i++) data[i * cols + c] = (data[i * cols + c]! - mean) / std;
  }
  return {
    x: { rows: rows.length, cols, data },
    labels: rows.map((r) => classes.indexOf(r[targetIndex]!)),
  };
}

/** Hubert and Arabie's adjusted Rand index, as sklearn.metrics.adjusted_rand_score. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  const table = new Map<string, number>();
  const rowSums = new Map<number, number>();
  const colSums = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rowSums.set(a[i]!, (rowSums.get(a[i]!) ?? 0) + 1);
    colSums.set(b[i]!, (colSums.get(b[i]!) ?? 0) + 1);
  }
  const pairs = (m: number) => (m * (m - 1)) / 2;
  let index = 0;
  for (const count of table.values()) index += pairs(count);
  let rows = 0;
  for (const count of rowSums.values()) rows += pairs(count);
  let cols = 0;
  for (const count of colSums.values()) cols += pairs(count);
  const expected = (rows * cols) / pairs(n);
  const max = (rows + cols) / 2;
  return max === expected ? 1 : (index - expected) / (max - expected);
}

/** sklearn.manifold.trustworthiness: how well the embedding keeps each point's neighbours. */
export function trustworthiness(x: DenseMatrix, embedding: DenseMatrix, k = 5): number {
  const n = x.rows;
  const distances = (m: DenseMatrix, i: number) => {
    const out = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      let d = 0;
      for (let c = 0; c < m.cols; c++)
        d += (m.data[i * m.cols + c]! - m.data[j * m.cols + c]!) ** 2;
      out[j] = d;
    }
    out[i] = Infinity;
    return out;
  };
  const order = (d: Float64Array) => Array.from(d.keys()).sort((p, q) => d[p]! - d[q]! || p - q);
  let penalty = 0;
  for (let i = 0; i < n; i++) {
    const rankInX = new Int32Array(n);
    order(distances(x, i)).forEach((j, r) => (rankInX[j] = r + 1));
    for (const j of order(distances(embedding, i)).slice(0, k))
      penalty += Math.max(0, rankInX[j]! - k);
  }
  return 1 - (2 / (n * k * (2 * n - 3 * k - 1))) * penalty;
}

async function timed<T>(
  fit: () => Promise<T> | T,
  repeats: number,
): Promise<{ result: T; ms: number }> {
  const times: number[] = [];
  let result!: T;
  for (let r = 0; r < repeats; r++) {
    const started = performance.now();
    result = await fit();
    times.push(performance.now() - started);
  }
  times.sort((p, q) => p - q);
  return { result, ms: times[Math.floor(times.length / 2)]! };
}

export async function benchFitlabUnsupervised(root: string): Promise<UnsupervisedFigure[]> {
  const file = JSON.parse(
    readFileSync(path.join(root, 'bench/unsupervised-cases.json'), 'utf8'),
  ) as CasesFile;
  const figures: UnsupervisedFigure[] = [];
  for (const spec of file.cases) {
    for (const dataset of spec.datasets) {
      const { x, labels } = load(root, dataset, file.datasets[dataset]!.target);
      // The cases file is ours and its keys are the learners' own parameter names.
      const p = spec.params as never;
      switch (spec.id) {
        case 'kmeans': {
          const { result, ms } = await timed(() => kmeans(x, p), 3);
          figures.push({
            id: spec.id,
            dataset,
            metric: 'inertia',
            value: result.inertia ?? NaN,
            ari: adjustedRandIndex(labels, result.labels),
            fitMs: ms,
          });
          break;
        }
        case 'dbscan':
        case 'agglomerative': {
          const run = () => (spec.id === 'dbscan' ? dbscan(x, p) : agglomerative(x, p));
          const { result, ms } = await timed(run, 3);
          figures.push({
            id: spec.id,
            dataset,
            metric: 'ari',
            value: adjustedRandIndex(labels, result.labels),
            fitMs: ms,
          });
          break;
        }
        case 'pca': {
          const { result, ms } = await timed(() => pcaEmbedding(x, 2), 3);
          const explained = result.explainedVarianceRatio.reduce((s, v) => s + v, 0);
          figures.push({
            id: spec.id,
            dataset,
            metric: 'explainedVariance',
            value: explained,
            fitMs: ms,
          });
          break;
        }
        case 'tsne':
        case 'umap': {
          const run = () => (spec.id === 'tsne' ? tsne(x, p) : umap(x, p));
          const { result, ms } = await timed(run, 1);
          figures.push({
            id: spec.id,
            dataset,
            metric: 'trustworthiness',
            value: trustworthiness(x, result.embedding),
            fitMs: ms,
          });
          break;
        }
      }
    }
  }
  return figures;
}

export function benchSklearnUnsupervised(
  root: string,
): UnsupervisedFigure[] | { unavailable: string } {
  const run = spawnSync('/usr/bin/python3', [path.join(root, 'bench/sklearn_unsupervised.py')], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  if (run.status !== 0)
    return {
      unavailable: (run.stderr || run.error?.message || 'failed').trim().split('\n').pop()!,
    };
  return JSON.parse(run.stdout) as UnsupervisedFigure[];
}

export function unsupervisedTable(
  fitlab: UnsupervisedFigure[],
  sklearn: UnsupervisedFigure[] | { unavailable: string },
): string {
  const reference = Array.isArray(sklearn) ? sklearn : [];
  const f = (v: number | undefined, d = 3) =>
    v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d);
  const lines = [
    '| learner | dataset | metric | Fitlab | scikit-learn | Fitlab ms | scikit-learn ms | × |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const ours of fitlab) {
    const theirs = reference.find((r) => r.id === ours.id && r.dataset === ours.dataset);
    const digits = ours.metric === 'inertia' ? 1 : 3;
    const metric = ours.ari === undefined ? ours.metric : `${ours.metric} (ARI)`;
    const value =
      ours.ari === undefined ? f(ours.value, digits) : `${f(ours.value, digits)} (${f(ours.ari)})`;
    const other = theirs
      ? theirs.ari === undefined
        ? f(theirs.value, digits)
        : `${f(theirs.value, digits)} (${f(theirs.ari)})`
      : '—';
    lines.push(
      `| ${ours.id} | ${ours.dataset} | ${metric} | ${value} | ${other} | ${f(ours.fitMs, 1)} | ${theirs ? f(theirs.fitMs, 1) : '—'} | ${theirs ? f(ours.fitMs / theirs.fitMs, 2) : '—'} |`,
    );
  }
  return lines.join('\n');
}
