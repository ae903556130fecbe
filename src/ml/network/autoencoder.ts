/**
 * Autoencoders and variational autoencoders over flat rows (pixels or scaled features): a dense
 * encoder to a bottleneck and a mirrored decoder. The plain autoencoder minimizes the mean
 * squared reconstruction error; the VAE encodes a mean and a log-variance per latent unit,
 * samples with the reparameterization trick and adds the KL divergence to N(0, I), so its
 * latent plane can be decoded into new samples. Either one's bottleneck (the VAE's means) is a
 * learned dimensionality reduction for the embedding views. A run can save checkpoints (both
 * halves' weights, the optimizer's slots, the history) and continue from one: the seeded
 * generator is advanced past the epochs already trained, so the batches and the VAE's noise are
 * those an uninterrupted run would draw.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerActivation } from '../../core/network/spec';
import { createRng, permutation } from '../../core/rng';
import { createScheduledOptimizer } from './optimizers';
import type { OptimizerSpec } from '../../core/network/training-spec';
import type { RunControl } from './run-control';
import { yieldToEventLoop } from '../yield';
import type { AutoencoderCheckpoint } from '../../core/network/checkpoint-types';
import {
  modelWeights,
  optimizerState,
  restoreModelWeights,
  restoreOptimizerState,
} from './checkpoint';

export interface AutoencoderConfig {
  variational: boolean;
  /** Encoder widths, input side first; the decoder mirrors them. */
  hidden: number[];
  latent: number;
  activation: LayerActivation;
  /** 'sigmoid' for inputs scaled to [0, 1] (pixels), 'linear' otherwise. */
  outputActivation: 'sigmoid' | 'linear';
  optimizer: OptimizerSpec;
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
  /** Weight of the KL term (β-VAE); 1 is the classic VAE. */
  beta: number;
}

export interface AutoencoderEpoch {
  epoch: number;
  /** Mean reconstruction error per value (MSE), and the VAE's mean KL per row. */
  trainReconstruction: number;
  valReconstruction: number;
  trainKl: number;
  valKl: number;
}

export interface AutoencoderData {
  width: number;
  train: Float32Array;
  validation: Float32Array;
  test: Float32Array;
}

export interface AutoencoderModel {
  encoder: tf.Sequential;
  decoder: tf.Sequential;
  config: AutoencoderConfig;
}

export type AutoencoderResult =
  | {
      status: 'completed' | 'stopped';
      history: AutoencoderEpoch[];
      /** Test reconstruction MSE per value. */
      testReconstruction: number;
    }
  | { status: 'failed'; code: 'error.training.nanLoss'; params: { epoch: number } };

const SEED_RANGE = 2 ** 31;

export function buildAutoencoder(width: number, config: AutoencoderConfig): AutoencoderModel {
  const rng = createRng(config.seed);
  const init = () => tf.initializers.glorotUniform({ seed: Math.floor(rng() * SEED_RANGE) });
  const encoder = tf.sequential();
  config.hidden.forEach((units, i) =>
    encoder.add(
      tf.layers.dense({
        units,
        activation: config.activation,
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: [width] } : {}),
      }),
    ),
  );
  const codeUnits = config.variational ? 2 * config.latent : config.latent;
  encoder.add(
    tf.layers.dense({
      units: codeUnits,
      activation: 'linear',
      kernelInitializer: init(),
      ...(config.hidden.length === 0 ? { inputShape: [width] } : {}),
    }),
  );
  const decoder = tf.sequential();
  [...config.hidden].reverse().forEach((units, i) =>
    decoder.add(
      tf.layers.dense({
        units,
        activation: config.activation,
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape: [config.latent] } : {}),
      }),
    ),
  );
  decoder.add(
    tf.layers.dense({
      units: width,
      activation: config.outputActivation,
      kernelInitializer: init(),
      ...(config.hidden.length === 0 ? { inputShape: [config.latent] } : {}),
    }),
  );
  return { encoder, decoder, config };
}

/** The latent code of each row: the VAE's means, or the plain bottleneck. */
export function encode(model: AutoencoderModel, x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const code = model.encoder.apply(x) as tf.Tensor2D;
    return model.config.variational ? code.slice([0, 0], [-1, model.config.latent]) : code;
  });
}

