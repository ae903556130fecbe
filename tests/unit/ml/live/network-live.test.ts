import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveViewsEvent } from '../../../../src/contracts/live-views';
import type { TrainingEvent } from '../../../../src/contracts/training';
import type { NetworkSpec } from '../../../../src/core/network/spec';
import { defaultOptimizer, type NetworkTraining } from '../../../../src/core/network/training-spec';
import { createRng } from '../../../../src/core/rng';
import { averagedFilters, pickSamples } from '../../../../src/ml/live/conv';
import { RunControl } from '../../../../src/ml/network/run-control';
import { trainNetwork } from '../../../../src/ml/network/train-network';
import { buildNetwork } from '../../../../src/ml/network/build-network';
import { readGradientHistograms } from '../../../../src/ml/live/network-live';
import { trainMlp, type TrainingData } from '../../../../src/ml/train-loop';
import { classificationData, mlpConfig, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function settings(overrides: Partial<NetworkTraining> = {}): NetworkTraining {
  return {
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
    ...overrides,
  };
}

/** 6×6 one-channel images: class 1 has a bright left half, class 0 a bright right half. */
function halvesData(): TrainingData {
  const rng = createRng(5);
  const make = (n: number) => {
    const x = new Float32Array(n * 36);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i % 2;
      for (let p = 0; p < 36; p++) {
        const bright = p % 6 < 3 === (i % 2 === 1);
        x[i * 36 + p] = (bright ? 1 : 0) + 0.3 * (rng() - 0.5);
      }
    }
    return { x, y };
  };
  const [train, val, test] = [make(32), make(8), make(8)];
  return {
    task: 'classification',
    width: 36,
    classNames: ['right', 'left'],
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

const cnn: NetworkSpec = {
  inputShape: [6, 6, 1],
  layers: [
    { type: 'conv2d', filters: 3, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
  ],
};

async function run(data: TrainingData, spec: NetworkSpec, epochs: number) {
  const events: TrainingEvent[] = [];
  const result = await trainNetwork({
    jobId: 9,
    data,
    spec,
    training: settings({ epochs }),
    emit: (e) => events.push(e),
    control: new RunControl(),
    // Every reading a second apart: every epoch is due.
    now: steppingClock(),
    liveViews: { boundary: true, histograms: true, conv: true },
  });
  if (result.status === 'failed') throw new Error(result.code);
  return events.filter((e): e is LiveViewsEvent => e.type === 'live');
}

describe('network live views', () => {
  it('sends one view per epoch with histograms that count every parameter', async () => {
    const live = await run(
      classificationData(),
      { inputShape: [2], layers: [{ type: 'dense', units: 5, activation: 'tanh' }] },
      3,
    );
    expect(live.map((e) => e.epoch)).toEqual([1, 2, 3]);
    for (const event of live) {
      const weights = event.weights ?? [];
      // 2→5 dense, then the 5→2 softmax head: 15 + 12 parameters.
      expect(weights.map((h) => h.layer)).toEqual([0, 0, 1, 1]);
      expect(weights.flatMap((h) => h.counts).reduce((a, b) => a + b, 0)).toBe(27);
      const gradients = event.gradients ?? [];
      expect(gradients.map((h) => h.name)).toEqual(weights.map((h) => h.name));
      expect(gradients.flatMap((h) => h.counts).reduce((a, b) => a + b, 0)).toBe(27);
      expect(event.boundary?.probabilities).toHaveLength(48 * 48 * 2);
      expect(event.conv).toBeUndefined();
    }
  });

  it('shows a CNN’s filters and feature maps, and no boundary for images', async () => {
    const live = await run(halvesData(), cnn, 2);
    const conv = live.at(-1)?.conv;
    expect(live.at(-1)?.boundary).toBeUndefined();
    expect(conv?.filters).toHaveLength(1);
    expect(conv?.filters[0]).toMatchObject({ layer: 0, size: 3, inChannels: 1, filters: 3 });
    expect(conv?.filters[0]?.values).toHaveLength(27);
    expect(conv?.samples.map((s) => s.label)).toEqual([0, 1, 0, 1]);
    const maps = conv?.samples[0]?.maps ?? [];
    expect(maps.map((m) => [m.kind, m.height, m.width, m.channels])).toEqual([
      ['Conv2D', 6, 6, 3],
      ['MaxPooling2D', 3, 3, 3],
    ]);
    expect(conv?.samples[0]?.input).toMatchObject({ height: 6, width: 6, channels: 1 });
  });

  it('leaves no tensor behind', async () => {
    await run(halvesData(), cnn, 1);
    const before = tf.memory().numTensors;
    await run(halvesData(), cnn, 2);
    await run(classificationData(), { inputShape: [2], layers: [] }, 2);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('reads gradients kept from inside a tidy, then disposes the copies', async () => {
    const built = buildNetwork(
      { inputShape: [2], layers: [{ type: 'dense', units: 3, activation: 'relu' }] },
      1,
    );
    if (!built.ok) throw new Error('build failed');
    const model = built.model;
    const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const before = tf.memory().numTensors;
    let reading: Promise<unknown> = Promise.resolve();
    tf.tidy(() => {
      const { grads } = tf.variableGrads(
        () => (model.apply(tf.ones([4, 2])) as tf.Tensor).sum() as tf.Scalar,
        variables,
      );
      reading = readGradientHistograms(model, grads, 4);
    });
    const histograms = (await reading) as { layer: number; counts: number[] }[];
    expect(histograms.map((h) => h.layer)).toEqual([0, 0]);
    expect(histograms.flatMap((h) => h.counts).reduce((a, b) => a + b, 0)).toBe(9);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it('gives the MLP loop a boundary and weight histograms', async () => {
    const events: TrainingEvent[] = [];
    const before = tf.memory().numTensors;
    await trainMlp({
      jobId: 2,
      data: classificationData(),
      config: mlpConfig({ hiddenLayers: [4], epochs: 2 }),
      emit: (e) => events.push(e),
      isStopRequested: () => false,
      now: steppingClock(),
      liveViews: { boundary: true, histograms: true },
    });
    const live = events.filter((e): e is LiveViewsEvent => e.type === 'live');
    expect(live.map((e) => e.epoch)).toEqual([1, 2]);
    expect(live[0]?.boundary?.trainTotal).toBe(64);
    expect(live[0]?.weights?.flatMap((h) => h.counts).reduce((a, b) => a + b, 0)).toBe(12 + 10);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('averages filters over input channels and picks one sample per class first', () => {
    // size 1, 2 input channels, 2 filters: kernel [in0: f0=1, f1=2; in1: f0=3, f1=6].
    expect(Array.from(averagedFilters(Float32Array.of(1, 2, 3, 6), 1, 2, 2, 2))).toEqual([2, 4]);
    expect(pickSamples(Float32Array.of(1, 1, 0, 2, 0), 4)).toEqual([0, 2, 3, 1]);
  });
});
