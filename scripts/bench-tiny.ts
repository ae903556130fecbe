/**
 * Epochs per second of TensorFlow Playground's network (2 inputs, 8-8 tanh, batch 10, 500
 * points) on the tiny path (`trainTinyMlp`), on the general path (`trainMlp`, tfjs cpu), and,
 * when PLAYGROUND_NN points at a copy of Playground's `src/nn.ts` kept outside this repository,
 * on Playground's own engine trained the way its `oneStep` does. The variants run in
 * interleaved slices, because shared machines drift by ±20 % within a minute: compare ratios.
 *
 *   npx vite-node scripts/bench-tiny.ts
 *   PLAYGROUND_NN=/tmp/playground/nn.ts npx vite-node scripts/bench-tiny.ts
 *
 * See scripts/measure-playground.md for fetching nn.ts and for recorded figures.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlpConfig } from '../src/contracts/training';
import { createRng, normalSample, permutation } from '../src/core/rng';
import { TinyMlp } from '../src/ml/tiny/tiny-mlp';
import { createTinyOptimizer } from '../src/ml/tiny/tiny-optimizers';
import { trainTinyMlp } from '../src/ml/tiny/train-tiny';
import { trainMlp, type TrainingData, type TrainJob } from '../src/ml/train-loop';

const POINTS = 500;
/** Seconds of interleaved measuring. */
const DURATION_S = Number(process.env.DURATION_S ?? 20);

/** Two Gaussian blobs, like Playground's "two gaussians" data set; labels 0/1 or ±1 targets. */
function blobs(n: number, seed: number, task: TrainingData['task']) {
  const rng = createRng(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const c = i % 2;
    const centre = c === 0 ? 2 : -2;
    x[i * 2] = centre + normalSample(rng);
    x[i * 2 + 1] = centre + normalSample(rng);
    y[i] = task === 'classification' ? c : c === 0 ? 1 : -1;
  }
  return { x, y };
}

