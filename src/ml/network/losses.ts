/**
 * Losses over the network's outputs, with optional per-row weights (class weights look up the
 * row's class). Classification networks end in softmax (or sigmoid for one unit), so the
 * cross-entropies take probabilities, clipped by Keras's epsilon to keep log() finite.
 * Also: gradient clipping by global norm, applied between `computeGradients` and the update.
 */
import * as tf from '@tensorflow/tfjs';
import type { LossName } from '../../core/network/training-spec';

const EPSILON = 1e-7;

/** Per-row loss: predictions [rows, k], targets one-hot/values [rows, k] or labels [rows]. */
export function perRowLoss(
  name: LossName,
  predictions: tf.Tensor,
  targets: tf.Tensor,
  huberDelta = 1,
): tf.Tensor1D {
  return tf.tidy(() => {
    const rows = predictions.shape[0] ?? 0;
    const flat = (t: tf.Tensor) => t.reshape([rows, -1]);
    const p = flat(predictions);
    switch (name) {
      case 'mse':
        return tf.squaredDifference(p, flat(targets)).mean(1) as tf.Tensor1D;
      case 'mae':
        return tf.abs(p.sub(flat(targets))).mean(1) as tf.Tensor1D;
      case 'huber': {
        const error = tf.abs(p.sub(flat(targets)));
        const quadratic = tf.minimum(error, huberDelta);
        const linear = error.sub(quadratic);
        return quadratic.square().mul(0.5).add(linear.mul(huberDelta)).mean(1) as tf.Tensor1D;
      }
      case 'binaryCrossentropy': {
        const y = flat(targets);
        const clipped = p.clipByValue(EPSILON, 1 - EPSILON);
        const terms = y
          .mul(clipped.log())
          .add(tf.scalar(1).sub(y).mul(tf.scalar(1).sub(clipped).log()));
        return terms.mean(1).neg() as tf.Tensor1D;
      }
      case 'categoricalCrossentropy':
      case 'sparseCategoricalCrossentropy': {
        const y =
          name === 'sparseCategoricalCrossentropy'
            ? tf.oneHot(targets.reshape([rows]).toInt(), p.shape[1] ?? 1)
            : flat(targets);
        return y.mul(p.clipByValue(EPSILON, 1).log()).sum(1).neg() as tf.Tensor1D;
      }
    }
  });
}

/** The batch loss: the mean of per-row losses, weighted when `weights` is given (Keras's way). */
export function batchLoss(
  name: LossName,
  predictions: tf.Tensor,
  targets: tf.Tensor,
  options: { weights?: tf.Tensor1D; huberDelta?: number } = {},
): tf.Scalar {
  return tf.tidy(() => {
    const rows = perRowLoss(name, predictions, targets, options.huberDelta);
    return (options.weights ? rows.mul(options.weights).mean() : rows.mean()) as tf.Scalar;
  });
}

/** Scales every gradient by min(1, maxNorm / globalNorm); returns new tensors, keeps the inputs. */
export function clipByGlobalNorm(gradients: tf.NamedTensorMap, maxNorm: number): tf.NamedTensorMap {
  return tf.tidy(() => {
    const tensors = Object.values(gradients);
    const norm = tf.sqrt(tf.addN(tensors.map((g) => g.square().sum())));
    const scale = tf.minimum(1, tf.scalar(maxNorm).div(norm.add(1e-12)));
    const clipped: tf.NamedTensorMap = {};
    for (const [name, gradient] of Object.entries(gradients)) clipped[name] = gradient.mul(scale);
    return clipped;
  });
}
