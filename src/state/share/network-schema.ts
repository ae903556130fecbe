/**
 * The layer-builder network in a share link or project file (format 3): the stack and how to
 * train it, validated like the rest of a link. Numbers out of range are clamped to what the
 * builder itself accepts (core/network `NETWORK_LIMITS`, `validateNetworkTraining`) and
 * counted; a stack longer than the builder allows is cut to its limit (counted once); a layer
 * kind, optimizer, loss or schedule this app does not know refuses the whole link, because a
 * network with a layer left out would be a different network. The stack is not checked for
 * shape here: a link may hold a draft the builder shows with its problem, as the sender saw it.
 */
import * as v from 'valibot';
import { MLP_LIMITS } from '../../core/mlp-config';
import { NETWORK_LIMITS } from '../../core/network/analyze';
import { LAYER_TYPES } from '../../core/network/layers';
import type { LayerActivation } from '../../core/network/spec';
import type { LossName, OptimizerName } from '../../core/network/training-spec';
import { MAX_BATCH_SIZE, MAX_NETWORK_EPOCHS } from '../../core/network/validate-training';
import type { ClampCounter } from './schema';

export const LAYER_ACTIVATIONS = [
  'linear',
  'relu',
  'tanh',
  'sigmoid',
  'elu',
  'selu',
  'gelu',
  'softmax',
] as const satisfies readonly LayerActivation[];
export const LOSS_NAMES = [
  'mse',
  'mae',
  'huber',
  'binaryCrossentropy',
  'categoricalCrossentropy',
  'sparseCategoricalCrossentropy',
] as const satisfies readonly LossName[];
export const OPTIMIZER_NAMES = [
  'sgd',
  'adam',
  'adamw',
  'rmsprop',
  'adagrad',
  'adadelta',
] as const satisfies readonly OptimizerName[];
/** Input and reshape ranks the builder offers: a vector, steps × features, an image. */
export const MAX_SHAPE_RANK = 3;
/** Just below 1: dropout, momentum and decay rates of 1 never train. */
const ALMOST_ONE = 0.999_999;

function clampedNumber(counter: ClampCounter, min: number, max: number, isInteger: boolean) {
  return v.pipe(
    v.number(),
    v.check((x) => !Number.isNaN(x), 'not a number'),
    v.transform((x) => {
      let value = Math.min(max, Math.max(min, x));
      if (isInteger) value = Math.round(value);
      if (value !== x) counter.count++;
      return value;
    }),
  );
}

function shapeSchema(counter: ClampCounter) {
  const dimension = clampedNumber(counter, 1, NETWORK_LIMITS.inputValues, true);
  return v.pipe(
    v.array(dimension),
    v.minLength(1, 'a shape needs at least one dimension'),
    v.maxLength(MAX_SHAPE_RANK),
    v.check(
      (shape) => shape.reduce((a, b) => a * b, 1) <= NETWORK_LIMITS.inputValues,
      'shape too large',
    ),
  );
}

function layerSchema(counter: ClampCounter) {
  const width = clampedNumber(counter, 1, NETWORK_LIMITS.width, true);
  const window = clampedNumber(counter, 1, NETWORK_LIMITS.kernel, true);
  const rate = clampedNumber(counter, 0, ALMOST_ONE, false);
  const activation = v.picklist(LAYER_ACTIVATIONS);
  const padding = v.picklist(['same', 'valid']);
  return v.variant('type', [
    v.object({ type: v.literal('dense'), units: width, activation }),
    v.object({
      type: v.literal('conv2d'),
      filters: width,
      kernelSize: window,
      strides: window,
      padding,
      activation,
    }),
    v.object({
      type: v.picklist(['maxPool2d', 'avgPool2d']),
      poolSize: window,
      strides: window,
      padding,
    }),
    v.object({
      type: v.picklist(['globalAvgPool2d', 'globalAvgPool1d', 'flatten', 'batchNorm', 'layerNorm']),
    }),
    v.object({ type: v.literal('reshape'), targetShape: shapeSchema(counter) }),
    v.object({ type: v.literal('dropout'), rate }),
    v.object({
      type: v.literal('embedding'),
      inputDim: clampedNumber(counter, 1, 1_000_000, true),
      outputDim: width,
    }),
    v.object({
      type: v.picklist(['simpleRnn', 'lstm', 'gru']),
      units: width,
      returnSequences: v.boolean(),
      bidirectional: v.boolean(),
    }),
    v.object({
      type: v.literal('attention'),
      heads: clampedNumber(counter, 1, NETWORK_LIMITS.heads, true),
      keyDim: width,
      feedForward: width,
      dropout: rate,
      positional: v.boolean(),
    }),
  ]);
}

