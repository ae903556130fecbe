/**
 * Builds the TF.js model a `NetworkSpec` describes. The spec is checked with `analyzeNetwork`
 * first, so a stack that cannot work fails with a problem the UI can explain rather than a
 * TF.js stack trace. Every kernel initializer is seeded (a seed per layer drawn from the
 * network's seed), so the same spec and seed give the same initial weights.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerSpec, NetworkProblem, NetworkSpec } from '../../contracts/network';
import { analyzeNetwork } from '../../core/network/analyze';
import { createRng } from '../../core/rng';
import { StepDropout } from './step-dropout';
import { TransformerEncoder } from './transformer-encoder';

const SEED_RANGE = 2 ** 31;

export type BuildResult =
  { ok: true; model: tf.Sequential } | { ok: false; problem: NetworkProblem };

function createLayer(layer: LayerSpec, nextSeed: () => number): tf.layers.Layer {
  const kernelInitializer = () => tf.initializers.glorotUniform({ seed: nextSeed() });
  switch (layer.type) {
    case 'dense':
      return tf.layers.dense({
        units: layer.units,
        activation: layer.activation,
        kernelInitializer: kernelInitializer(),
      });
    case 'conv2d':
      return tf.layers.conv2d({
        filters: layer.filters,
        kernelSize: layer.kernelSize,
        strides: layer.strides,
        padding: layer.padding,
        activation: layer.activation,
        kernelInitializer: kernelInitializer(),
      });
    case 'maxPool2d':
    case 'avgPool2d': {
      const args = { poolSize: layer.poolSize, strides: layer.strides, padding: layer.padding };
      return layer.type === 'maxPool2d'
        ? tf.layers.maxPooling2d(args)
        : tf.layers.averagePooling2d(args);
    }
    case 'globalAvgPool2d':
      return tf.layers.globalAveragePooling2d({});
    case 'globalAvgPool1d':
      return tf.layers.globalAveragePooling1d({});
    case 'flatten':
      return tf.layers.flatten();
    case 'reshape':
      return tf.layers.reshape({ targetShape: layer.targetShape });
    case 'dropout':
      return new StepDropout({ rate: layer.rate, seed: nextSeed() });
    case 'batchNorm':
      return tf.layers.batchNormalization({});
    case 'layerNorm':
      return tf.layers.layerNormalization({});
    case 'embedding':
      return tf.layers.embedding({
        inputDim: layer.inputDim,
        outputDim: layer.outputDim,
        embeddingsInitializer: tf.initializers.randomUniform({
          minval: -0.05,
          maxval: 0.05,
          seed: nextSeed(),
        }),
      });
    case 'simpleRnn':
    case 'lstm':
    case 'gru': {
      const args = {
        units: layer.units,
        returnSequences: layer.returnSequences,
        kernelInitializer: kernelInitializer(),
        recurrentInitializer: tf.initializers.orthogonal({ seed: nextSeed() }),
      };
      const make = () =>
        layer.type === 'lstm'
          ? tf.layers.lstm(args)
          : layer.type === 'gru'
            ? tf.layers.gru(args)
            : tf.layers.simpleRNN(args);
      return layer.bidirectional
        ? (tf.layers.bidirectional({ layer: make(), mergeMode: 'concat' }) as tf.layers.Layer)
        : make();
    }
    case 'attention':
      return new TransformerEncoder({
        heads: layer.heads,
        keyDim: layer.keyDim,
        feedForward: layer.feedForward,
        dropout: layer.dropout,
        positional: layer.positional,
        seed: nextSeed(),
      });
  }
}

export function buildNetwork(spec: NetworkSpec, seed: number): BuildResult {
  const analysis = analyzeNetwork(spec);
  if (!analysis.ok) return { ok: false, problem: analysis.problem };
  const rng = createRng(seed);
  const nextSeed = (): number => Math.floor(rng() * SEED_RANGE);
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape: spec.inputShape }));
  for (const layer of spec.layers) model.add(createLayer(layer, nextSeed));
  return { ok: true, model };
}
