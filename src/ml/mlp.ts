/**
 * Builds the multilayer perceptron a user configures, and its optimizer.
 *
 * Invariants: the same config gives the same initial weights (every kernel initialiser is
 * seeded, each layer with its own seed drawn from `config.seed`, biases start at zero).
 * Classification always ends in a softmax over k units, binary included, so every classifier
 * yields an n×k probability matrix and evaluation treats k = 2 like any other k. Regression ends
 * in one linear unit predicting the standardised target.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlpConfig } from '../contracts/training';
import { createRng } from '../core/rng';

export type MlpTask = 'classification' | 'regression';

/** tfjs seeds its initialisers through a string hash, so any 31-bit integer is a fine seed. */
const SEED_RANGE = 2 ** 31;

export function buildMlp(
  width: number,
  outputUnits: number,
  config: Pick<MlpConfig, 'hiddenLayers' | 'activation' | 'seed'>,
  task: MlpTask,
): tf.Sequential {
  const rng = createRng(config.seed);
  const nextSeed = (): number => Math.floor(rng() * SEED_RANGE);
  const model = tf.sequential();
  config.hiddenLayers.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: config.activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        biasInitializer: 'zeros',
        ...(i === 0 ? { inputShape: [width] } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: task === 'classification' ? outputUnits : 1,
      activation: task === 'classification' ? 'softmax' : 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
      biasInitializer: 'zeros',
      ...(config.hiddenLayers.length === 0 ? { inputShape: [width] } : {}),
    }),
  );
  return model;
}

export function createOptimizer(
  config: Pick<MlpConfig, 'optimizer' | 'learningRate'>,
): tf.Optimizer {
  switch (config.optimizer) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'adam':
      return tf.train.adam(config.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(config.learningRate);
  }
}

export function countParameters(model: tf.LayersModel): number {
  return model.countParams();
}
