import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PREDICT_CHUNK_ROWS } from '../../../../src/ml/predict';
import { createPredictService } from '../../../../src/ml/predict-service';
import {
  FEATURES,
  fetchIris,
  irisRequest,
  predictableOf,
  testRowsCsv,
  trainIris,
  type Finished,
} from './fixtures';

let mlp: Finished;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  mlp = await trainIris();
});

describe('predict service', () => {
  it('predicts on the test rows what the training worker predicted', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const progress: number[] = [];
    const result = await service.predict(
      { jobId: 1, model: predictableOf(mlp), input: { kind: 'csv', text: testRowsCsv() } },
      (p) => progress.push(p.done),
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const expected = mlp.test.kind === 'classification' ? mlp.test.probs : [];
    expect(result.probabilities).toHaveLength(expected.length);
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));
    expect(result.extraColumns).toEqual([]);
    expect(progress.at(-1)).toBe(30);
    const header = result.csv?.split('\r\n')[0];
    expect(header).toBe(
      `${FEATURES.join(',')},species,predicted_species,probability_setosa,probability_versicolor,probability_virginica`,
    );
  });

  it('classical learners predict through their saved model', async () => {
    const outcome = await trainIris({
      classical: { learner: 'logistic-regression', params: {} },
    });
    const service = createPredictService({ fetchText: fetchIris });
    const result = await service.predict(
      { jobId: 2, model: predictableOf(outcome), input: { kind: 'csv', text: testRowsCsv() } },
      () => undefined,
    );
    if (!result.ok) throw new Error(JSON.stringify(result));
    const expected = outcome.test.kind === 'classification' ? outcome.test.probs : [];
    result.probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 6));
  });

  it('names missing columns, and ignores and names extra ones', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const model = predictableOf(mlp);
    const missing = await service.predict(
      { jobId: 3, model, input: { kind: 'csv', text: 'sepal_length_cm,sepal_width_cm\n5,3\n' } },
      () => undefined,
    );
    expect(missing).toMatchObject({
      ok: false,
      code: 'predict.error.missingColumns',
      params: { columns: 'petal_length_cm, petal_width_cm', count: 2 },
    });
    const values = { ...Object.fromEntries(FEATURES.map((f) => [f, '1'])), colour: 'blue' };
    const extra = await service.predict(
      { jobId: 4, model, input: { kind: 'row', values } },
      () => undefined,
    );
    expect(extra).toMatchObject({ ok: true, rowCount: 1, extraColumns: ['colour'] });
  });

  it('describes the form with medians, and reports a missing value by column and row', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const model = predictableOf(mlp);
    const described = await service.describe(model, irisRequest().dataset);
    if (!described.ok) throw new Error('describe');
    expect(described.fields.map((f) => f.name)).toEqual(FEATURES);
    expect(described.fields[2]).toMatchObject({ kind: 'numeric', defaultValue: '4.35' });
    expect(described.image).toBeNull();
    const values = { ...Object.fromEntries(FEATURES.map((f) => [f, '1'])), petal_width_cm: '' };
    const result = await service.predict(
      { jobId: 5, model, input: { kind: 'row', values } },
      () => undefined,
    );
    expect(result).toMatchObject({
      ok: false,
      code: 'predict.error.missingValue',
      params: { column: 'petal_width_cm', row: 1 },
    });
  });

  it('keeps no tensor beyond the cached model', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const request = {
      jobId: 6,
      model: predictableOf(mlp),
      input: { kind: 'csv' as const, text: testRowsCsv() },
    };
    await service.predict(request, () => undefined);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++)
      await service.predict({ ...request, jobId: 7 + i }, () => undefined);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('batch prediction', () => {
  it('stops at the next chunk when cancelled, and a later job still runs', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const lines = testRowsCsv().trim().split('\n');
    const body = lines.slice(1);
    const big = [lines[0], ...Array.from({ length: 300 }, () => body).flat()].join('\n');
    const model = predictableOf(mlp);
    const seen: number[] = [];
    const cancelled = await service.predict(
      { jobId: 20, model, input: { kind: 'csv', text: big } },
      (p) => {
        seen.push(p.done);
        service.cancel(20);
      },
    );
    expect(cancelled).toEqual({ ok: false, jobId: 20, code: 'cancelled' });
    expect(seen).toEqual([PREDICT_CHUNK_ROWS]);
    const next = await service.predict(
      { jobId: 21, model, input: { kind: 'csv', text: big } },
      () => undefined,
    );
    expect(next.ok && next.rowCount).toBe(9000);
  });
});
