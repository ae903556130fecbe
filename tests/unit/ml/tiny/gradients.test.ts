/**
 * The tiny engine's building blocks against tfjs itself on the CPU backend: the gradient of one
 * batch against `tf.variableGrads` of the loss train-loop.ts minimises, and each optimizer's
 * steps against `tf.train.*` fed the same gradients. tfjs computes in float32 and the engine in
 * float64, so "equal" means within 1e-5 (gradients) and 1e-6 (updates), scaled by magnitude.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Activation, OptimizerName } from '../../../../src/contracts/training';
import { buildMlp, createOptimizer } from '../../../../src/ml/mlp';
import { TinyMlp } from '../../../../src/ml/tiny/tiny-mlp';
import { createTinyOptimizer } from '../../../../src/ml/tiny/tiny-optimizers';
import type { TrainingData } from '../../../../src/ml/train-loop';
import { classificationData, mlpConfig, regressionData } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const ACTIVATIONS: Activation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'];
const OPTIMIZERS: OptimizerName[] = ['sgd', 'adam', 'rmsprop'];
const ROWS = 10;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    expect(Math.abs((actual[i] as number) - e)).toBeLessThanOrEqual(
      tolerance * Math.max(1, Math.abs(e)),
    );
  }
}

/** The loss and gradient tfjs computes for the first ROWS training rows (train-loop's formulas). */
function tfjsGradients(
  data: TrainingData,
  activation: Activation,
  weights: Float32Array | null,
): { loss: number; grads: Float32Array[]; init: Float32Array[] } {
  const k = data.classNames.length;
  const model = buildMlp(2, k, mlpConfig({ hiddenLayers: [8, 5], activation }), data.task);
  try {
    const variables = model.getWeights() as tf.Variable[];
    const init = variables.map((v) => v.dataSync() as Float32Array);
    const { value, grads } = tf.tidy(() => {
      const x = tf.tensor2d(data.xTrain.subarray(0, ROWS * 2), [ROWS, 2]);
      const labels = data.yTrain.subarray(0, ROWS);
      return tf.variableGrads(() => {
        const out = model.apply(x, { training: true }) as tf.Tensor2D;
        if (data.task === 'regression') {
          return tf.losses.meanSquaredError(tf.tensor2d(labels, [ROWS, 1]), out) as tf.Scalar;
        }
        const y = tf.tensor1d(Int32Array.from(labels), 'int32');
        const clipped = tf.clipByValue(out, 1e-7, 1 - 1e-7);
        const perRow = tf.neg(tf.sum(tf.mul(tf.oneHot(y, k), tf.log(clipped)), 1));
        const weighted = weights ? tf.mul(perRow, tf.gather(tf.tensor1d(weights), y)) : perRow;
        return tf.mean(weighted) as tf.Scalar;
      }, variables);
    });
    const result = {
      loss: value.dataSync()[0] as number,
      grads: variables.map((v) => grads[v.name]?.dataSync() as Float32Array),
      init,
    };
    tf.dispose([value, ...Object.values(grads)]);
    return result;
  } finally {
    model.dispose();
  }
}

function tinyGradients(
  data: TrainingData,
  activation: Activation,
  init: Float32Array[],
  weights: Float32Array | null,
) {
  const k = data.task === 'classification' ? data.classNames.length : 1;
  const net = new TinyMlp({ layerSizes: [2, 8, 5, k], activation, task: data.task, maxRows: ROWS });
  net.setWeights(init);
  net.loadRows(data.xTrain, null, 0, ROWS);
  net.forward(ROWS);
  const { loss } = net.lossAndGradients(data.yTrain, null, 0, ROWS, weights);
  return { loss, grads: net.toTfjsLayout(net.grads) };
}

describe('TinyMlp gradients', () => {
  const cases: [string, TrainingData, Float32Array | null][] = [
    ['2 classes', classificationData(2), null],
    ['3 classes', classificationData(3), null],
    ['3 classes, class weights', classificationData(3), Float32Array.of(0.5, 2, 1.25)],
    ['regression', regressionData(), null],
  ];
  for (const activation of ACTIVATIONS) {
    for (const [name, data, weights] of cases) {
      it(`matches tf.variableGrads for ${activation}, ${name}`, () => {
        const expected = tfjsGradients(data, activation, weights);
        const actual = tinyGradients(data, activation, expected.init, weights);
        expect(Math.abs(actual.loss - expected.loss)).toBeLessThan(
          1e-5 * Math.max(1, expected.loss),
        );
        const flat = Float32Array.from(expected.grads.flatMap((g) => Array.from(g)));
        // Guards against comparing two empty or all-zero arrays.
        expect(flat.some((g) => Math.abs(g) > 1e-3)).toBe(true);
        expectClose(actual.grads, flat, 1e-5);
      });
    }
  }
});

describe('tiny optimizers', () => {
  for (const name of OPTIMIZERS) {
    it(`repeats tf.train's ${name} updates step for step`, () => {
      const size = 12;
      const start = Float32Array.from({ length: size }, (_, i) => Math.sin(i + 1));
      const gradientAt = (step: number) =>
        Float32Array.from(
          { length: size },
          (_, i) => Math.cos(3 * i + step) * (i % 3 === 0 ? 1e-3 : 1),
        );
      const config = { optimizer: name, learningRate: 0.05 };
      const variable = tf.variable(tf.tensor1d(start));
      const optimizer = createOptimizer(config);
      const tiny = createTinyOptimizer(name, config.learningRate, size);
      const params = Float64Array.from(start);
      try {
        // Enough steps for Adam's bias correction and RMSProp's average to move off their start.
        for (let step = 0; step < 5; step++) {
          const gradient = gradientAt(step);
          tf.tidy(() => optimizer.applyGradients({ [variable.name]: tf.tensor1d(gradient) }));
          tiny.step(params, Float64Array.from(gradient));
          expectClose(params, variable.dataSync(), 1e-6);
        }
        expect(params).not.toEqual(Float64Array.from(start));
      } finally {
        optimizer.dispose();
        variable.dispose();
      }
    });
  }
});
