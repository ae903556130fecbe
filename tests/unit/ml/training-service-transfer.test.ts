/**
 * Transfer learning through the training service, as the worker runs it: a source network
 * trained on one image CSV, then fine-tuned on another whose labels are class indices named by
 * the manifest (as fashion_mnist's are), with the source's weights read through the service's
 * `readRunWeights` port.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type {
  TrainOutcome,
  TrainRequest,
  TrainedModelArtifacts,
} from '../../../src/contracts/training';
import type { NetworkSpec } from '../../../src/core/network/spec';
import { defaultOptimizer } from '../../../src/core/network/training-spec';
import { createRng } from '../../../src/core/rng';
import { loadTrainedModel } from '../../../src/ml/export/trained-model';
import { frameFromCsv } from '../../../src/ml/prepare-dataset';
import { createTrainingService } from '../../../src/ml/training-service';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const PIXELS = 16;

/** 4×4 images, `rows` of them; class c lights up row c. Labels as written in the file. */
function imageCsv(labels: string[], rows: number, seed: number): string {
  const rng = createRng(seed);
  const lines = [['label', ...Array.from({ length: PIXELS }, (_, p) => `pixel${p}`)].join(',')];
  for (let i = 0; i < rows; i++) {
    const c = i % labels.length;
    const pixels = Array.from({ length: PIXELS }, (_, p) =>
      Math.round((Math.floor(p / 4) === c ? 200 : 20) + 40 * rng()),
    );
    lines.push([labels[c], ...pixels].join(','));
  }
  return lines.join('\n');
}

const FILES: Record<string, string> = {
  'https://example.test/digits.csv': imageCsv(['0', '1', '2'], 90, 1),
  // Indices in the file, names in the manifest.
  'https://example.test/clothes.csv': imageCsv(['0', '1', '2', '3'], 120, 2),
};
const fetchText = (url: string): Promise<string> =>
  FILES[url] ? Promise.resolve(FILES[url]) : Promise.reject(new Error(`404 ${url}`));

const stack: NetworkSpec = {
  inputShape: [4, 4, 1],
  layers: [
    { type: 'conv2d', filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' },
    { type: 'flatten' },
    { type: 'dense', units: 8, activation: 'relu' },
  ],
};

function request(file: 'digits' | 'clothes', classes: string[]): TrainRequest {
  return {
    jobId: 1,
    dataset: {
      id: file,
      url: `https://example.test/${file}.csv`,
      target: 'label',
      task: 'classification',
      features: Array.from({ length: PIXELS }, (_, p) => ({ name: `pixel${p}`, type: 'numeric' })),
      classes,
    },
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 16,
      epochs: 1,
      seed: 3,
    },
    network: {
      spec: stack,
      training: {
        loss: 'sparseCategoricalCrossentropy',
        huberDelta: 1,
        optimizer: defaultOptimizer('adam'),
        learningRate: 0.01,
        schedule: { kind: 'constant' },
        regularization: { l1: 0, l2: 0 },
        earlyStopping: { enabled: false, monitor: 'valLoss', patience: 3, restoreBest: false },
        clipNorm: 0,
        batchSize: 16,
        epochs: 3,
        seed: 11,
      },
    },
    split: { train: 0.6, validation: 0.2, test: 0.2 },
    backend: 'cpu',
  };
}

const CLOTHES = ['shirt', 'trouser', 'dress', 'boot'];

function finished(outcome: TrainOutcome) {
  if (outcome.status !== 'completed') throw new Error(JSON.stringify(outcome));
  return outcome;
}

async function conv(artifacts: TrainedModelArtifacts): Promise<number[]> {
  const model = await loadTrainedModel(artifacts);
  try {
    return [...(await model.layers[1]!.getWeights()[0]!.data())];
  } finally {
    model.dispose();
  }
}

describe('training service: transfer learning', () => {
  it('reads class indices as the classes the manifest names', () => {
    const parsed = frameFromCsv(FILES['https://example.test/clothes.csv']!, {
      ...request('clothes', CLOTHES).dataset,
    });
    if (!parsed.ok) throw new Error(parsed.code);
    const labels = parsed.frame.columns.find((c) => c.name === 'label')?.values;
    expect([...(labels ?? [])].slice(0, 5)).toEqual(['shirt', 'trouser', 'dress', 'boot', 'shirt']);
  });

  it('fine-tunes from a registered run: frozen conv kept, new head for the new labels', async () => {
    const service = createTrainingService({ fetchText });
    const source = finished(await service.train(request('digits', ['0', '1', '2']), () => {}));
    const weights = source.trainedModel!;
    const asked: string[] = [];
    const tuner = createTrainingService({
      fetchText,
      readRunWeights: (runId) => {
        asked.push(runId);
        return Promise.resolve(runId === 'run-1' ? weights : null);
      },
    });
    const fine = request('clothes', CLOTHES);
    fine.network!.transfer = {
      sourceRunId: 'run-1',
      sourceName: 'Run 1',
      sourceDataset: 'digits',
      sourceClasses: ['0', '1', '2'],
      frozen: [0],
    };
    const outcome = finished(await tuner.train(fine, () => {}));
    expect(asked).toEqual(['run-1']);
    expect(outcome.test.kind === 'classification' && outcome.test.classNames).toEqual(CLOTHES);
    expect(outcome.network?.transfer?.frozen).toEqual([0]);
    expect(await conv(outcome.trainedModel!)).toEqual(await conv(weights));

    const gone = {
      ...fine,
      network: {
        ...fine.network!,
        transfer: { ...fine.network!.transfer!, sourceRunId: 'deleted' },
      },
    };
    expect(await tuner.train(gone, () => {})).toEqual({
      status: 'failed',
      jobId: 1,
      code: 'error.transfer.sourceMissing',
      params: { run: 'Run 1' },
    });
  });
});
