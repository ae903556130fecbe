/**
 * The benchmark page: trains models through the app's real training worker (the same
 * TrainingClient, worker chunk and backends as the app) and measures, on the main thread,
 * long tasks and frame intervals while it trains. `bench/run.ts` drives it with playwright.
 */
import { TrainingClient } from '../src/bridge/training-client';
import type { BackendPreference, TrainOutcome, TrainRequest } from '../src/contracts/training';
import { generatePoints, pointsToCsv } from '../src/core/generators';
import { proposePresets } from '../src/core/network/presets';
import { createRng, normalSample } from '../src/core/rng';

export interface BenchSpec {
  /** 'mlp-tfjs': the same MLP as a builder network, so tfjs trains it (the fast engine's baseline). */
  model: 'mlp' | 'mlp-tfjs' | 'cnn' | 'smallnet';
  backend: BackendPreference;
  epochs: number;
}

export interface BenchResult {
  spec: BenchSpec;
  backend: string | null;
  status: TrainOutcome['status'];
  trainRows: number;
  batchSize: number;
  msToFirstEpoch: number | null;
  /** 'fast' or 'tiny' when the worker trained the MLP without tfjs (src/ml/fast-mlp, tiny). */
  engine: string | null;
  /** Steady state: training samples per second between the first and the last epoch. */
  samplesPerSecond: number | null;
  epochsPerSecond: number | null;
  longTasks: { count: number; longestMs: number };
  frameIntervalMs: { p50: number; p95: number; frames: number };
  failure?: string;
}

/** Synthetic 28×28 "images": one prototype per class plus noise, so the MLP has signal. */
function syntheticImagesCsv(rows: number, seed: number): string {
  const rng = createRng(seed);
  const prototypes = Array.from({ length: 10 }, () =>
    Array.from({ length: 784 }, () => (rng() < 0.2 ? 200 : 0)),
  );
  const header = ['label', ...Array.from({ length: 784 }, (_, i) => `p${i}`)].join(',');
  const lines = [header];
  for (let r = 0; r < rows; r++) {
    const label = r % 10;
    const proto = prototypes[label]!;
    const pixels = proto.map((v) =>
      Math.max(0, Math.min(255, Math.round(v + 40 * normalSample(rng)))),
    );
    lines.push(`${label},${pixels.join(',')}`);
  }
  return lines.join('\n');
}

function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

function requestFor(spec: BenchSpec): { request: Omit<TrainRequest, 'jobId'>; trainRows: number } {
  const split = { train: 0.8, validation: 0.1, test: 0.1 };
  if (spec.model === 'mlp-tfjs') return mlpAsNetwork(spec);
  if (spec.model === 'mlp') {
    const rows = 5000;
    const csv = syntheticImagesCsv(rows, 1);
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    return {
      trainRows: Math.round(rows * split.train),
      request: {
        dataset: {
          id: 'bench-mlp',
          url,
          target: 'label',
          task: 'classification',
          features: Array.from({ length: 784 }, (_, i) => ({ name: `p${i}`, type: 'numeric' })),
          classes: Array.from({ length: 10 }, (_, i) => String(i)),
        },
        model: {
          hiddenLayers: [128, 64],
          activation: 'relu',
          optimizer: 'adam',
          learningRate: 0.001,
          batchSize: 128,
          epochs: spec.epochs,
          seed: 1,
        },
        split,
        backend: spec.backend,
      },
    };
  }
  if (spec.model === 'cnn') return cnnRequest(spec, split);
  // TensorFlow Playground's size: 2 inputs, two hidden layers of 8, 2 outputs, 500 points.
  const points = generatePoints({ kind: 'circle', samples: 625, noise: 0, seed: 1 });
  const url = URL.createObjectURL(new Blob([pointsToCsv(points)], { type: 'text/csv' }));
  return {
    trainRows: 500,
    request: {
      dataset: {
        id: 'bench-smallnet',
        url,
        target: 'label',
        task: 'classification',
        features: [
          { name: 'x', type: 'numeric' },
          { name: 'y', type: 'numeric' },
        ],
        classes: ['0', '1'],
      },
      model: {
        hiddenLayers: [8, 8],
        activation: 'tanh',
        optimizer: 'sgd',
        learningRate: 0.03,
        batchSize: 10,
        epochs: spec.epochs,
        seed: 1,
      },
      split,
      backend: spec.backend,
    },
  };
}

/**
 * The bench MLP (784-128-64-10, ReLU, Adam 0.001, batch 128) as a layer-builder network: the
 * worker trains builder networks with tfjs whatever the backend, so this measures tfjs on the
 * same data in the same run as the MLP path's fast engine.
 */
