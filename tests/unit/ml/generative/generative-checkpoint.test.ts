/**
 * Generative checkpoints on the CPU backend: a VAE's encoder and decoder and a GAN's generator
 * and discriminator, restored into freshly built models, give the outputs they gave when saved;
 * a run resumed from a checkpoint trains the next epoch exactly as an uninterrupted run does
 * (weights, optimizer slots and the seeded draws all continue); no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  AutoencoderCheckpoint,
  GanCheckpoint,
} from '../../../../src/core/network/checkpoint-types';
import { createRng } from '../../../../src/core/rng';
import {
  buildAutoencoder,
  restoreAutoencoderCheckpoint,
  trainAutoencoder,
  type AutoencoderConfig,
  type AutoencoderModel,
} from '../../../../src/ml/network/autoencoder';
import {
  buildGan,
  restoreGanCheckpoint,
  trainGan,
  type GanConfig,
  type GanModel,
} from '../../../../src/ml/network/gan';
import { defaultOptimizer } from '../../../../src/core/network/training-spec';
import { RunControl } from '../../../../src/ml/network/run-control';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const WIDTH = 6;

function rows(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * WIDTH }, () => rng());
}

const data = { width: WIDTH, train: rows(96, 1), validation: rows(16, 2), test: rows(16, 3) };

const vae: AutoencoderConfig = {
  variational: true,
  hidden: [12],
  latent: 2,
  activation: 'relu',
  outputActivation: 'sigmoid',
  optimizer: defaultOptimizer('adam'),
  learningRate: 0.01,
  batchSize: 16,
  epochs: 3,
  seed: 5,
  beta: 1,
};

const gan: GanConfig = {
  noise: 3,
  generatorHidden: [8],
  discriminatorHidden: [8],
  activation: 'relu',
  outputActivation: 'sigmoid',
  learningRate: 0.005,
  batchSize: 16,
  epochs: 3,
  seed: 4,
};

const probe = rows(8, 9);
const noise = Float32Array.from({ length: 8 * gan.noise }, (_, i) => Math.sin(i));

async function outputsOf(model: tf.LayersModel, input: Float32Array, width: number) {
  const out = tf.tidy(() =>
    model.predict(tf.tensor2d(input, [input.length / width, width])),
  ) as tf.Tensor;
  try {
    return Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

const vaeOutputs = async (model: AutoencoderModel) => [
  ...(await outputsOf(model.encoder, probe, WIDTH)),
  ...(await outputsOf(model.decoder, probe.slice(0, 8 * vae.latent), vae.latent)),
];
const ganOutputs = async (model: GanModel) => [
  ...(await outputsOf(model.generator, noise, gan.noise)),
  ...(await outputsOf(model.discriminator, probe, WIDTH)),
];

describe('autoencoder checkpoints', () => {
  it('restores a VAE that encodes and decodes as it did when saved; resuming continues exactly', async () => {
    const before = tf.memory().numTensors;
    const saved: AutoencoderCheckpoint[] = [];
    const atSave: number[][] = [];
    const full = await trainAutoencoder({
      data,
      config: vae,
      control: new RunControl(),
      checkpointEvery: 2,
      onCheckpoint: (c) => void saved.push(c),
      onEpoch: async (record, model) => {
        if (record.epoch === 2) atSave.push(await vaeOutputs(model));
      },
    });
    if (full.status === 'failed') throw new Error(full.code);
    expect(saved.map((c) => c.epoch)).toEqual([2]);
    const checkpoint = saved[0]!;
    expect(checkpoint.model).toBe('autoencoder');
    expect(checkpoint.encoder).toHaveLength(4);
    expect(checkpoint.decoder).toHaveLength(4);
    expect(checkpoint.optimizer.length).toBeGreaterThan(0);
    expect(checkpoint.history.map((h) => h.epoch)).toEqual([1, 2]);

    // A fresh model (other seed: other initial weights) restored from the checkpoint.
    const fresh = buildAutoencoder(WIDTH, { ...vae, seed: 99 });
    try {
      expect(await vaeOutputs(fresh)).not.toEqual(atSave[0]);
      await restoreAutoencoderCheckpoint(fresh, checkpoint);
      expect(await vaeOutputs(fresh)).toEqual(atSave[0]);
    } finally {
      fresh.encoder.dispose();
      fresh.decoder.dispose();
    }

    const resumed = await trainAutoencoder({
      data,
      config: vae,
      control: new RunControl(),
      resumeFrom: checkpoint,
    });
    if (resumed.status === 'failed') throw new Error(resumed.code);
    expect(resumed.history.map((h) => h.epoch)).toEqual([1, 2, 3]);
    expect(resumed.history[2]).toEqual(full.history[2]);
    expect(resumed.testReconstruction).toBe(full.testReconstruction);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('saves at stop, and a stopped run keeps its epochs', async () => {
    const control = new RunControl();
    const saved: AutoencoderCheckpoint[] = [];
    const result = await trainAutoencoder({
      data,
      config: { ...vae, variational: false, latent: 3 },
      control,
      checkpointEvery: 0,
      onCheckpoint: (c) => void saved.push(c),
      onEpoch: (record) => {
        if (record.epoch === 1) control.stop();
      },
    });
    expect(result.status).toBe('stopped');
    expect(saved.map((c) => c.epoch)).toEqual([1]);
  });
});

describe('GAN checkpoints', () => {
  it('restores both networks as saved; resuming continues exactly, without leaks', async () => {
    const before = tf.memory().numTensors;
    const train = rows(64, 6);
    const saved: GanCheckpoint[] = [];
    const atSave: number[][] = [];
    const full = await trainGan({
      rows: train,
      width: WIDTH,
      config: gan,
      control: new RunControl(),
      checkpointEvery: 2,
      onCheckpoint: (c) => void saved.push(c),
      onEpoch: async (record, model) => {
        if (record.epoch === 2) atSave.push(await ganOutputs(model));
      },
    });
    if (full.status === 'failed') throw new Error(full.code);
    const checkpoint = saved[0]!;
    expect(checkpoint.epoch).toBe(2);
    expect(checkpoint.generator).toHaveLength(4);
    expect(checkpoint.discriminator).toHaveLength(4);
    expect(checkpoint.generatorOptimizer.length).toBeGreaterThan(0);
    expect(checkpoint.discriminatorOptimizer.length).toBeGreaterThan(0);

    const fresh = buildGan(WIDTH, { ...gan, seed: 77 });
    try {
      await restoreGanCheckpoint(fresh, checkpoint);
      expect(await ganOutputs(fresh)).toEqual(atSave[0]);
    } finally {
      fresh.generator.dispose();
      fresh.discriminator.dispose();
    }

    const resumed = await trainGan({
      rows: train,
      width: WIDTH,
      config: gan,
      control: new RunControl(),
      resumeFrom: checkpoint,
    });
    if (resumed.status === 'failed') throw new Error(resumed.code);
    expect(resumed.history).toHaveLength(3);
    expect(resumed.history[2]).toEqual(full.history[2]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
