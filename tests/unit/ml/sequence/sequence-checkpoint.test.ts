/**
 * Sequence checkpoints on the CPU backend: the air_passengers forecaster through the training
 * service, stopped after its checkpoint and resumed, continues with the very epochs an
 * uninterrupted run trains and ends with the same forecast; a character LSTM's checkpoint,
 * restored into a model of the same build, predicts what the saved model predicted.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import type { TaskCheckpoint, TaskCheckpointPort } from '../../../../src/contracts/network';
import type { TextSpec } from '../../../../src/contracts/sequence';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../../src/contracts/training';
import type { NetworkCheckpoint } from '../../../../src/core/network/checkpoint-types';
import { loadTrainedModel } from '../../../../src/ml/export/trained-model';
import { restoreModelWeights } from '../../../../src/ml/network/checkpoint';
import { RunControl } from '../../../../src/ml/network/run-control';
import { runText, textNetwork } from '../../../../src/ml/sequence/text-run';
import { createTrainingService } from '../../../../src/ml/training-service';
import { buildSequenceRequest } from '../../../../src/state/sequence-request';

const DATASETS = new URL('../../../../public/datasets/', import.meta.url);
const AIR = readFileSync(new URL('air_passengers.csv', DATASETS), 'utf8');
const WORDS = readFileSync(new URL('english_words.txt', DATASETS), 'utf8');
const MANIFEST = JSON.parse(
  readFileSync(new URL('manifest.json', DATASETS), 'utf8'),
) as BuiltinDatasetEntry[];

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** The worker's IndexedDB port, in memory; it logs every save. */
function memoryPort() {
  const records = new Map<string, { request: unknown; saved: TaskCheckpoint }>();
  const saves: { key: string; epoch: number }[] = [];
  const port: TaskCheckpointPort = {
    save: (key, request, saved) => {
      records.set(key, { request: structuredClone(request), saved: structuredClone(saved) });
      saves.push({ key, epoch: saved.checkpoint.epoch });
      return Promise.resolve({ ok: true });
    },
    load: (key) => Promise.resolve(records.get(key)?.saved ?? null),
    remove: (key) => {
      records.delete(key);
      return Promise.resolve();
    },
  };
  return { port, records, saves };
}

