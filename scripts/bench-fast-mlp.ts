/**
 * The fast MLP engine against tfjs in one Node process: MLP 784-128-64-10 (ReLU, Adam, batch
 * 128, the bench's model) trained through `trainMlp` on the tfjs WASM backend ("tfjs-wasm"),
 * through `trainFastMlp` with XNNPACK products on the WASM heap ("fast-wasm") and with blocked
 * JS products ("fast-js"), and optionally `trainMlp` on the tfjs CPU backend ("tfjs-cpu", slow).
 * Each job trains EPOCHS epochs on ROWS random 28×28 rows with tiny validation and test sets and
 * live evaluation off, so the time is training; samples/s = rows·epochs / wall time. The
 * configurations take turns within each repeat so load on a shared machine hits them alike; the
 * median of the repeats is printed. Node is not the browser worker: `npm run bench` is the
 * reference, this is the less noisy comparison.
 *
 *   npx vite-node scripts/bench-fast-mlp.ts [rows=2048] [epochs=2] [repeats=5] [--cpu]
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { MlpConfig } from '../src/contracts/training';
import { createRng } from '../src/core/rng';
import { createJsKernels } from '../src/ml/fast-mlp/kernels';
import { trainFastMlp } from '../src/ml/fast-mlp/train-fast';
import { trainMlp, type TrainingData, type TrainJob } from '../src/ml/train-loop';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const ROWS = Number(args[0] ?? 2048);
const EPOCHS = Number(args[1] ?? 2);
const REPEATS = Number(args[2] ?? 5);
const WITH_CPU = process.argv.includes('--cpu');
const WIDTH = 784;
const CLASSES = 10;

type Config = 'tfjs-wasm' | 'fast-wasm' | 'fast-js' | 'tfjs-cpu';
const CONFIGS: Config[] = [
  'tfjs-wasm',
  'fast-wasm',
  'fast-js',
  ...(WITH_CPU ? ['tfjs-cpu' as const] : []),
];

function images(n: number, rng: () => number): { x: Float32Array; y: Float32Array } {
  const x = Float32Array.from({ length: n * WIDTH }, () => rng());
  const y = Float32Array.from({ length: n }, () => Math.floor(rng() * CLASSES));
  return { x, y };
}

function makeData(): TrainingData {
  const rng = createRng(3);
  const train = images(ROWS, rng);
  const val = images(128, rng);
  const test = images(128, rng);
  return {
    task: 'classification',
    width: WIDTH,
    classNames: Array.from({ length: CLASSES }, (_, c) => String(c)),
    xTrain: train.x,
    yTrain: train.y,
    xVal: val.x,
    yVal: val.y,
    xTest: test.x,
    yTest: test.y,
    targetScale: null,
  };
}

const config: MlpConfig = {
  hiddenLayers: [128, 64],
  activation: 'relu',
  optimizer: 'adam',
  learningRate: 0.001,
  batchSize: 128,
  epochs: EPOCHS,
  seed: 1,
};

async function runOnce(kind: Config, data: TrainingData): Promise<number> {
  await tf.setBackend(kind === 'tfjs-cpu' ? 'cpu' : 'wasm');
  const job: TrainJob = {
    jobId: 1,
    liveEvaluation: false,
    data,
    config,
    emit: () => undefined,
    isStopRequested: () => false,
  };
  const started = performance.now();
  const result =
    kind === 'fast-wasm'
      ? await trainFastMlp(job)
      : kind === 'fast-js'
        ? await trainFastMlp(job, createJsKernels())
        : await trainMlp(job);
  const seconds = (performance.now() - started) / 1000;
  if (result.status === 'failed') throw new Error(`${kind}: ${result.code}`);
  return (ROWS * EPOCHS) / seconds;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

async function main(): Promise<void> {
  setWasmPaths(path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist') + path.sep);
  await tf.setBackend('wasm');
  await tf.ready();
  const data = makeData();
  for (const kind of CONFIGS) await runOnce(kind, data); // warm-up: JIT, XNNPACK set-up
  const figures = new Map<Config, number[]>(CONFIGS.map((c) => [c, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const kind of CONFIGS) figures.get(kind)?.push(await runOnce(kind, data));
  }
  const base = median(figures.get('tfjs-wasm') ?? []);
  console.log(
    `MLP 784-128-64-10, Adam, batch 128, ${ROWS} rows × ${EPOCHS} epochs, ${REPEATS} repeats`,
  );
  for (const kind of CONFIGS) {
    const values = figures.get(kind) ?? [];
    const m = median(values);
    console.log(
      `${kind.padEnd(10)} ${Math.round(m).toLocaleString('en-US').padStart(9)} samples/s  ×${(m / base).toFixed(2)} tfjs-wasm  (min ${Math.round(Math.min(...values))}, max ${Math.round(Math.max(...values))})`,
    );
  }
}

await main();
