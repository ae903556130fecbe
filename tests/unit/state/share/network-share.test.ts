/**
 * Format 3: the layer builder's network travels in links and project files. Any valid network
 * round-trips exactly (property); links stored before format 3 still open, with the model kind
 * they trained; a tampered network is clamped where a number strays and refused, naming the
 * layer, where a layer kind is unknown; a project with a builder network comes back from a
 * `.fitlab` file as it went.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeShare, encodeShare, SHARE_VERSION } from '../../../../src/state/share/codec';
import { deflate, fromBase64Url, inflate, toBase64Url } from '../../../../src/state/share/compress';
import {
  LAYER_ACTIVATIONS,
  LOSS_NAMES,
  OPTIMIZER_NAMES,
} from '../../../../src/state/share/network-schema';
import type { SharedProjectInput } from '../../../../src/state/share/schema';
import {
  buildSharePayload,
  buildShareText,
  snapshotOfShared,
} from '../../../../src/state/share/share-project';
import { buildProjectFile, readProjectFile } from '../../../../src/state/project-file';
import { snapshotOf } from '../../../../src/state/project-snapshot';
import { DEFAULT_MLP, DEFAULT_SPLIT } from '../../../../src/state/Project.svelte';
import { defaultLayer, LAYER_TYPES } from '../../../../src/core/network/layers';
import { proposePresets } from '../../../../src/core/network/presets';
import { LR_SCHEDULE_KINDS, type LrSchedule } from '../../../../src/core/network/schedules';
import type { LayerSpec } from '../../../../src/core/network/spec';
import {
  defaultOptimizer,
  type NetworkModelSpec,
  type NetworkTraining,
} from '../../../../src/core/network/training-spec';

/** Links made by the app before format 3 (format 2), kept as they were written. */
const V2_MOONS_LINK =
  '2.TY_RasJAEEV_Re7zYJPa1rKIX1Ao1EfxYZKdmsHsbtgdBJX8e0laqW-XGc493BsiB4HDZ-8Xm2YbUopl89RsF73GEwiejYsY3A0njR4OR4mS2VIGPeT__1wBQuEw9FLgVlVFiEmLwFXLmlBEPNx6HAkheeknuFPvJX7wRXKB27_T-4HAremZTVOEg3HsQEiDadCrZDiw5wBCL5yjxuMX26yoVoSGre12ehW4-o0gQ2q7AvdS3fV1PRLK0Ou8zTJrnNg14cy9-j9rtaxfCSbFfvOd2Vlmk-PlYXeZTvqt4jESJDSTZR4mcHu0KQycBYeRcIZ7Hn8A';
const V2_IRIS_KNN_LINK =
  '2.LZBBTsNADEXv8temSqDQymdgVZaoC3fGEKuTSTRjItFq7o6SsrPl__WefMcCfiZEcanq4DuuliMYlx9LbhkEW1crVtEI4xQ1rbHBYtT8Lr9aKvjzSMczQYLbIm5TBsMlDyBMs9toNy1gSJQRhKRSsuXvk7iCu133QriIh-HDbgru3wg6T2Go4H1HqKoR3PeNUOdkm6UXsbx2D4RFksV_arfrXwmu1R9zI4QktVqQTXtDby7XnJ8epy_TAsIsRca6vQB8aK39AQ';

const moonsNetwork: NetworkModelSpec = (() => {
  const preset = proposePresets({ task: 'classification', width: 2 })[0]!;
  return { spec: { ...preset.spec, inputShape: [2] }, training: preset.training };
})();

const cnnNetwork: NetworkModelSpec = (() => {
  const preset = proposePresets({ task: 'classification', width: 64, image: [8, 8, 1] })[0]!;
  return { spec: preset.spec, training: { ...preset.training, epochs: 12 } };
})();

const BASE: SharedProjectInput = {
  v: SHARE_VERSION,
  dataset: { kind: 'builtin', id: 'digits' },
  model: { ...DEFAULT_MLP, hiddenLayers: [16, 8] },
  split: { train: 0.6, validation: 0.2, test: 0.2 },
  modelKind: 'network',
  network: cnnNetwork,
};

async function packJson(version: number, value: unknown): Promise<string> {
  return `${version}.${toBase64Url(await deflate(new TextEncoder().encode(JSON.stringify(value))))}`;
}

