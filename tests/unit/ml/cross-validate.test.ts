import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  CrossValidationConfig,
  CrossValidationEvent,
  CrossValidationOutcome,
  CrossValidationRequest,
} from '../../../src/contracts/cross-validation';
import type { TrainRequest } from '../../../src/contracts/training';
import { getColumn } from '../../../src/core/frame';
import { RECIPE_SCHEMA_VERSION, serializeRecipe, type Recipe } from '../../../src/core/recipe';
import {
  crossValidationFolds,
  prepareFold,
  runCrossValidation,
} from '../../../src/ml/cross-validate';
import { frameFromCsv, splitFrame, type SplitFrames } from '../../../src/ml/prepare-recipe';
import { createTrainingService } from '../../../src/ml/training-service';

const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');
const DATASET: TrainRequest['dataset'] = {
  id: 'iris',
  url: 'https://example.test/iris.csv',
  target: 'species',
  task: 'classification',
  features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
    (name) => ({ name, type: 'numeric' }),
  ),
  classes: ['setosa', 'versicolor', 'virginica'],
};
const SPLIT = { train: 0.6, validation: 0.2, test: 0.2 };
const SEED = 7;
const MLP = {
  hiddenLayers: [8],
  activation: 'relu' as const,
  optimizer: 'adam' as const,
  learningRate: 0.05,
  batchSize: 16,
  epochs: 20,
  seed: 3,
};
const LOGISTIC: CrossValidationConfig = {
  model: { ...MLP, seed: SEED },
  classical: { learner: 'logistic-regression', params: {} },
  recipe: null,
  backend: 'cpu',
};
const NETWORK: CrossValidationConfig = { model: MLP, recipe: null, backend: 'cpu' };
const STANDARDIZE: Recipe = {
  schemaVersion: RECIPE_SCHEMA_VERSION,
  steps: [{ id: 's0', type: 'standardize', enabled: true, options: {} }],
};

function request(configs: CrossValidationConfig[], folds = 5): CrossValidationRequest {
  return { jobId: 1, dataset: DATASET, split: SPLIT, seed: SEED, folds, configs };
}

function irisSplit(): SplitFrames {
  const parsed = frameFromCsv(IRIS, DATASET);
  if (!parsed.ok) throw new Error('iris did not parse');
  const split = splitFrame(parsed.frame, DATASET, SPLIT, { kind: 'stratified' }, SEED);
  if (!split.ok) throw new Error('iris did not split');
  return split;
}

