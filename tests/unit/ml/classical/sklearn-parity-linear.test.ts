/**
 * Quality against scikit-learn 1.2.1 (issue 6, item 4): our linear, logistic and SVM learners
 * replay the exact 5-fold test indices that `scripts/reference/classical_linear_reference.py`
 * exported, standardising inside each fold, and each mean CV score must land within 0.02 of
 * sklearn's. Also k-means inertia on iris within 1%. Prints the comparison table. SVMs run with
 * plattFolds 0 because the reference runs probability=False: fit times compare like with like.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { accuracy, r2 } from '../../../../src/core/metrics';
import { kmeans } from '../../../../src/ml/classical/kmeans';
import {
  elasticNetRegression,
  lassoRegression,
  linearRegression,
  ridgeRegression,
} from '../../../../src/ml/classical/linear';
import { logisticRegression } from '../../../../src/ml/classical/logistic';
import { svmClassifier } from '../../../../src/ml/classical/svm';
import type { DenseMatrix } from '../../../../src/ml/classical/types';
import { numericColumns, readDataset, standardise, takeRows } from './linear-helpers';

interface Reference {
  datasets: Record<
    string,
    {
      task: 'classification' | 'regression';
      target: string;
      features: string[];
      classes?: string[];
      rows: number;
      folds: number[][];
      models: Record<string, { mean: number; fitSeconds: number }>;
    }
  >;
  kmeansIris: { inertia: number; fitSeconds: number };
}

const reference = JSON.parse(
  readFileSync(
    new URL('../../../fixtures/classical-linear-reference.json', import.meta.url),
    'utf8',
  ),
) as Reference;

type Fit = (
  x: DenseMatrix,
  y: number[],
  k: number,
) => Promise<(x: DenseMatrix) => ArrayLike<number>>;

const FITS: Record<string, Fit> = {
  'logistic-regression': async (x, y, k) =>
    logisticRegression
      .fit(x, Int32Array.from(y), k, { c: 1, maxIter: 1000 })
      .then((m) => (t) => m.predict(t)),
  'svm-linear': async (x, y, k) =>
    svmClassifier
      .fit(x, Int32Array.from(y), k, { kernel: 'linear', c: 1, plattFolds: 0 })
      .then((m) => (t) => m.predict(t)),
  'svm-rbf': async (x, y, k) =>
    svmClassifier
      .fit(x, Int32Array.from(y), k, { kernel: 'rbf', c: 1, gamma: 'scale', plattFolds: 0 })
      .then((m) => (t) => m.predict(t)),
  'linear-regression': async (x, y) =>
    linearRegression.fit(x, Float64Array.from(y), {}).then((m) => (t) => m.predict(t)),
  ridge: async (x, y) =>
    ridgeRegression.fit(x, Float64Array.from(y), { alpha: 1 }).then((m) => (t) => m.predict(t)),
  lasso: async (x, y) =>
    lassoRegression.fit(x, Float64Array.from(y), { alpha: 0.1 }).then((m) => (t) => m.predict(t)),
  'elastic-net': async (x, y) =>
    elasticNetRegression
      .fit(x, Float64Array.from(y), { alpha: 0.1, l1Ratio: 0.5 })
      .then((m) => (t) => m.predict(t)),
};

const table: string[] = [];

describe('Fitlab vs scikit-learn, 5-fold CV on shipped datasets', () => {
  for (const [id, entry] of Object.entries(reference.datasets)) {
    const { x, target } = numericColumns(readDataset(id), entry.features, entry.target);
    const y =
      entry.task === 'classification'
        ? target.map((v) => entry.classes!.indexOf(v))
        : target.map(Number);
    for (const [model, expected] of Object.entries(entry.models)) {
      it(`${id} · ${model} within 0.02 of sklearn`, async () => {
        expect(x.rows).toBe(entry.rows);
        const scores: number[] = [];
        let seconds = 0;
        for (const test of entry.folds) {
          const held = new Set(test);
          const train = [...Array(x.rows).keys()].filter((i) => !held.has(i));
          const scaled = standardise(x, train);
          const start = performance.now();
          const predict = await FITS[model]!(
            takeRows(scaled, train),
            train.map((i) => y[i]!),
            entry.classes?.length ?? 0,
          );
          seconds += (performance.now() - start) / 1000;
          const truth = test.map((i) => y[i]!);
          const predicted = Array.from(predict(takeRows(scaled, test)));
          scores.push(
            entry.task === 'classification' ? accuracy(truth, predicted) : r2(truth, predicted),
          );
        }
        const mean = scores.reduce((s, v) => s + v, 0) / scores.length;
        table.push(
          `${id.padEnd(14)} ${model.padEnd(20)} ours ${mean.toFixed(4)}  sklearn ${expected.mean.toFixed(4)}` +
            `  fit ${((seconds / scores.length) * 1000).toFixed(2)} ms vs ${(expected.fitSeconds * 1000).toFixed(2)} ms`,
        );
        expect(Math.abs(mean - expected.mean)).toBeLessThanOrEqual(0.02);
      });
    }
  }

  it('k-means inertia on iris (k=3, n_init=10) within 1% of sklearn', async () => {
    const entry = reference.datasets.iris!;
    const { x } = numericColumns(readDataset('iris'), entry.features, entry.target);
    const result = await kmeans(x, { k: 3, nInit: 10, seed: 0 });
    table.push(
      `iris           kmeans inertia       ours ${result.inertia.toFixed(4)}  sklearn ${reference.kmeansIris.inertia.toFixed(4)}`,
    );
    console.log(`Fitlab vs scikit-learn\n${table.join('\n')}`);
    expect(
      Math.abs(result.inertia - reference.kmeansIris.inertia) / reference.kmeansIris.inertia,
    ).toBeLessThan(0.01);
  });
});
