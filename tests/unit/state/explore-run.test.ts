import { describe, expect, it, vi } from 'vitest';
import type {
  ExploreEvent,
  ExploreOutcome,
  ExploreRequest,
  ExploreResult,
} from '../../../src/contracts/explore';
import type { PreviewRequest } from '../../../src/contracts/training';
import { ExploreRun, type ExplorePort } from '../../../src/state/ExploreRun.svelte';

const BASE: PreviewRequest = {
  dataset: { id: 'iris', url: 'iris.csv', target: 'species', task: 'classification', features: [] },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  splitStrategy: { kind: 'stratified' },
  recipe: null,
  seed: 42,
};

const RESULT: ExploreResult = {
  method: 'kmeans',
  params: { k: 3 },
  trainingRows: 90,
  features: 4,
  embedding: { method: 'pca', x: [0], y: [0], groups: [0], groupNames: ['1'], colorBy: 'cluster' },
  durationMs: 1,
};

/** A port that records requests, replays `events`, then answers `outcome` once released. */
function scriptedPort(events: ExploreEvent[], outcome: ExploreOutcome) {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const requests: Omit<ExploreRequest, 'jobId'>[] = [];
  const port: ExplorePort & { stops: number } = {
    stops: 0,
    async explore(request, onEvent) {
      requests.push(request);
      for (const event of events) onEvent(event);
      await gate;
      return outcome;
    },
    async stop() {
      port.stops++;
      release();
    },
  };
  return { port, requests, release };
}

function listener() {
  return { onFailure: vi.fn(), onUnexpected: vi.fn() };
}

describe('ExploreRun', () => {
  it('keeps parameters per method and validates them against the catalogue', () => {
    const run = new ExploreRun(
      scriptedPort([], { status: 'cancelled', jobId: 1 }).port,
      listener(),
      () => BASE,
    );
    expect(run.method).toBe('kmeans');
    expect(run.params).toMatchObject({ k: 3, nInit: 10 });
    run.setParam('k', 0);
    expect(run.problems).toEqual([{ field: 'k', key: 'range' }]);
    run.selectMethod('tsne');
    expect(run.colorBy).toBe('label');
    expect(run.problems).toEqual([]);
    run.selectMethod('kmeans');
    expect(run.params.k).toBe(0);
    expect(run.colorBy).toBe('cluster');
    run.resetParams();
    expect(run.params.k).toBe(3);
  });

  it('runs with the project base, shows progress, keeps the result for its dataset', async () => {
    const events: ExploreEvent[] = [
      { type: 'prepared', jobId: 1, rows: 90, features: 4 },
      { type: 'progress', jobId: 1, stage: 'k', done: 2, total: 10 },
    ];
    const { port, requests, release } = scriptedPort(events, {
      status: 'completed',
      jobId: 1,
      result: RESULT,
    });
    const run = new ExploreRun(port, listener(), () => BASE);
    const started = run.start();
    expect(run.status).toBe('running');
    expect(run.prepared).toEqual({ rows: 90, features: 4 });
    expect(run.progress).toEqual({ stage: 'k', done: 2, total: 10 });
    release();
    await started;
    expect(run.status).toBe('idle');
    expect(run.progress).toBeNull();
    expect(requests[0]).toEqual({
      ...BASE,
      method: 'kmeans',
      params: run.params,
      colorBy: 'cluster',
    });
    expect(run.resultFor('iris')).toBe(RESULT);
    expect(run.resultFor('wine')).toBeNull();
    expect(run.lastClustering).toEqual({ method: 'kmeans', params: run.params });
  });

  it('colours a later embedding by the last clustering', async () => {
    const first = scriptedPort([], { status: 'completed', jobId: 1, result: RESULT });
    first.release();
    const run = new ExploreRun(first.port, listener(), () => BASE);
    run.setParam('k', 4);
    await run.start();
    run.selectMethod('umap');
    run.setColorBy('cluster');
    await run.start();
    expect(first.requests[1]).toMatchObject({
      method: 'umap',
      colorBy: 'cluster',
      clusterBy: { method: 'kmeans', params: { k: 4 } },
    });
  });

  it('reports failures and refuses to run with invalid parameters or no dataset', async () => {
    const failing = scriptedPort([], {
      status: 'failed',
      jobId: 1,
      code: 'explore.error.tooManyClusters',
      params: { clusters: 9, rows: 4 },
    });
    failing.release();
    const events = listener();
    const run = new ExploreRun(failing.port, events, () => BASE);
    await run.start();
    expect(events.onFailure).toHaveBeenCalledWith('explore.error.tooManyClusters', {
      clusters: 9,
      rows: 4,
    });
    run.setParam('k', 99);
    await run.start();
    expect(failing.requests).toHaveLength(1);

    const noData = new ExploreRun(failing.port, events, () => null);
    await noData.start();
    expect(failing.requests).toHaveLength(1);
  });

  it('stop asks the port and the run ends cancelled without a result', async () => {
    const { port } = scriptedPort([], { status: 'cancelled', jobId: 1 });
    const run = new ExploreRun(port, listener(), () => BASE);
    const started = run.start();
    const stopping = run.stop();
    expect(run.status).toBe('stopping');
    await stopping;
    await started;
    expect(port.stops).toBe(1);
    expect(run.status).toBe('idle');
    expect(run.resultFor('iris')).toBeNull();
  });

  it('routes a thrown error to onUnexpected', async () => {
    const events = listener();
    const port: ExplorePort = {
      explore: () => Promise.reject(new Error('boom')),
      stop: () => Promise.resolve(),
    };
    const run = new ExploreRun(port, events, () => BASE);
    await run.start();
    expect(events.onUnexpected).toHaveBeenCalled();
    expect(run.status).toBe('idle');
  });
});