describe('sequence checkpoints', () => {
  it('air_passengers: a forecaster stopped after its checkpoint resumes exactly where it was', async () => {
    const entry = MANIFEST.find((e) => e.id === 'air_passengers');
    if (!entry) throw new Error('air_passengers is not shipped');
    const store = memoryPort();
    const service = createTrainingService({
      fetchText: () => Promise.resolve(AIR),
      taskCheckpoints: store.port,
    });
    const spec = {
      kind: 'forecast' as const,
      column: 'passengers',
      multivariate: false,
      timeColumn: 'month',
      lookback: 12,
      horizon: 1,
      epochs: 4,
      learningRate: 0.01,
      seed: 42,
    };
    const base = buildSequenceRequest(entry, 'air_passengers.csv', spec, 'cpu');
    const key = 'sequence:air_passengers';
    const request = (jobId: number, resume = false): TrainRequest => ({
      ...base,
      jobId,
      checkpoint: { key, every: 2, ...(resume ? { resume: true } : {}) },
    });
    const before = tf.memory().numTensors;

    // Uninterrupted: checkpoints of epochs 2 and 4, and none left once the run completes.
    const full = await service.train(request(1), () => undefined);
    if (full.status !== 'completed') throw new Error(JSON.stringify(full));
    expect(store.saves).toEqual([
      { key, epoch: 2 },
      { key, epoch: 4 },
    ]);
    expect(store.records.size).toBe(0);

    // Stopped as soon as its checkpoint of epoch 2 is written (the page reloads).
    const events: TrainingEvent[] = [];
    const stopped = await service.train(request(2), (event) => {
      events.push(event);
      if (event.type === 'checkpoint' && event.epoch === 2) service.stop(2);
    });
    expect(stopped.status).toBe('stopped');
    expect(events.filter((e) => e.type === 'checkpoint').map((e) => e.epoch)).toEqual([2, 2]);
    const record = store.records.get(key);
    expect(record?.saved.kind).toBe('sequence');
    expect(record?.saved.checkpoint.epoch).toBe(2);
    // The record describes the run, not how it was started: no job id, no `resume`.
    expect(record?.request).not.toHaveProperty('jobId');
    expect((record?.request as TrainRequest).checkpoint).toEqual({ key, every: 2 });

    const resumedEvents: TrainingEvent[] = [];
    const resumed: TrainOutcome = await service.train(request(3, true), (event) =>
      resumedEvents.push(event),
    );
    if (resumed.status !== 'completed') throw new Error(JSON.stringify(resumed));
    const first = resumedEvents.find((e) => e.type === 'resumed');
    expect(first?.type === 'resumed' && first.epoch).toBe(2);
    expect(first?.type === 'resumed' && first.history.map((h) => h.epoch)).toEqual([1, 2]);
    const epochs = resumedEvents.flatMap((e) => (e.type === 'epoch' ? [e] : []));
    expect(epochs.map((e) => e.epoch)).toEqual([3, 4]);
    // The same epochs as the uninterrupted run, to the last bit on the CPU backend.
    expect(resumed.history).toEqual(full.history);
    expect(resumed.sequence).toEqual(full.sequence);
    expect(store.records.size).toBe(0);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('english_words: a restored character LSTM predicts what the saved one did', async () => {
    const spec: TextSpec = {
      kind: 'text',
      model: 'lstm',
      context: 8,
      maxCharacters: 1500,
      temperature: 0.8,
      prompt: 'con',
      sampleLength: 10,
      sampleCount: 1,
      epochs: 2,
      learningRate: 0.01,
      seed: 7,
    };
    const preset = textNetwork(spec, 28);
    const network = {
      spec: {
        ...preset.spec,
        layers: preset.spec.layers.map((l) => (l.type === 'lstm' ? { ...l, units: 16 } : l)),
      },
      training: { ...preset.training, batchSize: 64 },
    };
    const saved: NetworkCheckpoint[] = [];
    const started = performance.now();
    const result = await runText({
      jobId: 1,
      spec,
      text: WORDS,
      split: { train: 0.8, validation: 0.1, test: 0.1 },
      emit: () => undefined,
      control: new RunControl(),
      network,
      checkpointEvery: 2,
      onCheckpoint: (c) => void saved.push(c),
    });
    if (result.status !== 'completed' || !result.trainedModel) throw new Error(result.status);
    const checkpoint = saved[0];
    if (!checkpoint) throw new Error('no checkpoint');
    const bytes = checkpoint.weights.reduce((n, w) => n + w.values.byteLength, 0);
    const slots = checkpoint.optimizer.reduce((n, w) => n + w.values.byteLength, 0);
    console.log(
      `char LSTM (16 units) checkpoint: ${bytes} B weights + ${slots} B optimizer; run ${Math.round(performance.now() - started)} ms`,
    );
    expect(checkpoint.epoch).toBe(2);
    expect(checkpoint.history.map((h) => h.epoch)).toEqual([1, 2]);

    const trained = await loadTrainedModel(result.trainedModel);
    const restored = await loadTrainedModel(result.trainedModel);
    const input = tf.tensor2d(
      Int32Array.from({ length: 4 * 8 }, (_, i) => (i * 5) % 28),
      [4, 8],
      'int32',
    );
    try {
      // Scrambled first, so only the checkpoint can bring the outputs back.
      restored.setWeights(restored.getWeights().map((w) => tf.zerosLike(w)));
      restoreModelWeights(restored, checkpoint.weights);
      const expected = tf.tidy(() => trained.predict(input) as tf.Tensor).arraySync();
      const got = tf.tidy(() => restored.predict(input) as tf.Tensor).arraySync();
      expect(got).toEqual(expected);
    } finally {
      input.dispose();
      trained.dispose();
      restored.dispose();
    }
  });
});