function playgroundData(task: TrainingData['task']): TrainingData {
  const train = blobs(POINTS, 1, task);
  const val = blobs(100, 2, task);
  const test = blobs(100, 3, task);
  return {
    task,
    width: 2,
    classNames: task === 'classification' ? ['a', 'b'] : [],
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

const config = (epochs: number): MlpConfig => ({
  hiddenLayers: [8, 8],
  activation: 'tanh',
  optimizer: 'sgd',
  learningRate: 0.03,
  batchSize: 10,
  epochs,
  seed: 1,
});

interface PlaygroundNn {
  buildNetwork(shape: number[], act: unknown, out: unknown, reg: null, ids: string[]): unknown;
  forwardProp(network: unknown, inputs: number[]): number;
  backProp(network: unknown, target: number, errorFunc: unknown): void;
  updateWeights(network: unknown, learningRate: number, regularizationRate: number): void;
  Activations: { TANH: unknown };
  Errors: { SQUARE: unknown };
}

/** A slice of work: runs some epochs and says how many. */
type Slice = () => Promise<number> | number;

/** Whole jobs (setup, events, validation and test scoring included), `epochs` per slice. */
function jobSlice(
  train: (job: TrainJob) => Promise<unknown>,
  task: TrainingData['task'],
  epochs: number,
): Slice {
  const data = playgroundData(task);
  return async () => {
    await train({
      jobId: 1,
      data,
      config: config(epochs),
      emit: () => {},
      isStopRequested: () => false,
    });
    return epochs;
  };
}

/** The engine alone (what Playground's figure measures for nn.ts): no events, no scoring. */
function engineSlice(epochs: number): Slice {
  const data = playgroundData('classification');
  const net = new TinyMlp({
    layerSizes: [2, 8, 8, 2],
    activation: 'tanh',
    task: 'classification',
    maxRows: 10,
  });
  const rng = createRng(1);
  for (let i = 0; i < net.params.length; i++) net.params[i] = rng() - 0.5;
  const optimizer = createTinyOptimizer('sgd', 0.03, net.parameterCount);
  return () => {
    for (let e = 0; e < epochs; e++) {
      const order = permutation(POINTS, rng);
      for (let start = 0; start < POINTS; start += 10) {
        net.loadRows(data.xTrain, order, start, 10);
        net.forward(10);
        net.lossAndGradients(data.yTrain, order, start, 10, null);
        optimizer.step(net.params, net.grads);
      }
    }
    return epochs;
  };
}

/**
 * Playground's `oneStep`: every point in order, forwardProp + backProp (square error), and
 * updateWeights every 10 points; with `scored`, also its two loss passes (train and test: here
 * 500 + 100 forward passes, Playground's split of 500 points being 250 + 250).
 */
function playgroundSlice(nn: PlaygroundNn, scored: boolean, epochs: number): Slice {
  const data = playgroundData('regression');
  const net = nn.buildNetwork([2, 8, 8, 1], nn.Activations.TANH, nn.Activations.TANH, null, [
    'x',
    'y',
  ]);
  const point = (x: Float32Array, i: number) => [x[2 * i] as number, x[2 * i + 1] as number];
  return () => {
    for (let e = 0; e < epochs; e++) {
      for (let i = 0; i < POINTS; i++) {
        nn.forwardProp(net, point(data.xTrain, i));
        nn.backProp(net, data.yTrain[i] as number, nn.Errors.SQUARE);
        if ((i + 1) % 10 === 0) nn.updateWeights(net, 0.03, 0);
      }
      if (scored) {
        for (let i = 0; i < POINTS; i++) nn.forwardProp(net, point(data.xTrain, i));
        for (let i = 0; i < data.yVal.length; i++) nn.forwardProp(net, point(data.xVal, i));
      }
    }
    return epochs;
  };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  const nnPath = process.env.PLAYGROUND_NN;
  const nn = nnPath ? ((await import(/* @vite-ignore */ nnPath)) as PlaygroundNn) : null;
  const slices: Record<string, Slice> = {
    'tiny 2-8-8-2 softmax job': jobSlice(trainTinyMlp, 'classification', 200),
    'tiny 2-8-8-1 mse job': jobSlice(trainTinyMlp, 'regression', 200),
    'tiny 2-8-8-2 engine only': engineSlice(100),
    'tfjs cpu 2-8-8-2 softmax job': jobSlice(trainMlp, 'classification', 3),
    ...(nn
      ? {
          'playground nn.ts training': playgroundSlice(nn, false, 100),
          'playground nn.ts + loss': playgroundSlice(nn, true, 100),
        }
      : {}),
  };
  const totals = Object.fromEntries(Object.keys(slices).map((k) => [k, { ms: 0, epochs: 0 }]));
  for (const slice of Object.values(slices)) await slice(); // warm-up (JIT)
  // Interleaved slices: load from other processes hits every variant alike.
  const end = performance.now() + DURATION_S * 1000;
  while (performance.now() < end) {
    for (const [name, slice] of Object.entries(slices)) {
      const start = performance.now();
      const epochs = await slice();
      const total = totals[name] as { ms: number; epochs: number };
      total.ms += performance.now() - start;
      total.epochs += epochs;
    }
  }
  const rate = (name: string) => {
    const t = totals[name];
    return t && t.ms > 0 ? (t.epochs * 1000) / t.ms : Number.NaN;
  };
  const reference = rate('playground nn.ts training');
  for (const name of Object.keys(slices)) {
    const ratio = Number.isFinite(reference) ? `${(rate(name) / reference).toFixed(2)}×` : '';
    console.log(`${name.padEnd(30)} ${rate(name).toFixed(1).padStart(8)} epochs/s  ${ratio}`);
  }
  if (Number.isFinite(reference)) console.log('(× = ratio to Playground nn.ts training)');
}

await main();