/** Reconstruction (mean squared error per value) and KL (per row) terms for a batch. */
function losses(
  model: AutoencoderModel,
  x: tf.Tensor2D,
  training: boolean,
  noise: tf.Tensor2D | null,
): { reconstruction: tf.Scalar; objective: tf.Scalar; kl: tf.Scalar } {
  const { latent, variational } = model.config;
  const code = model.encoder.apply(x, { training }) as tf.Tensor2D;
  let z = code;
  let kl: tf.Scalar = tf.scalar(0);
  if (variational) {
    const mean = code.slice([0, 0], [-1, latent]);
    const logVar = code.slice([0, latent], [-1, latent]).clipByValue(-10, 10);
    z = noise ? mean.add(noise.mul(logVar.mul(0.5).exp())) : mean;
    // KL(N(μ, σ²) ‖ N(0, 1)) = −½ Σ (1 + log σ² − μ² − σ²), averaged over rows.
    kl = tf
      .scalar(1)
      .add(logVar)
      .sub(mean.square())
      .sub(logVar.exp())
      .sum(1)
      .mul(-0.5)
      .mean() as tf.Scalar;
  }
  const output = model.decoder.apply(z, { training }) as tf.Tensor2D;
  // The training objective is the per-row negative log-likelihood, summed over values so the KL
  // term keeps its proportion (Kingma & Welling): Bernoulli (binary cross-entropy) for [0, 1]
  // outputs, a unit Gaussian (half the squared error) otherwise. Reported: plain MSE per value.
  const clipped = output.clipByValue(1e-7, 1 - 1e-7);
  const objective =
    model.config.outputActivation === 'sigmoid'
      ? (x
          .mul(clipped.log())
          .add(tf.scalar(1).sub(x).mul(tf.scalar(1).sub(clipped).log()))
          .sum(1)
          .mean()
          .neg() as tf.Scalar)
      : (tf.squaredDifference(x, output).sum(1).mean().mul(0.5) as tf.Scalar);
  return { reconstruction: tf.losses.meanSquaredError(x, output) as tf.Scalar, objective, kl };
}

async function evaluate(
  model: AutoencoderModel,
  rows: Float32Array,
  width: number,
): Promise<[number, number]> {
  const stats = tf.tidy(() => {
    const { reconstruction, kl } = losses(
      model,
      tf.tensor2d(rows, [rows.length / width, width]),
      false,
      null,
    );
    return tf.stack([reconstruction, kl]);
  });
  const [reconstruction = Number.NaN, kl = Number.NaN] = Array.from(await stats.data());
  stats.dispose();
  return [reconstruction, kl];
}

/** Both halves' weights and the optimizer's slots, as plain data. */
export async function saveAutoencoderCheckpoint(
  model: AutoencoderModel,
  optimizer: tf.Optimizer,
  history: readonly AutoencoderEpoch[],
): Promise<AutoencoderCheckpoint> {
  return {
    version: 1,
    model: 'autoencoder',
    epoch: history.at(-1)?.epoch ?? 0,
    history: [...history],
    encoder: await modelWeights(model.encoder),
    decoder: await modelWeights(model.decoder),
    optimizer: await optimizerState(optimizer),
  };
}

/** Puts a checkpoint's weights (and, given one, the optimizer's slots) back. */
export async function restoreAutoencoderCheckpoint(
  model: AutoencoderModel,
  checkpoint: AutoencoderCheckpoint,
  optimizer?: tf.Optimizer,
): Promise<void> {
  restoreModelWeights(model.encoder, checkpoint.encoder);
  restoreModelWeights(model.decoder, checkpoint.decoder);
  if (optimizer) await restoreOptimizerState(optimizer, checkpoint.optimizer);
}

