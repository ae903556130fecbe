/**
 * Which TF.js kernels a training job needs, and which of them a backend lacks: the core of the
 * kernel-aware backend choice ("WASM skipped: missing Conv2DBackpropFilter").
 *
 * The tables below list, per layer, activation, loss and optimizer, the kernels a forward pass,
 * its gradients and one optimiser step ask the engine for. They were recorded with
 * `recordKernels` on the cpu backend (kernel names do not depend on the backend), and
 * tests/unit/ml/kernels/required-kernels.test.ts records real training steps again and fails
 * when a table misses one, so a tfjs upgrade that changes a gradient cannot go unnoticed.
 * A table may list a kernel a given model does not reach (e.g. FusedConv2D, used only by
 * inference): being a little too strict costs a slower backend, never a failed job.
 *
 * `missingKernels` asks the kernel registry, which backends fill when their package is
 * imported, so it answers before a backend is initialised.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlpConfig } from '../../contracts/training';

export type LayerKind =
  | 'dense'
  | 'conv2d'
  | 'depthwiseConv2d'
  | 'maxPooling2d'
  | 'averagePooling2d'
  | 'globalAveragePooling2d'
  | 'flatten'
  | 'dropout'
  | 'batchNormalization';

export type ActivationKind =
  'linear' | 'relu' | 'relu6' | 'tanh' | 'sigmoid' | 'elu' | 'selu' | 'softmax' | 'softplus';

export type LossKind = 'categoricalCrossentropy' | 'meanSquaredError';
export type OptimizerKind = 'sgd' | 'adam' | 'rmsprop';

export interface LayerSpec {
  kind: LayerKind;
  /** The layer's own activation; absent for layers that have none. */
  activation?: ActivationKind;
}

export interface TrainingSpec {
  layers: readonly LayerSpec[];
  loss: LossKind;
  optimizer: OptimizerKind;
}

/** Every step: the batch `gather` of a permutation `slice`, the stacked readout, tape plumbing. */
const STEP_KERNELS = ['GatherV2', 'Slice', 'Pack', 'Identity', 'Reshape', 'ZerosLike', 'Cast'];

const LAYER_KERNELS: Record<LayerKind, readonly string[]> = {
  dense: ['_FusedMatMul', 'BatchMatMul', 'Sum', 'Add'],
  // Layers fuse bias and activation in the forward pass when they can (FusedConv2D) and fall
  // back to Conv2D + Add + activation while a gradient tape records; both are listed.
  conv2d: ['Conv2D', 'FusedConv2D', 'Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Sum', 'Add'],
  depthwiseConv2d: [
    'DepthwiseConv2dNative',
    'DepthwiseConv2dNativeBackpropFilter',
    'DepthwiseConv2dNativeBackpropInput',
    'FusedDepthwiseConv2D',
    'Sum',
    'Add',
  ],
  maxPooling2d: ['MaxPool', 'MaxPoolGrad'],
  averagePooling2d: ['AvgPool', 'AvgPoolGrad'],
  globalAveragePooling2d: ['Mean', 'RealDiv', 'Multiply', 'Tile'],
  flatten: ['Reshape'],
  dropout: ['Floor', 'Multiply', 'RealDiv', 'Add'],
  batchNormalization: ['FusedBatchNorm', 'Rsqrt', 'Square', 'Sub', 'Tile', 'Mean', 'Sum'],
};

const ACTIVATION_KERNELS: Record<ActivationKind, readonly string[]> = {
  linear: [],
  relu: ['Relu', 'Step'],
  relu6: ['Relu', 'Relu6', 'Step', 'Greater', 'Minimum'],
  tanh: ['Tanh', 'Square', 'Sub'],
  sigmoid: ['Sigmoid', 'Sub'],
  elu: ['Elu', 'EluGrad'],
  selu: ['Selu', 'Exp', 'Greater'],
  softmax: ['Softmax', 'Sub', 'Multiply', 'Sum'],
  softplus: ['Softplus', 'Sigmoid'],
};

/** Losses as the training loop writes them, plus its accuracy count for classification. */
const LOSS_KERNELS: Record<LossKind, readonly string[]> = {
  categoricalCrossentropy: [
    'OneHot',
    'ClipByValue',
    'Log',
    'Multiply',
    'Sum',
    'Neg',
    'Mean',
    'RealDiv',
    // ClipByValue's gradient masks with these.
    'GreaterEqual',
    'LessEqual',
    'LogicalAnd',
    'Select',
    // Accuracy: correct predictions counted on the backend.
    'ArgMax',
    'Equal',
  ],
  meanSquaredError: ['SquaredDifference', 'Sub', 'Mean', 'Multiply', 'RealDiv'],
};

