/**
 * The fast engine's memory and control: heap buffers freed whatever ends a job (completion,
 * stop, divergence), no growth of the WASM heap or of the backend's data ids across jobs, and a
 * stop honoured between batches.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent } from '../../../../src/contracts/training';
import { trainFastMlp } from '../../../../src/ml/fast-mlp/train-fast';
import type { TrainJob } from '../../../../src/ml/train-loop';
import { initWasmInNode } from '../kernels/wasm-node';
import { mlpConfig, steppingClock } from '../synthetic';
import { wideData } from './fixtures';

beforeAll(async () => {
  await initWasmInNode();
});

function heapBytes(): number {
  const wasm = (tf.backend() as BackendWasm).wasm as unknown as { HEAPU8: Uint8Array };
  return wasm.HEAPU8.length;
}

function job(overrides: Partial<TrainJob> = {}): TrainJob {
  return {
    jobId: 2,
    data: wideData('classification'),
    config: mlpConfig({ hiddenLayers: [256, 128], batchSize: 64, epochs: 2 }),
    emit: () => undefined,
    isStopRequested: () => false,
    now: steppingClock(),
    ...overrides,
  };
}

describe('trainFastMlp on the WASM heap', () => {
  it('frees its buffers: heap size and data ids stay flat over many jobs', async () => {
    // ~13 MB of buffers a job (two 1024-wide layers): a leak would grow the heap at once.
    const big = (): TrainJob =>
      job({ config: mlpConfig({ hiddenLayers: [1024, 1024], batchSize: 64, epochs: 1 }) });
    await trainFastMlp(big());
    const heap = heapBytes();
    const { numTensors, numDataBuffers } = tf.memory();
    for (let i = 0; i < 4; i++) {
      const result = await trainFastMlp(big());
      expect(result.status).toBe('completed');
    }
    expect(heapBytes()).toBe(heap);
    expect(tf.memory().numTensors).toBe(numTensors);
    expect(tf.memory().numDataBuffers).toBe(numDataBuffers);
  });

  it('stops between batches, and frees its buffers when stopped or diverged', async () => {
    await trainFastMlp(job());
    const heap = heapBytes();
    const { numDataBuffers } = tf.memory();
    const events: TrainingEvent[] = [];
    let batches = 0;
    const stopped = await trainFastMlp(
      job({
        emit: (event) => {
          events.push(event);
          if (event.type === 'batch') batches++;
        },
        isStopRequested: () => batches >= 2,
      }),
    );
    expect(stopped.status).toBe('stopped');
    expect(batches).toBe(2);
    expect(events.some((e) => e.type === 'epoch')).toBe(false);
    const diverged = await trainFastMlp(
      job({ config: mlpConfig({ hiddenLayers: [64], optimizer: 'sgd', learningRate: 1e30 }) }),
    );
    expect(diverged).toMatchObject({ status: 'failed', code: 'error.training.nanLoss' });
    expect(heapBytes()).toBe(heap);
    expect(tf.memory().numDataBuffers).toBe(numDataBuffers);
  });
});