export async function trainAutoencoder(job: {
  data: AutoencoderData;
  config: AutoencoderConfig;
  control: RunControl;
  onEpoch?: (record: AutoencoderEpoch, model: AutoencoderModel) => Promise<void> | void;
  /** With the trained model, before it is disposed: latent scatter, sample grids. */
  onFinished?: (model: AutoencoderModel) => Promise<void> | void;
  /** Save a checkpoint every N epochs (0 = only at stop); none without `onCheckpoint`. */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: AutoencoderCheckpoint) => Promise<void> | void;
  /** Continue after this checkpoint's epoch, with its weights, optimizer and history. */
  resumeFrom?: AutoencoderCheckpoint;
}): Promise<AutoencoderResult> {
  const { data, config, control } = job;
  const { width } = data;
  const model = buildAutoencoder(width, config);
  const { optimizer } = createScheduledOptimizer(config.optimizer, config.learningRate);
  const rows = data.train.length / width;
  const xTrain = tf.tensor2d(data.train, [rows, width]);
  const rng = createRng(config.seed);
  const noiseSeed = () => Math.floor(rng() * SEED_RANGE);
  const history: AutoencoderEpoch[] = [];
  let stopped = false;
  try {
    const variables = [...model.encoder.trainableWeights, ...model.decoder.trainableWeights].map(
      (w) => w.read() as tf.Variable,
    );
    const batchSize = Math.max(1, Math.min(config.batchSize, rows));
    let firstEpoch = 1;
    if (job.resumeFrom) {
      await restoreAutoencoderCheckpoint(model, job.resumeFrom, optimizer);
      history.push(...job.resumeFrom.history);
      firstEpoch = job.resumeFrom.epoch + 1;
      const batches = Math.ceil(rows / batchSize);
      for (let e = 1; e < firstEpoch; e++) {
        permutation(rows, rng);
        if (config.variational) for (let b = 0; b < batches; b++) noiseSeed();
      }
    }
    const checkpoint = async () => {
      if (job.onCheckpoint && history.length > 0)
        await job.onCheckpoint(await saveAutoencoderCheckpoint(model, optimizer, history));
    };
    for (let epoch = firstEpoch; epoch <= config.epochs && !stopped; epoch++) {
      const order = permutation(rows, rng);
      let reconstructionSum = 0;
      let klSum = 0;
      for (let start = 0; start < rows; start += batchSize) {
        const size = Math.min(batchSize, rows - start);
        const stats = tf.tidy(() => {
          const xb = tf.gather(xTrain, tf.tensor1d(order.subarray(start, start + size), 'int32'));
          const noise = config.variational
            ? tf.randomNormal([size, config.latent], 0, 1, 'float32', noiseSeed())
            : null;
          let parts: tf.Scalar[] = [];
          const { grads } = tf.variableGrads(() => {
            const { reconstruction, objective, kl } = losses(
              model,
              xb as tf.Tensor2D,
              true,
              noise as tf.Tensor2D | null,
            );
            parts = [tf.keep(reconstruction), tf.keep(kl)];
            return objective.add(kl.mul(config.beta)) as tf.Scalar;
          }, variables);
          optimizer.applyGradients(grads);
          const out = tf.stack(parts);
          tf.dispose(parts);
          return out;
        });
        const [reconstruction = Number.NaN, kl = 0] = Array.from(await stats.data());
        stats.dispose();
        if (!Number.isFinite(reconstruction) || !Number.isFinite(kl)) {
          return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
        }
        reconstructionSum += reconstruction * size;
        klSum += kl * size;
        await yieldToEventLoop();
        if (!(await control.boundary('batch'))) {
          stopped = true;
          break;
        }
      }
      if (stopped) break;
      const [valReconstruction, valKl] = await evaluate(model, data.validation, width);
      const record: AutoencoderEpoch = {
        epoch,
        trainReconstruction: reconstructionSum / rows,
        valReconstruction,
        trainKl: klSum / rows,
        valKl,
      };
      history.push(record);
      await job.onEpoch?.(record, model);
      const every = job.checkpointEvery ?? 0;
      if (every > 0 && epoch % every === 0) await checkpoint();
      if (!(await control.boundary('epoch'))) stopped = true;
    }
    if (stopped) await checkpoint();
    const [testReconstruction] = await evaluate(model, data.test, width);
    await job.onFinished?.(model);
    return { status: stopped ? 'stopped' : 'completed', history, testReconstruction };
  } finally {
    xTrain.dispose();
    optimizer.dispose();
    model.encoder.dispose();
    model.decoder.dispose();
  }
}

/** Decodes a `steps × steps` grid over the latent plane (the first two latent units, others 0). */
export async function decodeLatentGrid(
  model: AutoencoderModel,
  steps: number,
  span = 2.5,
): Promise<Float32Array> {
  const { latent } = model.config;
  const points = new Float32Array(steps * steps * latent);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      const at = (r * steps + c) * latent;
      points[at] = -span + (2 * span * c) / Math.max(1, steps - 1);
      if (latent > 1) points[at + 1] = span - (2 * span * r) / Math.max(1, steps - 1);
    }
  }
  const decoded = tf.tidy(
    () => model.decoder.apply(tf.tensor2d(points, [steps * steps, latent])) as tf.Tensor,
  );
  try {
    return Float32Array.from(await decoded.data());
  } finally {
    decoded.dispose();
  }
}