function optimizerSchema(counter: ClampCounter) {
  const fraction = clampedNumber(counter, 0, ALMOST_ONE, false);
  return v.variant('name', [
    v.object({ name: v.literal('sgd'), momentum: fraction, nesterov: v.boolean() }),
    v.object({ name: v.literal('adam'), beta1: fraction, beta2: fraction }),
    v.object({
      name: v.literal('adamw'),
      beta1: fraction,
      beta2: fraction,
      weightDecay: clampedNumber(counter, 0, 1, false),
    }),
    v.object({ name: v.literal('rmsprop'), rho: fraction, momentum: fraction }),
    v.object({ name: v.literal('adagrad') }),
    v.object({ name: v.literal('adadelta'), rho: fraction }),
  ]);
}

function scheduleSchema(counter: ClampCounter) {
  const factor = clampedNumber(counter, 1e-6, ALMOST_ONE, false);
  const epochs = clampedNumber(counter, 1, MAX_NETWORK_EPOCHS, true);
  const minLr = clampedNumber(counter, 0, MLP_LIMITS.learningRate.max, false);
  return v.variant('kind', [
    v.object({ kind: v.literal('constant') }),
    v.object({ kind: v.literal('step'), every: epochs, factor }),
    v.object({ kind: v.literal('exponential'), rate: factor }),
    v.object({ kind: v.literal('cosine'), minLr }),
    v.object({
      kind: v.literal('warmupCosine'),
      warmupEpochs: clampedNumber(counter, 0, MAX_NETWORK_EPOCHS, true),
      minLr,
    }),
    v.object({ kind: v.literal('plateau'), factor, patience: epochs, minLr }),
  ]);
}

function trainingSchema(counter: ClampCounter) {
  const penalty = clampedNumber(counter, 0, 10, false);
  return v.object({
    loss: v.picklist(LOSS_NAMES),
    huberDelta: clampedNumber(counter, 1e-6, 1e6, false),
    optimizer: optimizerSchema(counter),
    learningRate: clampedNumber(
      counter,
      MLP_LIMITS.learningRate.min,
      MLP_LIMITS.learningRate.max,
      false,
    ),
    schedule: scheduleSchema(counter),
    regularization: v.object({ l1: penalty, l2: penalty }),
    earlyStopping: v.object({
      enabled: v.boolean(),
      monitor: v.picklist(['valLoss', 'valMetric']),
      patience: clampedNumber(counter, 1, MAX_NETWORK_EPOCHS, true),
      restoreBest: v.boolean(),
    }),
    clipNorm: clampedNumber(counter, 0, 1e6, false),
    batchSize: clampedNumber(counter, 1, MAX_BATCH_SIZE, true),
    epochs: clampedNumber(counter, 1, MAX_NETWORK_EPOCHS, true),
    seed: clampedNumber(counter, MLP_LIMITS.seed.min, MLP_LIMITS.seed.max, true),
  });
}

export function createNetworkSchema(counter: ClampCounter) {
  return v.object({
    spec: v.object({
      inputShape: shapeSchema(counter),
      layers: v.pipe(
        v.array(layerSchema(counter)),
        v.transform((layers) => {
          if (layers.length <= NETWORK_LIMITS.layers) return layers;
          counter.count++;
          return layers.slice(0, NETWORK_LIMITS.layers);
        }),
      ),
    }),
    training: trainingSchema(counter),
  });
}

/** Every layer kind a link may name (the builder's menu). */
export const SHARED_LAYER_TYPES: readonly string[] = LAYER_TYPES;

/**
 * The layer a failed check points at when its kind is unknown (`network.spec.layers.N.type`),
 * so the message can name it; null for any other problem.
 */
export function unknownLayerOf(
  data: unknown,
  path: readonly (string | number)[],
): { layer: number; kind: string } | null {
  if (path.length !== 5 || path[0] !== 'network' || path[2] !== 'layers' || path[4] !== 'type') {
    return null;
  }
  const index = Number(path[3]);
  const layers = (data as { network?: { spec?: { layers?: unknown[] } } }).network?.spec?.layers;
  const layer = Array.isArray(layers) ? (layers[index] as { type?: unknown } | undefined) : null;
  const kind = layer?.type;
  if (typeof kind === 'string' && SHARED_LAYER_TYPES.includes(kind)) return null;
  return { layer: index + 1, kind: typeof kind === 'string' ? kind.slice(0, 40) : String(kind) };
}
