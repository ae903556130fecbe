/**
 * The tiny path against the general path: `trainTinyMlp` and `trainMlp` (tfjs CPU backend) on
 * the same data, config and seed must report the same epochs, batch losses and test scores for
 * every optimizer, activation and task. tfjs rounds to float32 and the tiny engine does not,
 * so values agree to within REL_TOLERANCE of their size (ABS_FLOOR for values near zero, such
 * as a loss on separable blobs); probed worst case over this matrix: 2e-5.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Activation,
  MlpConfig,
  OptimizerName,
  TrainingEvent,
} from '../../../../src/contracts/training';
import { trainTinyMlp } from '../../../../src/ml/tiny/train-tiny';
import { trainMlp, type TrainingData, type TrainResult } from '../../../../src/ml/train-loop';
import { classificationData, mlpConfig, regressionData, steppingClock } from '../synthetic';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const REL_TOLERANCE = 1e-4;
const ABS_FLOOR = 1e-3;

function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    REL_TOLERANCE * Math.max(ABS_FLOOR, Math.abs(expected)),
  );
}

async function runBoth(data: TrainingData, config: MlpConfig) {
  const run = async (train: typeof trainMlp) => {
    const events: TrainingEvent[] = [];
    const result = await train({
      jobId: 3,
      data,
      config,
      emit: (event) => events.push(event),
      isStopRequested: () => false,
      // A full throttle interval per clock read: every batch event is emitted on both paths.
      now: steppingClock(),
    });
    if (result.status === 'failed') throw new Error(`failed: ${result.code}`);
    const losses = events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));
    return { result, losses };
  };
  return { general: await run(trainMlp), tiny: await run(trainTinyMlp) };
}

function expectSameTraining(
  general: { result: Exclude<TrainResult, { status: 'failed' }>; losses: number[] },
  tiny: { result: Exclude<TrainResult, { status: 'failed' }>; losses: number[] },
): void {
  expect(tiny.result.epochsRun).toBe(general.result.epochsRun);
  expect(tiny.losses).toHaveLength(general.losses.length);
  general.losses.forEach((loss, i) => expectNear(tiny.losses[i] as number, loss));
  general.result.history.forEach((record, i) => {
    const other = tiny.result.history[i];
    expect(other?.epoch).toBe(record.epoch);
    for (const key of ['trainLoss', 'valLoss', 'trainMetric', 'valMetric'] as const) {
      expectNear(other?.[key] ?? Number.NaN, record[key]);
    }
  });
  const a = general.result.test;
  const b = tiny.result.test;
  if (a.kind === 'classification' && b.kind === 'classification') {
    expect(b.confusion).toEqual(a.confusion);
    expectNear(b.logLoss, a.logLoss);
    expectNear(b.rocAuc, a.rocAuc);
  } else if (a.kind === 'regression' && b.kind === 'regression') {
    expectNear(b.mse, a.mse);
    expectNear(b.r2, a.r2);
  } else {
    throw new Error(`test evaluations differ in kind: ${a.kind} vs ${b.kind}`);
  }
}

const OPTIMIZERS: OptimizerName[] = ['sgd', 'adam', 'rmsprop'];
const ACTIVATIONS: Activation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'];
const TASKS: [string, () => TrainingData][] = [
  ['2 classes', () => classificationData(2)],
  ['3 classes', () => classificationData(3)],
  ['regression', () => regressionData()],
];

describe('trainTinyMlp against trainMlp', () => {
  for (const optimizer of OPTIMIZERS) {
    for (const activation of ACTIVATIONS) {
      for (const [name, makeData] of TASKS) {
        it(`agrees for ${optimizer}, ${activation}, ${name}`, async () => {
          const config = mlpConfig({ optimizer, activation, hiddenLayers: [8, 8], epochs: 4 });
          const { general, tiny } = await runBoth(makeData(), config);
          expectSameTraining(general, tiny);
        });
      }
    }
  }

  it('agrees with class weights, a ragged last batch and no hidden layer', async () => {
    const data = { ...classificationData(3), classWeights: Float32Array.of(2, 0.5, 1) };
    for (const hiddenLayers of [[6], []]) {
      const config = mlpConfig({ hiddenLayers, batchSize: 10, epochs: 3 });
      const { general, tiny } = await runBoth(data, config);
      expectSameTraining(general, tiny);
    }
  });

  it("agrees on TensorFlow Playground's network: 2-8-8-2 tanh, batch 10, SGD 0.03", async () => {
    const config = mlpConfig({
      hiddenLayers: [8, 8],
      activation: 'tanh',
      optimizer: 'sgd',
      learningRate: 0.03,
      batchSize: 10,
      epochs: 6,
    });
    const { general, tiny } = await runBoth(classificationData(2), config);
    expectSameTraining(general, tiny);
  });
});