const OPTIMIZER_KERNELS: Record<OptimizerKind, readonly string[]> = {
  sgd: ['Multiply', 'Add'],
  adam: ['Multiply', 'Add', 'Sub', 'Square', 'Sqrt', 'RealDiv'],
  rmsprop: ['Multiply', 'Add', 'Sub', 'Square', 'Sqrt', 'RealDiv'],
};

/** Sorted, without duplicates: every kernel one training step of `spec` can ask for. */
export function requiredKernels(spec: TrainingSpec): string[] {
  const all = new Set<string>([
    ...STEP_KERNELS,
    ...LOSS_KERNELS[spec.loss],
    ...OPTIMIZER_KERNELS[spec.optimizer],
  ]);
  for (const layer of spec.layers) {
    for (const kernel of LAYER_KERNELS[layer.kind]) all.add(kernel);
    if (layer.activation)
      for (const kernel of ACTIVATION_KERNELS[layer.activation]) all.add(kernel);
  }
  return [...all].sort();
}

/**
 * The spec of the MLP that src/ml/mlp.ts builds from `config`, known before any model exists, so
 * the backend can be chosen first: hidden dense layers, then softmax (classification) or one
 * linear unit (regression), trained with cross-entropy or MSE.
 */
export function mlpTrainingSpec(
  config: Pick<MlpConfig, 'hiddenLayers' | 'activation' | 'optimizer'>,
  task: 'classification' | 'regression',
): TrainingSpec {
  const isClassification = task === 'classification';
  return {
    layers: [
      ...config.hiddenLayers.map((): LayerSpec => ({
        kind: 'dense',
        activation: config.activation,
      })),
      { kind: 'dense', activation: isClassification ? 'softmax' : 'linear' },
    ],
    loss: isClassification ? 'categoricalCrossentropy' : 'meanSquaredError',
    optimizer: config.optimizer,
  };
}

/** The kernels of `kernels` that `backend` has not registered, in the given order. */
export function missingKernels(backend: string, kernels: readonly string[]): string[] {
  return kernels.filter((name) => tf.getKernel(name, backend) === undefined);
}

const LAYER_CLASSES: Record<string, LayerKind> = {
  Dense: 'dense',
  Conv2D: 'conv2d',
  DepthwiseConv2D: 'depthwiseConv2d',
  MaxPooling2D: 'maxPooling2d',
  AveragePooling2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  Flatten: 'flatten',
  Dropout: 'dropout',
  BatchNormalization: 'batchNormalization',
};

function isActivationKind(name: unknown): name is ActivationKind {
  return typeof name === 'string' && Object.hasOwn(ACTIVATION_KERNELS, name);
}

/**
 * The layer specs of a built model. Layers or activations the tables do not know are returned in
 * `unknown` (class name, or `Class/activation`): with any of them the kernel check is
 * inconclusive and the caller should not rule a backend out on it (nor in).
 */
export function describeLayers(model: tf.LayersModel): { layers: LayerSpec[]; unknown: string[] } {
  const layers: LayerSpec[] = [];
  const unknown: string[] = [];
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') continue;
    const kind = LAYER_CLASSES[className];
    if (!kind) {
      unknown.push(className);
      continue;
    }
    const activation: unknown = layer.getConfig()['activation'];
    if (activation === undefined) {
      layers.push({ kind });
    } else if (isActivationKind(activation)) {
      layers.push({ kind, activation });
    } else {
      unknown.push(`${className}/${String(activation)}`);
    }
  }
  return { layers, unknown };
}

/**
 * Runs `run` synchronously and returns the names of the kernels it asked the engine for, sorted.
 * Kernels a backend runs inside another kernel are not seen: they are that backend's business.
 * Use on the cpu backend, which has every kernel, to learn what a new model needs.
 */
export function recordKernels(run: () => void): string[] {
  const engine = tf.engine();
  const original = engine.runKernel;
  const seen = new Set<string>();
  engine.runKernel = function (this: typeof engine, name, inputs, attrs) {
    seen.add(name);
    return original.call(this, name, inputs, attrs);
  } as typeof original;
  try {
    run();
  } finally {
    engine.runKernel = original;
  }
  return [...seen].sort();
}
