/**
 * Permutation importance of a finished run in the prediction worker's service: it scores the
 * run's own test split (so its baseline is the run's test accuracy), ranks the petal
 * measurements of iris above the sepal ones, gives exactly 0 to a column the model cannot see,
 * repeats itself for the same seed, and stops when cancelled.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ImportanceRequest, ImportanceResult } from '../../../../src/contracts/predict';
import { RECIPE_SCHEMA_VERSION, serializeRecipe } from '../../../../src/core/recipe';
import { createPredictService } from '../../../../src/ml/predict-service';
import { fetchIris, irisRequest, predictableOf, trainIris, type Finished } from './fixtures';

let run: Finished;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  run = await trainIris();
});

function importanceRequest(overrides: Partial<ImportanceRequest> = {}): ImportanceRequest {
  const request = irisRequest();
  return {
    jobId: 3,
    model: predictableOf(run),
    dataset: request.dataset,
    split: request.split,
    seed: request.model.seed,
    ...overrides,
  };
}

function completed(result: ImportanceResult): Extract<ImportanceResult, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

describe('permutation importance on the test split', () => {
  it('starts from the run’s test accuracy and ranks the petal measurements first', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const progress: number[] = [];
    const result = completed(
      await service.permutationImportance(importanceRequest(), (p) => progress.push(p.done)),
    );
    const test = run.test;
    if (test.kind !== 'classification') throw new Error('classification expected');
    expect(result.metric).toBe('accuracy');
    expect(result.baseline).toBeCloseTo(test.accuracy, 10);
    expect(result.rows).toBe(test.n);
    expect(result.sampled).toBe(false);
    expect(result.importances.kind).toBe('permutation');
    expect(result.importances.items).toHaveLength(4);
    const top = result.importances.items.slice(0, 2).map((item) => item.feature);
    expect(top.every((name) => name.startsWith('petal_'))).toBe(true);
    expect(result.importances.items[0]?.value).toBeGreaterThan(0.1);
    // 4 columns × 5 repeats + the baseline, reported as they happen.
    expect(progress.at(-1)).toBe(21);

    const again = completed(await service.permutationImportance(importanceRequest(), () => {}));
    expect(again.importances).toEqual(result.importances);
  });

  it('gives 0 to a column the recipe drops', async () => {
    const trained = await trainIris({
      recipe: serializeRecipe({
        schemaVersion: RECIPE_SCHEMA_VERSION,
        steps: [
          {
            id: 'drop',
            type: 'dropColumns',
            enabled: true,
            options: { columns: ['sepal_width_cm'] },
          },
        ],
      }),
    });
    const service = createPredictService({ fetchText: fetchIris });
    const result = completed(
      await service.permutationImportance(
        importanceRequest({ model: predictableOf(trained) }),
        () => {},
      ),
    );
    const dropped = result.importances.items.find((item) => item.feature === 'sepal_width_cm');
    expect(dropped === undefined || (dropped.value === 0 && dropped.std === 0)).toBe(true);
  });

  it('stops between predictions when cancelled', async () => {
    const service = createPredictService({ fetchText: fetchIris });
    const pending = service.permutationImportance(importanceRequest({ jobId: 9 }), (p) => {
      if (p.done === 2) service.cancel(9);
    });
    expect(await pending).toEqual({ ok: false, jobId: 9, code: 'cancelled' });
  });
});
