import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  CrossValidationEvent,
  CrossValidationOutcome,
  CrossValidationRequest,
} from '../../../src/contracts/cross-validation';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import {
  CrossValidation,
  type CrossValidationPort,
} from '../../../src/state/CrossValidation.svelte';
import { crossValidationPlanOf } from '../../../src/state/cross-validation-plan';
import type { RunSummary } from '../../../src/storage/runs-db';
import { newRun, stored } from '../storage/run-fixtures';

const MANIFEST = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8'),
) as BuiltinDatasetEntry[];
const ENTRY = MANIFEST.find((entry) => entry.id === 'breast_cancer');
const URL = 'https://example.test/datasets/breast_cancer.csv';

const mlp = stored(newRun('a', 1), 1);
const forest = stored(
  newRun('b', 2, {
    model: {
      kind: 'classical',
      spec: {
        learner: 'random-forest-classifier',
        params: { nEstimators: 25, maxDepth: null, notATunable: 3 },
      },
    },
  }),
  2,
);

describe('crossValidationPlanOf', () => {
  it('builds one request for two runs of one split, each with its own configuration', () => {
    const plan = crossValidationPlanOf([mlp, forest], ENTRY, URL, 5);
    if (!plan.ok) throw new Error(plan.reason);
    const { request } = plan;
    expect(request).toMatchObject({
      split: mlp.split,
      splitStrategy: { kind: 'stratified' },
      seed: 42,
      folds: 5,
      dataset: { id: 'breast_cancer', url: URL, target: 'diagnosis', task: 'classification' },
    });
    expect(request.configs[0]).toEqual({
      model: mlp.model.kind === 'mlp' ? mlp.model.config : null,
      recipe: null,
      backend: 'cpu',
    });
    // Only tunable parameters cross; the classical run's seed still seeds split and folds.
    expect(request.configs[1]?.classical).toEqual({
      learner: 'random-forest-classifier',
      params: { nEstimators: 25, maxDepth: null },
    });
    expect(request.configs[1]?.model.seed).toBe(42);
    const clamped = crossValidationPlanOf([mlp, forest], ENTRY, URL, 99);
    expect(clamped.ok && clamped.request.folds).toBe(20);
  });

  it('cross-validates one run on its own', () => {
    const plan = crossValidationPlanOf([forest], ENTRY, URL, 5, 1);
    expect(plan.ok && plan.request.configs).toHaveLength(1);
    expect(crossValidationPlanOf([mlp, forest], ENTRY, URL, 5, 1)).toMatchObject({
      reason: 'count',
    });
  });

  it('says why a selection cannot be cross-validated', () => {
    const network = stored(
      newRun('c', 3, {
        model: {
          kind: 'network',
          network: { layers: [], loss: 'auto' } as never,
        },
      }),
      3,
    );
    const reseeded: RunSummary = { ...forest, seed: 7 };
    expect(crossValidationPlanOf([mlp], ENTRY, URL, 5)).toEqual({ ok: false, reason: 'count' });
    expect(crossValidationPlanOf([mlp, forest, mlp], ENTRY, URL, 5)).toMatchObject({
      reason: 'count',
    });
    expect(crossValidationPlanOf([mlp, network], ENTRY, URL, 5)).toEqual({
      ok: false,
      reason: 'model',
      run: 1,
      kind: 'network',
    });
    expect(crossValidationPlanOf([mlp, reseeded], ENTRY, URL, 5)).toEqual({
      ok: false,
      reason: 'split',
    });
    expect(crossValidationPlanOf([mlp, forest], undefined, URL, 5)).toEqual({
      ok: false,
      reason: 'dataset',
    });
  });
});

function fakePort() {
  const calls: {
    request: Omit<CrossValidationRequest, 'jobId'>;
    onEvent: (event: CrossValidationEvent) => void;
    answer: (outcome: CrossValidationOutcome) => void;
  }[] = [];
  let stops = 0;
  const port: CrossValidationPort = {
    crossValidate: (request, onEvent) =>
      new Promise((answer) => calls.push({ request, onEvent, answer })),
    stop: () => {
      stops++;
      const call = calls[calls.length - 1];
      call?.answer({ status: 'cancelled', jobId: 1 });
      return Promise.resolve();
    },
    dispose: () => undefined,
  };
  return { port, calls, stops: () => stops };
}

const COMPLETED: CrossValidationOutcome = {
  status: 'completed',
  jobId: 1,
  folds: 2,
  rows: 10,
  results: [[], []],
  durationMs: 5,
};

describe('CrossValidation', () => {
  const plan = crossValidationPlanOf([mlp, forest], ENTRY, URL, 2);
  if (!plan.ok) throw new Error(plan.reason);

  it('reports fold progress and keeps the result for the runs it was asked about', async () => {
    const { port, calls } = fakePort();
    const cv = new CrossValidation(port, () => undefined);
    const done = cv.run('a|b', plan.request);
    expect(cv.isRunningFor('a|b')).toBe(true);
    calls[0]?.onEvent({ type: 'foldStarted', jobId: 1, config: 1, fold: 2, folds: 2 });
    expect(cv.progress).toEqual({ config: 1, configs: 2, fold: 2, folds: 2 });
    calls[0]?.answer(COMPLETED);
    await done;
    expect(cv.status).toBe('done');
    expect(cv.resultFor('a|b')).toEqual(COMPLETED);
    expect(cv.resultFor('a|c')).toBeNull();
    expect(cv.progress).toBeNull();
  });

  it('goes back to idle when stopped and keeps a failure as an i18n code', async () => {
    const { port, calls, stops } = fakePort();
    const cv = new CrossValidation(port, () => undefined);
    const stopped = cv.run('a|b', plan.request);
    cv.cancel();
    await stopped;
    expect(stops()).toBe(1);
    expect(cv.status).toBe('idle');
    const failing = cv.run('a|b', plan.request);
    calls[1]?.answer({
      status: 'failed',
      jobId: 2,
      code: 'error.config.invalid',
      params: { field: 'folds' },
    });
    await failing;
    expect(cv.status).toBe('failed');
    expect(cv.problemFor('a|b')).toEqual({
      key: 'a|b',
      code: 'error.config.invalid',
      params: { field: 'folds' },
    });
  });
});