// --- Arbitraries: networks the builder can make, with values inside the builder's limits. ---
const activation = fc.constantFrom(...LAYER_ACTIVATIONS);
const padding = fc.constantFrom('same' as const, 'valid' as const);
const width = fc.integer({ min: 1, max: 4096 });
const window = fc.integer({ min: 1, max: 15 });
const rate = fc.double({ min: 0, max: 0.99, noNaN: true });
const layerArb: fc.Arbitrary<LayerSpec> = fc.oneof(
  fc.record({ type: fc.constant('dense' as const), units: width, activation }),
  fc.record({
    type: fc.constant('conv2d' as const),
    filters: width,
    kernelSize: window,
    strides: window,
    padding,
    activation,
  }),
  fc.record({
    type: fc.constantFrom('maxPool2d' as const, 'avgPool2d' as const),
    poolSize: window,
    strides: window,
    padding,
  }),
  fc.record({
    type: fc.constantFrom(
      'globalAvgPool2d' as const,
      'globalAvgPool1d' as const,
      'flatten' as const,
      'batchNorm' as const,
      'layerNorm' as const,
    ),
  }),
  fc.record({
    type: fc.constant('reshape' as const),
    targetShape: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }),
  }),
  fc.record({ type: fc.constant('dropout' as const), rate }),
  fc.record({
    type: fc.constant('embedding' as const),
    inputDim: fc.integer({ min: 1, max: 1_000_000 }),
    outputDim: width,
  }),
  fc.record({
    type: fc.constantFrom('simpleRnn' as const, 'lstm' as const, 'gru' as const),
    units: width,
    returnSequences: fc.boolean(),
    bidirectional: fc.boolean(),
  }),
  fc.record({
    type: fc.constant('attention' as const),
    heads: fc.integer({ min: 1, max: 16 }),
    keyDim: width,
    feedForward: width,
    dropout: rate,
    positional: fc.boolean(),
  }),
);
const fraction = fc.double({ min: 0, max: 0.99, noNaN: true });
const factor = fc.double({ min: 0.01, max: 0.99, noNaN: true });
const minLr = fc.double({ min: 0, max: 0.001, noNaN: true });
const scheduleArb: fc.Arbitrary<LrSchedule> = fc.oneof(
  fc.constant({ kind: 'constant' as const }),
  fc.record({ kind: fc.constant('step' as const), every: fc.integer({ min: 1, max: 50 }), factor }),
  fc.record({ kind: fc.constant('exponential' as const), rate: factor }),
  fc.record({ kind: fc.constant('cosine' as const), minLr }),
  fc.record({
    kind: fc.constant('warmupCosine' as const),
    warmupEpochs: fc.integer({ min: 0, max: 20 }),
    minLr,
  }),
  fc.record({
    kind: fc.constant('plateau' as const),
    factor,
    patience: fc.integer({ min: 1, max: 20 }),
    minLr,
  }),
);
const optimizerArb = fc.oneof(
  fc.record({ name: fc.constant('sgd' as const), momentum: fraction, nesterov: fc.boolean() }),
  fc.record({ name: fc.constant('adam' as const), beta1: fraction, beta2: fraction }),
  fc.record({
    name: fc.constant('adamw' as const),
    beta1: fraction,
    beta2: fraction,
    weightDecay: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  fc.record({ name: fc.constant('rmsprop' as const), rho: fraction, momentum: fraction }),
  fc.constant({ name: 'adagrad' as const }),
  fc.record({ name: fc.constant('adadelta' as const), rho: fraction }),
);
const trainingArb: fc.Arbitrary<NetworkTraining> = fc.record({
  loss: fc.constantFrom(...LOSS_NAMES),
  huberDelta: fc.double({ min: 0.01, max: 10, noNaN: true }),
  optimizer: optimizerArb,
  learningRate: fc.double({ min: 1e-5, max: 1, noNaN: true }),
  schedule: scheduleArb,
  regularization: fc.record({
    l1: fc.double({ min: 0, max: 0.1, noNaN: true }),
    l2: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }),
  earlyStopping: fc.record({
    enabled: fc.boolean(),
    monitor: fc.constantFrom('valLoss' as const, 'valMetric' as const),
    patience: fc.integer({ min: 1, max: 50 }),
    restoreBest: fc.boolean(),
  }),
  clipNorm: fc.double({ min: 0, max: 10, noNaN: true }),
  batchSize: fc.integer({ min: 1, max: 4096 }),
  epochs: fc.integer({ min: 1, max: 1000 }),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});
const networkArb: fc.Arbitrary<NetworkModelSpec> = fc.record({
  spec: fc.record({
    inputShape: fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 3 }),
    layers: fc.array(layerArb, { maxLength: 32 }),
  }),
  training: trainingArb,
});

