/**
 * The fast engine's live views: weight and last-batch gradient histograms per dense layer
 * (kernel and bias, counts summing to the parameter counts), and the decision boundary on 2-D
 * classification data, throttled to the last epoch under a still clock.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { LiveViewsEvent } from '../../../../src/contracts/live-views';
import type { TrainingEvent } from '../../../../src/contracts/training';
import { createJsKernels } from '../../../../src/ml/fast-mlp/kernels';
import { trainFastMlp } from '../../../../src/ml/fast-mlp/train-fast';
import { classificationData, mlpConfig } from '../synthetic';
import { WIDTH, wideData } from './fixtures';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

async function liveEvents(data = wideData('classification'), hiddenLayers = [16, 8]) {
  const events: TrainingEvent[] = [];
  const result = await trainFastMlp(
    {
      jobId: 4,
      data,
      config: mlpConfig({ hiddenLayers, epochs: 3 }),
      emit: (event) => events.push(event),
      isStopRequested: () => false,
      now: () => 0,
      liveViews: { boundary: true, histograms: true, conv: true },
    },
    createJsKernels(),
  );
  expect(result.status).toBe('completed');
  return events.filter((e): e is LiveViewsEvent => e.type === 'live');
}

describe('trainFastMlp live views', () => {
  it('sends weight and gradient histograms of every kernel and bias', async () => {
    const live = await liveEvents();
    // The clock stands still: the first epoch claims the slot, the last is always sent.
    expect(live.map((e) => e.epoch)).toEqual([1, 3]);
    const last = live[live.length - 1] as LiveViewsEvent;
    const sizes = [WIDTH * 16, 16, 16 * 8, 8, 8 * 3, 3];
    for (const views of [last.weights, last.gradients]) {
      expect(views?.map((v) => v.name)).toEqual([
        'dense_1/kernel',
        'dense_1/bias',
        'dense_2/kernel',
        'dense_2/bias',
        'dense_3/kernel',
        'dense_3/bias',
      ]);
      views?.forEach((view, i) => {
        expect(view.counts.reduce((a, b) => a + b, 0)).toBe(sizes[i]);
      });
    }
    expect(last.boundary).toBeUndefined();
    expect(last.conv).toBeUndefined();
  });

  it('draws the decision boundary on 2-D classification data', async () => {
    const live = await liveEvents(classificationData(3), [80]);
    const boundary = live[live.length - 1]?.boundary;
    expect(boundary?.classes).toBe(3);
    expect(boundary?.probabilities.length).toBe(boundary!.steps * boundary!.steps * 3);
  });
});
