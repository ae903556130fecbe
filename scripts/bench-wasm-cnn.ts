/**
 * Early figure for the WASM training kernels: trains the small CNN
 * (conv8-pool-conv16-pool-dense10 on 28×28, Adam) for a few batches in Node on the cpu backend,
 * on wasm with only the missing Conv2DBackpropFilter added ("wasm-stock"), and on wasm with the
 * faster Conv2DBackpropInput and MaxPoolGrad too ("wasm-fast"), and prints samples/s for each.
 * The configurations take turns within each repeat, so load on a shared machine hits them alike;
 * the median of the repeats is printed. Not a test: Node is not the browser worker (the real
 * bench drives Chromium).
 *
 *   npx vite-node scripts/bench-wasm-cnn.ts [batchSize=64] [batches=10] [repeats=5]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from '../src/ml/kernels/wasm-conv-grads';
import { WASM_FASTER_KERNELS } from '../src/ml/kernels/wasm-fast-grads';

const BATCH_SIZE = Number(process.argv[2] ?? 64);
const BATCHES = Number(process.argv[3] ?? 10);
const REPEATS = Number(process.argv[4] ?? 5);
const WARMUP_BATCHES = 3;

type Config = 'cpu' | 'wasm-stock' | 'wasm-fast';
const CONFIGS: Config[] = ['cpu', 'wasm-stock', 'wasm-fast'];

function buildCnn(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({
        filters: 16,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.flatten(),
      tf.layers.dense({
        units: 10,
        activation: 'softmax',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
    ],
  });
}

interface Trainer {
  step(): Promise<number>;
  dispose(): void;
}

function createTrainer(): Trainer {
  const model = buildCnn();
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomUniform([BATCH_SIZE, 28, 28, 1], 0, 1, 'float32', 7);
  const y = tf.oneHot(tf.randomUniform([BATCH_SIZE], 0, 10, 'int32', 8), 10).toFloat();
  return {
    async step() {
      const cost = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor),
        true,
      );
      const value = (await cost!.data())[0] ?? Number.NaN;
      cost!.dispose();
      return value;
    },
    dispose() {
      tf.dispose([x, y]);
      model.dispose();
      optimizer.dispose();
    },
  };
}

/** The stock kernels that wasm-fast replaces, kept so the turns can switch back and forth. */
const STOCK = WASM_FASTER_KERNELS.map((c) => tf.getKernel(c.kernelName, 'wasm'));

function useKernels(config: Config): void {
  for (const [i, fast] of WASM_FASTER_KERNELS.entries()) {
    const stock = STOCK[i];
    if (!stock) continue;
    tf.unregisterKernel(fast.kernelName, 'wasm');
    tf.registerKernel(config === 'wasm-fast' ? fast : stock);
  }
}

/** Samples/s of BATCHES optimiser steps (after a warm-up) for one configuration. */
async function measure(config: Config): Promise<{ samplesPerSecond: number; loss: number }> {
  await tf.setBackend(config === 'cpu' ? 'cpu' : 'wasm');
  await tf.ready();
  if (config !== 'cpu') useKernels(config);
  const trainer = createTrainer();
  try {
    let loss = Number.NaN;
    for (let i = 0; i < WARMUP_BATCHES; i++) loss = await trainer.step();
    const started = performance.now();
    for (let i = 0; i < BATCHES; i++) loss = await trainer.step();
    const samplesPerSecond = (BATCH_SIZE * BATCHES * 1000) / (performance.now() - started);
    return { samplesPerSecond, loss };
  } finally {
    trainer.dispose();
  }
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + '/');
registerWasmTrainingKernels({ replaceSlowKernels: false });
const rates = new Map<Config, number[]>(CONFIGS.map((c) => [c, []]));
const losses = new Map<Config, number>();
for (let r = 0; r < REPEATS; r++) {
  for (const config of CONFIGS) {
    const { samplesPerSecond, loss } = await measure(config);
    rates.get(config)?.push(samplesPerSecond);
    losses.set(config, loss);
  }
}
console.log(
  `CNN 28x28 conv8-pool-conv16-pool-dense10, batch ${BATCH_SIZE}, Adam, Node ${process.version}, ` +
    `median of ${REPEATS} x ${BATCHES} batches`,
);
for (const config of CONFIGS) {
  const all = rates.get(config) ?? [];
  console.log(
    `${config.padEnd(10)} ${median(all).toFixed(0).padStart(6)} samples/s ` +
      `(runs ${all.map((v) => v.toFixed(0)).join(', ')}; last loss ${losses.get(config)?.toFixed(4)})`,
  );
}
