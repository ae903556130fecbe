/**
 * Makes and restores training checkpoints (core/network/checkpoint-types.ts): the model's
 * weights and the optimizer's slots as typed arrays. Restoring the optimizer too makes a
 * resumed run continue as if never interrupted (Adam's moments included).
 */
import * as tf from '@tensorflow/tfjs';
import type { NetworkCheckpoint, SavedTensor } from '../../core/network/checkpoint-types';

export type { NetworkCheckpoint, SavedTensor };

export async function saveTensors(
  named: { name: string; tensor: tf.Tensor }[],
): Promise<SavedTensor[]> {
  return Promise.all(
    named.map(async ({ name, tensor }) => ({
      name,
      shape: [...tensor.shape],
      values: Float32Array.from(await tensor.data()),
    })),
  );
}

export async function modelWeights(model: tf.LayersModel): Promise<SavedTensor[]> {
  return saveTensors(model.weights.map((w) => ({ name: w.originalName, tensor: w.read() })));
}

/** Puts saved weights back, matched by position; a different architecture is an error. */
export function restoreModelWeights(model: tf.LayersModel, saved: readonly SavedTensor[]): void {
  if (saved.length !== model.weights.length) {
    throw new Error(`checkpoint has ${saved.length} weights, the model ${model.weights.length}`);
  }
  const tensors = saved.map((s, i) => {
    const expected = model.weights[i]?.shape ?? [];
    if (s.shape.join('x') !== expected.join('x')) {
      throw new Error(
        `checkpoint weight ${s.name} is ${s.shape.join('×')}, expected ${expected.join('×')}`,
      );
    }
    return tf.tensor(s.values, s.shape);
  });
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

export async function optimizerState(optimizer: tf.Optimizer): Promise<SavedTensor[]> {
  const named = await optimizer.getWeights();
  try {
    return await saveTensors(named);
  } finally {
    // The slots are the optimizer's own variables; the step count ('iter') is a new scalar.
    tf.dispose(named.map((n) => n.tensor).filter((t) => !(t instanceof tf.Variable)));
  }
}

export async function restoreOptimizerState(
  optimizer: tf.Optimizer,
  saved: readonly SavedTensor[],
): Promise<void> {
  if (saved.length === 0) return;
  const tensors = saved.map((s) => ({ name: s.name, tensor: tf.tensor(s.values, s.shape) }));
  try {
    await optimizer.setWeights(tensors);
  } finally {
    tf.dispose(tensors.map((t) => t.tensor));
  }
}
