/**
 * Builder-network jobs in the training service: checkpoints go to the port every N epochs (a
 * full quota is an event, not a failure), a resume continues from the stored epoch, a completed
 * run's checkpoint is removed, and a lost GPU device moves the run to the next backend from the
 * last checkpoint. The "GPU" here is the CPU backend behind a fake kernel that throws WebGPU's
 * device-lost error once the fake GPU has run long enough.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackendName,
  EpochRecord,
  TrainOutcome,
  TrainRequest,
  TrainingEvent,
} from '../../../../src/contracts/training';
import { proposePresets } from '../../../../src/core/network/presets';
import type { BackendEnvironment } from '../../../../src/ml/backend';
import type { NetworkCheckpoint } from '../../../../src/ml/network/checkpoint';
import { isDeviceLost, type CheckpointPort } from '../../../../src/ml/network/network-job';
import { createTrainingService } from '../../../../src/ml/training-service';

const IRIS_URL = 'https://example.test/datasets/iris.csv';
const IRIS = readFileSync(resolve(process.cwd(), 'public/datasets/iris.csv'), 'utf8');
const fetchIris = (url: string): Promise<string> =>
  url === IRIS_URL ? Promise.resolve(IRIS) : Promise.reject(new Error(`404 ${url}`));

function request(epochs: number, checkpoint?: TrainRequest['checkpoint']): TrainRequest {
  const [preset] = proposePresets({ task: 'classification', width: 4 });
  if (!preset) throw new Error('no preset');
  const spec = { ...preset.spec, layers: preset.spec.layers.filter((l) => l.type !== 'dropout') };
  const base: TrainRequest = {
    jobId: 1,
    dataset: {
      id: 'iris',
      url: IRIS_URL,
      target: 'species',
      task: 'classification',
      features: ['sepal_length_cm', 'sepal_width_cm', 'petal_length_cm', 'petal_width_cm'].map(
        (name) => ({ name, type: 'numeric' }),
      ),
      classes: ['setosa', 'versicolor', 'virginica'],
    },
    model: {
      hiddenLayers: [8],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.05,
      batchSize: 16,
      epochs: 1,
      seed: 5,
    },
    network: {
      spec,
      training: {
        ...preset.training,
        epochs,
        batchSize: 30,
        earlyStopping: { ...preset.training.earlyStopping, enabled: false },
      },
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'auto',
  };
  return checkpoint ? { ...base, checkpoint } : base;
}

/** An in-memory port; `full` makes every save fail as a full quota would. */
function memoryPort(full = false) {
  const saved = new Map<string, { request: unknown; checkpoint: NetworkCheckpoint }>();
  const port: CheckpointPort = {
    save: (key, req, checkpoint) => {
      if (full) return Promise.resolve({ ok: false, code: 'error.storage.quota' });
      saved.set(key, { request: structuredClone(req), checkpoint: structuredClone(checkpoint) });
      return Promise.resolve({ ok: true });
    },
    load: (key) => Promise.resolve(saved.get(key)?.checkpoint ?? null),
    remove: (key) => {
      saved.delete(key);
      return Promise.resolve();
    },
  };
  return { port, saved };
}

/** webgl "works" (it is the CPU backend underneath) until the fake kernel loses the device. */
let active: BackendName = 'cpu';
let isDeviceGone = false;
const fakeGpu: BackendEnvironment = {
  isSupported: (name) => Promise.resolve(name === 'webgl' || name === 'cpu'),
  activate: async (name) => {
    await tf.setBackend('cpu');
    active = name;
  },
};

const originalRelu = tf.getKernel('Relu', 'cpu');
beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  if (!originalRelu) throw new Error('no Relu kernel');
  tf.unregisterKernel('Relu', 'cpu');
  tf.registerKernel({
    ...originalRelu,
    kernelFunc: (args) => {
      if (active === 'webgl' && isDeviceGone) {
        throw new Error('GPUDevice was lost: the device was destroyed (fake)');
      }
      return originalRelu.kernelFunc(args);
    },
  });
});
afterAll(() => {
  tf.unregisterKernel('Relu', 'cpu');
  if (originalRelu) tf.registerKernel(originalRelu);
});

async function train(
  req: TrainRequest,
  options: { checkpoints?: CheckpointPort; backends?: BackendEnvironment } = {},
  onEvent: (event: TrainingEvent) => void = () => undefined,
): Promise<{ outcome: TrainOutcome; events: TrainingEvent[] }> {
  const service = createTrainingService({ fetchText: fetchIris, ...options });
  const events: TrainingEvent[] = [];
  const outcome = await service.train(req, (e) => {
    events.push(e);
    onEvent(e);
  });
  return { outcome, events };
}

const epochsOf = (events: TrainingEvent[]) =>
  events.flatMap((e) => (e.type === 'epoch' ? [e.epoch] : []));
const lossesOf = (history: EpochRecord[]) => history.map((r) => r.trainLoss);

