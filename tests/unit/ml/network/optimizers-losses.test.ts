import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultOptimizer, type OptimizerName } from '../../../../src/core/network/training-spec';
import { batchLoss, clipByGlobalNorm, perRowLoss } from '../../../../src/ml/network/losses';
import { createScheduledOptimizer } from '../../../../src/ml/network/optimizers';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const values = (t: tf.Tensor) => Array.from(t.dataSync());

describe('optimizers', () => {
  it.each<OptimizerName>(['sgd', 'adam', 'adamw', 'rmsprop', 'adagrad', 'adadelta'])(
    '%s lowers a quadratic and leaks no tensor',
    (name) => {
      const w = tf.variable(tf.tensor2d([[3, -2]]));
      const { optimizer } = createScheduledOptimizer(
        defaultOptimizer(name),
        name === 'adadelta' ? 1 : 0.1,
      );
      const loss = () => w.square().sum() as tf.Scalar;
      const start = loss().dataSync()[0]!;
      optimizer.minimize(loss);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) optimizer.minimize(loss);
      expect(tf.memory().numTensors).toBe(before);
      expect(loss().dataSync()[0]!).toBeLessThan(start);
      optimizer.dispose();
      w.dispose();
    },
  );

  it('AdamW shrinks kernels by lr·decay before the Adam step, and leaves biases alone', () => {
    const kernel = tf.variable(tf.tensor2d([[2]]), true, 'adamw_kernel');
    const bias = tf.variable(tf.tensor1d([2]), true, 'adamw_bias');
    const { optimizer } = createScheduledOptimizer(
      { name: 'adamw', beta1: 0.9, beta2: 0.999, weightDecay: 0.5 },
      0.1,
    );
    // Gradient 1 on both: Adam's first step moves each by lr·g/(|g|+ε) ≈ 0.1.
    optimizer.applyGradients({ adamw_kernel: tf.tensor2d([[1]]), adamw_bias: tf.tensor1d([1]) });
    expect(values(kernel)[0]).toBeCloseTo(2 * (1 - 0.1 * 0.5) - 0.1, 5);
    expect(values(bias)[0]).toBeCloseTo(2 - 0.1, 5);
    optimizer.dispose();
    tf.dispose([kernel, bias]);
  });

  it('Adadelta takes Zeiler/Keras first steps (TF.js 4.22 moves by the whole gradient)', () => {
    const w = tf.variable(tf.tensor1d([1]), true, 'adadelta_w');
    const { optimizer } = createScheduledOptimizer({ name: 'adadelta', rho: 0.95 }, 1);
    optimizer.applyGradients({ adadelta_w: tf.tensor1d([1]) });
    const expectedStep = Math.sqrt(1e-7) / Math.sqrt(0.05 + 1e-7);
    expect(values(w)[0]).toBeCloseTo(1 - expectedStep, 6);
    optimizer.dispose();
    w.dispose();
  });

  it('applies a changed learning rate to the next step (SGD keeps it as a tensor)', () => {
    for (const spec of [
      defaultOptimizer('sgd'),
      { name: 'sgd', momentum: 0, nesterov: false } as const,
      defaultOptimizer('adam'),
    ]) {
      const w = tf.variable(
        tf.tensor1d([0]),
        true,
        `lr_${spec.name}_${'momentum' in spec ? spec.momentum : 0}`,
      );
      const scheduled = createScheduledOptimizer(spec, 0.1);
      scheduled.setLearningRate(0);
      scheduled.optimizer.applyGradients({ [w.name]: tf.tensor1d([1]) });
      expect(values(w)[0]).toBe(0);
      scheduled.setLearningRate(0.2);
      expect(scheduled.learningRate).toBe(0.2);
      scheduled.optimizer.applyGradients({ [w.name]: tf.tensor1d([1]) });
      expect(values(w)[0]).toBeLessThan(-0.05);
      scheduled.optimizer.dispose();
      w.dispose();
    }
  });
});

describe('losses', () => {
  it('computes MSE, MAE and Huber per row', () => {
    const p = tf.tensor2d([[1], [4]]);
    const y = tf.tensor2d([[0], [0]]);
    expect(values(perRowLoss('mse', p, y))).toEqual([1, 16]);
    expect(values(perRowLoss('mae', p, y))).toEqual([1, 4]);
    // δ = 1: 0.5·1² for |e| = 1; 0.5 + (4 − 1) for |e| = 4.
    expect(values(perRowLoss('huber', p, y, 1))).toEqual([0.5, 3.5]);
  });

  it('computes the cross-entropies on probabilities, sparse equal to one-hot', () => {
    const p = tf.tensor2d([
      [0.7, 0.2, 0.1],
      [0.1, 0.1, 0.8],
    ]);
    const categorical = values(
      perRowLoss(
        'categoricalCrossentropy',
        p,
        tf.tensor2d([
          [1, 0, 0],
          [0, 0, 1],
        ]),
      ),
    );
    const sparse = values(perRowLoss('sparseCategoricalCrossentropy', p, tf.tensor1d([0, 2])));
    expect(categorical[0]).toBeCloseTo(-Math.log(0.7), 5);
    expect(categorical[1]).toBeCloseTo(-Math.log(0.8), 5);
    expect(sparse[0]).toBeCloseTo(categorical[0]!, 6);
    const binary = values(
      perRowLoss('binaryCrossentropy', tf.tensor2d([[0.9], [0.2]]), tf.tensor2d([[1], [0]])),
    );
    expect(binary[0]).toBeCloseTo(-Math.log(0.9), 5);
    expect(binary[1]).toBeCloseTo(-Math.log(0.8), 5);
    // A confident wrong answer stays finite.
    expect(
      Number.isFinite(
        values(perRowLoss('binaryCrossentropy', tf.tensor2d([[0]]), tf.tensor2d([[1]])))[0],
      ),
    ).toBe(true);
  });

  it('weights rows in the batch mean', () => {
    const loss = batchLoss('mse', tf.tensor2d([[1], [2]]), tf.tensor2d([[0], [0]]), {
      weights: tf.tensor1d([2, 0.5]),
    });
    expect(loss.dataSync()[0]).toBeCloseTo((2 * 1 + 0.5 * 4) / 2, 6);
  });

  it('clips gradients to the global norm, keeping their direction', () => {
    const gradients = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
    const clipped = clipByGlobalNorm(gradients, 1);
    expect(values(clipped.a!)[0]).toBeCloseTo(0.6, 6);
    expect(values(clipped.b!)[1]).toBeCloseTo(0.8, 6);
    const untouched = clipByGlobalNorm(gradients, 10);
    expect(values(untouched.a!)).toEqual([3, 0]);
  });
});
