/** Shared fixtures of the classical training-service tests: iris and diabetes requests. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ClassicalParamValue } from '../../../src/core/classical-types';
import type { Evaluation } from '../../../src/contracts/evaluation';
import type { TrainOutcome, TrainRequest, TrainingEvent } from '../../../src/contracts/training';
import { createTrainingService } from '../../../src/ml/training-service';

const read = (name: string): string =>
  readFileSync(resolve(process.cwd(), `../shared/datasets/${name}`), 'utf8');
export const FILES: Record<string, string> = {
  'https://example.test/iris.csv': read('iris.csv'),
  'https://example.test/diabetes.csv': read('diabetes.csv'),
};
export const fetchText = (url: string): Promise<string> =>
  url in FILES ? Promise.resolve(FILES[url]!) : Promise.reject(new Error(`404 ${url}`));

export const IRIS_FEATURES = [
  'sepal_length_cm',
  'sepal_width_cm',
  'petal_length_cm',
  'petal_width_cm',
];
const DIABETES_FEATURES = [
  'age',
  'sex',
  'bmi',
  'bp',
  's1_tc',
  's2_ldl',
  's3_hdl',
  's4_tch',
  's5_ltg',
  's6_glu',
];

export function request(
  learner: string,
  params: Record<string, ClassicalParamValue> = {},
  dataset: 'iris' | 'diabetes' = 'iris',
): TrainRequest {
  const iris = dataset === 'iris';
  return {
    jobId: 1,
    dataset: iris
      ? {
          id: 'iris',
          url: 'https://example.test/iris.csv',
          target: 'species',
          task: 'classification',
          features: IRIS_FEATURES.map((name) => ({ name, type: 'numeric' })),
          classes: ['setosa', 'versicolor', 'virginica'],
        }
      : {
          id: 'diabetes',
          url: 'https://example.test/diabetes.csv',
          target: 'progression',
          task: 'regression',
          features: DIABETES_FEATURES.map((name) => ({ name, type: 'numeric' })),
        },
    // Deliberately invalid for a network: with `classical` set only the seed is read.
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: -1,
      batchSize: 0,
      epochs: 0,
      seed: 3,
    },
    classical: { learner, params },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'webgpu',
  };
}

export type Finished = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;

export async function train(req: TrainRequest, onEvent?: (e: TrainingEvent) => void) {
  const service = createTrainingService({ fetchText });
  const events: TrainingEvent[] = [];
  const outcome = await service.train(req, (event) => {
    events.push(event);
    onEvent?.(event);
  });
  return { outcome, events, service };
}

export function finished(outcome: TrainOutcome): Finished {
  if (outcome.status !== 'completed' && outcome.status !== 'stopped') {
    throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  }
  return outcome;
}

export function score(test: Evaluation): number {
  return test.kind === 'classification' ? test.accuracy : test.r2;
}
