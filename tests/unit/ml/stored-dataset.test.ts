import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ColumnChunk, DatasetId, StoredDatasetMeta } from '../../../src/contracts/data';
import { DICTIONARY_CHUNK, MISSING_CODE } from '../../../src/contracts/data';
import type { TrainOutcome, TrainRequest } from '../../../src/contracts/training';
import { createDataService } from '../../../src/ingest/data-service';
import { prepareWithRecipe } from '../../../src/ml/prepare-recipe';
import {
  createStoredLoader,
  projectStoredFrame,
  readStoredTable,
  type StoredChunkSource,
} from '../../../src/ml/stored-dataset';
import { createTrainingService } from '../../../src/ml/training-service';
import { createDatasetStore } from '../../../src/storage/dataset-store';
import { openDataDb, type DataDb } from '../../../src/storage/db';

const IRIS_TEXT = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');
const IRIS_FEATURES = ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'];

/** Two chunks of two rows: numbers, categorical codes, booleans and text, with missing cells. */
function fakeSource(): StoredChunkSource {
  const meta: StoredDatasetMeta = {
    id: 'mem' as DatasetId,
    name: 'mem',
    kind: 'table',
    status: 'ready',
    rows: 3,
    columns: [
      { name: 'n', type: 'numeric', invalidCount: 0 },
      { name: 'c', type: 'categorical', invalidCount: 0 },
      { name: 'b', type: 'boolean', invalidCount: 0 },
      { name: 't', type: 'text', invalidCount: 0 },
      { name: 'k', type: 'integer', invalidCount: 0 },
    ],
    chunkRows: 2,
    chunkCount: 2,
    sizeBytes: 0,
    createdAt: 0,
    source: { fileName: 'mem.csv', format: 'csv', encoding: 'utf-8', delimiter: ',', fileBytes: 0 },
  };
  const chunks = new Map<string, ColumnChunk>([
    ['0/0', { kind: 'float64', values: Float64Array.of(1.5, Number.NaN) }],
    ['0/1', { kind: 'float64', values: Float64Array.of(3) }],
    [`1/${DICTIONARY_CHUNK}`, { kind: 'dictionary', values: ['red', 'blue'] }],
    ['1/0', { kind: 'codes', codes: Uint32Array.of(1, MISSING_CODE) }],
    ['1/1', { kind: 'codes', codes: Uint32Array.of(0) }],
    ['2/0', { kind: 'float64', values: Float64Array.of(1, 0) }],
    ['2/1', { kind: 'float64', values: Float64Array.of(Number.NaN) }],
    ['3/0', { kind: 'strings', values: ['a b', null] }],
    ['3/1', { kind: 'strings', values: ['c'] }],
    ['4/0', { kind: 'float64', values: Float64Array.of(0, 1) }],
    ['4/1', { kind: 'float64', values: Float64Array.of(1) }],
  ]);
  return {
    getDataset: (id) => Promise.resolve(id === meta.id ? meta : null),
    getChunk: (_id, column, chunk) => Promise.resolve(chunks.get(`${column}/${chunk}`) ?? null),
  };
}

function dataset(overrides: Partial<TrainRequest['dataset']> = {}): TrainRequest['dataset'] {
  return {
    id: 'mem',
    url: 'indexeddb:mem',
    target: 'k',
    task: 'classification',
    features: [
      { name: 'n', type: 'numeric' },
      { name: 'c', type: 'categorical' },
      { name: 'b', type: 'boolean' },
      { name: 't', type: 'text' },
    ],
    source: { kind: 'stored', datasetId: 'mem' },
    ...overrides,
  };
}

