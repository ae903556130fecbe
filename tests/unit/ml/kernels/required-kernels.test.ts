import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  describeLayers,
  missingKernels,
  mlpTrainingSpec,
  recordKernels,
  requiredKernels,
  type ActivationKind,
  type LossKind,
  type OptimizerKind,
  type TrainingSpec,
} from '../../../../src/ml/kernels/required-kernels';
import { buildMlp } from '../../../../src/ml/mlp';
import { mlpConfig } from '../synthetic';
import { buildSmallCnn, randomValues, useBackend } from './wasm-node';

const BATCH = 4;
const CLASSES = 3;

function makeOptimizer(kind: OptimizerKind): tf.Optimizer {
  if (kind === 'sgd') return tf.train.sgd(0.1);
  return kind === 'adam' ? tf.train.adam(0.01) : tf.train.rmsprop(0.01);
}

/**
 * The kernels of one training step written like src/ml/train-loop.ts's: a batch gathered by a
 * sliced permutation, the clipped cross-entropy with an accuracy count (or MSE), the optimiser
 * step and a stacked readout. The step runs once unrecorded so lazily created optimiser slots
 * are not what is measured.
 */
function recordStep(model: tf.LayersModel, loss: LossKind, optimizerKind: OptimizerKind): string[] {
  const optimizer = makeOptimizer(optimizerKind);
  const inputShape = model.inputs[0]!.shape.slice(1) as number[];
  const size = BATCH * inputShape.reduce((a, b) => a * b, 1);
  const classes = model.outputs[0]!.shape[1] as number;
  const x = tf.tensor(randomValues(size, 1), [BATCH, ...inputShape]);
  const labels = tf.tensor1d([0, 1, 2, 1], 'int32');
  const order = tf.tensor1d([3, 2, 1, 0], 'int32');
  const step = (): void => {
    tf.tidy(() => {
      const indices = order.slice(0, BATCH);
      const xb = tf.gather(x, indices);
      const yb = tf.gather(labels, indices);
      let correct: tf.Scalar = tf.scalar(0);
      const cost = optimizer.minimize(() => {
        const output = model.apply(xb, { training: true }) as tf.Tensor2D;
        if (loss === 'meanSquaredError') {
          return tf.losses.meanSquaredError(tf.reshape(tf.cast(yb, 'float32'), [BATCH, 1]), output);
        }
        correct = tf.keep(tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), yb), 'float32')));
        const oneHot = tf.cast(tf.oneHot(yb, classes), 'float32');
        const clipped = tf.clipByValue(output, 1e-7, 1 - 1e-7);
        return tf.mean(tf.neg(tf.sum(tf.mul(oneHot, tf.log(clipped)), 1)));
      }, true) as tf.Scalar;
      tf.stack([cost, correct]).dataSync();
      correct.dispose();
    });
  };
  try {
    step();
    return recordKernels(step);
  } finally {
    tf.dispose([x, labels, order]);
    optimizer.dispose();
    model.dispose();
  }
}

function denseModel(activation: ActivationKind, loss: LossKind): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [5], units: 4, activation }),
      tf.layers.dense({
        units: loss === 'meanSquaredError' ? 1 : CLASSES,
        activation: loss === 'meanSquaredError' ? 'linear' : 'softmax',
      }),
    ],
  });
}

function convModel(middle: tf.layers.Layer[], activation: ActivationKind = 'relu'): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [6, 6, 2],
        filters: 3,
        kernelSize: 3,
        padding: 'same',
        activation,
      }),
      ...middle,
      tf.layers.dense({ units: CLASSES, activation: 'softmax' }),
    ],
  });
}

/** What the tables say `model` needs; fails the test if a layer is outside the tables. */
function specOf(model: tf.LayersModel, loss: LossKind, optimizer: OptimizerKind): TrainingSpec {
  const { layers, unknown } = describeLayers(model);
  expect(unknown).toEqual([]);
  return { layers, loss, optimizer };
}

