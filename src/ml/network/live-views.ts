/**
 * What the live views of a training run draw, computed in the worker from the model as it is:
 * per-layer histograms of weights and of gradients, the class probabilities over a grid of a
 * 2-D input (the decision-boundary heat map), a chosen sample's activation maps after a
 * convolution, and the convolution filters themselves. Each returns plain arrays and leaves no
 * tensor behind; callers throttle them (once per epoch, or every N batches).
 */
import * as tf from '@tensorflow/tfjs';
import { histogram, type HistogramBins } from '../../core/evaluation/histogram';

/** The builder's layers: a model from `buildNetwork` starts with an InputLayer, not counted. */
function stackLayers(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
}

export interface WeightHistogram extends HistogramBins {
  /** The weight's name, e.g. `dense_Dense1/kernel`. */
  name: string;
  layer: number;
}

export async function weightHistograms(
  model: tf.LayersModel,
  bins = 20,
): Promise<WeightHistogram[]> {
  const out: WeightHistogram[] = [];
  for (const [layer, l] of stackLayers(model).entries()) {
    for (const weight of l.trainableWeights) {
      const values = await weight.read().data();
      out.push({ name: weight.originalName, layer, ...histogram(values, bins) });
    }
  }
  return out;
}

/** Histograms of one batch's gradients, by variable name (from `tf.variableGrads`). */
export async function gradientHistograms(
  gradients: tf.NamedTensorMap,
  bins = 20,
): Promise<{ name: string; edges: number[]; counts: number[] }[]> {
  return Promise.all(
    Object.entries(gradients).map(async ([name, gradient]) => ({
      name,
      ...histogram(await gradient.data(), bins),
    })),
  );
}

export interface DecisionGrid {
  steps: number;
  /** steps × steps × classes probabilities, row-major from the top-left of the plot. */
  probabilities: Float32Array;
  classes: number;
}

/**
 * Class probabilities over a steps × steps grid. `toModelInput` maps the grid's raw (x, y)
 * points through the fitted recipe into model rows (the model never saw raw values).
 */
export async function decisionGrid(
  model: tf.LayersModel,
  bounds: { xMin: number; xMax: number; yMin: number; yMax: number },
  steps: number,
  toModelInput: (points: Float32Array) => Float32Array,
): Promise<DecisionGrid> {
  const points = new Float32Array(steps * steps * 2);
  for (let r = 0; r < steps; r++) {
    for (let c = 0; c < steps; c++) {
      const at = (r * steps + c) * 2;
      points[at] = bounds.xMin + ((bounds.xMax - bounds.xMin) * (c + 0.5)) / steps;
      points[at + 1] = bounds.yMax - ((bounds.yMax - bounds.yMin) * (r + 0.5)) / steps;
    }
  }
  const rows = toModelInput(points);
  const width = rows.length / (steps * steps);
  const output = tf.tidy(
    () => model.predict(tf.tensor2d(rows, [steps * steps, width])) as tf.Tensor,
  );
  try {
    return {
      steps,
      probabilities: Float32Array.from(await output.data()),
      classes: output.shape[1] ?? 1,
    };
  } finally {
    output.dispose();
  }
}

export interface ActivationMaps {
  layer: number;
  height: number;
  width: number;
  channels: number;
  /** height × width × channels, as the layer output them. */
  values: Float32Array;
}

/** The outputs of every layer up to `layer` for one input row, keeping the chosen one's. */
export async function activationMaps(
  model: tf.LayersModel,
  row: Float32Array,
  layer: number,
): Promise<ActivationMaps> {
  const inputShape = model.inputs[0]?.shape.slice(1) as number[];
  const output = tf.tidy(() => {
    const layers = stackLayers(model);
    let x: tf.Tensor = tf.tensor(row, [1, ...inputShape]);
    for (let i = 0; i <= layer; i++) x = layers[i]!.apply(x, { training: false }) as tf.Tensor;
    return x;
  });
  try {
    const [, height = 1, width = 1, channels = 1] = output.shape;
    return { layer, height, width, channels, values: Float32Array.from(await output.data()) };
  } finally {
    output.dispose();
  }
}

export interface ConvFilters {
  layer: number;
  size: number;
  inChannels: number;
  filters: number;
  /** size × size × inChannels × filters, as TF.js stores the kernel. */
  values: Float32Array;
}

export async function convFilters(
  model: tf.LayersModel,
  layer: number,
): Promise<ConvFilters | null> {
  const kernel = stackLayers(model)[layer]?.trainableWeights.find((w) => w.shape.length === 4);
  if (!kernel) return null;
  const [size = 0, , inChannels = 0, filters = 0] = kernel.shape as number[];
  return {
    layer,
    size,
    inChannels,
    filters,
    values: Float32Array.from(await kernel.read().data()),
  };
}