describe('readStoredTable and projectStoredFrame', () => {
  it('joins chunks into whole columns and decodes dictionaries, booleans and missing cells', async () => {
    const table = await readStoredTable(fakeSource(), 'mem' as DatasetId);
    expect(table?.rows).toBe(3);
    const projected = projectStoredFrame(table!, dataset());
    if (!projected.ok) throw new Error(projected.code);
    const [n, c, b, t, k] = projected.frame.columns;
    expect(n).toMatchObject({ name: 'n', kind: 'numeric' });
    expect(Array.from(n!.values as Float64Array)).toEqual([1.5, Number.NaN, 3]);
    expect(c).toEqual({ name: 'c', kind: 'categorical', values: ['blue', null, 'red'] });
    expect(b).toEqual({ name: 'b', kind: 'categorical', values: ['true', 'false', null] });
    expect(t).toEqual({ name: 't', kind: 'text', values: ['a b', null, 'c'] });
    // A classification target becomes class names, as a CSV cell would be.
    expect(k).toEqual({ name: 'k', kind: 'categorical', values: ['0', '1', '1'] });
    expect(projected.rowsTotal).toBe(3);
  });

  it('is null for an unknown dataset and fails like a CSV for a missing target or features', async () => {
    expect(await readStoredTable(fakeSource(), 'nope' as DatasetId)).toBeNull();
    const table = (await readStoredTable(fakeSource(), 'mem' as DatasetId))!;
    expect(projectStoredFrame(table, dataset({ target: 'zzz' }))).toMatchObject({
      ok: false,
      code: 'error.dataset.targetMissing',
    });
    expect(projectStoredFrame(table, dataset({ features: [] }))).toMatchObject({
      ok: false,
      code: 'error.dataset.noFeatures',
    });
    // Text declared numeric: a word is a parse error naming the column and row.
    expect(
      projectStoredFrame(table, dataset({ features: [{ name: 't', type: 'numeric' }] })),
    ).toMatchObject({ ok: false, code: 'error.dataset.parseFailed', params: { column: 't' } });
  });

  it('the loader reads once per dataset and reports a deleted dataset as not stored', async () => {
    let reads = 0;
    const source = fakeSource();
    const load = createStoredLoader((id) => {
      reads++;
      return readStoredTable(source, id);
    });
    expect((await load(dataset(), 'mem')).valueOf()).toMatchObject({ ok: true });
    await load(dataset({ target: 'n', task: 'regression' }), 'mem');
    expect(reads).toBe(1);
    expect(await load(dataset(), 'gone')).toMatchObject({
      ok: false,
      code: 'error.dataset.notStored',
    });
  });
});

describe('training on a stored import', () => {
  let db: DataDb;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });
  afterEach(() => db?.close());

  async function importIris(chunkRows: number) {
    db = await openDataDb({ name: `stored-train-${chunkRows}` });
    const store = createDatasetStore(db);
    const service = createDataService({
      store,
      newId: () => 'iris-stored' as DatasetId,
      yieldToEvents: () => Promise.resolve(),
      chunkRows,
    });
    const outcome = await service.importFile(1, new Blob([IRIS_TEXT]), 'iris.csv', {});
    if (outcome.status !== 'imported') throw new Error(JSON.stringify(outcome));
    return { store, meta: outcome.dataset };
  }

  function irisRequest(stored: boolean): TrainRequest {
    return {
      jobId: 7,
      dataset: {
        id: 'iris',
        url: 'https://example.test/iris.csv',
        target: 'species',
        task: 'classification',
        features: IRIS_FEATURES.map((name) => ({ name, type: 'numeric' })),
        ...(stored ? { source: { kind: 'stored', datasetId: 'iris-stored' } as const } : {}),
      },
      model: {
        hiddenLayers: [8],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.05,
        batchSize: 16,
        epochs: 3,
        seed: 5,
      },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      backend: 'cpu',
    };
  }

  it('prepares the same matrices from stored chunks as from the CSV text', async () => {
    const { store } = await importIris(64);
    const table = await readStoredTable(store, 'iris-stored' as DatasetId);
    const request = irisRequest(true);
    const fromStore = prepareWithRecipe(projectStoredFrame(table!, request.dataset), request, 5);
    const fromText = prepareWithRecipe(IRIS_TEXT, irisRequest(false), 5);
    if (!fromStore.ok || !fromText.ok) throw new Error('preparation failed');
    expect(Array.from(fromStore.xTrain)).toEqual(Array.from(fromText.xTrain));
    expect(Array.from(fromStore.yTest)).toEqual(Array.from(fromText.yTest));
    expect(fromStore.classNames).toEqual(fromText.classNames);
  });

  it('trains end to end through the service and matches training on the file', async () => {
    const { store } = await importIris(50);
    const fromStore = createTrainingService({
      readStored: (id) => readStoredTable(store, id),
      fetchText: () => Promise.reject(new Error('a stored dataset must not be fetched')),
    });
    const fromFile = createTrainingService({ fetchText: () => Promise.resolve(IRIS_TEXT) });
    const a: TrainOutcome = await fromStore.train(irisRequest(true), () => undefined);
    const b: TrainOutcome = await fromFile.train(irisRequest(false), () => undefined);
    expect(a.status).toBe('completed');
    if (a.status !== 'completed' || b.status !== 'completed') throw new Error('not completed');
    expect(a.test).toEqual(b.test);

    const preview = await fromStore.previewRecipe({
      dataset: irisRequest(true).dataset,
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      splitStrategy: { kind: 'stratified' },
      recipe: null,
      seed: 5,
    });
    expect(preview.ok).toBe(true);
  });

  it('fails with a code, not an exception, when the stored dataset is gone', async () => {
    const service = createTrainingService({ readStored: () => Promise.resolve(null) });
    const outcome = await service.train(irisRequest(true), () => undefined);
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.dataset.notStored' });
  });
});