describe('share format 3: builder networks', () => {
  it('round-trips any network the builder can make, exactly (property)', async () => {
    await fc.assert(
      fc.asyncProperty(networkArb, async (network) => {
        const project: SharedProjectInput = { ...BASE, network };
        const decoded = await decodeShare(await encodeShare(project));
        expect(decoded).toMatchObject({ ok: true, clampedValues: 0, migratedFrom: null });
        if (!decoded.ok) return;
        expect(decoded.project).toEqual(project);
      }),
      { numRuns: 80 },
    );
  });

  it('knows every layer kind, optimizer and schedule of the builder', async () => {
    const layers = LAYER_TYPES.map(defaultLayer);
    const schedules: Record<LrSchedule['kind'], LrSchedule> = {
      constant: { kind: 'constant' },
      step: { kind: 'step', every: 5, factor: 0.5 },
      exponential: { kind: 'exponential', rate: 0.95 },
      cosine: { kind: 'cosine', minLr: 0 },
      warmupCosine: { kind: 'warmupCosine', warmupEpochs: 2, minLr: 0.0001 },
      plateau: { kind: 'plateau', factor: 0.5, patience: 3, minLr: 0 },
    };
    for (const [i, name] of OPTIMIZER_NAMES.entries()) {
      const kind = LR_SCHEDULE_KINDS[i % LR_SCHEDULE_KINDS.length]!;
      const network: NetworkModelSpec = {
        spec: { inputShape: [8, 8, 1], layers },
        training: {
          ...cnnNetwork.training,
          optimizer: defaultOptimizer(name),
          schedule: schedules[kind],
        },
      };
      const decoded = await decodeShare(await encodeShare({ ...BASE, network }));
      expect(decoded).toMatchObject({ ok: true, clampedValues: 0 });
      if (decoded.ok) expect(decoded.project.network).toEqual(network);
    }
  });

  it('opens links stored before format 3 with the model kind they trained', async () => {
    const moons = await decodeShare(V2_MOONS_LINK);
    expect(moons).toMatchObject({ ok: true, migratedFrom: 2, clampedValues: 0 });
    if (!moons.ok) return;
    expect(moons.project).toMatchObject({
      v: SHARE_VERSION,
      name: 'Old <b>moons</b> link',
      dataset: { kind: 'generator', generator: { kind: 'moons', samples: 300, seed: 7 } },
      model: { hiddenLayers: [8, 8], activation: 'tanh', epochs: 40, seed: 11 },
      modelKind: 'mlp',
      embed: { hide: ['compare'] },
    });
    expect(moons.project.network).toBeUndefined();
    const snapshot = snapshotOfShared(moons.project, 'stored:x:classification:label', {
      kind: 'builtin',
      id: 'x',
    });
    expect(snapshot).toMatchObject({ modelKind: 'mlp', network: null, seed: 11 });

    const knn = await decodeShare(V2_IRIS_KNN_LINK);
    expect(knn).toMatchObject({ ok: true, migratedFrom: 2 });
    if (!knn.ok) return;
    expect(knn.project.modelKind).toBe('classical');
    expect(knn.project.classical).toMatchObject({ learner: 'knn-classifier', params: { k: 7 } });
  });

  it('clamps a tampered network’s numbers and cuts an overlong stack, counting each', async () => {
    const network = {
      spec: {
        inputShape: [2],
        layers: [
          { type: 'dense', units: 100_000, activation: 'relu', extra: '<script>' },
          { type: 'dropout', rate: 1.5 },
          ...Array.from({ length: 40 }, () => ({ type: 'batchNorm' })),
        ],
      },
      training: { ...moonsNetwork.training, epochs: 50_000, batchSize: 0 },
    };
    const decoded = await decodeShare(await packJson(3, { ...BASE, network }));
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const layers = decoded.project.network!.spec.layers;
    expect(layers).toHaveLength(32);
    expect(layers[0]).toEqual({ type: 'dense', units: 4096, activation: 'relu' });
    expect(layers[1]).toEqual({ type: 'dropout', rate: 0.999_999 });
    expect(decoded.project.network!.training).toMatchObject({ epochs: 1000, batchSize: 1 });
    expect(decoded.clampedValues).toBe(5);
  });

  it('refuses an unknown layer kind by naming the layer, and a wrong type by its path', async () => {
    const unknown = {
      spec: {
        inputShape: [2],
        layers: [
          { type: 'dense', units: 4, activation: 'relu' },
          { type: 'quantumEntangler', qubits: 3 },
        ],
      },
      training: moonsNetwork.training,
    };
    expect(await decodeShare(await packJson(3, { ...BASE, network: unknown }))).toEqual({
      ok: false,
      code: 'share.error.unknownLayer',
      params: { layer: 2, kind: 'quantumEntangler' },
    });

    const wrongType = structuredClone(moonsNetwork) as unknown as {
      spec: { layers: Record<string, unknown>[] };
    };
    wrongType.spec.layers[0]!.units = '64';
    expect(await decodeShare(await packJson(3, { ...BASE, network: wrongType }))).toMatchObject({
      ok: false,
      code: 'share.error.invalid',
      params: { path: 'network.spec.layers.0.units' },
    });

    const badOptimizer = {
      ...moonsNetwork,
      training: { ...moonsNetwork.training, optimizer: { name: 'lion' } },
    };
    expect(await decodeShare(await packJson(3, { ...BASE, network: badOptimizer }))).toMatchObject({
      ok: false,
      code: 'share.error.invalid',
    });
    const badActivation = {
      ...moonsNetwork,
      spec: { inputShape: [2], layers: [{ type: 'dense', units: 4, activation: 'eval' }] },
    };
    expect(await decodeShare(await packJson(3, { ...BASE, network: badActivation }))).toMatchObject(
      {
        ok: false,
        code: 'share.error.invalid',
        params: { path: 'network.spec.layers.0.activation' },
      },
    );
  });

  it('carries the project’s builder network through a link and back into a snapshot', async () => {
    const snapshot = snapshotOf({
      datasetId: 'digits',
      recipe: null,
      split: DEFAULT_SPLIT,
      splitStrategy: { kind: 'stratified' },
      model: { ...DEFAULT_MLP, seed: 5 },
      classical: null,
      network: cnnNetwork,
      modelKind: 'network',
    });
    const built = await buildShareText({
      snapshot,
      entry: undefined,
      generator: null,
      datasetHash: null,
      finished: null,
      hide: [],
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    console.log(`[share] CNN project (digits, no weights): ${built.text.length} characters`);
    const decoded = await decodeShare(built.text);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const back = snapshotOfShared(decoded.project, 'digits', { kind: 'builtin', id: 'digits' });
    expect(back).toEqual(snapshot);
  });

  it('keeps a builder network in a .fitlab file, and refuses one with an unknown layer', async () => {
    const snapshot = snapshotOf({
      datasetId: 'digits',
      recipe: null,
      split: DEFAULT_SPLIT,
      splitStrategy: { kind: 'stratified' },
      model: DEFAULT_MLP,
      classical: null,
      network: cnnNetwork,
      modelKind: 'network',
    });
    const built = buildSharePayload({
      snapshot,
      entry: undefined,
      name: 'CNN',
      generator: null,
      datasetHash: null,
      finished: null,
      hide: [],
    });
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const file = await buildProjectFile({
      payload: built.payload,
      trained: null,
      data: null,
      reports: {},
    });
    const read = await readProjectFile(file);
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.project.network).toEqual(cnnNetwork);
    expect(read.project.modelKind).toBe('network');
    expect(snapshotOfShared(read.project, 'digits', { kind: 'builtin', id: 'digits' })).toEqual(
      snapshot,
    );

    const tampered = structuredClone(built.payload) as unknown as {
      network: { spec: { layers: { type: string }[] } };
    };
    tampered.network.spec.layers[1]!.type = 'teleport';
    const bad = await buildProjectFile({
      payload: tampered as unknown as typeof built.payload,
      trained: null,
      data: null,
      reports: {},
    });
    expect(await readProjectFile(bad)).toEqual({
      ok: false,
      code: 'share.file.error.unknownLayer',
      params: { layer: 2, kind: 'teleport' },
    });
  });

  it('writes links that name format 3 outside and inside', async () => {
    const text = await encodeShare(BASE);
    expect(text.startsWith(`${SHARE_VERSION}.`)).toBe(true);
    const bytes = await inflate(fromBase64Url(text.slice(2))!, 1e6);
    expect((JSON.parse(new TextDecoder().decode(bytes)) as { v: number }).v).toBe(3);
  });
});
