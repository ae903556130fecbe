/**
 * Occlusion maps in the prediction worker's service, on hand-built tfjs models whose answer is
 * known: a softmax that reads only the top-left 2×2 corner of an 8×8 image must give a hot
 * top-left corner and exactly zero heat elsewhere; test images come from the run's own split;
 * a cancel stops between batches; nothing leaks tensors.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  OcclusionRequest,
  OcclusionResult,
  PredictableModel,
} from '../../../../src/contracts/predict';
import { hottestRegion } from '../../../../src/core/occlusion';
import { RECIPE_SCHEMA_VERSION, serializeFitted } from '../../../../src/core/recipe';
import { createPredictService } from '../../../../src/ml/predict-service';
import { createTrainingService } from '../../../../src/ml/training-service';
import { irisRequest, predictableOf } from './fixtures';
import { CORNER, DATASET, PIXELS, SIDE, cornerModel, fetchCorners } from './occlusion-fixtures';

let model: PredictableModel;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  model = await cornerModel();
});

function service() {
  return createPredictService({ fetchText: fetchCorners });
}

function request(overrides: Partial<OcclusionRequest> = {}): OcclusionRequest {
  return {
    jobId: 1,
    model,
    image: { kind: 'pixels', values: PIXELS.map(() => 4) },
    patch: 2,
    stride: 2,
    fill: 'zero',
    ...overrides,
  };
}

function completed(result: OcclusionResult): Extract<OcclusionResult, { ok: true }> {
  if (!result.ok) throw new Error(JSON.stringify(result));
  return result;
}

describe('occlusion map', () => {
  it('finds the only region the model reads, and nothing elsewhere', async () => {
    const progress: number[] = [];
    const result = completed(await service().occlusionMap(request(), (p) => progress.push(p.done)));
    // Corner logit 0.25 × 4 pixels × 4 = 4: p(corner) = 1 / (1 + e^-4).
    expect(result.predictedIndex).toBe(1);
    expect(result.classIndex).toBe(1);
    expect(result.baseProbability).toBeCloseTo(1 / (1 + Math.exp(-4)), 5);
    expect(result.evaluations).toBe(16);
    expect(progress.at(-1)).toBe(16);
    const drop = result.baseProbability - 0.5;
    for (let y = 0; y < SIDE; y++) {
      for (let x = 0; x < SIDE; x++) {
        const heat = result.heat[y * SIDE + x] as number;
        if (y < 2 && x < 2) expect(heat).toBeCloseTo(drop, 5);
        else expect(heat).toBeCloseTo(0, 6);
      }
    }
    expect(hottestRegion(result.heat, result)).toBe('top-left');
    expect(result.pixelMax).toBe(16);
    expect(result.testIndex).toBeNull();
  });

  it('averages overlapping patches and watches a chosen class', async () => {
    const result = completed(
      await service().occlusionMap(request({ patch: 2, stride: 1, classIndex: 0 }), () => {}),
    );
    expect(result.evaluations).toBe(49);
    // Watching 'blank': hiding the corner raises its probability, so the heat is negative.
    expect(result.heat[0]).toBeLessThan(0);
    expect(result.heat[SIDE * SIDE - 1]).toBeCloseTo(0, 6);
    // Watching 'blank' (p = σ(−logit)): hiding n of the 4 corner pixels leaves logit 4 − n.
    const blank = (hidden: number): number => 1 / (1 + Math.exp(4 - hidden));
    const dropOf = (hidden: number): number => blank(0) - blank(hidden);
    // Pixel (0,0) lies only under the patch that hides the whole corner; pixel (1,1) under
    // four: the whole corner, two halves and one pixel.
    expect(result.heat[0]).toBeCloseTo(dropOf(4), 5);
    expect(result.heat[SIDE + 1]).toBeCloseTo((dropOf(4) + 2 * dropOf(2) + dropOf(1)) / 4, 5);
  });

  it('explains a test image of the run, drawn again from the same split', async () => {
    const image = {
      kind: 'test' as const,
      index: 0,
      dataset: DATASET,
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      seed: 7,
    };
    const result = completed(await service().occlusionMap(request({ image }), () => {}));
    expect(result.testCount).toBe(8);
    expect(result.testIndex).toBe(0);
    const isCorner = result.trueIndex === 1;
    expect(result.trueIndex).toBeGreaterThanOrEqual(0);
    // A dark corner ties the two logits; the first class wins a tie.
    expect(result.predictedIndex).toBe(isCorner ? 1 : 0);
    expect(result.pixels[0]).toBe(isCorner ? 16 : 0);
    expect(result.pixels).toHaveLength(64);

    const missing = await service().occlusionMap(
      request({ image: { ...image, index: 8 } }),
      () => {},
    );
    expect(missing).toMatchObject({
      ok: false,
      code: 'predict.error.occlusionNoSuchImage',
      params: { index: 9, count: 8 },
    });
  });

  it('finds the corner for a classical learner and an MLP trained on the pixels', async () => {
    const corner = PIXELS.map((_, i) => (CORNER.includes(i) ? 16 : 2));
    for (const classical of [{ learner: 'logistic-regression', params: {} }, undefined]) {
      const train = irisRequest({ dataset: DATASET, ...(classical ? { classical } : {}) });
      const outcome = await createTrainingService({ fetchText: fetchCorners }).train(
        train,
        () => undefined,
      );
      if (outcome.status !== 'completed') throw new Error(JSON.stringify(outcome));
      const trained = predictableOf(outcome, train);
      const result = completed(
        await service().occlusionMap(
          request({ model: trained, image: { kind: 'pixels', values: corner } }),
          () => {},
        ),
      );
      expect(result.predictedIndex).toBe(1);
      expect(hottestRegion(result.heat, result)).toBe('top-left');
    }
  });

  it('answers expected failures with codes', async () => {
    const s = service();
    expect(await s.occlusionMap(request({ patch: 9 }), () => {})).toMatchObject({
      ok: false,
      code: 'predict.error.occlusionPatch',
      params: { limit: 8 },
    });
    expect(
      await s.occlusionMap(request({ image: { kind: 'pixels', values: [1, 2] } }), () => {}),
    ).toMatchObject({ ok: false, code: 'predict.error.occlusionBadPixels' });
    expect(await s.occlusionMap(request({ classIndex: 5 }), () => {})).toMatchObject({
      ok: false,
      code: 'predict.error.occlusionClass',
    });
    const tabular = {
      ...model,
      key: 'tabular',
      fittedRecipe: serializeFitted({
        schemaVersion: RECIPE_SCHEMA_VERSION,
        task: 'classification',
        target: 'label',
        seed: 1,
        inputColumns: ['a', 'b', 'c', 'd', 'label'].map((name) => ({
          name,
          kind: name === 'label' ? ('categorical' as const) : ('numeric' as const),
        })),
        steps: [],
      }),
    };
    expect(await s.occlusionMap(request({ model: tabular }), () => {})).toMatchObject({
      ok: false,
      code: 'predict.error.occlusionNotImage',
    });
  });

  it('stops before the next batch when cancelled', async () => {
    const s = service();
    const pending = s.occlusionMap(request({ jobId: 9, patch: 1, stride: 1 }), (p) => {
      if (p.done === 0) s.cancel(9);
    });
    expect(await pending).toEqual({ ok: false, jobId: 9, code: 'cancelled' });
  });

  it('keeps the tensor count flat over repeated maps', async () => {
    const s = service();
    completed(await s.occlusionMap(request(), () => {}));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) completed(await s.occlusionMap(request({ jobId: i }), () => {}));
    expect(tf.memory().numTensors).toBe(before);
  });
});
