import { describe, expect, it } from 'vitest';
import type { PredictClient } from '../../../src/bridge/predict-client';
import type { ImportanceResult, PredictProgress } from '../../../src/contracts/predict';
import { PermutationImportanceRun } from '../../../src/state/PermutationImportanceRun.svelte';

/** A client whose jobs the test settles by hand. */
function fakeClient() {
  const jobs: {
    onProgress: (p: PredictProgress) => void;
    settle: (r: ImportanceResult) => void;
  }[] = [];
  const cancelled: number[] = [];
  const client = {
    permutationImportance: (_request: unknown, onProgress: (p: PredictProgress) => void) => {
      const jobId = jobs.length + 1;
      const result = new Promise<ImportanceResult>((settle) => jobs.push({ onProgress, settle }));
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
  dataset: { id: 'iris', url: 'u', target: 'species', task: 'classification', features: [] },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  seed: 1,
} as never;

function success(jobId: number): ImportanceResult {
  return {
    ok: true,
    jobId,
    metric: 'accuracy',
    baseline: 0.9,
    importances: { kind: 'permutation', items: [{ feature: 'a', value: 0.3, std: 0.01 }] },
    rows: 30,
    sampled: false,
    repeats: 5,
  };
}

describe('PermutationImportanceRun', () => {
  it('reports progress, then the result', async () => {
    const { client, jobs } = fakeClient();
    const run = new PermutationImportanceRun(client, () => undefined);
    const done = run.measure(REQUEST);
    expect(run.status).toBe('running');
    jobs[0]?.onProgress({ jobId: 1, done: 3, total: 21 });
    expect(run.progress).toEqual({ done: 3, total: 21 });
    jobs[0]?.settle(success(1));
    await done;
    expect(run.status).toBe('done');
    expect(run.result?.baseline).toBe(0.9);
  });

  it('shows a failure as a problem and a cancel as nothing new', async () => {
    const { client, jobs, cancelled } = fakeClient();
    const run = new PermutationImportanceRun(client, () => undefined);
    const first = run.measure(REQUEST);
    run.cancel();
    expect(cancelled).toEqual([1]);
    jobs[0]?.settle({ ok: false, jobId: 1, code: 'cancelled' });
    await first;
    expect(run.status).toBe('idle');
    const second = run.measure(REQUEST);
    jobs[1]?.settle({
      ok: false,
      jobId: 2,
      code: 'predict.error.tooManyColumns',
      params: { columns: 784, limit: 200 },
    });
    await second;
    expect(run.status).toBe('failed');
    expect(run.problem).toEqual({
      code: 'predict.error.tooManyColumns',
      params: { columns: 784, limit: 200 },
    });
  });

  it('ignores the answer of a measurement made for an earlier run', async () => {
    const { client, jobs } = fakeClient();
    const run = new PermutationImportanceRun(client, () => undefined);
    const stale = run.measure(REQUEST);
    run.reset();
    jobs[0]?.settle(success(1));
    await stale;
    expect(run.result).toBeNull();
    expect(run.status).toBe('idle');
  });
});
