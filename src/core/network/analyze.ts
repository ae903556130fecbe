/**
 * Shape inference and parameter counting for a `NetworkSpec`, run on every edit of the layer
 * builder. Counts follow TF.js/Keras exactly (tests/unit/core/network compares them with the
 * built TF.js models), so the summary the user reads is the model that trains.
 */
import type { LayerSpec, LayerSummary, NetworkAnalysis, NetworkProblem, NetworkSpec } from './spec';

export const NETWORK_LIMITS = {
  layers: 32,
  width: 4096,
  kernel: 15,
  heads: 16,
  inputValues: 1_000_000,
} as const;

type Step =
  | { ok: true; shape: number[]; trainable: number; nonTrainable?: number }
  | { ok: false; problem: Omit<NetworkProblem, 'layer'> };

const fail = (code: NetworkProblem['code'], params?: NetworkProblem['params']): Step =>
  params === undefined
    ? { ok: false, problem: { code } }
    : { ok: false, problem: { code, params } };

const product = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

function isCount(value: number, max: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= max;
}

function windowOut(size: number, window: number, stride: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

/** The settings of one layer, before its input shape matters. */
function checkSettings(layer: LayerSpec): Step | null {
  const bad = (setting: string) => fail('badValue', { setting });
  switch (layer.type) {
    case 'dense':
      return isCount(layer.units, NETWORK_LIMITS.width) ? null : bad('units');
    case 'conv2d':
      if (!isCount(layer.filters, NETWORK_LIMITS.width)) return bad('filters');
      if (!isCount(layer.kernelSize, NETWORK_LIMITS.kernel)) return bad('kernelSize');
      return isCount(layer.strides, NETWORK_LIMITS.kernel) ? null : bad('strides');
    case 'maxPool2d':
    case 'avgPool2d':
      if (!isCount(layer.poolSize, NETWORK_LIMITS.kernel)) return bad('poolSize');
      return isCount(layer.strides, NETWORK_LIMITS.kernel) ? null : bad('strides');
    case 'dropout':
      return layer.rate >= 0 && layer.rate < 1 ? null : bad('rate');
    case 'embedding':
      if (!isCount(layer.inputDim, 1_000_000)) return bad('inputDim');
      return isCount(layer.outputDim, NETWORK_LIMITS.width) ? null : bad('outputDim');
    case 'simpleRnn':
    case 'lstm':
    case 'gru':
      return isCount(layer.units, NETWORK_LIMITS.width) ? null : bad('units');
    case 'attention':
      if (!isCount(layer.heads, NETWORK_LIMITS.heads)) return bad('heads');
      if (!isCount(layer.keyDim, NETWORK_LIMITS.width)) return bad('keyDim');
      if (!isCount(layer.feedForward, NETWORK_LIMITS.width)) return bad('feedForward');
      return layer.dropout >= 0 && layer.dropout < 1 ? null : bad('dropout');
    case 'reshape':
      return layer.targetShape.length > 0 &&
        layer.targetShape.every((d) => isCount(d, NETWORK_LIMITS.inputValues))
        ? null
        : bad('targetShape');
    default:
      return null;
  }
}

function recurrentParams(kind: 'simpleRnn' | 'lstm' | 'gru', input: number, units: number): number {
  const gates = kind === 'lstm' ? 4 : kind === 'gru' ? 3 : 1;
  return gates * units * (input + units + 1);
}

/** The output shape and parameter counts of one layer on `input`. */
function step(layer: LayerSpec, input: readonly number[], index: number): Step {
  const invalid = checkSettings(layer);
  if (invalid) return invalid;
  const last = input[input.length - 1] ?? 0;
  switch (layer.type) {
    case 'dense':
      return {
        ok: true,
        shape: [...input.slice(0, -1), layer.units],
        trainable: last * layer.units + layer.units,
      };
    case 'conv2d':
    case 'maxPool2d':
    case 'avgPool2d': {
      if (input.length !== 3) return fail('needsImage', { rank: input.length });
      const [h = 0, w = 0, c = 0] = input;
      const window = layer.type === 'conv2d' ? layer.kernelSize : layer.poolSize;
      const oh = windowOut(h, window, layer.strides, layer.padding);
      const ow = windowOut(w, window, layer.strides, layer.padding);
      if (oh < 1 || ow < 1) return fail('shrinksToNothing', { window, height: h, width: w });
      if (layer.type !== 'conv2d') return { ok: true, shape: [oh, ow, c], trainable: 0 };
      const trainable = window * window * c * layer.filters + layer.filters;
      return { ok: true, shape: [oh, ow, layer.filters], trainable };
    }
    case 'globalAvgPool2d':
      if (input.length !== 3) return fail('needsImage', { rank: input.length });
      return { ok: true, shape: [last], trainable: 0 };
    case 'globalAvgPool1d':
      if (input.length !== 2) return fail('needsSequence', { rank: input.length });
      return { ok: true, shape: [last], trainable: 0 };
    case 'flatten':
      return { ok: true, shape: [product(input)], trainable: 0 };
    case 'reshape':
      if (product(layer.targetShape) !== product(input)) {
        return fail('reshapeMismatch', { from: product(input), to: product(layer.targetShape) });
      }
      return { ok: true, shape: [...layer.targetShape], trainable: 0 };
    case 'dropout':
      return { ok: true, shape: [...input], trainable: 0 };
    case 'batchNorm':
      return { ok: true, shape: [...input], trainable: 2 * last, nonTrainable: 2 * last };
    case 'layerNorm':
      return { ok: true, shape: [...input], trainable: 2 * last };
    case 'embedding':
      if (index !== 0 || input.length !== 1) return fail('needsIntegers');
      return {
        ok: true,
        shape: [last, layer.outputDim],
        trainable: layer.inputDim * layer.outputDim,
      };
    case 'simpleRnn':
    case 'lstm':
    case 'gru': {
      if (input.length !== 2) return fail('needsSequence', { rank: input.length });
      const directions = layer.bidirectional ? 2 : 1;
      const width = layer.units * directions;
      const trainable = directions * recurrentParams(layer.type, last, layer.units);
      const shape = layer.returnSequences ? [input[0] ?? 0, width] : [width];
      return { ok: true, shape, trainable };
    }
    case 'attention': {
      if (input.length !== 2) return fail('needsSequence', { rank: input.length });
      const inner = layer.heads * layer.keyDim;
      const projections = 3 * (last * inner + inner) + (inner * last + last);
      const norms = 2 * 2 * last;
      const feedForward =
        last * layer.feedForward + layer.feedForward + layer.feedForward * last + last;
      return { ok: true, shape: [...input], trainable: projections + norms + feedForward };
    }
  }
}

export function analyzeNetwork(spec: NetworkSpec): NetworkAnalysis {
  const layers: LayerSummary[] = [];
  const input = spec.inputShape;
  if (
    input.length < 1 ||
    input.length > 3 ||
    !input.every((d) => isCount(d, NETWORK_LIMITS.inputValues)) ||
    product(input) > NETWORK_LIMITS.inputValues
  ) {
    return { ok: false, problem: { layer: -1, code: 'badInputShape' }, layers };
  }
  if (spec.layers.length === 0) return { ok: false, problem: { layer: -1, code: 'empty' }, layers };
  if (spec.layers.length > NETWORK_LIMITS.layers) {
    return {
      ok: false,
      problem: { layer: NETWORK_LIMITS.layers, code: 'badValue', params: { setting: 'layers' } },
      layers,
    };
  }
  let shape = [...input];
  let trainable = 0;
  let nonTrainable = 0;
  for (const [index, layer] of spec.layers.entries()) {
    const result = step(layer, shape, index);
    if (!result.ok) return { ok: false, problem: { layer: index, ...result.problem }, layers };
    shape = result.shape;
    trainable += result.trainable;
    nonTrainable += result.nonTrainable ?? 0;
    layers.push({
      index,
      type: layer.type,
      outputShape: shape,
      trainable: result.trainable,
      nonTrainable: result.nonTrainable ?? 0,
    });
  }
  return { ok: true, layers, outputShape: shape, trainable, nonTrainable };
}
