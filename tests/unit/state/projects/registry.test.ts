import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainRequest } from '../../../../src/contracts/training';
import { parseTags, RunHistory } from '../../../../src/state/RunHistory.svelte';
import type { FinishedOutcome } from '../../../../src/state/run-record';
import { createRunStore, RUN_QUOTA_ERROR } from '../../../../src/storage/run-store';
import {
  estimateBytes,
  openRunsDb,
  RUNS_DB_VERSION,
  type RunId,
  type RunsDb,
} from '../../../../src/storage/runs-db';
import { detail, evaluation, newRun } from '../../storage/run-fixtures';

const REQUEST: Omit<TrainRequest, 'jobId'> = {
  dataset: {
    id: 'iris',
    url: 'http://x/iris.csv',
    target: 'species',
    task: 'classification',
    features: [],
  },
  model: {
    hiddenLayers: [8],
    activation: 'relu',
    optimizer: 'adam',
    learningRate: 0.01,
    batchSize: 16,
    epochs: 5,
    seed: 3,
  },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  recipe: null,
  backend: 'cpu',
};

const ARTIFACTS = {
  format: 'tfjs-layers',
  modelTopology: { class_name: 'Sequential' },
  weightSpecs: [{ name: 'dense/kernel', shape: [4, 8], dtype: 'float32' }],
  weightData: new Float32Array(32).fill(0.5).buffer,
};

const OUTCOME = {
  status: 'completed',
  jobId: 1,
  epochsRun: 5,
  history: [{ epoch: 1, trainLoss: 0.7, valLoss: 0.6, trainMetric: 0.5, valMetric: 0.6 }],
  test: evaluation([0, 1, 1, 1]),
  backend: 'cpu',
  durationMs: 400,
  fittedRecipe: '{"steps":[]}',
  trainedModel: ARTIFACTS,
} as unknown as FinishedOutcome;

const opened: RunsDb[] = [];
let dbCount = 0;
afterEach(() => {
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) db.close();
});

async function history(name = `registry-${++dbCount}`) {
  const db = await openRunsDb({ name });
  opened.push(db);
  let id = 0;
  let project: { id: string; name: string } | null = { id: 'p1', name: 'First' };
  const runs = new RunHistory(
    createRunStore(db),
    { onFailure: vi.fn(), onUnexpected: vi.fn() },
    {
      newId: () => `run-${++id}`,
      now: () => id,
      estimate: async () => ({ usage: 12_345, quota: 1_000_000 }),
    },
  );
  runs.setLineageSource({
    project: () => project,
    datasetHash: (datasetId) => (datasetId === 'iris' ? 'f'.repeat(64) : ''),
  });
  await runs.load();
  return { runs, setProject: (p: typeof project) => (project = p), name };
}