describe('builder-network jobs: checkpoints, resume, lost devices', () => {
  it('recognises lost WebGPU devices and WebGL contexts, and nothing else', () => {
    expect(isDeviceLost(new Error('GPUDevice was lost: destroyed'))).toBe(true);
    expect(isDeviceLost(new Error('WebGL error: CONTEXT_LOST_WEBGL'))).toBe(true);
    expect(
      isDeviceLost(
        new Error(
          "Failed to execute 'mapAsync' on 'GPUBuffer': A valid external Instance reference no longer exists.",
        ),
      ),
    ).toBe(true);
    expect(isDeviceLost(new Error('WebGL context lost'))).toBe(true);
    expect(isDeviceLost(new Error('Shapes do not match'))).toBe(false);
    expect(isDeviceLost('device lost')).toBe(false);
  });

  it('saves every N epochs, removes the checkpoint of a completed run', async () => {
    const { port, saved } = memoryPort();
    const key = 'network:iris:species';
    const { outcome, events } = await train(request(6, { key, every: 2 }), {
      checkpoints: port,
      backends: fakeGpu,
    });
    expect(outcome.status).toBe('completed');
    const notes = events.filter((e) => e.type === 'checkpoint');
    expect(notes.map((e) => e.epoch)).toEqual([2, 4, 6]);
    expect(saved.has(key)).toBe(false);
  });

  it('resumes from the stored epoch and continues the same loss curve', async () => {
    const key = 'network:iris:species';
    const straight = await train(request(6), { backends: fakeGpu });
    const { port, saved } = memoryPort();
    // Keep the epoch-4 checkpoint as a reload would find it.
    const keep: CheckpointPort = { ...port, remove: () => Promise.resolve() };
    await train(request(4, { key, every: 2 }), { checkpoints: keep, backends: fakeGpu });
    const record = saved.get(key)!;
    expect(record.checkpoint.epoch).toBe(4);
    expect(record.request).not.toHaveProperty('jobId');
    const resumed = request(6, { key, every: 2, resume: true });
    const { outcome, events } = await train(resumed, { checkpoints: port, backends: fakeGpu });
    expect(events.find((e) => e.type === 'resumed')).toMatchObject({
      epoch: 4,
      reason: 'checkpoint',
    });
    expect(epochsOf(events)).toEqual([5, 6]);
    if (outcome.status !== 'completed' || straight.outcome.status !== 'completed') {
      throw new Error('runs failed');
    }
    expect(outcome.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6]);
    // Optimizer state and batch order are restored too: the curve is the uninterrupted one.
    expect(lossesOf(outcome.history)).toEqual(lossesOf(straight.outcome.history));
  });

  it('reports a full quota as an event and trains on', async () => {
    const { port } = memoryPort(true);
    const { outcome, events } = await train(request(2, { key: 'k', every: 1 }), {
      checkpoints: port,
      backends: fakeGpu,
    });
    expect(outcome.status).toBe('completed');
    expect(events.filter((e) => e.type === 'checkpoint')).toEqual([
      { type: 'checkpoint', jobId: 1, epoch: 1, saved: false, code: 'error.storage.quota' },
      { type: 'checkpoint', jobId: 1, epoch: 2, saved: false, code: 'error.storage.quota' },
    ]);
  });

  it('moves to the next backend after a lost GPU device and resumes from the checkpoint', async () => {
    const straight = await train(request(8), { backends: fakeGpu });
    const { port } = memoryPort();
    let outcomeAndEvents: Awaited<ReturnType<typeof train>>;
    try {
      // The device goes during epoch 6 (after epoch 5 was reported): the checkpoint is epoch 4.
      outcomeAndEvents = await train(
        request(8, { key: 'k', every: 2 }),
        { checkpoints: port, backends: fakeGpu },
        (e) => {
          if (e.type === 'epoch' && e.epoch === 5 && active === 'webgl') isDeviceGone = true;
        },
      );
    } finally {
      isDeviceGone = false;
    }
    const { outcome, events } = outcomeAndEvents;
    expect(outcome.status).toBe('completed');
    if (outcome.status !== 'completed' || straight.outcome.status !== 'completed') return;
    expect(outcome.backend).toBe('cpu');
    const backends = events.flatMap((e) => (e.type === 'backend' ? [e.backend] : []));
    expect(backends.map((b) => b.name)).toEqual(['webgl', 'cpu']);
    expect(backends[1]?.skipped).toContainEqual({ name: 'webgl', reason: 'deviceLost' });
    const resumed = events.find((e) => e.type === 'resumed');
    expect(resumed).toMatchObject({ reason: 'deviceLost', epoch: 4 });
    const epochs = epochsOf(events);
    const at = epochs.lastIndexOf(5);
    expect(epochs.slice(at)).toEqual([5, 6, 7, 8]);
    expect(outcome.history.map((r) => r.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(lossesOf(outcome.history)).toEqual(lossesOf(straight.outcome.history));
  });

  it('stops with the plain NaN explanation when the loss diverges', async () => {
    const req = request(5);
    req.network!.training = { ...req.network!.training, learningRate: 1e30 };
    const { outcome } = await train(req, { backends: fakeGpu });
    expect(outcome).toMatchObject({ status: 'failed', code: 'error.training.nanLoss' });
    if (outcome.status === 'failed') expect(outcome.params).toHaveProperty('epoch');
  });
});
