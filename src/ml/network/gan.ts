/**
 * A generative adversarial network over flat rows (2-D points or pixels): a dense generator
 * from Gaussian noise and a dense discriminator, trained in alternation as in Goodfellow et al.
 * (2014) with the non-saturating generator loss; Adam with β1 = 0.5 as DCGAN recommends. Each
 * epoch reports both losses and the discriminator's mean output on real and generated rows, the
 * numbers GAN Lab shows, and the caller can draw samples from the generator as it learns. A run
 * can save checkpoints (both networks, both optimizers, the history) and continue from one, with
 * the seeded generator advanced past the epochs already trained.
 */
import * as tf from '@tensorflow/tfjs';
import type { LayerActivation } from '../../core/network/spec';
import { createRng, permutation } from '../../core/rng';
import { yieldToEventLoop } from '../yield';
import type { RunControl } from './run-control';
import type { GanCheckpoint } from '../../core/network/checkpoint-types';
import {
  modelWeights,
  optimizerState,
  restoreModelWeights,
  restoreOptimizerState,
} from './checkpoint';

export interface GanConfig {
  noise: number;
  generatorHidden: number[];
  discriminatorHidden: number[];
  activation: LayerActivation;
  /** 'sigmoid' for pixels in [0, 1], 'linear' for points. */
  outputActivation: 'sigmoid' | 'linear';
  learningRate: number;
  batchSize: number;
  epochs: number;
  seed: number;
}

export interface GanEpoch {
  epoch: number;
  discriminatorLoss: number;
  generatorLoss: number;
  /** Mean discriminator output on real rows and on generated ones (0.5 each at equilibrium). */
  realScore: number;
  fakeScore: number;
}

export interface GanModel {
  generator: tf.Sequential;
  discriminator: tf.Sequential;
  config: GanConfig;
}

export type GanResult =
  | { status: 'completed' | 'stopped'; history: GanEpoch[] }
  | { status: 'failed'; code: 'error.training.nanLoss'; params: { epoch: number } };

const SEED_RANGE = 2 ** 31;
const EPSILON = 1e-7;

function stack(
  input: number,
  hidden: number[],
  output: number,
  activation: LayerActivation,
  outputActivation: LayerActivation,
  nextSeed: () => number,
): tf.Sequential {
  const model = tf.sequential();
  [...hidden, output].forEach((units, i) =>
    model.add(
      tf.layers.dense({
        units,
        activation: i === hidden.length ? outputActivation : activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        ...(i === 0 ? { inputShape: [input] } : {}),
      }),
    ),
  );
  return model;
}

export function buildGan(width: number, config: GanConfig): GanModel {
  const rng = createRng(config.seed);
  const nextSeed = () => Math.floor(rng() * SEED_RANGE);
  return {
    generator: stack(
      config.noise,
      config.generatorHidden,
      width,
      config.activation,
      config.outputActivation,
      nextSeed,
    ),
    discriminator: stack(width, config.discriminatorHidden, 1, 'relu', 'sigmoid', nextSeed),
    config,
  };
}

/** `count` generated rows from seeded noise. */
export async function sampleGan(
  model: GanModel,
  count: number,
  seed: number,
): Promise<Float32Array> {
  const out = tf.tidy(
    () =>
      model.generator.apply(
        tf.randomNormal([count, model.config.noise], 0, 1, 'float32', seed),
      ) as tf.Tensor,
  );
  try {
    return Float32Array.from(await out.data());
  } finally {
    out.dispose();
  }
}

const logOf = (t: tf.Tensor) => t.clipByValue(EPSILON, 1 - EPSILON).log();

interface GanOptimizers {
  generator: tf.Optimizer;
  discriminator: tf.Optimizer;
}

/** Both networks' weights and both optimizers' slots, as plain data. */
export async function saveGanCheckpoint(
  model: GanModel,
  optimizers: GanOptimizers,
  history: readonly GanEpoch[],
): Promise<GanCheckpoint> {
  return {
    version: 1,
    model: 'gan',
    epoch: history.at(-1)?.epoch ?? 0,
    history: [...history],
    generator: await modelWeights(model.generator),
    discriminator: await modelWeights(model.discriminator),
    generatorOptimizer: await optimizerState(optimizers.generator),
    discriminatorOptimizer: await optimizerState(optimizers.discriminator),
  };
}

/** Puts a checkpoint's weights (and, given them, the optimizers' slots) back. */
export async function restoreGanCheckpoint(
  model: GanModel,
  checkpoint: GanCheckpoint,
  optimizers?: GanOptimizers,
): Promise<void> {
  restoreModelWeights(model.generator, checkpoint.generator);
  restoreModelWeights(model.discriminator, checkpoint.discriminator);
  if (!optimizers) return;
  await restoreOptimizerState(optimizers.generator, checkpoint.generatorOptimizer);
  await restoreOptimizerState(optimizers.discriminator, checkpoint.discriminatorOptimizer);
}

