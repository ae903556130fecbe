import { describe, expect, it } from 'vitest';
import type { ClassicalParamValue } from '../../../src/core/classical-types';
import { RECIPE_SCHEMA_VERSION, serializeRecipe } from '../../../src/core/recipe';
import { registryLearner } from '../../../src/ml/classical-run-params';
import { denseMatrix, type SavedModel } from '../../../src/ml/classical/types';
import { prepareWithRecipe } from '../../../src/ml/prepare-recipe';
import { FILES, IRIS_FEATURES, finished, request, score, train } from './classical-run-fixtures';

describe('classical learners in the training service', () => {
  const cases: [string, Record<string, ClassicalParamValue>, 'iris' | 'diabetes', number][] = [
    ['random-forest-classifier', { nEstimators: 30 }, 'iris', 0.85],
    ['logistic-regression', {}, 'iris', 0.85],
    ['gbdt-classifier', { maxIter: 30 }, 'iris', 0.85],
    ['knn-classifier', {}, 'iris', 0.85],
    ['svm', {}, 'iris', 0.85],
    ['gaussian-nb', {}, 'iris', 0.85],
    ['decision-tree-classifier', { maxDepth: 3 }, 'iris', 0.85],
    ['ridge', {}, 'diabetes', 0.3],
    ['linear-regression', {}, 'diabetes', 0.3],
    ['lasso', { alpha: 0.1 }, 'diabetes', 0.3],
    ['random-forest-regressor', { nEstimators: 20 }, 'diabetes', 0.2],
    ['gbdt-regressor', { maxIter: 50 }, 'diabetes', 0.2],
    ['knn-regressor', { k: 10 }, 'diabetes', 0.2],
  ];
  for (const [learner, params, dataset, minimum] of cases) {
    it(`${learner} on ${dataset}: scores the test split, reports fit events, saves the model`, async () => {
      const req = request(learner, params, dataset);
      const { outcome, events } = await train(req);
      const done = finished(outcome);
      expect(done.status).toBe('completed');
      expect(done.backend).toBe('cpu');
      expect(done.test.n).toBe(dataset === 'iris' ? 30 : 88);
      expect(score(done.test)).toBeGreaterThan(minimum);
      expect(done.classical?.learner).toBe(learner);
      expect(done.classical?.params).toMatchObject(params);
      expect(done.fittedRecipe).toBeTypeOf('string');

      const types = events.map((e) => e.type);
      expect(types).not.toContain('backend');
      expect(types[0]).toBe('prepared');
      expect(types.at(-1)).toBe('done');
      const fits = events.filter((e) => e.type === 'fit');
      expect(fits.length).toBeGreaterThan(0);
      const last = fits.at(-1);
      expect(last?.type === 'fit' && last.done).toBeGreaterThan(0);

      // The saved model, rebuilt, predicts exactly what was evaluated.
      const data = prepareWithRecipe(FILES[req.dataset.url]!, req, req.model.seed);
      if (!data.ok) throw new Error(data.code);
      const x = denseMatrix(data.yTest.length, data.width, data.xTest);
      const entry = registryLearner(learner);
      const saved = JSON.parse(done.savedModel!) as SavedModel;
      if (entry?.family === 'classifier' && done.test.kind === 'classification') {
        const probs = Float32Array.from(entry.learner.fromJSON(saved).predictProba(x));
        expect(Array.from(probs)).toEqual(done.test.probs);
      } else if (entry?.family === 'regressor' && done.test.kind === 'regression') {
        expect(Array.from(entry.learner.fromJSON(saved).predict(x))).toEqual(done.test.predicted);
      } else throw new Error('task and family disagree');
    });
  }

  it('records boosting rounds as history with train and validation loss', async () => {
    const { outcome } = await train(
      request('gbdt-classifier', { maxIter: 20, earlyStopping: false }),
    );
    const done = finished(outcome);
    expect(done.epochsRun).toBe(20);
    expect(done.history).toHaveLength(20);
    expect(done.history.map((r) => r.epoch)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const first = done.history[0]!;
    const last = done.history.at(-1)!;
    expect(last.trainLoss).toBeLessThan(first.trainLoss);
    expect(Number.isFinite(last.valLoss)).toBe(true);
    // Accuracy after each round, replayed from the fitted trees.
    expect(last.trainMetric).toBeGreaterThan(0.9);
    expect(last.valMetric).toBeGreaterThan(0.8);
    expect(done.history.every((r) => r.trainMetric >= 0 && r.trainMetric <= 1)).toBe(true);
  });

  it('gives single-fit learners no history and one fit', async () => {
    const { outcome, events } = await train(request('knn-classifier'));
    const done = finished(outcome);
    expect(done.history).toEqual([]);
    expect(done.epochsRun).toBe(1);
    const fits = events.filter((e) => e.type === 'fit');
    expect(fits).toEqual([expect.objectContaining({ stage: 'single', done: 1, total: 1 })]);
  });

  it('returns the full parameters the learner ran with', async () => {
    const { outcome } = await train(request('random-forest-classifier', { nEstimators: 5 }));
    expect(finished(outcome).classical).toEqual({
      learner: 'random-forest-classifier',
      params: {
        nEstimators: 5,
        criterion: 'gini',
        maxFeatures: 'sqrt',
        bootstrap: true,
        maxDepth: null,
        minSamplesSplit: 2,
        minSamplesLeaf: 1,
        seed: 0,
      },
    });
  });

  it('trains multinomial naive Bayes on raw counts and rejects negative features', async () => {
    const raw = serializeRecipe({ schemaVersion: RECIPE_SCHEMA_VERSION, steps: [] });
    const good = await train({ ...request('multinomial-nb'), recipe: raw });
    expect(score(finished(good.outcome).test)).toBeGreaterThan(0.6);
    // The default recipe standardizes: negative values a multinomial model cannot take.
    const bad = await train(request('multinomial-nb'));
    expect(bad.outcome).toMatchObject({
      status: 'failed',
      code: 'error.config.invalid',
      params: { field: 'classical.multinomial-nb' },
    });
  });
});

describe('what a fitted classical model tells about itself', () => {
  const sortedDescending = (values: number[]): boolean =>
    values.every((value, i) => i === 0 || values[i - 1]! >= value);

  it.each([
    ['random-forest-classifier', 'impurity', { nEstimators: 20 }],
    ['gbdt-classifier', 'gain', { maxIter: 30 }],
    ['logistic-regression', 'coefficient', {}],
    ['decision-tree-classifier', 'impurity', {}],
  ] as const)(
    '%s: %s importances, named after the recipe and ranked',
    async (learner, kind, params) => {
      const done = finished((await train(request(learner, params))).outcome);
      const importances = done.insights?.importances;
      expect(importances?.kind).toBe(kind);
      const items = importances?.items ?? [];
      expect(items.map((item) => item.feature).sort()).toEqual([...IRIS_FEATURES].sort());
      expect(sortedDescending(items.map((item) => item.value))).toBe(true);
      // Iris is decided by the petals.
      expect(items[0]?.feature).toMatch(/^petal_/);
    },
  );

  it('gives linear regressors signed coefficients', async () => {
    const done = finished((await train(request('ridge', {}, 'diabetes'))).outcome);
    const items = done.insights?.importances?.items ?? [];
    expect(items).toHaveLength(10);
    expect(items.every((item) => typeof item.signed === 'number')).toBe(true);
    expect(items.find((item) => item.feature === 'bmi')?.signed).toBeGreaterThan(0);
  });

  it('draws a decision tree with class names, and no other learner', async () => {
    const done = finished(
      (await train(request('decision-tree-classifier', { maxDepth: 2, criterion: 'entropy' })))
        .outcome,
    );
    const tree = done.insights?.tree;
    expect(tree).toMatchObject({
      criterion: 'entropy',
      classNames: ['setosa', 'versicolor', 'virginica'],
      depth: 2,
    });
    expect(tree?.root.samples).toBe(90);
    expect(tree?.root.split?.feature).toMatch(/^petal_/);
    expect(tree?.root.split?.left.prediction).toBe('setosa');
    const forest = finished(
      (await train(request('random-forest-classifier', { nEstimators: 3 }))).outcome,
    );
    expect(forest.insights?.tree).toBeUndefined();
    const knn = finished((await train(request('knn-classifier'))).outcome);
    expect(knn.insights).toEqual({});
  });

  it('draws a regression tree with the squared-error criterion', async () => {
    const done = finished(
      (await train(request('decision-tree-regressor', { maxDepth: 3 }, 'diabetes'))).outcome,
    );
    expect(done.insights?.tree).toMatchObject({ criterion: 'squared_error', depth: 3, leaves: 8 });
    expect(done.insights?.tree).not.toHaveProperty('classNames');
  });
});
