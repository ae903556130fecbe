/**
 * The fast engine against the general path: `trainFastMlp` and `trainMlp` on the same data,
 * config and seed must report the same batch losses, epochs and test scores, on the WASM backend
 * (XNNPACK products on heap memory) and on the CPU backend (blocked JS products). Both sides
 * compute in float32 but sum in different orders, so values agree within REL_TOLERANCE of their
 * size (ABS_FLOOR near zero); the final weights are compared too.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  Activation,
  MlpConfig,
  OptimizerName,
  TrainingEvent,
} from '../../../../src/contracts/training';
import { createFastKernels, trainFastMlp } from '../../../../src/ml/fast-mlp/train-fast';
import { loadTrainedModel } from '../../../../src/ml/export/trained-model';
import { trainMlp, type TrainingData, type TrainResult } from '../../../../src/ml/train-loop';
import { initWasmInNode, useBackend } from '../kernels/wasm-node';
import { mlpConfig, steppingClock } from '../synthetic';
import { wideData } from './fixtures';

const REL_TOLERANCE = 2e-4;
const ABS_FLOOR = 1e-3;

function expectNear(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(
    REL_TOLERANCE * Math.max(ABS_FLOOR, Math.abs(expected)),
  );
}

type Done = Exclude<TrainResult, { status: 'failed' }>;

async function run(
  train: (job: Parameters<typeof trainMlp>[0]) => Promise<TrainResult>,
  data: TrainingData,
  config: MlpConfig,
): Promise<{ result: Done; losses: number[]; weights: Float32Array }> {
  const events: TrainingEvent[] = [];
  const result = await train({
    jobId: 1,
    data,
    config,
    emit: (event) => events.push(event),
    isStopRequested: () => false,
    now: steppingClock(),
  });
  if (result.status === 'failed') throw new Error(`failed: ${result.code}`);
  const model = await loadTrainedModel(result.trainedModel!);
  const weights = Float32Array.from(model.getWeights().flatMap((w) => Array.from(w.dataSync())));
  model.dispose();
  return { result, losses: events.flatMap((e) => (e.type === 'batch' ? [e.loss] : [])), weights };
}

async function expectSameTraining(data: TrainingData, config: MlpConfig): Promise<void> {
  const general = await run(trainMlp, data, config);
  const fast = await run(trainFastMlp, data, config);
  expect(fast.result.epochsRun).toBe(general.result.epochsRun);
  expect(fast.losses).toHaveLength(general.losses.length);
  general.losses.forEach((loss, i) => expectNear(fast.losses[i] as number, loss));
  general.result.history.forEach((record, i) => {
    const other = fast.result.history[i];
    for (const key of ['trainLoss', 'valLoss', 'trainMetric', 'valMetric'] as const) {
      expectNear(other?.[key] ?? Number.NaN, record[key]);
    }
  });
  expect(fast.weights).toHaveLength(general.weights.length);
  let worst = 0;
  general.weights.forEach((w, i) => {
    worst = Math.max(
      worst,
      Math.abs((fast.weights[i] as number) - w) / Math.max(0.05, Math.abs(w)),
    );
  });
  expect(worst).toBeLessThan(1e-3);
  const a = general.result.test;
  const b = fast.result.test;
  if (a.kind === 'classification' && b.kind === 'classification') {
    expect(b.confusion).toEqual(a.confusion);
    expectNear(b.logLoss, a.logLoss);
  } else if (a.kind === 'regression' && b.kind === 'regression') {
    expectNear(b.mse, a.mse);
  } else {
    throw new Error(`test evaluations differ in kind: ${a.kind} vs ${b.kind}`);
  }
}

const OPTIMIZERS: OptimizerName[] = ['sgd', 'adam', 'rmsprop'];
const ACTIVATIONS: Activation[] = ['relu', 'tanh', 'sigmoid', 'elu', 'selu'];

function config(overrides: Partial<MlpConfig>): MlpConfig {
  return mlpConfig({
    hiddenLayers: [32, 16],
    batchSize: 32,
    epochs: 3,
    learningRate: 0.01,
    ...overrides,
  });
}

for (const backend of ['wasm', 'cpu'] as const) {
  describe(`trainFastMlp against trainMlp on ${backend}`, () => {
    beforeAll(async () => {
      if (backend === 'wasm') await initWasmInNode();
      else await useBackend('cpu');
    });

    it(`uses the ${backend === 'wasm' ? 'XNNPACK' : 'JS'} products`, () => {
      const kernels = createFastKernels();
      expect(kernels.kind).toBe(backend === 'wasm' ? 'wasm-simd' : 'js');
      kernels.dispose();
    });

    for (const optimizer of OPTIMIZERS) {
      it(`agrees for ${optimizer}, relu, 3 classes`, async () => {
        await expectSameTraining(wideData('classification'), config({ optimizer }));
      });
    }
    for (const activation of ACTIVATIONS.filter((a) => a !== 'relu')) {
      it(`agrees for adam, ${activation}, regression`, async () => {
        await expectSameTraining(wideData('regression'), config({ activation }));
      });
    }

    it('agrees with class weights, 2 classes and no hidden layer', async () => {
      const data = { ...wideData('classification', 2), classWeights: Float32Array.of(2, 0.5) };
      for (const hiddenLayers of [[24], []]) {
        await expectSameTraining(data, config({ hiddenLayers, batchSize: 20 }));
      }
    });

    it('leaves no tensor behind', async () => {
      const before = tf.memory().numTensors;
      await run(trainFastMlp, wideData('classification'), config({ epochs: 1 }));
      expect(tf.memory().numTensors).toBe(before);
    });
  });
}
