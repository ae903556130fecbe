/**
 * A generative run hands back its trained networks as TF.js layers artifacts: loaded again in
 * Node (tfjs CPU), they reproduce what the run's last views drew with the trained models (the
 * VAE's decoded latent grid and reconstructions, the GAN's generator samples), for completed
 * and stopped runs, without leaving tensors behind.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  GenerativeEpochEvent,
  GenerativeOutcome,
  GenerativeSpec,
  GenerativeView,
} from '../../../../src/contracts/generative';
import type { TrainRequest, TrainedModelArtifacts } from '../../../../src/contracts/training';
import { loadTrainedModel } from '../../../../src/ml/export/trained-model';
import {
  ganImageView,
  latentGridView,
  reconstructionView,
} from '../../../../src/ml/generative/generative-views';
import type { AutoencoderConfig, AutoencoderModel } from '../../../../src/ml/network/autoencoder';
import type { GanConfig, GanModel } from '../../../../src/ml/network/gan';
import { createTrainingService } from '../../../../src/ml/training-service';

const BASE = 'https://example.test/datasets/';
const DIGITS = readFileSync(resolve(process.cwd(), 'public/datasets/digits.csv'), 'utf8');
const fetchText = (url: string): Promise<string> =>
  url === `${BASE}digits.csv` ? Promise.resolve(DIGITS) : Promise.reject(new Error(`404 ${url}`));

function digits(generative: Partial<GenerativeSpec>): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'digits',
      url: `${BASE}digits.csv`,
      target: 'label',
      task: 'classification',
      features: Array.from({ length: 64 }, (_, i) => ({ name: `pixel${i}`, type: 'image-pixel' })),
      classes: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
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
      kind: 'vae',
      image: { shape: [8, 8, 1], pixelRange: [0, 16] },
      hidden: [32],
      latent: 2,
      epochs: 3,
      batchSize: 64,
      learningRate: 0.005,
      beta: 1,
      seed: 3,
      ...generative,
    },
    split: { train: 0.7, validation: 0.15, test: 0.15 },
    backend: 'cpu',
  };
}

/** Runs the job; `stopAfter` asks for a stop once that many epochs were shown. */
async function train(
  request: TrainRequest,
  stopAfter?: number,
): Promise<{ outcome: GenerativeOutcome; last: GenerativeEpochEvent }> {
  const service = createTrainingService({ fetchText });
  const shown: GenerativeEpochEvent[] = [];
  const outcome = await service.train(request, (event) => {
    if (event.type !== 'generated') return;
    shown.push(event);
    if (shown.length === stopAfter) service.stop(request.jobId);
  });
  const last = shown.at(-1);
  if (outcome.status !== 'generated' || !last) throw new Error(JSON.stringify(outcome));
  return { outcome, last };
}

function viewOf<K extends GenerativeView['kind']>(
  event: GenerativeEpochEvent,
  kind: K,
): Extract<GenerativeView, { kind: K }> {
  const view = event.views.find((v) => v.kind === kind);
  if (!view) throw new Error(`no ${kind} view`);
  return view as Extract<GenerativeView, { kind: K }>;
}

function part(artifacts: TrainedModelArtifacts | undefined): Promise<tf.Sequential> {
  if (!artifacts) throw new Error('the run handed no network back');
  expect(artifacts.format).toBe('tfjs-layers');
  return loadTrainedModel(artifacts) as Promise<tf.Sequential>;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a).toHaveLength(b.length);
  return a.reduce((worst, v, i) => Math.max(worst, Math.abs(v - (b[i] ?? NaN))), 0);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('generative runs hand back their trained networks', () => {
  it('VAE: the loaded encoder and decoder redraw the last latent grid and reconstructions', async () => {
    const before = tf.memory().numTensors;
    const { outcome, last } = await train(digits({}));
    expect(outcome.stopped).toBe(false);
    const { encoder, decoder } = outcome.trainedModels ?? {};
    expect(Object.keys(outcome.trainedModels ?? {})).toEqual(['encoder', 'decoder']);
    // 64 → 32 → 2 × 2 (means and log-variances), and back: 64·32+32 + 32·4+4 + 2·32+32 + 32·64+64.
    expect(encoder!.weightData.byteLength + decoder!.weightData.byteLength).toBe(
      4 * (2080 + 132 + 96 + 2112),
    );
    const model: AutoencoderModel = {
      encoder: await part(encoder),
      decoder: await part(decoder),
      config: { variational: true, latent: 2 } as AutoencoderConfig,
    };
    try {
      const grid = viewOf(last, 'samples').grid;
      const again = await latentGridView(model, [8, 8]);
      if (again.kind !== 'samples') throw new Error('not a sample grid');
      expect(maxDifference(again.grid.pixels, grid.pixels)).toBeLessThan(1e-6);
      const shown = viewOf(last, 'reconstruction');
      const redrawn = await reconstructionView(model, shown.originals.pixels, 64, [8, 8]);
      if (redrawn.kind !== 'reconstruction') throw new Error('not a reconstruction');
      expect(
        maxDifference(redrawn.reconstructions.pixels, shown.reconstructions.pixels),
      ).toBeLessThan(1e-6);
    } finally {
      model.encoder.dispose();
      model.decoder.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('GAN stopped after its first epoch: the loaded generator redraws that epoch’s samples', async () => {
    const before = tf.memory().numTensors;
    const request = digits({ kind: 'gan', hidden: [32], latent: 8, epochs: 20 });
    const { outcome, last } = await train(request, 1);
    expect(outcome.stopped).toBe(true);
    expect(outcome.epochsRun).toBe(1);
    const { generator, discriminator } = outcome.trainedModels ?? {};
    const model: GanModel = {
      generator: await part(generator),
      discriminator: await part(discriminator),
      config: { noise: 8 } as GanConfig,
    };
    try {
      const redrawn = await ganImageView(model, [8, 8]);
      if (redrawn.kind !== 'samples') throw new Error('not a sample grid');
      expect(maxDifference(redrawn.grid.pixels, viewOf(last, 'samples').grid.pixels)).toBeLessThan(
        1e-6,
      );
      // The discriminator scores one 8 × 8 image with one probability.
      const score = tf.tidy(() => model.discriminator.predict(tf.zeros([1, 64])) as tf.Tensor);
      expect(score.shape).toEqual([1, 1]);
      score.dispose();
    } finally {
      model.generator.dispose();
      model.discriminator.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
