/**
 * The cell list's examples in the prediction worker's service: the rows answered are the run's
 * own test rows (their targets are the classes the training service scored, in the same order),
 * tabular runs answer the declared features' raw values, image runs their pixels and the image's
 * side; unknown rows are dropped and a missing dataset is a coded failure.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TestExamplesRequest, TestExamplesResult } from '../../../../src/contracts/predict';
import { createPredictService } from '../../../../src/ml/predict-service';
import { MAX_TEST_EXAMPLES } from '../../../../src/ml/test-examples-service';
import {
  FEATURES,
  fetchIris,
  irisRequest,
  predictableOf,
  testRowsCsv,
  trainIris,
  type Finished,
} from './fixtures';
import { DATASET, cornerModel, fetchCorners } from './occlusion-fixtures';

function completed(result: TestExamplesResult): Extract<TestExamplesResult, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

let iris: Finished;
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  iris = await trainIris({ model: { ...irisRequest().model, epochs: 2 } });
});

function irisExamples(rows: number[]): TestExamplesRequest {
  const train = irisRequest();
  return {
    model: predictableOf(iris),
    dataset: train.dataset,
    split: train.split,
    seed: train.model.seed,
    rows,
  };
}

describe('test examples', () => {
  it('answers the raw feature values of the run’s own test rows', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const result = completed(await service.testExamples(irisExamples([0, 5, 2])));
    expect(result.rows).toEqual([0, 5, 2]);
    expect(result.columns).toEqual(FEATURES);
    expect(result.totalColumns).toBe(4);
    expect(result.image).toBeNull();

    const lines = testRowsCsv().trim().split('\n').slice(1);
    const test = iris.test;
    if (test.kind !== 'classification') throw new Error('classification expected');
    result.rows.forEach((row, i) => {
      const cells = (lines[row] as string).split(',');
      expect(result.values[i]).toEqual(cells.slice(0, 4).map(Number));
      // The same row the training service scored at this position of its test set.
      expect(result.targets[i]).toBe(test.classNames[test.yTrue[row] as number]);
    });
  });

  it('lists the whole test split in the order the training service scored it', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const all = Array.from({ length: 30 }, (_, i) => i);
    const result = completed(await service.testExamples(irisExamples(all)));
    const test = iris.test;
    if (test.kind !== 'classification') throw new Error('classification expected');
    expect(test.n).toBe(30);
    expect(result.targets).toEqual(test.yTrue.map((label) => test.classNames[label]));
  });

  it('drops rows outside the test split and caps how many it answers', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const result = completed(await service.testExamples(irisExamples([1, 30, -1, 1.5, 29])));
    expect(result.rows).toEqual([1, 29]);
    const many = Array.from({ length: 150 }, (_, i) => i % 30);
    const capped = completed(await service.testExamples(irisExamples(many)));
    expect(capped.rows).toHaveLength(MAX_TEST_EXAMPLES);
  });

  it('answers the pixels and the image side for an image model', async () => {
    const service = createPredictService({ fetchText: fetchCorners });
    const result = completed(
      await service.testExamples({
        model: await cornerModel(),
        dataset: DATASET,
        split: { train: 0.6, validation: 0.2, test: 0.2 },
        seed: 7,
        rows: [0, 1, 2, 3, 4, 5, 6, 7],
      }),
    );
    expect(result.image).toEqual({ side: 8, max: 16 });
    expect(result.values).toHaveLength(8);
    result.values.forEach((pixels, i) => {
      expect(pixels).toHaveLength(64);
      expect(pixels[0]).toBe(result.targets[i] === 'corner' ? 16 : 0);
    });
  });

  it('answers a coded failure when the dataset cannot be read', async () => {
    const service = createPredictService({ fetchText: () => Promise.reject(new Error('offline')) });
    const result = await service.testExamples(irisExamples([0]));
    expect(result).toMatchObject({ ok: false, code: 'error.dataset.fetchFailed' });
  });
});
