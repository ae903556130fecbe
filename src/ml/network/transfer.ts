/**
 * Starts a freshly built network from a registered run's weights (core/network/transfer.ts):
 * the source's layers are copied into the new model by position, after their class and weight
 * shapes are checked; frozen layers get `trainable = false`, so the training loop never hands
 * them to the optimizer or the L1/L2 penalty; the output head is kept when the label set is the
 * source's and otherwise left as the builder initialized it (seeded from the network's seed).
 *
 * Invariants: nothing is copied unless every layer fits, so a refused source leaves the model
 * untouched; the source model is disposed before this returns, whatever the outcome.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ErrorParams } from '../../contracts/errors';
import type { TrainedModelArtifacts } from '../../contracts/training';
import { isSameLabelSet, type TransferSpec } from '../../core/network/transfer';
import { loadTrainedModel } from '../export/trained-model';

export interface NetworkTransfer {
  spec: TransferSpec;
  /** The source run's trained network, as the registry keeps it. */
  source: TrainedModelArtifacts;
}

export type TransferResult =
  | { ok: true; transferred: number; frozen: number; headReplaced: boolean }
  | {
      ok: false;
      code: 'error.transfer.mismatch' | 'error.transfer.depth' | 'error.transfer.frozenLayer';
      params: ErrorParams;
    };

/** The stack and the head, without the input layer (spec layer i is entry i). */
function layersOf(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

const shapesOf = (layer: tf.layers.Layer): string =>
  layer.weights.map((w) => w.shape.join('×')).join(', ') || '—';

export async function applyTransfer(
  model: tf.LayersModel,
  transfer: NetworkTransfer,
  classNames: readonly string[],
): Promise<TransferResult> {
  const source = await loadTrainedModel(transfer.source);
  try {
    const target = layersOf(model);
    const from = layersOf(source);
    if (from.length !== target.length) {
      return {
        ok: false,
        code: 'error.transfer.depth',
        params: { expected: from.length, got: target.length },
      };
    }
    const head = target.length - 1;
    const keepHead = isSameLabelSet(transfer.spec.sourceClasses, classNames);
    const copies: { to: tf.layers.Layer; from: tf.layers.Layer }[] = [];
    let headReplaced = false;
    for (let i = 0; i < target.length; i++) {
      const to = target[i]!;
      const was = from[i]!;
      const fits = to.getClassName() === was.getClassName() && shapesOf(to) === shapesOf(was);
      if (i === head && (!keepHead || !fits)) {
        headReplaced = true;
        continue;
      }
      if (!fits) {
        return {
          ok: false,
          code: 'error.transfer.mismatch',
          params: {
            layer: i + 1,
            type: to.getClassName(),
            got: shapesOf(to),
            expected: shapesOf(was),
          },
        };
      }
      if (to.weights.length > 0) copies.push({ to, from: was });
    }
    for (const index of transfer.spec.frozen) {
      if (index < 0 || index >= head) {
        return { ok: false, code: 'error.transfer.frozenLayer', params: { layer: index + 1 } };
      }
    }
    // getWeights() returns the source's own variables' tensors; setWeights copies them.
    for (const copy of copies) copy.to.setWeights(copy.from.getWeights());
    let frozen = 0;
    for (const index of transfer.spec.frozen) {
      const layer = target[index]!;
      if (layer.weights.length === 0) continue;
      layer.trainable = false;
      frozen++;
    }
    return { ok: true, transferred: copies.length, frozen, headReplaced };
  } finally {
    source.dispose();
  }
}