async function run(
  configs: CrossValidationConfig[],
  stopAfterFolds = Infinity,
): Promise<{ outcome: CrossValidationOutcome; events: CrossValidationEvent[] }> {
  const events: CrossValidationEvent[] = [];
  const outcome = await runCrossValidation({
    request: request(configs),
    input: IRIS,
    emit: (event) => events.push(event),
    isStopRequested: () => events.filter((e) => e.type === 'fold').length >= stopAfterFolds,
    now: () => 0,
  });
  return { outcome, events };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('cross-validation folds', () => {
  const split = irisSplit();
  const folds = crossValidationFolds(split, 'species', 'classification', 5, SEED);

  it('are disjoint, cover the training and validation rows, and never hold a test row', () => {
    const pool = [...split.parts.train, ...split.parts.validation].sort((a, b) => a - b);
    const heldOut = folds.flatMap((fold) => fold.validation).sort((a, b) => a - b);
    expect(heldOut).toEqual(pool);
    const test = new Set(split.parts.test);
    for (const fold of folds) {
      expect(new Set([...fold.train, ...fold.validation]).size).toBe(pool.length);
      expect([...fold.train, ...fold.validation].some((row) => test.has(row))).toBe(false);
    }
    // 120 rows in 5 stratified folds: 24 each, 8 of every class.
    expect(folds.map((fold) => fold.validation.length)).toEqual([24, 24, 24, 24, 24]);
  });

  it('are the same for the same seed and differ for another', () => {
    expect(crossValidationFolds(split, 'species', 'classification', 5, SEED)).toEqual(folds);
    expect(crossValidationFolds(split, 'species', 'classification', 5, SEED + 1)).not.toEqual(
      folds,
    );
  });

  it("fit the recipe on each fold's training rows alone", () => {
    const values = getColumn(split.used, 'sepal_length_cm')?.values as Float64Array;
    const recipe = serializeRecipe(STANDARDIZE);
    const offsets = folds.map((fold) => {
      const prepared = prepareFold(IRIS, request([]), recipe, fold);
      if (!prepared.ok) throw new Error(prepared.code);
      const [step] = prepared.fitted.steps;
      const stats = (step?.params as { stats: { column: string; offset: number }[] }).stats;
      const offset = stats.find((s) => s.column === 'sepal_length_cm')?.offset;
      const mean = fold.train.reduce((sum, row) => sum + (values[row] as number), 0);
      expect(offset).toBeCloseTo(mean / fold.train.length, 10);
      // The held-out rows are the scored set; nothing else is.
      expect(prepared.yTest.length).toBe(fold.validation.length);
      expect(prepared.yTrain.length).toBe(fold.train.length);
      return offset;
    });
    expect(new Set(offsets).size).toBe(folds.length);
  });
});

describe('runCrossValidation', () => {
  it('scores a classical learner and the MLP on the same folds, with progress per fold', async () => {
    const { outcome, events } = await run([LOGISTIC, NETWORK]);
    if (outcome.status !== 'completed') throw new Error(JSON.stringify(outcome));
    expect(outcome.rows).toBe(120);
    expect(outcome.results).toHaveLength(2);
    const [logistic, network] = outcome.results;
    expect(logistic?.map((r) => r.heldOutRows)).toEqual(network?.map((r) => r.heldOutRows));
    for (const result of [...(logistic ?? []), ...(network ?? [])]) {
      if (result.scores.kind !== 'classification') throw new Error('not classification');
      expect(result.scores.accuracy).toBeGreaterThan(0.6);
      expect(result.scores.macroF1).toBeGreaterThan(0.5);
    }
    const folds = events.filter((e) => e.type === 'fold');
    expect(folds.map((e) => [e.config, e.fold])).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [0, 4],
      [0, 5],
      [1, 1],
      [1, 2],
      [1, 3],
      [1, 4],
      [1, 5],
    ]);
  });

  it('gives the same scores for the same request', async () => {
    const first = await run([LOGISTIC]);
    const second = await run([LOGISTIC]);
    expect(second.outcome).toEqual(first.outcome);
  });

  it('is cancelled by a stop between folds, and disposes every tensor', async () => {
    await run([NETWORK], 1);
    const before = tf.memory().numTensors;
    const { outcome, events } = await run([NETWORK], 2);
    expect(outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(events.filter((e) => e.type === 'fold')).toHaveLength(2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects more folds than rows and a learner that does not fit the task', async () => {
    const tooMany = await runCrossValidation({
      request: request([LOGISTIC], 21),
      input: IRIS,
      emit: () => undefined,
      isStopRequested: () => false,
      now: () => 0,
    });
    expect(tooMany).toMatchObject({ status: 'failed', params: { field: 'folds' } });
    const wrong = await run([
      { ...LOGISTIC, classical: { learner: 'linear-regression', params: {} } },
    ]);
    expect(wrong.outcome).toMatchObject({ status: 'failed', code: 'error.config.invalid' });
  });

  it('runs through the training service, whose stop cancels it', async () => {
    const service = createTrainingService({ fetchText: () => Promise.resolve(IRIS) });
    const events: CrossValidationEvent[] = [];
    const outcome = service.crossValidate(request([NETWORK]), (event) => {
      events.push(event);
      if (event.type === 'fold') service.stop(1);
    });
    expect(await outcome).toEqual({ status: 'cancelled', jobId: 1 });
    expect(events.filter((e) => e.type === 'fold')).toHaveLength(1);
  });
});
