import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TrainingEvent, TrainRequest } from '../../../../src/contracts/training';
import { proposePresets } from '../../../../src/core/network/presets';
import { runNetwork } from '../../../../src/ml/network/network-run';
import { RunControl } from '../../../../src/ml/network/run-control';
import { classificationData, mlpConfig, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const summary = {
  rowsTotal: 112,
  rowsDroppedMissing: 0,
  rowsUsed: 112,
  split: { train: 64, validation: 24, test: 24 },
  featureCount: 2,
  numericFeatures: ['a', 'b'],
  categoricalFeatures: [],
  parameterCount: 0,
};

describe('runNetwork', () => {
  it('trains a preset and returns the outcome with the network it ran, in event order', async () => {
    const [preset] = proposePresets({ task: 'classification', width: 2 });
    if (!preset) throw new Error('no preset');
    const network = { spec: preset.spec, training: { ...preset.training, epochs: 5 } };
    const request: TrainRequest & { network: typeof network } = {
      jobId: 9,
      dataset: { id: 'blobs', url: '', target: 'y', task: 'classification', features: [] },
      model: mlpConfig(),
      network,
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      backend: 'cpu',
    };
    const events: TrainingEvent[] = [];
    const outcome = await runNetwork({
      request,
      data: { ...classificationData(), summary },
      emit: (e) => events.push(e),
      control: new RunControl(),
      now: steppingClock(),
    });
    expect(outcome.status).toBe('completed');
    if (outcome.status === 'failed') return;
    expect(outcome.network).toEqual(network);
    expect(outcome.epochsRun).toBe(5);
    const prepared = events.find((e) => e.type === 'prepared');
    expect(prepared?.type === 'prepared' && prepared.summary.parameterCount).toBe(
      2 * 64 + 64 + 64 * 32 + 32 + 32 * 2 + 2,
    );
    expect(events[0]?.type).toBe('prepared');
    expect(events[events.length - 1]?.type).toBe('done');
  });

  it('passes a failure through with the job id', async () => {
    const request = {
      jobId: 4,
      dataset: { id: 'blobs', url: '', target: 'y', task: 'classification' as const, features: [] },
      model: mlpConfig(),
      network: {
        spec: { inputShape: [2], layers: [] },
        training: {
          ...proposePresets({ task: 'classification', width: 2 })[0]!.training,
          loss: 'mse' as const,
        },
      },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      backend: 'cpu' as const,
    };
    const outcome = await runNetwork({
      request,
      data: { ...classificationData(), summary },
      emit: () => undefined,
      control: new RunControl(),
      now: steppingClock(),
    });
    expect(outcome).toMatchObject({
      status: 'failed',
      jobId: 4,
      code: 'error.config.invalid',
      params: { field: 'loss' },
    });
  });
});
