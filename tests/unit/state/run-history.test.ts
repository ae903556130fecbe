import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainOutcome, TrainRequest } from '../../../src/contracts/training';
import { newRunId, RunHistory, type RunStorePort } from '../../../src/state/RunHistory.svelte';
import { runRecordOf, type FinishedOutcome } from '../../../src/state/run-record';
import { createRunStore, RUN_QUOTA_ERROR } from '../../../src/storage/run-store';
import { openRunsDb, type RunId, type RunsDb } from '../../../src/storage/runs-db';
import { detail, evaluation, newRun } from '../storage/run-fixtures';

const REQUEST: Omit<TrainRequest, 'jobId'> = {
  dataset: {
    id: 'breast_cancer',
    url: 'http://x/breast_cancer.csv',
    target: 'diagnosis',
    task: 'classification',
    features: [],
  },
  model: {
    hiddenLayers: [16, 8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 32,
    epochs: 30,
    seed: 7,
  },
  split: { train: 0.7, validation: 0.15, test: 0.15 },
  splitStrategy: { kind: 'stratified' },
  recipe: null,
  backend: 'cpu',
};

const OUTCOME: FinishedOutcome = {
  status: 'stopped',
  jobId: 3,
  epochsRun: 12,
  history: [{ epoch: 1, trainLoss: 0.7, valLoss: 0.6, trainMetric: 0.5, valMetric: 0.6 }],
  test: evaluation([0, 1, 1, 1]),
  backend: 'cpu',
  engine: 'tiny',
  durationMs: 900,
  savedModel: 'kept',
};

const opened: RunsDb[] = [];
let dbCount = 0;
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

async function realStore(name = `history-test-${++dbCount}`) {
  const db = await openRunsDb({ name });
  opened.push(db);
  return createRunStore(db);
}

function listener() {
  return { onFailure: vi.fn(), onUnexpected: vi.fn() };
}

describe('runRecordOf', () => {
  it('keeps the request summary, the outcome and the fitted model', () => {
    const { run, detail: kept } = runRecordOf(REQUEST, OUTCOME, {
      id: 'r1',
      title: 'Breast cancer',
      now: 5,
    });
    expect(run).toMatchObject({
      id: 'r1',
      createdAt: 5,
      dataset: { id: 'breast_cancer', title: 'Breast cancer', target: 'diagnosis' },
      model: { kind: 'mlp', config: { hiddenLayers: [16, 8], epochs: 30 } },
      seed: 7,
      status: 'stopped',
      epochsRun: 12,
      engine: 'tiny',
      testRows: 4,
      headline: { key: 'accuracy', value: 0.75 },
    });
    expect(kept.history).toEqual(OUTCOME.history);
    expect(kept.history).not.toBe(OUTCOME.history);
    expect(kept.weights).toEqual({ kind: 'classical', savedModel: 'kept' });
    expect(run.hasWeights).toBe(true);
    expect(run).toMatchObject({ notes: '', tags: [], project: null, datasetHash: '' });
  });

  it('records a classical learner with its parameters', () => {
    const classical = { learner: 'random-forest-classifier', params: { trees: 50 } };
    const outcome: TrainOutcome = { ...OUTCOME, status: 'completed', classical };
    const { run } = runRecordOf({ ...REQUEST, classical }, outcome as FinishedOutcome, {
      id: 'r2',
      title: 't',
      now: 1,
    });
    expect(run.model).toEqual({ kind: 'classical', spec: classical });
  });
});

describe('RunHistory', () => {
  it('records runs, survives a reload, renames and deletes them', async () => {
    const name = `history-test-${++dbCount}`;
    let id = 0;
    const history = new RunHistory(await realStore(name), listener(), {
      newId: () => `run-${++id}`,
      now: () => id * 10,
    });
    await history.load();
    expect(history.status).toBe('ready');
    await history.record(REQUEST, OUTCOME, 'Breast cancer');
    await history.record(REQUEST, { ...OUTCOME, status: 'completed' }, 'Breast cancer');
    expect(history.runs.map((r) => [r.id, r.seq])).toEqual([
      ['run-2', 2],
      ['run-1', 1],
    ]);
    await history.rename('run-1' as RunId, '  Small MLP ');

    const reloaded = new RunHistory(await realStore(name), listener());
    await reloaded.load();
    expect(reloaded.runs.map((r) => [r.id, r.name])).toEqual([
      ['run-2', ''],
      ['run-1', 'Small MLP'],
    ]);
    await reloaded.remove('run-2' as RunId);
    expect(reloaded.runs.map((r) => r.id)).toEqual(['run-1']);
  });

  it('selects runs of one dataset and target only, and loads their details', async () => {
    const store = await realStore();
    await store.addRun(newRun('a', 1), detail('a'));
    await store.addRun(newRun('b', 2), detail('b', [1, 1, 1, 1]));
    await store.addRun(
      newRun('c', 3, {
        dataset: { id: 'iris', title: 'Iris', target: 'species', task: 'classification' },
      }),
      detail('c'),
    );
    const history = new RunHistory(store, listener());
    await history.load();
    const [c, b, a] = history.runs;
    expect(history.canSelect(c!)).toBe(true);
    await history.toggle('a' as RunId);
    await history.toggle('b' as RunId);
    expect(history.canSelect(c!)).toBe(false);
    await history.toggle('c' as RunId);
    expect(history.selectedIds).toEqual(['a', 'b']);
    expect(history.selectedRuns.map((r) => [r.summary.id, r.detail?.test?.kind])).toEqual([
      [b!.id, 'classification'],
      [a!.id, 'classification'],
    ]);
    await history.toggle('a' as RunId);
    await history.remove('b' as RunId);
    expect(history.selectedIds).toEqual([]);
    expect(history.canSelect(c!)).toBe(true);
  });

  it('turns a full disk into a message and keeps the list as it was', async () => {
    const events = listener();
    const store: RunStorePort = {
      listRuns: async () => [],
      getDetail: async () => null,
      addRun: async () => ({ ok: false, code: RUN_QUOTA_ERROR }),
      updateRun: async () => ({ ok: false, code: RUN_QUOTA_ERROR }),
      deleteRun: async () => undefined,
    };
    const history = new RunHistory(store, events);
    await history.load();
    await history.record(REQUEST, OUTCOME, 'Breast cancer');
    expect(events.onFailure).toHaveBeenCalledWith(RUN_QUOTA_ERROR);
    expect(history.runs).toEqual([]);
  });

  it('reports a database that cannot be read', async () => {
    const events = listener();
    const broken = new Error('no database');
    const history = new RunHistory(
      {
        listRuns: () => Promise.reject(broken),
        getDetail: async () => null,
        addRun: () => Promise.reject(broken),
        updateRun: async () => ({ ok: true, value: null }),
        deleteRun: async () => undefined,
      },
      events,
    );
    await history.load();
    expect(history.status).toBe('failed');
    await history.record(REQUEST, OUTCOME, 'x');
    expect(events.onUnexpected).toHaveBeenCalledTimes(2);
  });
});

describe('newRunId', () => {
  it('makes distinct 128-bit hex ids', () => {
    const ids = Array.from({ length: 50 }, () => newRunId());
    expect(new Set(ids).size).toBe(50);
    expect(ids[0]).toMatch(/^[0-9a-f]{32}$/);
  });
});
