/**
 * A CNN trained on an imported RGB image set, then used by the prediction worker's service on
 * the same stored set: it is described as an 8×8 colour image (an upload, not a drawing pad),
 * the confusion matrix's cell list gets interleaved RGB pixels, and an uploaded picture's
 * pixel columns are predicted.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PredictableModel } from '../../../../src/contracts/predict';
import type { TrainOutcome, TrainRequest } from '../../../../src/contracts/training';
import { proposePresets } from '../../../../src/core/network/presets';
import { readStoredImageTable } from '../../../../src/ml/images/stored-images';
import { createPredictService } from '../../../../src/ml/predict-service';
import { createTrainingService } from '../../../../src/ml/training-service';
import { networkTargetOf } from '../../../../src/state/network-target';
import { storedImageEntryOf } from '../../../../src/state/stored-image-entry';
import { datasetOf, rgbPattern, rgbPatternSet } from './image-set-fixtures';

const SPLIT = { train: 0.6, validation: 0.2, test: 0.2 };
const { meta, source } = rgbPatternSet(15);
const readStored = (id: string) => readStoredImageTable(source, id as typeof meta.id);

let request: TrainRequest;
let outcome: Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  const target = networkTargetOf(storedImageEntryOf(meta), null);
  const [preset] = proposePresets(target ?? { task: 'classification', width: 1 });
  if (preset?.id !== 'cnn') throw new Error('the CNN should be proposed first');
  request = {
    jobId: 1,
    dataset: datasetOf(meta),
    model: {
      hiddenLayers: [8],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 1,
      seed: 11,
    },
    network: { spec: preset.spec, training: { ...preset.training, epochs: 6, batchSize: 9 } },
    split: SPLIT,
    backend: 'cpu',
  };
  const result = await createTrainingService({ readStored }).train(request, () => undefined);
  if (result.status !== 'completed') throw new Error(JSON.stringify(result));
  outcome = result;
}, 60_000);

function model(): PredictableModel {
  const predictable: PredictableModel = {
    key: 'rgb-run',
    fittedRecipe: outcome.fittedRecipe ?? '',
    schema: outcome.prediction ?? { features: [], classNames: [], targetScale: null },
  };
  if (outcome.trainedModel) predictable.network = outcome.trainedModel;
  if (outcome.network) predictable.builder = outcome.network;
  return predictable;
}

describe('a CNN of an imported RGB set in the prediction service', () => {
  it('trains on 8×8×3 inputs above chance', () => {
    expect(outcome.network?.spec.inputShape).toEqual([8, 8, 3]);
    expect(outcome.test.kind === 'classification' && outcome.test.accuracy).toBeGreaterThan(0.6);
  });

  it('is described as a colour image, so the page offers an upload instead of a form', async () => {
    const service = createPredictService({ readStored });
    const described = await service.describe(model(), request.dataset);
    expect(described).toMatchObject({ ok: true, image: { side: 8, max: 255, channels: 3 } });
  });

  it('answers interleaved RGB pixels for the cell list, with channels 3', async () => {
    const service = createPredictService({ readStored });
    const result = await service.testExamples({
      model: model(),
      dataset: request.dataset,
      split: SPLIT,
      seed: request.model.seed,
      rows: [0, 1, 2],
    });
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.image).toEqual({ side: 8, max: 255, channels: 3 });
    expect(result.columns.slice(0, 3)).toEqual(['pixel0_r', 'pixel0_g', 'pixel0_b']);
    expect(result.values.every((row) => row.length === 8 * 8 * 3)).toBe(true);
  });

  it('predicts the class of a new picture given as pixel columns', async () => {
    const service = createPredictService({ readStored });
    const names = storedImageEntryOf(meta).features.map((f) => f.name);
    const pixels = rgbPattern(2, 99);
    const row = Object.fromEntries(names.map((name, j) => [name, String(pixels[j])]));
    const result = await service.predict(
      { jobId: 3, model: model(), input: { kind: 'row', values: row } },
      () => undefined,
    );
    expect(result).toMatchObject({ ok: true, task: 'classification', predicted: ['stripe'] });
  });
});
