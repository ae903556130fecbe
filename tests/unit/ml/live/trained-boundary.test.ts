/**
 * The decision map of a network trained elsewhere (a share link's), computed in the prediction
 * worker's service: on two moons it is the map the training worker's live views sent after the
 * last epoch (same grid, same points, same counts, the same probabilities to float precision),
 * for a builder network too; a model on more than two inputs is refused with its own code; and
 * no tensor outlives a call.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DecisionBoundaryView } from '../../../../src/contracts/live-views';
import type { TrainRequest, TrainingEvent } from '../../../../src/contracts/training';
import type { TrainedMapRequest } from '../../../../src/contracts/trained-map';
import { generatePoints, pointsToCsv } from '../../../../src/core/generators';
import { proposePresets } from '../../../../src/core/network/presets';
import { createPredictService } from '../../../../src/ml/predict-service';
import { createTrainingService } from '../../../../src/ml/training-service';
import {
  fetchIris,
  irisRequest,
  predictableOf,
  trainIris,
  type Finished,
} from '../predict/fixtures';

const MOONS_URL = 'https://example.test/moons.csv';
const MOONS = pointsToCsv(generatePoints({ kind: 'moons', samples: 300, noise: 0.1, seed: 7 }));
const fetchMoons = (url: string): Promise<string> =>
  url === MOONS_URL ? Promise.resolve(MOONS) : fetchIris(url);

function moonsRequest(overrides: Partial<TrainRequest> = {}): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: 'moons',
      url: MOONS_URL,
      target: 'label',
      task: 'classification',
      features: [
        { name: 'x', type: 'numeric' },
        { name: 'y', type: 'numeric' },
        { name: 'label', type: 'integer' },
      ],
    },
    model: {
      hiddenLayers: [8, 8],
      activation: 'tanh',
      optimizer: 'adam',
      learningRate: 0.03,
      batchSize: 16,
      epochs: 15,
      seed: 11,
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
    liveViews: { boundary: true, histograms: false, conv: false },
    ...overrides,
  };
}

async function trainWithMap(request: TrainRequest): Promise<{
  run: Finished;
  live: DecisionBoundaryView;
}> {
  const service = createTrainingService({ fetchText: fetchMoons });
  let live: DecisionBoundaryView | null = null;
  const outcome = await service.train(request, (event: TrainingEvent) => {
    if (event.type === 'live' && event.boundary) live = event.boundary;
  });
  if (outcome.status !== 'completed' || !live) throw new Error(JSON.stringify(outcome));
  return { run: outcome, live };
}

function mapRequest(run: Finished, request: TrainRequest): TrainedMapRequest {
  return {
    model: predictableOf(run, request),
    dataset: request.dataset,
    split: request.split,
    seed: request.model.seed,
  };
}

function expectSameMap(map: DecisionBoundaryView, live: DecisionBoundaryView): void {
  expect(map.steps).toBe(live.steps);
  expect(map.classes).toBe(2);
  expect(map.bounds).toEqual(live.bounds);
  expect(map.train).toEqual(live.train);
  expect(map.test).toEqual(live.test);
  expect([map.trainTotal, map.testTotal]).toEqual([live.trainTotal, live.testTotal]);
  expect([map.trainCorrect, map.testCorrect]).toEqual([live.trainCorrect, live.testCorrect]);
  expect(map.probabilities).toHaveLength(live.probabilities.length);
  let gap = 0;
  for (let i = 0; i < map.probabilities.length; i++) {
    gap = Math.max(gap, Math.abs(map.probabilities[i]! - live.probabilities[i]!));
  }
  expect(gap).toBeLessThan(1e-4);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('the decision map of a shared network', () => {
  it('is the map the live views showed after the last epoch (MLP)', async () => {
    const request = moonsRequest();
    const { run, live } = await trainWithMap(request);
    const service = createPredictService({ fetchText: fetchMoons });
    const map = await service.trainedMap(mapRequest(run, request));
    if (!map.ok) throw new Error(JSON.stringify(map));
    expectSameMap(map.view, live);
    expect(map.view.testCorrect / map.view.testTotal).toBeGreaterThan(0.8);

    // Loaded, used and disposed in the call: a second one leaves no tensor behind.
    const before = tf.memory().numTensors;
    const again = await service.trainedMap(mapRequest(run, request));
    expect(again.ok).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is the live views’ map for a builder network too', async () => {
    const preset = proposePresets({ task: 'classification', width: 2 })[0]!;
    const request = moonsRequest({
      network: {
        spec: { ...preset.spec, inputShape: [2] },
        training: { ...preset.training, epochs: 6, seed: 5 },
      },
    });
    const { run, live } = await trainWithMap(request);
    const map = await createPredictService({ fetchText: fetchMoons }).trainedMap(
      mapRequest(run, request),
    );
    if (!map.ok) throw new Error(JSON.stringify(map));
    expectSameMap(map.view, live);
  });

  it('refuses a model on more than two inputs, and a run without a network', async () => {
    const iris = await trainIris({ model: { ...irisRequest().model, epochs: 3 } });
    const request = irisRequest();
    const service = createPredictService({ fetchText: fetchIris });
    expect(await service.trainedMap(mapRequest(iris, request))).toEqual({
      ok: false,
      code: 'share.map.error.notTwoInputs',
      params: { count: 4 },
    });
    const { network: _network, ...withoutNetwork } = predictableOf(iris, request);
    expect(
      await service.trainedMap({ ...mapRequest(iris, request), model: withoutNetwork }),
    ).toEqual({ ok: false, code: 'predict.error.noModel' });
  });
});
