/**
 * Transfer learning as plain data: a builder network can start from the weights of a run kept
 * in the registry, with some of its layers frozen and, when the label set differs, a new output
 * head. The Model screen builds a `TransferSpec`, the request carries it inside the network, the
 * training worker applies it (src/ml/network/transfer.ts) and the registry keeps it as lineage.
 *
 * Invariants: `frozen` holds indices into the stack (`NetworkSpec.layers`, never the head), in
 * ascending order, each once; the stack that trains is the source's stack, layer for layer.
 */
import type { DatasetShape } from './presets';
import type { LayerSpec, LayerType } from './spec';

export interface TransferSpec {
  /** The registry's run id whose weights start the run. */
  sourceRunId: string;
  /** The source run's display name when it was chosen ("Run 3"), for the lineage. */
  sourceName: string;
  /** The source run's dataset title, for the lineage. */
  sourceDataset: string;
  /** The source's class names in label order; null when unknown (a new head then trains). */
  sourceClasses: string[] | null;
  /** Stack layers (0-based) whose weights stay as the source left them. */
  frozen: number[];
}

/** Layers with weights of their own: the ones that can be transferred and frozen. */
const WEIGHTED: readonly LayerType[] = [
  'dense',
  'conv2d',
  'batchNorm',
  'layerNorm',
  'embedding',
  'simpleRnn',
  'lstm',
  'gru',
  'attention',
];

export function hasWeights(layer: LayerSpec): boolean {
  return WEIGHTED.includes(layer.type);
}

/** Layers that extract features from raw input (and are the usual ones to keep frozen). */
const FEATURE_EXTRACTORS: readonly LayerType[] = [
  'conv2d',
  'embedding',
  'simpleRnn',
  'lstm',
  'gru',
  'attention',
];

/**
 * The default choice of frozen layers: everything with weights up to the last feature extractor
 * (convolutions, embeddings, recurrent and attention blocks, and the normalization between
 * them); the dense layers after it adapt to the new labels. A stack of dense layers only keeps
 * its last hidden layer trainable, so the new head has something to adapt with.
 */
export function defaultFrozen(layers: readonly LayerSpec[]): number[] {
  let last = -1;
  layers.forEach((layer, i) => {
    if (FEATURE_EXTRACTORS.includes(layer.type)) last = i;
  });
  if (last < 0) {
    const weighted = layers.flatMap((layer, i) => (hasWeights(layer) ? [i] : []));
    return weighted.slice(0, -1);
  }
  return layers.flatMap((layer, i) => (i <= last && hasWeights(layer) ? [i] : []));
}

/** The frozen set with one layer switched, kept sorted; layers without weights are ignored. */
export function toggleFrozen(
  frozen: readonly number[],
  layers: readonly LayerSpec[],
  index: number,
  isFrozen: boolean,
): number[] {
  const layer = layers[index];
  if (!layer || !hasWeights(layer)) return [...frozen];
  const rest = frozen.filter((i) => i !== index);
  return (isFrozen ? [...rest, index] : rest).sort((a, b) => a - b);
}

/**
 * True when a network that reads `inputShape` can read the rows of `data`: as many values, and
 * an image shape only where the data's rows are images of that shape.
 */
export function fitsData(inputShape: readonly number[], data: DatasetShape): boolean {
  const size = inputShape.reduce((a, b) => a * b, 1);
  if (size !== data.width) return false;
  return inputShape.length === 1 || inputShape.join('x') === data.image?.join('x');
}

/** The same labels in the same order: the output layer can be kept as it was trained. */
export function isSameLabelSet(
  source: readonly string[] | null,
  target: readonly string[],
): boolean {
  return (
    source !== null &&
    source.length === target.length &&
    source.every((name, i) => name === target[i])
  );
}

export interface HeadPlan {
  replace: boolean;
  /** Output units of the source's head (null when the source's labels are unknown). */
  from: number | null;
  to: number;
}

/** Whether the output head is kept (same labels) or replaced by a fresh one for the new labels. */
export function headPlan(source: readonly string[] | null, target: readonly string[]): HeadPlan {
  return {
    replace: !isSameLabelSet(source, target),
    from: source === null ? null : source.length,
    to: target.length,
  };
}