describe('model registry', () => {
  it('numbers versions per project and keeps lineage and weights across a reload', async () => {
    const { runs, setProject, name } = await history();
    await runs.record(REQUEST, OUTCOME, 'Iris');
    await runs.record(REQUEST, { ...OUTCOME, status: 'stopped' }, 'Iris');
    setProject({ id: 'p2', name: 'Second' });
    await runs.record(REQUEST, OUTCOME, 'Iris');
    setProject(null);
    await runs.record(REQUEST, OUTCOME, 'Iris');
    expect(runs.runs.map((r) => [r.id, r.project?.id ?? null, r.version])).toEqual([
      ['run-4', null, 1],
      ['run-3', 'p2', 1],
      ['run-2', 'p1', 2],
      ['run-1', 'p1', 1],
    ]);
    expect(runs.runsOf('p1').map((r) => r.id)).toEqual(['run-2', 'run-1']);

    const again = await history(name);
    const first = again.runs.runs.find((r) => r.id === 'run-1')!;
    expect(first).toMatchObject({
      datasetHash: 'f'.repeat(64),
      hasWeights: true,
      seed: 3,
      backend: 'cpu',
      durationMs: 400,
      model: { kind: 'mlp', config: { hiddenLayers: [8] } },
      project: { id: 'p1', name: 'First' },
    });
    await again.runs.open(first.id);
    const loaded = again.runs.opened?.detail;
    expect(loaded?.fittedRecipe).toBe('{"steps":[]}');
    expect(loaded?.weights?.kind).toBe('tfjs-layers');
    const artifacts = (loaded?.weights as { artifacts: typeof ARTIFACTS }).artifacts;
    expect(new Float32Array(artifacts.weightData)[31]).toBe(0.5);
  });

  it('edits notes and tags, deletes runs and adds up their sizes', async () => {
    const { runs, name } = await history();
    await runs.record(REQUEST, OUTCOME, 'Iris');
    await runs.record(REQUEST, { ...OUTCOME, trainedModel: undefined } as FinishedOutcome, 'Iris');
    const [light, heavy] = runs.runs;
    // 32 float32 weights are 128 bytes on top of the same run without them.
    expect(heavy!.sizeBytes - light!.sizeBytes).toBeGreaterThanOrEqual(128);
    expect(runs.totalBytes).toBe(light!.sizeBytes + heavy!.sizeBytes);

    await runs.setNotes(heavy!.id, '  lr 0.01 was best  ');
    await runs.setTags(heavy!.id, parseTags('baseline, Baseline ,，best,'));
    await runs.refreshStorage();
    expect(runs.storage).toEqual({ usage: 12_345, quota: 1_000_000 });

    const again = await history(name);
    const kept = again.runs.runs.find((r) => r.id === heavy!.id)!;
    expect(kept.notes).toBe('lr 0.01 was best');
    expect(kept.tags).toEqual(['baseline', 'best']);
    await again.runs.open(kept.id);
    await again.runs.remove(kept.id);
    expect(again.runs.opened).toBeNull();
    expect(again.runs.runs.map((r) => r.id)).toEqual([light!.id]);
    const third = await history(name);
    expect(third.runs.runs).toHaveLength(1);
  });

  it('keeps notes unchanged when the disk is full', async () => {
    const { runs } = await history();
    await runs.record(REQUEST, OUTCOME, 'Iris');
    const run = runs.runs[0]!;
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const store = createRunStore(opened[0]!);
    expect(await store.updateRun(run.id, { notes: 'x' })).toEqual({
      ok: false,
      code: RUN_QUOTA_ERROR,
    });
    vi.restoreAllMocks();
    expect((await store.listRuns())[0]?.notes).toBe('');
  });

  it('estimates sizes of strings, numbers and binary data', () => {
    expect(estimateBytes('abc')).toBe(6);
    expect(estimateBytes([1, 2])).toBe(16);
    expect(estimateBytes({ a: new Uint8Array(10) })).toBe(12);
    expect(estimateBytes(null)).toBe(0);
  });
});

describe('runs database migration', () => {
  it('moves version 1 runs forward with empty notes and tags, sizes and versions', async () => {
    const name = `migrate-${++dbCount}`;
    const v1 = await openDB(name, 1, {
      upgrade(database) {
        const runs = database.createObjectStore('runs', { keyPath: 'id' });
        runs.createIndex('byCreatedAt', 'createdAt');
        database.createObjectStore('details', { keyPath: 'id' });
      },
    });
    const legacy = (id: string, seq: number) => {
      const {
        project: _p,
        notes: _n,
        tags: _t,
        datasetHash: _d,
        hasWeights: _w,
        ...old
      } = newRun(id, seq * 10);
      return { ...old, seq };
    };
    await v1.put('runs', legacy('old-b', 2));
    await v1.put('runs', legacy('old-a', 1));
    await v1.put('details', detail('old-a'));
    await v1.put('details', detail('old-b'));
    v1.close();

    const db = await openRunsDb({ name });
    opened.push(db);
    expect(db.version).toBe(RUNS_DB_VERSION);
    const store = createRunStore(db);
    const runs = await store.listRuns();
    expect(runs.map((r) => [r.id, r.seq, r.version, r.notes, r.tags, r.project])).toEqual([
      ['old-b', 2, 2, '', [], null],
      ['old-a', 1, 1, '', [], null],
    ]);
    expect(runs.every((r) => r.sizeBytes > 0)).toBe(true);
    expect((await store.getDetail('old-a' as RunId))?.test?.kind).toBe('classification');
    // New runs without a project continue the old runs' numbering.
    const added = await store.addRun(newRun('new', 99), detail('new'));
    expect(added.ok && added.value.version).toBe(3);
  });
});
