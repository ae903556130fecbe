/**
 * Turns a trained network into plain `TrainedModelArtifacts` (model.json topology, weight specs
 * and one weights.bin buffer) that cross `postMessage`, go into IndexedDB and into an export zip,
 * and turns such artifacts back into a tfjs model.
 *
 * Invariants: nothing here keeps a tensor alive; `loadTrainedModel`'s model is the caller's to
 * dispose. Tiny-engine networks are written as the `buildMlp` model with the same weights, so a
 * reader never needs to know which engine trained them.
 */
import * as tf from '@tensorflow/tfjs';
import type { MlpConfig, TrainedModelArtifacts } from '../../contracts/training';
import { buildMlp, type MlpTask } from '../mlp';

function joinWeightData(data: tf.io.WeightData | undefined): ArrayBuffer {
  if (data === undefined) return new ArrayBuffer(0);
  return Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
}

interface TopologyLayer {
  class_name?: string;
  config?: { name?: string };
}

/**
 * tfjs names layers from process-wide counters (`dense_Dense7`), so the same training run
 * would save different names each time: renamed to their position (`dense_1`), the same run
 * gives the same artifacts, and an export does not depend on what else the worker built.
 */
function canonicalNames(
  topology: Record<string, unknown>,
  weightSpecs: TrainedModelArtifacts['weightSpecs'],
): { topology: Record<string, unknown>; weightSpecs: TrainedModelArtifacts['weightSpecs'] } {
  const config = topology['config'] as { name?: string; layers?: TopologyLayer[] } | undefined;
  const renames = new Map<string, string>();
  if (config?.name) renames.set(config.name, 'model');
  (config?.layers ?? []).forEach((layer, i) => {
    const name = layer.config?.name;
    const kind = (layer.class_name ?? 'layer').toLowerCase();
    if (name && !renames.has(name)) renames.set(name, `${kind}_${i + 1}`);
  });
  const renamed = (value: string): string => {
    const slash = value.indexOf('/');
    const head = slash < 0 ? value : value.slice(0, slash);
    const to = renames.get(head);
    return to === undefined ? value : to + (slash < 0 ? '' : value.slice(slash));
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return renamed(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    }
    return value;
  };
  return {
    topology: walk(topology) as Record<string, unknown>,
    weightSpecs: weightSpecs.map((spec) => ({ ...spec, name: renamed(spec.name) })),
  };
}

/** The model's topology and weights, as `model.save` would write them. */
export async function saveTrainedModel(model: tf.LayersModel): Promise<TrainedModelArtifacts> {
  let captured: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler((artifacts) => {
      captured = artifacts;
      return Promise.resolve({
        modelArtifactsInfo: {
          dateSaved: new Date(),
          modelTopologyType: 'JSON',
        },
      });
    }),
  );
  const artifacts = captured as tf.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs) {
    throw new Error('saveTrainedModel: the model wrote no topology or weights');
  }
  const named = canonicalNames(
    artifacts.modelTopology as Record<string, unknown>,
    artifacts.weightSpecs.map((spec) => ({
      name: spec.name,
      shape: [...spec.shape],
      dtype: spec.dtype === 'int32' || spec.dtype === 'bool' ? spec.dtype : 'float32',
    })),
  );
  return {
    format: 'tfjs-layers',
    modelTopology: named.topology,
    weightSpecs: named.weightSpecs,
    weightData: joinWeightData(artifacts.weightData),
  };
}

/**
 * A tiny-engine MLP as the tfjs model `buildMlp` makes for the same config: `weights` are in
 * tfjs `getWeights()` order and layout (TinyMlp.toTfjsLayout), flat, layer after layer.
 */
export async function tinyTrainedModel(
  width: number,
  outputUnits: number,
  config: Pick<MlpConfig, 'hiddenLayers' | 'activation' | 'seed'>,
  task: MlpTask,
  weights: ArrayLike<number>,
): Promise<TrainedModelArtifacts> {
  const model = buildMlp(width, outputUnits, config, task);
  try {
    let offset = 0;
    const tensors = model.weights.map((variable) => {
      const size = variable.shape.reduce<number>((a, b) => a * (b ?? 1), 1);
      const values = Float32Array.from({ length: size }, (_, i) => weights[offset + i] as number);
      offset += size;
      return tf.tensor(values, variable.shape as number[]);
    });
    if (offset !== weights.length) {
      tf.dispose(tensors);
      throw new Error(`tinyTrainedModel: ${weights.length} weights for ${offset} parameters`);
    }
    try {
      model.setWeights(tensors);
    } finally {
      tf.dispose(tensors);
    }
    return await saveTrainedModel(model);
  } finally {
    model.dispose();
  }
}

/** Rebuilds the model from its artifacts (the caller disposes it). */
export function loadTrainedModel(artifacts: TrainedModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: artifacts.modelTopology,
      weightSpecs: artifacts.weightSpecs,
      weightData: artifacts.weightData,
    }),
  );
}
