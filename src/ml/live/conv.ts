/**
 * The convolutional live view: each Conv2D's filters (averaged over input channels, so any
 * depth draws as one small image per filter) and, for a few test samples, the feature maps
 * after every Conv2D and pooling layer. Bounded: at most CONV_MAX_CHANNELS channels per layer,
 * CONV_MAX_LAYERS layers and CONV_SAMPLES samples, so an event stays well under a megabyte.
 */
import type * as tf from '@tensorflow/tfjs';
import type {
  ConvFilterSet,
  ConvView,
  FeatureMaps,
  SampleActivations,
} from '../../contracts/live-views';
import type { TrainingData } from '../train-loop';
import { activationMaps, convFilters } from '../network/live-views';

export const CONV_MAX_CHANNELS = 16;
export const CONV_MAX_LAYERS = 4;
export const CONV_SAMPLES = 4;
const MAP_LAYERS = new Set(['Conv2D', 'MaxPooling2D', 'AveragePooling2D']);

function stack(model: tf.LayersModel): tf.layers.Layer[] {
  return model.layers.filter((l) => l.getClassName() !== 'InputLayer');
}

export function hasConvLayers(model: tf.LayersModel): boolean {
  return stack(model).some((l) => l.getClassName() === 'Conv2D');
}

/** The first test row of each class in turn, up to `count` rows. */
export function pickSamples(labels: Float32Array, count: number): number[] {
  const rows: number[] = [];
  const seen = new Set<number>();
  for (let i = 0; i < labels.length && rows.length < count; i++) {
    if (seen.has(labels[i]!)) continue;
    seen.add(labels[i]!);
    rows.push(i);
  }
  for (let i = 0; i < labels.length && rows.length < count; i++) {
    if (!rows.includes(i)) rows.push(i);
  }
  return rows;
}

/** The first `keep` channels of an h × w × c block. */
function firstChannels(values: Float32Array, pixels: number, c: number, keep: number) {
  if (keep === c) return values;
  const out = new Float32Array(pixels * keep);
  for (let p = 0; p < pixels; p++) {
    for (let k = 0; k < keep; k++) out[p * keep + k] = values[p * c + k]!;
  }
  return out;
}

export function averagedFilters(
  raw: Float32Array,
  size: number,
  inChannels: number,
  filters: number,
  keep: number,
): Float32Array {
  // TF.js kernels are size × size × in × out.
  const out = new Float32Array(keep * size * size);
  for (let f = 0; f < keep; f++) {
    for (let p = 0; p < size * size; p++) {
      let sum = 0;
      for (let i = 0; i < inChannels; i++) sum += raw[(p * inChannels + i) * filters + f]!;
      out[f * size * size + p] = sum / inChannels;
    }
  }
  return out;
}

export async function convView(model: tf.LayersModel, data: TrainingData): Promise<ConvView> {
  const layers = stack(model);
  const mapLayers = layers
    .map((l, i) => ({ i, kind: l.getClassName() }))
    .filter((l) => MAP_LAYERS.has(l.kind))
    .slice(0, CONV_MAX_LAYERS);
  const filters: ConvFilterSet[] = [];
  for (const { i, kind } of mapLayers) {
    if (kind !== 'Conv2D') continue;
    const set = await convFilters(model, i);
    if (!set) continue;
    const keep = Math.min(set.filters, CONV_MAX_CHANNELS);
    filters.push({
      layer: i,
      size: set.size,
      inChannels: set.inChannels,
      filters: keep,
      values: averagedFilters(set.values, set.size, set.inChannels, set.filters, keep),
    });
  }
  const inputShape = (model.inputs[0]?.shape.slice(1) ?? []) as number[];
  // Rows reshaped by a later layer draw as one strip of pixels.
  const [height = 1, width = data.width, channels = 1] =
    inputShape.length === 3 ? inputShape : [1, data.width, 1];
  const samples: SampleActivations[] = [];
  for (const row of pickSamples(data.yTest, CONV_SAMPLES)) {
    const input = data.xTest.slice(row * data.width, (row + 1) * data.width);
    const maps: FeatureMaps[] = [];
    for (const { i, kind } of mapLayers) {
      const m = await activationMaps(model, input, i);
      const keep = Math.min(m.channels, CONV_MAX_CHANNELS);
      maps.push({
        layer: i,
        kind,
        height: m.height,
        width: m.width,
        channels: keep,
        values: firstChannels(m.values, m.height * m.width, m.channels, keep),
      });
    }
    const label = data.yTest[row]!;
    samples.push({ row, label, input: { height, width, channels, values: input }, maps });
  }
  return { filters, samples };
}
