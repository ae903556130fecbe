/**
 * The tiny path honours per-epoch training rows (a recipe's Gaussian noise or text
 * augmentation drawn afresh each epoch) exactly as trainMlp does: asked from the second epoch
 * on, used when they have the training shape, ignored otherwise.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainTinyMlp } from '../../../../src/ml/tiny/train-tiny';
import type { TrainingData, TrainResult } from '../../../../src/ml/train-loop';
import { classificationData, mlpConfig, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

function train(data: TrainingData, epochs = 3): Promise<TrainResult> {
  return trainTinyMlp({
    jobId: 1,
    data,
    config: mlpConfig({ epochs }),
    emit: () => {},
    isStopRequested: () => false,
    now: steppingClock(),
  });
}

function historyOf(result: TrainResult) {
  if (result.status === 'failed') throw new Error(result.code);
  return result.history;
}

describe('trainTinyMlp with per-epoch training rows', () => {
  it('asks for fresh rows from the second epoch on and trains on them', async () => {
    const base = classificationData();
    const asked: number[] = [];
    const noisy: TrainingData = {
      ...base,
      trainForEpoch: (epoch) => {
        asked.push(epoch);
        return { x: base.xTrain.map((v, i) => v + 0.3 * Math.sin(epoch * 7 + i)), y: base.yTrain };
      },
    };
    const plain = historyOf(await train(base));
    const augmented = historyOf(await train(noisy));
    expect(asked).toEqual([2, 3]);
    expect(augmented[0]).toEqual(plain[0]);
    expect(augmented[2]?.trainLoss).not.toBe(plain[2]?.trainLoss);
  });

  it('keeps the current rows when the fresh ones have another shape', async () => {
    const base = classificationData();
    const plain = historyOf(await train(base));
    const wrong: TrainingData = {
      ...base,
      trainForEpoch: () => ({ x: new Float32Array(2), y: new Float32Array(1) }),
    };
    expect(historyOf(await train(wrong))).toEqual(plain);
  });
});
