import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainOutcome, TrainRequest } from '../../../../src/contracts/training';
import { loadTrainedModel } from '../../../../src/ml/export/trained-model';
import { createTrainingService } from '../../../../src/ml/training-service';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';
import { proposePresets } from '../../../../src/core/network/presets';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), '../shared/datasets/iris.csv'), 'utf8');
const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));

function request(hiddenLayers: number[], batchSize: number, builder = false): TrainRequest {
  const [preset] = proposePresets({ task: 'classification', width: 4 });
  if (!preset) throw new Error('no preset');
  return {
    ...(builder
      ? { network: { spec: preset.spec, training: { ...preset.training, epochs: 4, batchSize } } }
      : {}),
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
        (name) => ({ name, type: 'numeric' }),
      ),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    model: {
      hiddenLayers,
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize,
      epochs: 5,
      seed: 3,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
  };
}

function finished(outcome: TrainOutcome) {
  if (outcome.status !== 'completed' && outcome.status !== 'stopped') {
    throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('trainedModel in the outcome', () => {
  // [8] with batch 16 runs on the tiny engine; [80, 80] is above its limits and runs on the
  // fast MLP engine (src/ml/fast-mlp), which takes larger MLPs on the cpu and wasm backends.
  it.each([
    ['tiny', [8], 16, false],
    ['fast', [80, 80], 16, false],
    ['builder', [8], 30, true],
  ] as const)(
    'the %s network returns weights that reproduce its test probabilities',
    async (engine, hidden, batch, builder) => {
      const service = createTrainingService({ fetchText: fetchIris });
      const req = request([...hidden], batch, builder);
      const outcome = finished(await service.train(req, () => undefined));
      expect(outcome.engine).toBe(builder ? 'tfjs' : engine);
      expect(outcome.trainedModel?.format).toBe('tfjs-layers');
      expect(outcome.prediction?.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
      expect(outcome.prediction?.features).toHaveLength(4);

      const prepared = prepareWithRecipe(IRIS, req, 3);
      if (!prepared.ok) throw new Error('prepare failed');
      const before = tf.memory().numTensors;
      const model = await loadTrainedModel(outcome.trainedModel!);
      const x = tf.tensor2d(prepared.xTest, [prepared.yTest.length, prepared.width]);
      const y = model.predict(x) as tf.Tensor;
      const probs = Array.from(await y.data());
      tf.dispose([x, y]);
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);

      const expected = outcome.test.kind === 'classification' ? outcome.test.probs : [];
      expect(probs).toHaveLength(expected.length);
      probs.forEach((p, i) => expect(p).toBeCloseTo(expected[i] as number, 4));
    },
  );
});