function expectTablesCover(model: tf.LayersModel, loss: LossKind, optimizer: OptimizerKind): void {
  const expected = requiredKernels(specOf(model, loss, optimizer));
  const recorded = recordStep(model, loss, optimizer);
  expect(recorded.length).toBeGreaterThan(5);
  expect(recorded.filter((k) => !expected.includes(k))).toEqual([]);
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('requiredKernels', () => {
  const ACTIVATIONS: ActivationKind[] = [
    'linear',
    'relu',
    'relu6',
    'tanh',
    'sigmoid',
    'elu',
    'selu',
    'softplus',
  ];
  it.each(ACTIVATIONS)('covers a recorded MLP step with %s hidden units', (activation) => {
    expectTablesCover(
      denseModel(activation, 'categoricalCrossentropy'),
      'categoricalCrossentropy',
      'sgd',
    );
  });

  it.each<[LossKind, OptimizerKind]>([
    ['meanSquaredError', 'sgd'],
    ['meanSquaredError', 'adam'],
    ['categoricalCrossentropy', 'adam'],
    ['categoricalCrossentropy', 'rmsprop'],
  ])('covers a recorded MLP step with %s and %s', (loss, optimizer) => {
    expectTablesCover(denseModel('relu', loss), loss, optimizer);
  });

  it('covers the small CNN with Adam', () => {
    expectTablesCover(buildSmallCnn(), 'categoricalCrossentropy', 'adam');
  });

  it.each<[string, () => tf.layers.Layer[], ActivationKind]>([
    [
      'strided valid conv',
      () => [tf.layers.conv2d({ filters: 2, kernelSize: 3, strides: 2 }), tf.layers.flatten()],
      'linear',
    ],
    [
      'average pooling',
      () => [tf.layers.averagePooling2d({ poolSize: 2 }), tf.layers.flatten()],
      'tanh',
    ],
    ['global average pooling', () => [tf.layers.globalAveragePooling2d({})], 'relu'],
    ['dropout', () => [tf.layers.flatten(), tf.layers.dropout({ rate: 0.5, seed: 1 })], 'relu'],
    ['batch normalization', () => [tf.layers.batchNormalization(), tf.layers.flatten()], 'linear'],
    [
      'depthwise conv',
      () => [tf.layers.depthwiseConv2d({ kernelSize: 3, padding: 'same' }), tf.layers.flatten()],
      'elu',
    ],
  ])('covers a recorded CNN step with %s', (_name, middle, activation) => {
    expectTablesCover(convModel(middle(), activation), 'categoricalCrossentropy', 'sgd');
  });

  it('lists each kernel once, sorted', () => {
    const kernels = requiredKernels({
      layers: [
        { kind: 'conv2d', activation: 'relu' },
        { kind: 'conv2d', activation: 'relu' },
      ],
      loss: 'categoricalCrossentropy',
      optimizer: 'adam',
    });
    expect(kernels).toEqual([...new Set(kernels)].sort());
    expect(kernels).toContain('Conv2DBackpropFilter');
  });
});

describe('mlpTrainingSpec', () => {
  it('matches what describeLayers reads off the MLP that mlp.ts builds', () => {
    const config = mlpConfig({ hiddenLayers: [6, 4], activation: 'tanh', optimizer: 'rmsprop' });
    for (const task of ['classification', 'regression'] as const) {
      const model = buildMlp(5, 3, config, task);
      const spec = mlpTrainingSpec(config, task);
      expect(spec.layers).toEqual(describeLayers(model).layers);
      expect(spec.optimizer).toBe('rmsprop');
      expect(spec.loss).toBe(
        task === 'classification' ? 'categoricalCrossentropy' : 'meanSquaredError',
      );
      model.dispose();
    }
  });

  it('needs nothing the stock WASM backend lacks', () => {
    const spec = mlpTrainingSpec(mlpConfig({ hiddenLayers: [8] }), 'classification');
    expect(missingKernels('wasm', requiredKernels(spec))).toEqual([]);
  });
});

describe('describeLayers', () => {
  it('reads layer kinds and activations off a built model', () => {
    const model = buildSmallCnn();
    expect(describeLayers(model)).toEqual({
      layers: [
        { kind: 'conv2d', activation: 'relu' },
        { kind: 'maxPooling2d' },
        { kind: 'conv2d', activation: 'relu' },
        { kind: 'maxPooling2d' },
        { kind: 'flatten' },
        { kind: 'dense', activation: 'softmax' },
      ],
      unknown: [],
    });
    model.dispose();
  });

  it('reports layers it has no table for instead of guessing', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.simpleRNN({ inputShape: [3, 2], units: 4 }),
        tf.layers.dense({ units: 2, activation: 'hardSigmoid' }),
      ],
    });
    expect(describeLayers(model).unknown).toEqual(['SimpleRNN', 'Dense/hardSigmoid']);
    model.dispose();
  });
});

describe('missingKernels', () => {
  /** The table's answer for the small CNN (built on cpu: the wasm backend never starts here). */
  const cnnKernels = (): string[] => {
    const model = buildSmallCnn();
    const kernels = requiredKernels(specOf(model, 'categoricalCrossentropy', 'adam'));
    model.dispose();
    return kernels;
  };

  it('finds nothing missing on cpu', () => {
    expect(missingKernels('cpu', cnnKernels())).toEqual([]);
  });

  it('names the conv filter gradient as the stock WASM backend gap, before it starts', () => {
    expect(missingKernels('wasm', cnnKernels())).toEqual(['Conv2DBackpropFilter']);
    const mlp = requiredKernels({
      layers: [
        { kind: 'dense', activation: 'relu' },
        { kind: 'dense', activation: 'softmax' },
      ],
      loss: 'categoricalCrossentropy',
      optimizer: 'adam',
    });
    expect(missingKernels('wasm', mlp)).toEqual([]);
  });

  it('treats an unknown backend as having nothing', () => {
    expect(missingKernels('nope', ['Add', 'Relu'])).toEqual(['Add', 'Relu']);
  });
});

describe('recordKernels', () => {
  it('records what ran and puts the engine back, even when the run throws', () => {
    const engine = tf.engine();
    const original = engine.runKernel;
    const x = tf.tensor1d([1, -2]);
    expect(recordKernels(() => tf.tidy(() => tf.relu(tf.neg(x))))).toEqual(['Neg', 'Relu']);
    expect(() =>
      recordKernels(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(engine.runKernel).toBe(original);
    x.dispose();
  });
});