function mlpAsNetwork(spec: BenchSpec): {
  request: Omit<TrainRequest, 'jobId'>;
  trainRows: number;
} {
  const { request, trainRows } = requestFor({ ...spec, model: 'mlp' });
  const preset = proposePresets({ task: 'classification', width: 784 }).find((p) => p.id === 'mlp');
  if (!preset) throw new Error('no MLP preset');
  const training = {
    ...preset.training,
    learningRate: 0.001,
    batchSize: 128,
    epochs: spec.epochs,
    seed: 1,
    earlyStopping: { ...preset.training.earlyStopping, enabled: false },
  };
  const layers = [
    { type: 'dense', units: 128, activation: 'relu' },
    { type: 'dense', units: 64, activation: 'relu' },
  ] as const;
  return {
    trainRows,
    request: {
      ...request,
      network: { spec: { inputShape: [784], layers: [...layers] }, training },
    },
  };
}

/** MNIST's 28×28 pixel columns, as the shipped dataset's manifest names them. */
const MNIST_ROWS = 1000;
const MNIST_PIXELS = 784;

/**
 * The Model screen's CNN preset for a 28×28×1 image dataset (conv16-pool-conv32-pool-dense64,
 * dropout 0.25, Adam 0.002), trained by the builder path at batch 64 on the shipped 1,000-image
 * MNIST subset. Early stopping is off so every run trains its epochs.
 */
function cnnRequest(
  spec: BenchSpec,
  split: TrainRequest['split'],
): { request: Omit<TrainRequest, 'jobId'>; trainRows: number } {
  const preset = proposePresets({
    task: 'classification',
    width: MNIST_PIXELS,
    image: [28, 28, 1],
  }).find((p) => p.id === 'cnn');
  if (!preset) throw new Error('no CNN preset for a 28×28 image');
  const training = {
    ...preset.training,
    batchSize: 64,
    epochs: spec.epochs,
    earlyStopping: { ...preset.training.earlyStopping, enabled: false },
  };
  return {
    trainRows: Math.round(MNIST_ROWS * split.train),
    request: {
      dataset: {
        id: 'mnist',
        url: new URL('../datasets/mnist.csv', location.href).href,
        target: 'label',
        task: 'classification',
        features: Array.from({ length: MNIST_PIXELS }, (_, i) => ({
          name: `pixel${i}`,
          type: 'numeric',
        })),
        classes: Array.from({ length: 10 }, (_, i) => String(i)),
      },
      // Only its seed is read when `network` is set.
      model: {
        hiddenLayers: [],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: training.learningRate,
        batchSize: training.batchSize,
        epochs: spec.epochs,
        seed: 1,
      },
      network: { spec: preset.spec, training },
      split,
      backend: spec.backend,
    },
  };
}

async function run(spec: BenchSpec): Promise<BenchResult> {
  const { request, trainRows } = requestFor(spec);
  const client = new TrainingClient();
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  try {
    observer.observe({ type: 'longtask', buffered: false });
  } catch {
    // Long-task timing is Chromium-only; elsewhere the figure stays empty.
  }
  const frames: number[] = [];
  let lastFrame = performance.now();
  let measuring = true;
  const onFrame = (t: number) => {
    frames.push(t - lastFrame);
    lastFrame = t;
    if (measuring) requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const started = performance.now();
  const epochTimes: { epoch: number; at: number }[] = [];
  let backend: string | null = null;
  const outcome = await client.train(request, (event) => {
    if (event.type === 'epoch') epochTimes.push({ epoch: event.epoch, at: performance.now() });
    if (event.type === 'backend') backend = event.backend.name;
  });
  measuring = false;
  observer.disconnect();
  client.dispose();
  if (request.dataset.url.startsWith('blob:')) URL.revokeObjectURL(request.dataset.url);

  const first = epochTimes[0];
  const last = epochTimes.at(-1);
  let samplesPerSecond: number | null = null;
  let epochsPerSecond: number | null = null;
  if (first && last && last.epoch > first.epoch) {
    const seconds = (last.at - first.at) / 1000;
    epochsPerSecond = (last.epoch - first.epoch) / seconds;
    samplesPerSecond = epochsPerSecond * trainRows;
  }
  const sortedFrames = frames.slice(1).sort((a, b) => a - b);
  const result: BenchResult = {
    spec,
    backend,
    engine: 'engine' in outcome ? (outcome.engine ?? null) : null,
    status: outcome.status,
    trainRows,
    batchSize: request.network?.training.batchSize ?? request.model.batchSize,
    msToFirstEpoch: first ? first.at - started : null,
    samplesPerSecond,
    epochsPerSecond,
    longTasks: { count: longTasks.length, longestMs: Math.max(0, ...longTasks) },
    frameIntervalMs: {
      p50: percentile(sortedFrames, 0.5),
      p95: percentile(sortedFrames, 0.95),
      frames: sortedFrames.length,
    },
  };
  if (outcome.status === 'failed') result.failure = outcome.code;
  return result;
}

declare global {
  interface Window {
    fitlabBench: { run(spec: BenchSpec): Promise<BenchResult> };
  }
}

window.fitlabBench = { run };
document.getElementById('log')!.textContent = 'ready';
