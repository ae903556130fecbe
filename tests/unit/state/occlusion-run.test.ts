import { describe, expect, it } from 'vitest';
import type { PredictClient } from '../../../src/bridge/predict-client';
import type { OcclusionResult, PredictProgress } from '../../../src/contracts/predict';
import { OcclusionRun } from '../../../src/state/OcclusionRun.svelte';

/** A client whose jobs the test settles by hand. */
function fakeClient() {
  const jobs: {
    onProgress: (p: PredictProgress) => void;
    settle: (r: OcclusionResult) => void;
  }[] = [];
  const cancelled: number[] = [];
  const client = {
    occlusionMap: (_request: unknown, onProgress: (p: PredictProgress) => void) => {
      const jobId = jobs.length + 1;
      const result = new Promise<OcclusionResult>((settle) => jobs.push({ onProgress, settle }));
      return { jobId, result };
    },
    cancel: (jobId: number) => cancelled.push(jobId),
  } as unknown as PredictClient;
  return { client, jobs, cancelled };
}

const REQUEST = {
  model: {
    key: 'm',
    fittedRecipe: '{}',
    schema: { features: [], classNames: [], targetScale: null },
  },
  image: { kind: 'pixels', values: [0, 0, 0, 0] },
  patch: 1,
  fill: 'zero',
} as never;

function success(jobId: number): OcclusionResult {
  return {
    ok: true,
    jobId,
    height: 2,
    width: 2,
    channels: 1,
    pixels: [0, 16, 0, 0],
    pixelMax: 16,
    heat: [0, 0.4, 0, 0],
    patch: 1,
    stride: 1,
    classNames: ['a', 'b'],
    classIndex: 1,
    predictedIndex: 1,
    baseProbability: 0.9,
    trueIndex: -1,
    testIndex: null,
    testCount: null,
    evaluations: 4,
    durationMs: 3,
  };
}

describe('OcclusionRun', () => {
  it('reports progress, then the map', async () => {
    const { client, jobs } = fakeClient();
    const run = new OcclusionRun(client, () => undefined);
    const done = run.explain(REQUEST);
    expect(run.status).toBe('running');
    jobs[0]?.onProgress({ jobId: 1, done: 2, total: 4 });
    expect(run.progress).toEqual({ done: 2, total: 4 });
    jobs[0]?.settle(success(1));
    await done;
    expect(run.status).toBe('done');
    expect(run.result?.heat).toEqual([0, 0.4, 0, 0]);
  });

  it('cancels the map under way when a newer one starts, and keeps only the newer', async () => {
    const { client, jobs, cancelled } = fakeClient();
    const run = new OcclusionRun(client, () => undefined);
    const first = run.explain(REQUEST);
    const second = run.explain(REQUEST);
    expect(cancelled).toEqual([1]);
    jobs[0]?.settle({ ok: false, jobId: 1, code: 'cancelled' });
    await first;
    expect(run.status).toBe('running');
    jobs[1]?.settle(success(2));
    await second;
    expect(run.result?.jobId).toBe(2);
  });

  it('shows a failure as a problem and a cancel as nothing new', async () => {
    const { client, jobs } = fakeClient();
    const run = new OcclusionRun(client, () => undefined);
    const first = run.explain(REQUEST);
    run.cancel();
    jobs[0]?.settle({ ok: false, jobId: 1, code: 'cancelled' });
    await first;
    expect(run.status).toBe('idle');
    const second = run.explain(REQUEST);
    jobs[1]?.settle({
      ok: false,
      jobId: 2,
      code: 'predict.error.occlusionPatch',
      params: { limit: 8 },
    });
    await second;
    expect(run.status).toBe('failed');
    expect(run.problem).toEqual({ code: 'predict.error.occlusionPatch', params: { limit: 8 } });
  });

  it('ignores the answer of a map made for an earlier run', async () => {
    const { client, jobs } = fakeClient();
    const run = new OcclusionRun(client, () => undefined);
    const stale = run.explain(REQUEST);
    run.reset();
    jobs[0]?.settle(success(1));
    await stale;
    expect(run.result).toBeNull();
    expect(run.status).toBe('idle');
  });
});
