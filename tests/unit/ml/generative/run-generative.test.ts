import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  GenerativeEpochEvent,
  GenerativeSpec,
  GenerativeView,
} from '../../../../src/contracts/generative';
import type { TrainRequest, TrainingEvent } from '../../../../src/contracts/training';
import { createTrainingService } from '../../../../src/ml/training-service';

const BASE = 'https://example.test/datasets/';
const read = (file: string) =>
  readFileSync(resolve(process.cwd(), 'public/datasets', file), 'utf8');
const FILES: Record<string, string> = {
  'digits.csv': read('digits.csv'),
  'iris.csv': read('iris.csv'),
};
const fetchText = (url: string): Promise<string> => {
  const text = FILES[url.slice(BASE.length)];
  return text === undefined ? Promise.reject(new Error(`404 ${url}`)) : Promise.resolve(text);
};

const DIGIT_CLASSES = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];

function digits(generative: Partial<GenerativeSpec>): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'digits',
      url: `${BASE}digits.csv`,
      target: 'label',
      task: 'classification',
      features: Array.from({ length: 64 }, (_, i) => ({ name: `pixel${i}`, type: 'image-pixel' })),
      classes: DIGIT_CLASSES,
    },
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 32,
      epochs: 1,
      seed: 3,
    },
    generative: {
      kind: 'autoencoder',
      image: { shape: [8, 8, 1], pixelRange: [0, 16] },
      hidden: [32],
      latent: 8,
      epochs: 15,
      batchSize: 32,
      learningRate: 0.005,
      beta: 1,
      seed: 3,
      ...generative,
    },
    split: { train: 0.7, validation: 0.15, test: 0.15 },
    backend: 'cpu',
  };
}

function iris(): TrainRequest {
  const request = digits({ kind: 'embedding', hidden: [8], epochs: 60, learningRate: 0.01 });
  delete request.generative?.image;
  request.dataset = {
    id: 'iris',
    url: `${BASE}iris.csv`,
    target: 'species',
    task: 'classification',
    features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
      (name) => ({ name, type: 'numeric' }),
    ),
    classes: ['setosa', 'versicolor', 'virginica'],
  };
  return request;
}

async function run(request: TrainRequest) {
  const service = createTrainingService({ fetchText });
  const events: TrainingEvent[] = [];
  const tensors: number[] = [];
  const startedAt = performance.now();
  const outcome = await service.train(request, (event) => {
    events.push(event);
    if (event.type === 'generated') tensors.push(tf.memory().numTensors);
  });
  const seconds = (performance.now() - startedAt) / 1000;
  const generated = events.filter((e): e is GenerativeEpochEvent => e.type === 'generated');
  return { outcome, generated, tensors, seconds };
}

