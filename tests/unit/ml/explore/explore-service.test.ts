import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { expose, proxy, wrap, type Endpoint } from 'comlink';
import { describe, expect, it } from 'vitest';
import type {
  ExploreApi,
  ExploreEvent,
  ExploreOutcome,
  ExploreRequest,
} from '../../../../src/contracts/explore';
import { createExploreService } from '../../../../src/ml/explore/explore-service';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');
const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));

function request(overrides: Partial<ExploreRequest> = {}): ExploreRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
        (name) => ({ name, type: 'numeric' }),
      ),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    splitStrategy: { kind: 'stratified' },
    recipe: null,
    seed: 42,
    method: 'kmeans',
    params: { k: 3 },
    colorBy: 'cluster',
    ...overrides,
  };
}

function completed(outcome: ExploreOutcome) {
  if (outcome.status !== 'completed') throw new Error(`unexpected ${JSON.stringify(outcome)}`);
  return outcome.result;
}

async function explore(overrides: Partial<ExploreRequest> = {}, events: ExploreEvent[] = []) {
  const service = createExploreService({ fetchText: fetchIris });
  return service.explore(request(overrides), (event) => events.push(event));
}

describe('explore service on iris (training split: 90 rows)', () => {
  it('k-means k=3: three scored clusters, an elbow over k = 1..10, a PCA projection', async () => {
    const events: ExploreEvent[] = [];
    const result = completed(await explore({}, events));
    expect(result.trainingRows).toBe(90);
    expect(result.features).toBe(4);
    expect(result.sample).toBeUndefined();
    const clustering = result.clustering!;
    expect(clustering.clusters).toBe(3);
    expect(clustering.sizes.reduce((a, b) => a + b, 0)).toBe(90);
    expect(clustering.noise).toBe(0);
    expect(clustering.scores.silhouette).toBeGreaterThan(0.3);
    expect(clustering.scores.silhouette).toBeLessThan(0.8);
    expect(clustering.scores.daviesBouldin).toBeGreaterThan(0);
    expect(clustering.scores.calinskiHarabasz).toBeGreaterThan(10);
    expect(clustering.inertia).toBeGreaterThan(0);

    const elbow = result.elbow!;
    expect(elbow.k).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (let i = 1; i < elbow.inertia.length; i++) {
      expect(elbow.inertia[i]!).toBeLessThan(elbow.inertia[i - 1]!);
    }
    expect(elbow.inertia[2]).toBeCloseTo(clustering.inertia!, 6);
    expect(Number.isNaN(elbow.silhouette![0])).toBe(true);
    expect(elbow.silhouette![2]).toBeCloseTo(clustering.scores.silhouette!, 6);

    const embedding = result.embedding;
    expect(embedding.method).toBe('pca');
    expect(embedding.colorBy).toBe('cluster');
    expect(embedding.x).toHaveLength(90);
    expect(embedding.groupNames).toEqual(['1', '2', '3']);
    expect(new Set(embedding.groups)).toEqual(new Set([0, 1, 2]));

    expect(events[0]).toEqual({ type: 'prepared', jobId: 1, rows: 90, features: 4 });
    const stages = new Set(events.flatMap((e) => (e.type === 'progress' ? [e.stage] : [])));
    expect(stages).toEqual(new Set(['restarts', 'k', 'scores']));
  });

  it('is reproducible for the same request', async () => {
    const a = completed(await explore());
    const b = completed(await explore());
    expect({ ...a, durationMs: 0 }).toEqual({ ...b, durationMs: 0 });
  });

  it('DBSCAN: a small eps leaves noise, which no score counts', async () => {
    const result = completed(
      await explore({ method: 'dbscan', params: { eps: 0.3, minSamples: 5 } }),
    );
    const clustering = result.clustering!;
    expect(clustering.noise).toBeGreaterThan(0);
    expect(clustering.sizes.reduce((a, b) => a + b, 0) + clustering.noise).toBe(90);
    expect(clustering.scores.scoredRows).toBe(90 - clustering.noise);
    expect(result.embedding.groups.filter((g) => g === -1)).toHaveLength(clustering.noise);
    expect(result.elbow).toBeUndefined();
  });

  it('DBSCAN with one cluster is not scored and says why', async () => {
    const result = completed(
      await explore({ method: 'dbscan', params: { eps: 50, minSamples: 2 } }),
    );
    expect(result.clustering!.clusters).toBe(1);
    expect(result.clustering!.scores).toMatchObject({ silhouette: null, unscored: 'oneCluster' });
  });

  it('agglomerative: a dendrogram of n - 1 merges ending in one cluster of n rows', async () => {
    const result = completed(
      await explore({ method: 'agglomerative', params: { nClusters: 3, linkage: 'average' } }),
    );
    const dendrogram = result.dendrogram!;
    expect(dendrogram.leaves).toBe(90);
    expect(dendrogram.linkage).toBe('average');
    expect(dendrogram.merges).toHaveLength(89);
    expect(dendrogram.merges.at(-1)!.size).toBe(90);
    const heights = dendrogram.merges.map((m) => m.distance);
    expect([...heights].sort((a, b) => a - b)).toEqual(heights);
    expect(result.clustering!.clusters).toBe(3);
  });

  it('PCA coloured by label: class groups and decreasing explained variance', async () => {
    const result = completed(await explore({ method: 'pca', params: {}, colorBy: 'label' }));
    const embedding = result.embedding;
    expect(embedding.colorBy).toBe('label');
    expect(embedding.groupNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(embedding.groups.filter((g) => g === 0)).toHaveLength(30);
    const [first, second] = embedding.explainedVarianceRatio!;
    expect(first).toBeGreaterThan(0.6);
    expect(second).toBeLessThan(first!);
    expect(first! + second!).toBeLessThanOrEqual(1 + 1e-12);
    expect(result.clustering).toBeUndefined();
  });

  it('UMAP coloured by the clusters of a chosen clustering', async () => {
    const result = completed(
      await explore({
        method: 'umap',
        params: { nNeighbors: 10 },
        colorBy: 'cluster',
        clusterBy: { method: 'kmeans', params: { k: 4 } },
      }),
    );
    expect(result.embedding.method).toBe('umap');
    expect(result.embedding.groupNames).toEqual(['1', '2', '3', '4']);
    expect(result.embedding.x.every(Number.isFinite)).toBe(true);
  });

  it('throttles progress within a stage but always sends its first and last event', async () => {
    let clock = 0;
    const service = createExploreService({ fetchText: fetchIris, now: () => (clock += 1) });
    const events: ExploreEvent[] = [];
    const outcome = await service.explore(
      request({ method: 'tsne', params: { iterations: 300 }, colorBy: 'label' }),
      (event) => events.push(event),
    );
    expect(outcome.status).toBe('completed');
    const progress = events.flatMap((e) => (e.type === 'progress' ? [e] : []));
    // The fake clock ticks 1 ms per call: one event per 100 iterations, plus the last.
    expect(progress.map((e) => e.done)).toEqual([1, 101, 201, 300]);
  });

  it('refuses parameters outside the catalogue ranges', async () => {
    const outcome = await explore({ params: { k: 0 } });
    expect(outcome).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.config.invalid',
      params: { field: 'k' },
    });
  });

  it('stop cancels a long t-SNE between iterations', async () => {
    const service = createExploreService({ fetchText: fetchIris });
    let stops = 0;
    const started = performance.now();
    const outcome = await service.explore(
      request({ method: 'tsne', params: { iterations: 5000 }, colorBy: 'label' }),
      (event) => {
        if (event.type === 'progress' && stops++ === 0) service.stop(1);
      },
    );
    expect(outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('a second job stops the first; a stale stop does nothing', async () => {
    const service = createExploreService({ fetchText: fetchIris });
    const first = service.explore(
      request({ method: 'tsne', params: { iterations: 5000 }, colorBy: 'label' }),
      () => undefined,
    );
    const second = service.explore(request({ jobId: 2, method: 'pca', params: {} }), () => {
      service.stop(1);
    });
    expect(await first).toEqual({ status: 'cancelled', jobId: 1 });
    expect((await second).status).toBe('completed');
  });

  it('reports a dataset that cannot be fetched', async () => {
    const outcome = await explore({
      dataset: { ...request().dataset, url: 'https://example.test/missing.csv' },
    });
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.dataset.fetchFailed' });
  });

  it('works over comlink, events before the outcome', async () => {
    const { port1, port2 } = new MessageChannel();
    expose(createExploreService({ fetchText: fetchIris }), port1 as unknown as Endpoint);
    const api = wrap<ExploreApi>(port2 as unknown as Endpoint);
    const events: ExploreEvent[] = [];
    const outcome = await api.explore(
      request({ method: 'pca', params: {} }),
      proxy((event: ExploreEvent) => void events.push(event)),
    );
    expect(outcome.status).toBe('completed');
    expect(events[0]?.type).toBe('prepared');
    port1.close();
    port2.close();
  });
});
