import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainedModelArtifacts, TrainingEvent } from '../../../../src/contracts/training';
import { withOutputHead } from '../../../../src/core/network/layers';
import type { NetworkSpec } from '../../../../src/core/network/spec';
import { defaultOptimizer, type NetworkTraining } from '../../../../src/core/network/training-spec';
import type { TransferSpec } from '../../../../src/core/network/transfer';
import { createRng } from '../../../../src/core/rng';
import { loadTrainedModel, saveTrainedModel } from '../../../../src/ml/export/trained-model';
import { buildNetwork } from '../../../../src/ml/network/build-network';
import { RunControl } from '../../../../src/ml/network/run-control';
import { trainNetwork, type NetworkResult } from '../../../../src/ml/network/train-network';
import { applyTransfer } from '../../../../src/ml/network/transfer';
import type { TrainingData } from '../../../../src/ml/train-loop';
import { steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** conv → pool → flatten → dense: layers 0 and 3 have weights; the head follows. */
const cnn = (filters = 4): NetworkSpec => ({
  inputShape: [6, 6, 1],
  layers: [
    { type: 'conv2d', filters, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'maxPool2d', poolSize: 2, strides: 2, padding: 'valid' },
    { type: 'flatten' },
    { type: 'dense', units: 8, activation: 'relu' },
  ],
});

const training = (epochs = 3): NetworkTraining => ({
  loss: 'sparseCategoricalCrossentropy',
  huberDelta: 1,
  optimizer: defaultOptimizer('adam'),
  learningRate: 0.02,
  schedule: { kind: 'constant' },
  regularization: { l1: 0, l2: 1e-3 },
  earlyStopping: { enabled: false, monitor: 'valLoss', patience: 3, restoreBest: false },
  clipNorm: 0,
  batchSize: 8,
  epochs,
  seed: 42,
});

/** 6×6 images: class c has its bright band in column pair c (2 or 3 classes). */
function imageData(classNames: string[], seed = 3): TrainingData {
  const rng = createRng(seed);
  const k = classNames.length;
  const make = (n: number) => {
    const x = new Float32Array(n * 36);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      const label = i % k;
      y[i] = label;
      for (let p = 0; p < 36; p++) {
        const column = p % 6;
        x[i * 36 + p] = (Math.floor(column / 2) === label ? 1 : 0) + 0.3 * (rng() - 0.5);
      }
    }
    return { x, y };
  };
  const train = make(36);
  const val = make(12);
  const test = make(12);
  return {
    task: 'classification',
    width: 36,
    classNames,
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

/** A registered run's network, as the registry keeps it (initialized with its own seed). */
async function sourceArtifacts(spec: NetworkSpec, classes: number): Promise<TrainedModelArtifacts> {
  const built = buildNetwork(withOutputHead(spec, 'classification', classes, 1), 7);
  if (!built.ok) throw new Error('source did not build');
  try {
    return await saveTrainedModel(built.model);
  } finally {
    built.model.dispose();
  }
}

function transferSpec(frozen: number[], sourceClasses: string[] | null): TransferSpec {
  return { sourceRunId: 'r1', sourceName: 'Run 1', sourceDataset: 'digits', sourceClasses, frozen };
}

function targetModel(spec: NetworkSpec, classes: number): tf.Sequential {
  const built = buildNetwork(withOutputHead(spec, 'classification', classes, 1), 42);
  if (!built.ok) throw new Error('target did not build');
  return built.model;
}

/** Weights per layer (input layer left out), as plain arrays. */
async function layerValues(model: tf.LayersModel): Promise<number[][][]> {
  const layers = model.layers.filter((l) => l.getClassName() !== 'InputLayer');
  return Promise.all(
    layers.map((layer) => Promise.all(layer.getWeights().map(async (w) => [...(await w.data())]))),
  );
}

async function valuesOf(artifacts: TrainedModelArtifacts): Promise<number[][][]> {
  const model = await loadTrainedModel(artifacts);
  try {
    return await layerValues(model);
  } finally {
    model.dispose();
  }
}

function completed(result: NetworkResult) {
  if (result.status === 'failed')
    throw new Error(`${result.code} ${JSON.stringify(result.params)}`);
  return result;
}

describe('applyTransfer', () => {
  it('copies every layer by position and keeps the head when the labels are the same', async () => {
    const source = await sourceArtifacts(cnn(), 2);
    const model = targetModel(cnn(), 2);
    try {
      const result = await applyTransfer(model, { spec: transferSpec([0], ['a', 'b']), source }, [
        'a',
        'b',
      ]);
      expect(result).toEqual({ ok: true, transferred: 3, frozen: 1, headReplaced: false });
      expect(await layerValues(model)).toEqual(await valuesOf(source));
      expect(model.layers[1]?.trainable).toBe(false);
      expect(model.trainableWeights.map((w) => w.shape.length)).toEqual([2, 1, 2, 1]);
    } finally {
      model.dispose();
    }
  });

  it('replaces the head for another label set and keeps the builder’s seeded initialization', async () => {
    const source = await sourceArtifacts(cnn(), 2);
    const fresh = targetModel(cnn(), 3);
    const model = targetModel(cnn(), 3);
    try {
      const result = await applyTransfer(
        model,
        { spec: transferSpec([0, 3], ['a', 'b']), source },
        ['x', 'y', 'z'],
      );
      expect(result).toEqual({ ok: true, transferred: 2, frozen: 2, headReplaced: true });
      const after = await layerValues(model);
      const was = await valuesOf(source);
      expect(after[0]).toEqual(was[0]);
      expect(after[3]).toEqual(was[3]);
      expect(after[4]).toEqual((await layerValues(fresh))[4]);
      expect(model.trainableWeights).toHaveLength(2);
    } finally {
      model.dispose();
      fresh.dispose();
    }
  });

  it('replaces the head when the labels differ but their count does not (digits → fashion)', async () => {
    const source = await sourceArtifacts(cnn(), 2);
    const model = targetModel(cnn(), 2);
    try {
      const spec = transferSpec([0], ['0', '1']);
      const result = await applyTransfer(model, { spec, source }, ['shirt', 'boot']);
      expect(result.ok && result.headReplaced).toBe(true);
    } finally {
      model.dispose();
    }
  });

  it('refuses a source whose layers do not fit, and changes nothing', async () => {
    const source = await sourceArtifacts(cnn(8), 2);
    const model = targetModel(cnn(4), 2);
    const before = await layerValues(model);
    try {
      const result = await applyTransfer(model, { spec: transferSpec([0], null), source }, [
        'a',
        'b',
      ]);
      expect(result).toEqual({
        ok: false,
        code: 'error.transfer.mismatch',
        params: { layer: 1, type: 'Conv2D', got: '3×3×1×4, 4', expected: '3×3×1×8, 8' },
      });
      expect(await layerValues(model)).toEqual(before);
      expect(model.trainableWeights).toHaveLength(6);
    } finally {
      model.dispose();
    }
  });

  it('refuses a source of another depth, and a frozen layer outside the stack', async () => {
    const deeper = await sourceArtifacts(
      { ...cnn(), layers: [...cnn().layers, { type: 'dropout', rate: 0.1 }] },
      2,
    );
    const source = await sourceArtifacts(cnn(), 2);
    const model = targetModel(cnn(), 2);
    try {
      const names = ['a', 'b'];
      expect(
        await applyTransfer(model, { spec: transferSpec([], null), source: deeper }, names),
      ).toEqual({ ok: false, code: 'error.transfer.depth', params: { expected: 6, got: 5 } });
      expect(await applyTransfer(model, { spec: transferSpec([4], null), source }, names)).toEqual({
        ok: false,
        code: 'error.transfer.frozenLayer',
        params: { layer: 5 },
      });
    } finally {
      model.dispose();
    }
  });

  it('leaves no tensor behind', async () => {
    const source = await sourceArtifacts(cnn(), 2);
    const once = async (sourceData: TrainedModelArtifacts) => {
      const model = targetModel(cnn(), 2);
      await applyTransfer(model, { spec: transferSpec([0], null), source: sourceData }, ['a', 'b']);
      model.dispose();
    };
    await once(source);
    const before = tf.memory().numTensors;
    await once(source);
    await once(await sourceArtifacts(cnn(8), 2));
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('trainNetwork with a transfer', () => {
  const run = (source: TrainedModelArtifacts, frozen: number[], events: TrainingEvent[] = []) =>
    trainNetwork({
      jobId: 1,
      data: imageData(['x', 'y', 'z']),
      spec: cnn(),
      training: training(),
      emit: (event) => events.push(event),
      control: new RunControl(),
      now: steppingClock(),
      transfer: { spec: transferSpec(frozen, ['a', 'b']), source },
    });

  it('keeps frozen layers bit-identical through training while the rest and the new head learn', async () => {
    const source = await sourceArtifacts(cnn(), 2);
    const result = completed(await run(source, [0]));
    expect(result.history).toHaveLength(3);
    const after = await valuesOf(result.trainedModel!);
    const was = await valuesOf(source);
    expect(after[0]).toEqual(was[0]);
    expect(after[3]).not.toEqual(was[3]);
    expect(after[4]?.[0]).toHaveLength(8 * 3);
    const fresh = targetModel(cnn(), 3);
    try {
      expect(after[4]).not.toEqual((await layerValues(fresh))[4]);
    } finally {
      fresh.dispose();
    }
  });

  it('fails with the mismatch before the first epoch, and leaks nothing either way', async () => {
    const good = await sourceArtifacts(cnn(), 2);
    completed(await run(good, [0]));
    const before = tf.memory().numTensors;
    completed(await run(good, [0, 3]));
    const events: TrainingEvent[] = [];
    const result = await run(await sourceArtifacts(cnn(8), 2), [0], events);
    expect(result).toMatchObject({ status: 'failed', code: 'error.transfer.mismatch' });
    expect(events.filter((e) => e.type === 'batch' || e.type === 'epoch')).toEqual([]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('a frozen batch-normalization layer', () => {
  it('keeps its scale and shift; its running averages follow the new data', async () => {
    const spec: NetworkSpec = {
      inputShape: [6, 6, 1],
      layers: [
        {
          type: 'conv2d',
          filters: 2,
          kernelSize: 3,
          strides: 1,
          padding: 'same',
          activation: 'relu',
        },
        { type: 'batchNorm' },
        { type: 'flatten' },
        { type: 'dense', units: 4, activation: 'relu' },
      ],
    };
    const source = await sourceArtifacts(spec, 2);
    const result = completed(
      await trainNetwork({
        jobId: 2,
        data: imageData(['x', 'y', 'z']),
        spec,
        training: training(2),
        emit: () => undefined,
        control: new RunControl(),
        now: steppingClock(),
        transfer: { spec: transferSpec([0, 1], null), source },
      }),
    );
    const after = await valuesOf(result.trainedModel!);
    const was = await valuesOf(source);
    // Batch norm holds gamma, beta, moving mean, moving variance, in that order.
    expect(after[1]?.slice(0, 2)).toEqual(was[1]?.slice(0, 2));
    expect(after[1]?.[2]).not.toEqual(was[1]?.[2]);
  });
});