function viewOf<K extends GenerativeView['kind']>(
  event: GenerativeEpochEvent | undefined,
  kind: K,
  source?: string,
): Extract<GenerativeView, { kind: K }> {
  const view = event?.views.find(
    (v) => v.kind === kind && (source === undefined || ('source' in v && v.source === source)),
  );
  if (!view) throw new Error(`no ${kind} view`);
  return view as Extract<GenerativeView, { kind: K }>;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('generative jobs in the training service', () => {
  it('autoencoder on digits: test MSE under 40% of the mean-image baseline, no leaks', async () => {
    const before = tf.memory().numTensors;
    const { outcome, generated, tensors, seconds } = await run(digits({}));
    if (outcome.status !== 'generated') throw new Error(JSON.stringify(outcome));
    const { reconstruction = NaN, baselineReconstruction = NaN } = outcome.metrics;
    console.log(
      `autoencoder digits: test MSE ${reconstruction.toFixed(4)} vs mean image ` +
        `${baselineReconstruction.toFixed(4)}, ${outcome.epochsRun} epochs, ${seconds.toFixed(1)} s`,
    );
    expect(reconstruction).toBeLessThan(0.4 * baselineReconstruction);
    expect(generated).toHaveLength(15);
    const grid = viewOf(generated.at(-1), 'reconstruction');
    expect(grid.originals.count).toBe(16);
    expect(grid.reconstructions.pixels).toHaveLength(16 * 64);
    expect(grid.originals.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(tensors.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('VAE on digits: a 2-D latent scatter of the test set, finite KL, an 8 × 8 decoded grid', async () => {
    const request = digits({ kind: 'vae', hidden: [64], epochs: 10, learningRate: 0.003 });
    const { outcome, generated, tensors, seconds } = await run(request);
    if (outcome.status !== 'generated') throw new Error(JSON.stringify(outcome));
    console.log(
      `VAE digits: test MSE ${outcome.metrics.reconstruction?.toFixed(4)} (mean image ` +
        `${outcome.metrics.baselineReconstruction?.toFixed(4)}), KL ${outcome.metrics.kl?.toFixed(2)}, ` +
        `${seconds.toFixed(1)} s`,
    );
    const last = generated.at(-1);
    expect(Number.isFinite(last?.losses.kl)).toBe(true);
    expect(last?.losses.kl).toBeGreaterThan(0);
    const scatter = viewOf(last, 'scatter', 'latent');
    // 15% of the 1,797 digits, dealt by class.
    const testRows = scatter.labels?.length ?? 0;
    expect(testRows).toBeGreaterThan(260);
    expect(scatter.points).toHaveLength(2 * testRows);
    expect(scatter.points.every(Number.isFinite)).toBe(true);
    expect(scatter.classNames).toEqual(DIGIT_CLASSES);
    const grid = viewOf(last, 'samples', 'latentGrid').grid;
    expect([grid.count, grid.height, grid.width]).toEqual([64, 8, 8]);
    expect(grid.pixels).toHaveLength(64 * 64);
    expect(outcome.metrics.reconstruction).toBeLessThan(outcome.metrics.baselineReconstruction!);
    expect(new Set(tensors.slice(1)).size).toBe(1);
  });

  it('GAN on 2-D points: samples at each epoch, both losses, mean close to the target', async () => {
    const request = digits({
      kind: 'gan',
      hidden: [32, 32],
      latent: 2,
      epochs: 30,
      batchSize: 50,
      learningRate: 0.005,
      points: { kind: 'moons', samples: 400, noise: 0.05 },
    });
    delete request.generative?.image;
    const { outcome, generated, tensors, seconds } = await run(request);
    if (outcome.status !== 'generated') throw new Error(JSON.stringify(outcome));
    console.log(
      `GAN moons: D ${outcome.metrics.discriminator?.toFixed(3)}, G ${outcome.metrics.generator?.toFixed(3)}, ` +
        `mean gap ${outcome.metrics.meanGap?.toFixed(3)}, ${seconds.toFixed(1)} s`,
    );
    expect(generated).toHaveLength(30);
    const scatter = viewOf(generated.at(-1), 'scatter', 'generator');
    expect(scatter.points).toHaveLength(800);
    expect(scatter.real?.length).toBe(800);
    expect(
      generated.every((e) => Number.isFinite(e.losses.generator! + e.losses.discriminator!)),
    ).toBe(true);
    expect(outcome.metrics.meanGap).toBeLessThan(0.5);
    expect(new Set(tensors.slice(1)).size).toBe(1);
  });

  it('GAN on digits: a 16-image sample grid in [0, 1]', async () => {
    const request = digits({
      kind: 'gan',
      hidden: [64],
      latent: 16,
      epochs: 2,
      learningRate: 0.002,
    });
    const { outcome, generated } = await run(request);
    expect(outcome.status).toBe('generated');
    const grid = viewOf(generated.at(-1), 'samples', 'generator').grid;
    expect(grid.pixels).toHaveLength(16 * 64);
    expect(grid.pixels.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it('bottleneck embedding of iris: every row in 2-D, coloured by species', async () => {
    const { outcome, generated, seconds } = await run(iris());
    if (outcome.status !== 'generated') throw new Error(JSON.stringify(outcome));
    console.log(
      `AE embedding iris: test MSE ${outcome.metrics.reconstruction?.toFixed(3)} vs mean ` +
        `${outcome.metrics.baselineReconstruction?.toFixed(3)}, ${seconds.toFixed(1)} s`,
    );
    const scatter = viewOf(generated.at(-1), 'scatter', 'embedding');
    expect(scatter.points).toHaveLength(300);
    expect(new Set(scatter.labels)).toEqual(new Set([0, 1, 2]));
    expect(outcome.metrics.reconstruction).toBeLessThan(
      0.5 * outcome.metrics.baselineReconstruction!,
    );
  });

  it('stops after the epoch in progress when asked, still scoring the test set', async () => {
    const service = createTrainingService({ fetchText });
    let epochs = 0;
    const outcome = await service.train(digits({ epochs: 50 }), (event) => {
      if (event.type === 'generated' && ++epochs === 2) service.stop(1);
    });
    expect(outcome).toMatchObject({ status: 'generated', stopped: true });
    if (outcome.status !== 'generated') return;
    expect(outcome.epochsRun).toBe(2);
    expect(Number.isFinite(outcome.metrics.reconstruction)).toBe(true);
  });

  it('refuses settings out of range, naming the field', async () => {
    const { outcome } = await run(digits({ latent: 0 }));
    expect(outcome).toMatchObject({
      status: 'failed',
      code: 'error.config.invalid',
      params: { field: 'latent' },
    });
  });
});
