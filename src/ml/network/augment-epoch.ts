/**
 * Per-epoch training rows for builder networks: when the prepared data draws its training rows
 * afresh each epoch (image augmentation, Gaussian or text noise, SMOTE: the recipe's
 * REDRAWN_EACH_EPOCH steps), the training tensors are replaced at the start of every epoch
 * after the first. Validation and test tensors are never touched, so they stay unaugmented.
 *
 * Invariants: epoch 1 trains on the prepared rows (the recipe's draw with the run's seed) and
 * epoch e > 1 on `trainForEpoch(e)`, the recipe replayed with a seed derived from e, so the same
 * seed gives the same epochs and a run resumed at epoch e sees what an uninterrupted one would.
 * Fresh rows of another size than the prepared ones are ignored (the batch plan depends on
 * it). The tensors replaced are disposed here; the new ones go through the caller's `upload`,
 * which owns them.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainingData } from '../train-loop';

export type TrainingTensors = [x: tf.Tensor, y: tf.Tensor];

export function trainingTensorsForEpoch(
  epoch: number,
  data: TrainingData,
  current: TrainingTensors,
  upload: (x: Float32Array, y: Float32Array) => TrainingTensors,
): TrainingTensors {
  if (epoch <= 1 || !data.trainForEpoch) return current;
  const fresh = data.trainForEpoch(epoch);
  if (!fresh || fresh.x.length !== data.xTrain.length || fresh.y.length !== data.yTrain.length) {
    return current;
  }
  tf.dispose(current);
  return upload(fresh.x, fresh.y);
}
