import { MessageChannel } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { expose, type Endpoint } from 'comlink';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PredictClient } from '../../../src/bridge/predict-client';
import type { WorkerHandle } from '../../../src/bridge/training-client';
import type { PredictApi } from '../../../src/contracts/predict';
import { createPredictService } from '../../../src/ml/predict-service';
import { Prediction, predictableOf } from '../../../src/state/Prediction.svelte';
import {
  FEATURES,
  fetchIris,
  irisRequest,
  testRowsCsv,
  trainIris,
  type Finished,
} from '../ml/predict/fixtures';

/** The worker stand-in: comlink over a Node MessageChannel to the service in-process. */
function inProcessWorker(api: PredictApi): WorkerHandle {
  const { port1, port2 } = new MessageChannel();
  expose(api, port2 as unknown as Endpoint);
  const client = port1 as unknown as Endpoint;
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      client.postMessage(message, transfer),
    addEventListener: (type, listener) => {
      if (type === 'message') client.addEventListener(type, listener);
    },
    removeEventListener: (type, listener) => {
      if (type === 'message') client.removeEventListener(type, listener);
    },
    start: () => port1.start(),
    terminate: () => {
      port1.close();
      port2.close();
    },
  };
}

let run: Finished;
const states: Prediction[] = [];
afterEach(() => {
  for (const state of states.splice(0)) state.dispose();
});

function newPrediction(): Prediction {
  const client = new PredictClient(() =>
    inProcessWorker(createPredictService({ fetchText: fetchIris })),
  );
  const state = new Prediction(
    {
      onUnexpected: (error) => {
        throw error;
      },
    },
    client,
  );
  states.push(state);
  return state;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  run = await trainIris();
});

describe('Prediction state over the prediction worker', () => {
  it('fills the form, predicts a row and a CSV, names missing columns, exports a zip', async () => {
    const request = irisRequest();
    const model = predictableOf(run, request.model);
    if (!model) throw new Error('no model');
    const state = newPrediction();
    await state.open(model, request.dataset, request.split);
    expect(state.fields.map((f) => f.name)).toEqual(FEATURES);

    await state.predictRow(Object.fromEntries(state.fields.map((f) => [f.name, f.defaultValue])));
    expect(state.row?.classNames).toEqual(['setosa', 'versicolor', 'virginica']);
    expect(state.row?.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);

    await state.predictCsv('test.csv', testRowsCsv());
    expect(state.batch?.result?.rowCount).toBe(30);
    expect(state.batch?.result?.csv).toContain('probability_virginica');

    await state.predictCsv('bad.csv', 'sepal_length_cm,colour\n5,blue\n');
    expect(state.problem).toEqual({
      code: 'predict.error.missingColumns',
      params: { columns: 'sepal_width_cm, petal_length_cm, petal_width_cm', count: 3 },
    });
    expect(state.batch).toBeNull();

    const zip = await state.exportZip();
    expect(zip).not.toBeNull();
    const files = unzipSync(zip!);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));
    const metadata = JSON.parse(strFromU8(files['metadata.json']!)) as { target: string };
    expect(metadata.target).toBe('species');
    expect(state.exportedFiles).toContain('train_pytorch.ipynb');
  });

  it('has nothing to predict with for a run without a saved model', () => {
    const { trainedModel: _unused, ...old } = run;
    expect(predictableOf(old as Finished, irisRequest().model)).toBeNull();
  });
});

describe('Prediction.close', () => {
  it('forgets the model, its form and results', async () => {
    const request = irisRequest();
    const model = predictableOf(run, request.model);
    if (!model) throw new Error('no model');
    const state = newPrediction();
    await state.open(model, request.dataset, request.split);
    await state.predictRow({});
    state.close();
    expect(state.model).toBeNull();
    expect(state.fields).toEqual([]);
    expect(state.row).toBeNull();
    expect(state.problem).toBeNull();
  });
});
