import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../../src/contracts/training';
import { createFrame, type Column } from '../../../../src/core/frame';
import { DEFAULT_STEP_OPTIONS, type Recipe } from '../../../../src/core/recipe';
import { defaultOptimizer, type NetworkTraining } from '../../../../src/core/network/training-spec';
import { createRng, normalSample } from '../../../../src/core/rng';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';
import { RunControl } from '../../../../src/ml/network/run-control';
import { trainNetwork, type NetworkJob } from '../../../../src/ml/network/train-network';
import type { TrainingData } from '../../../../src/ml/train-loop';
import { classificationData, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const training: NetworkTraining = {
  loss: 'sparseCategoricalCrossentropy',
  huberDelta: 1,
  optimizer: defaultOptimizer('adam'),
  learningRate: 0.05,
  schedule: { kind: 'constant' },
  regularization: { l1: 0, l2: 0 },
  earlyStopping: { enabled: false, monitor: 'valLoss', patience: 3, restoreBest: true },
  clipNorm: 0,
  batchSize: 16,
  epochs: 4,
  seed: 42,
};

function job(data: TrainingData, emit: NetworkJob['emit'] = () => undefined): NetworkJob {
  return {
    jobId: 1,
    data,
    spec: { inputShape: [data.width], layers: [{ type: 'dense', units: 8, activation: 'relu' }] },
    training,
    emit,
    control: new RunControl(),
    now: steppingClock(),
  };
}

/** Blobs whose training rows get fresh seeded noise for every epoch, recording each request. */
function noisyData(requests: number[] = []): TrainingData {
  const data = classificationData();
  const clean = Float32Array.from(data.xTrain);
  return {
    ...data,
    trainForEpoch: (epoch) => {
      requests.push(epoch);
      const rng = createRng(1000 + epoch);
      return { x: clean.map((v) => v + 0.5 * normalSample(rng)), y: data.yTrain };
    },
  };
}

async function historyOf(data: TrainingData): Promise<number[]> {
  const result = await trainNetwork(job(data));
  if (result.status === 'failed') throw new Error(result.code);
  return result.history.map((record) => record.trainLoss);
}

describe('per-epoch training rows in builder networks', () => {
  it('asks for fresh rows at every epoch after the first, and leaks no tensor', async () => {
    const requests: number[] = [];
    const data = noisyData(requests);
    const xVal = Float32Array.from(data.xVal);
    const counts: number[] = [];
    const before = tf.memory().numTensors;
    const result = await trainNetwork(
      job(data, (event: TrainingEvent) => {
        if (event.type === 'epoch') counts.push(tf.memory().numTensors);
      }),
    );
    expect(result.status).toBe('completed');
    expect(requests).toEqual([2, 3, 4]);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    expect(data.xVal).toEqual(xVal);
  });

  it('trains on the fresh rows: same seed same run, and not the run without them', async () => {
    const augmented = await historyOf(noisyData());
    expect(await historyOf(noisyData())).toEqual(augmented);
    const plain = await historyOf(classificationData());
    expect(augmented[0]).toBe(plain[0]);
    expect(augmented.slice(1)).not.toEqual(plain.slice(1));
  });

  it('ignores fresh rows of another size', async () => {
    const data = classificationData();
    const odd: TrainingData = {
      ...data,
      trainForEpoch: () => ({ x: new Float32Array(6), y: new Float32Array(3) }),
    };
    expect(await historyOf(odd)).toEqual(await historyOf(data));
  });

  it('augments images through the recipe on the training split only', async () => {
    const rng = createRng(4);
    const rows = 90;
    const pixels = Array.from({ length: 16 }, () => new Float64Array(rows));
    const label: string[] = [];
    for (let row = 0; row < rows; row++) {
      const top = row % 2 === 0;
      label.push(top ? 'top' : 'bottom');
      for (let p = 0; p < 16; p++) {
        const inked = top ? p < 8 : p >= 8;
        pixels[p]![row] = (inked ? 200 : 0) + Math.floor(rng() * 40);
      }
    }
    const columns: Column[] = pixels.map((values, p) => ({
      name: `pixel${p}`,
      kind: 'numeric',
      values,
    }));
    columns.push({ name: 'label', kind: 'categorical', values: label });
    const recipe: Recipe = {
      schemaVersion: 1,
      steps: [
        {
          id: 'img',
          type: 'imageAugment',
          enabled: true,
          options: { ...DEFAULT_STEP_OPTIONS.imageAugment, rotation: 15, noise: 0.05 },
        },
        { id: 'scale', type: 'minMax', enabled: true, options: {} },
      ],
    };
    const prepared = prepareWithRecipe(
      { ok: true, frame: createFrame(columns), rowsTotal: rows },
      {
        dataset: {
          id: 'halves',
          url: 'about:blank',
          target: 'label',
          task: 'classification',
          features: [],
        },
        split: { train: 0.6, validation: 0.2, test: 0.2 },
        recipe: JSON.stringify(recipe),
      },
      9,
    );
    if (!prepared.ok) throw new Error(prepared.code);
    const draw = prepared.trainForEpoch;
    if (!draw) throw new Error('no per-epoch draw');
    const drawn: number[] = [];
    const xVal = Float32Array.from(prepared.xVal);
    const xTest = Float32Array.from(prepared.xTest);
    const result = await trainNetwork({
      ...job({
        ...prepared,
        trainForEpoch: (epoch) => {
          drawn.push(epoch);
          return draw(epoch);
        },
      }),
      spec: {
        inputShape: [4, 4, 1],
        layers: [
          {
            type: 'conv2d',
            filters: 4,
            kernelSize: 3,
            strides: 1,
            padding: 'same',
            activation: 'relu',
          },
        ],
      },
      training: { ...training, epochs: 6 },
    });
    if (result.status === 'failed') throw new Error(result.code);
    expect(drawn).toEqual([2, 3, 4, 5, 6]);
    expect(prepared.xVal).toEqual(xVal);
    expect(prepared.xTest).toEqual(xTest);
    if (result.test.kind === 'classification') expect(result.test.accuracy).toBeGreaterThan(0.8);
  });
});