export async function trainGan(job: {
  rows: Float32Array;
  width: number;
  config: GanConfig;
  control: RunControl;
  onEpoch?: (record: GanEpoch, model: GanModel) => Promise<void> | void;
  /** With the trained networks (completed or stopped), before they are disposed. */
  onFinished?: (model: GanModel) => Promise<void> | void;
  /** Save a checkpoint every N epochs (0 = only at stop); none without `onCheckpoint`. */
  checkpointEvery?: number;
  onCheckpoint?: (checkpoint: GanCheckpoint) => Promise<void> | void;
  /** Continue after this checkpoint's epoch, with its weights, optimizers and history. */
  resumeFrom?: GanCheckpoint;
}): Promise<GanResult> {
  const { rows: data, width, config, control } = job;
  const model = buildGan(width, config);
  const dOptimizer: tf.Optimizer = tf.train.adam(config.learningRate, 0.5, 0.999);
  const gOptimizer: tf.Optimizer = tf.train.adam(config.learningRate, 0.5, 0.999);
  const rows = data.length / width;
  const real = tf.tensor2d(data, [rows, width]);
  const rng = createRng(config.seed + 1);
  const nextSeed = () => Math.floor(rng() * SEED_RANGE);
  const dVariables = model.discriminator.trainableWeights.map((w) => w.read() as tf.Variable);
  const gVariables = model.generator.trainableWeights.map((w) => w.read() as tf.Variable);
  const history: GanEpoch[] = [];
  let stopped = false;
  const optimizers = { generator: gOptimizer, discriminator: dOptimizer };
  try {
    const batchSize = Math.max(1, Math.min(config.batchSize, rows));
    let firstEpoch = 1;
    if (job.resumeFrom) {
      await restoreGanCheckpoint(model, job.resumeFrom, optimizers);
      history.push(...job.resumeFrom.history);
      firstEpoch = job.resumeFrom.epoch + 1;
      // Each batch drew two noise seeds (the discriminator's step, then the generator's).
      const draws = 2 * Math.ceil(rows / batchSize);
      for (let e = 1; e < firstEpoch; e++) {
        permutation(rows, rng);
        for (let d = 0; d < draws; d++) nextSeed();
      }
    }
    const checkpoint = async () => {
      if (job.onCheckpoint && history.length > 0)
        await job.onCheckpoint(await saveGanCheckpoint(model, optimizers, history));
    };
    for (let epoch = firstEpoch; epoch <= config.epochs && !stopped; epoch++) {
      const order = permutation(rows, rng);
      const sums = [0, 0, 0, 0];
      let batches = 0;
      for (let start = 0; start < rows; start += batchSize) {
        const size = Math.min(batchSize, rows - start);
        const stats = tf.tidy(() => {
          const batch = tf.gather(real, tf.tensor1d(order.subarray(start, start + size), 'int32'));
          const noise = () => tf.randomNormal([size, config.noise], 0, 1, 'float32', nextSeed());
          let scores: tf.Scalar[] = [];
          // Discriminator: maximize log D(x) + log(1 − D(G(z))).
          const dStep = tf.variableGrads(() => {
            const onReal = model.discriminator.apply(batch, { training: true }) as tf.Tensor;
            const fake = model.generator.apply(noise(), { training: true }) as tf.Tensor;
            const onFake = model.discriminator.apply(fake, { training: true }) as tf.Tensor;
            scores = [tf.keep(onReal.mean() as tf.Scalar), tf.keep(onFake.mean() as tf.Scalar)];
            return logOf(onReal)
              .add(logOf(tf.scalar(1).sub(onFake)))
              .mean()
              .neg() as tf.Scalar;
          }, dVariables);
          dOptimizer.applyGradients(dStep.grads);
          // Generator: maximize log D(G(z)) (non-saturating).
          const gStep = tf.variableGrads(() => {
            const fake = model.generator.apply(noise(), { training: true }) as tf.Tensor;
            const onFake = model.discriminator.apply(fake, { training: true }) as tf.Tensor;
            return logOf(onFake).mean().neg() as tf.Scalar;
          }, gVariables);
          gOptimizer.applyGradients(gStep.grads);
          const out = tf.stack([dStep.value, gStep.value, ...scores]);
          tf.dispose(scores);
          return out;
        });
        const values = Array.from(await stats.data());
        stats.dispose();
        if (!values.every(Number.isFinite)) {
          return { status: 'failed', code: 'error.training.nanLoss', params: { epoch } };
        }
        values.forEach((v, i) => (sums[i] = (sums[i] ?? 0) + v));
        batches++;
        await yieldToEventLoop();
        if (!(await control.boundary('batch'))) {
          stopped = true;
          break;
        }
      }
      if (stopped) break;
      const [d = 0, g = 0, realScore = 0, fakeScore = 0] = sums.map((s) => s / batches);
      const record: GanEpoch = {
        epoch,
        discriminatorLoss: d,
        generatorLoss: g,
        realScore,
        fakeScore,
      };
      history.push(record);
      await job.onEpoch?.(record, model);
      const every = job.checkpointEvery ?? 0;
      if (every > 0 && epoch % every === 0) await checkpoint();
      if (!(await control.boundary('epoch'))) stopped = true;
    }
    if (stopped) await checkpoint();
    await job.onFinished?.(model);
    return { status: stopped ? 'stopped' : 'completed', history };
  } finally {
    real.dispose();
    dOptimizer.dispose();
    gOptimizer.dispose();
    model.generator.dispose();
    model.discriminator.dispose();
  }
}
