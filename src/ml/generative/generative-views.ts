/**
 * What a generative job shows after each epoch, read from the live model as plain arrays: a
 * reconstruction grid, a latent or embedding scatter, a decoded latent grid and generator
 * samples. Every function keeps its tensors inside `tf.tidy` or disposes them after reading, so
 * calling them each epoch leaves the tensor count flat.
 */
import * as tf from '@tensorflow/tfjs';
import type { GenerativeView, ImageGrid } from '../../contracts/generative';
import { decodeLatentGrid, encode, type AutoencoderModel } from '../network/autoencoder';
import { sampleGan, type GanModel } from '../network/gan';

/** Images per grid: enough to judge, small enough to post every epoch (64 × 784 floats). */
export const GRID_IMAGES = 16;
export const LATENT_GRID_STEPS = 8;
export const LATENT_SPAN = 2.5;
/** Points drawn in a scatter; more only slow the chart down. */
export const MAX_SCATTER_POINTS = 1500;
/** Generator samples for a 2-D GAN. */
export const GAN_POINTS = 400;
/** The same noise every epoch, so the samples show the generator changing, not the noise. */
const SAMPLE_SEED = 20_240_601;

async function read(tensor: tf.Tensor): Promise<Float32Array> {
  try {
    return Float32Array.from(await tensor.data());
  } finally {
    tensor.dispose();
  }
}

function gridOf(pixels: Float32Array, count: number, shape: [number, number]): ImageGrid {
  return { count, height: shape[0], width: shape[1], pixels };
}

function firstRows(rows: Float32Array, width: number, count: number): Float32Array {
  return rows.slice(0, Math.min(count, rows.length / width) * width);
}

export async function reconstructionView(
  model: AutoencoderModel,
  rows: Float32Array,
  width: number,
  shape: [number, number],
): Promise<GenerativeView> {
  const originals = firstRows(rows, width, GRID_IMAGES);
  const count = originals.length / width;
  const output = tf.tidy(() => {
    const code = encode(model, tf.tensor2d(originals, [count, width]));
    return model.decoder.apply(code) as tf.Tensor;
  });
  return {
    kind: 'reconstruction',
    originals: gridOf(originals, count, shape),
    reconstructions: gridOf(await read(output), count, shape),
  };
}

/** The first two latent units of each row (the VAE's means), for a scatter. */
export async function latentPoints(
  model: AutoencoderModel,
  rows: Float32Array,
  width: number,
): Promise<Float32Array> {
  const count = Math.min(MAX_SCATTER_POINTS, rows.length / width);
  if (count === 0) return new Float32Array(0);
  const code = tf.tidy(() => {
    const z = encode(model, tf.tensor2d(rows.subarray(0, count * width), [count, width]));
    return model.config.latent >= 2 ? z.slice([0, 0], [-1, 2]) : z.concat(tf.zerosLike(z), 1);
  });
  return read(code);
}

export async function scatterView(
  model: AutoencoderModel,
  source: 'latent' | 'embedding',
  rows: Float32Array,
  width: number,
  labels: Int32Array | null,
  classNames: string[],
): Promise<GenerativeView> {
  const points = await latentPoints(model, rows, width);
  return {
    kind: 'scatter',
    source,
    points,
    labels: labels ? labels.slice(0, points.length / 2) : null,
    classNames,
  };
}

export async function latentGridView(
  model: AutoencoderModel,
  shape: [number, number],
): Promise<GenerativeView> {
  const pixels = await decodeLatentGrid(model, LATENT_GRID_STEPS, LATENT_SPAN);
  const count = LATENT_GRID_STEPS * LATENT_GRID_STEPS;
  return {
    kind: 'samples',
    source: 'latentGrid',
    grid: gridOf(pixels, count, shape),
    span: LATENT_SPAN,
  };
}

export async function ganImageView(
  model: GanModel,
  shape: [number, number],
): Promise<GenerativeView> {
  const pixels = await sampleGan(model, GRID_IMAGES, SAMPLE_SEED);
  return { kind: 'samples', source: 'generator', grid: gridOf(pixels, GRID_IMAGES, shape) };
}

/** Generated and real points, both in the generator's drawing units. */
export async function ganPointsView(
  model: GanModel,
  real: Float32Array,
  scale: number,
): Promise<GenerativeView> {
  const generated = await sampleGan(model, GAN_POINTS, SAMPLE_SEED);
  const shown = real.slice(0, Math.min(real.length, GAN_POINTS * 2));
  return {
    kind: 'scatter',
    source: 'generator',
    points: generated.map((v) => v * scale),
    labels: null,
    classNames: [],
    real: shown.map((v) => v * scale),
  };
}

/** Mean squared error of predicting every test row by the training rows' mean row. */
export function meanRowBaseline(train: Float32Array, test: Float32Array, width: number): number {
  const trainRows = train.length / width;
  const testRows = test.length / width;
  if (trainRows === 0 || testRows === 0) return Number.NaN;
  const mean = new Float64Array(width);
  for (let r = 0; r < trainRows; r++) {
    for (let c = 0; c < width; c++) mean[c]! += train[r * width + c]! / trainRows;
  }
  let total = 0;
  for (let r = 0; r < testRows; r++) {
    for (let c = 0; c < width; c++) total += (test[r * width + c]! - mean[c]!) ** 2;
  }
  return total / test.length;
}

/** Distance between the mean of generated points and the mean of the real ones. */
export function meanGap(generated: Float32Array, real: Float32Array): number {
  const meanOf = (rows: Float32Array, axis: number) => {
    let sum = 0;
    for (let i = axis; i < rows.length; i += 2) sum += rows[i]!;
    return sum / Math.max(1, rows.length / 2);
  };
  return Math.hypot(meanOf(generated, 0) - meanOf(real, 0), meanOf(generated, 1) - meanOf(real, 1));
}
