import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainableTaskOf, type BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import type { TrainRequest } from '../../../../src/contracts/training';
import { proposePresets, type PresetId } from '../../../../src/core/network/presets';
import { prepareWithRecipe, type PreparedRecipeData } from '../../../../src/ml/prepare-recipe';
import { RunControl } from '../../../../src/ml/network/run-control';
import { trainNetwork } from '../../../../src/ml/network/train-network';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const DATASETS = path.resolve(process.cwd(), 'public/datasets');
const entries = JSON.parse(
  readFileSync(path.join(DATASETS, 'manifest.json'), 'utf8'),
) as (BuiltinDatasetEntry & {
  image?: { shape: [number, number, number] };
})[];

function prepared(id: string): { data: PreparedRecipeData; image?: [number, number, number] } {
  const entry = entries.find((e) => e.id === id);
  const task = entry ? trainableTaskOf(entry) : null;
  if (!entry?.target || !task) throw new Error(`no trainable dataset ${id}`);
  const dataset: TrainRequest['dataset'] = {
    id,
    url: '',
    target: entry.target,
    task,
    features: entry.features,
  };
  if (entry.classes) dataset.classes = entry.classes;
  const text = readFileSync(path.join(DATASETS, entry.file), 'utf8');
  const result = prepareWithRecipe(
    text,
    { dataset, split: { train: 0.6, validation: 0.2, test: 0.2 } },
    42,
  );
  if (!result.ok) throw new Error(`prepare failed: ${result.code}`);
  return entry.image ? { data: result, image: entry.image.shape } : { data: result };
}

function majorityShare(labels: Float32Array): number {
  const counts = new Map<number, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  return Math.max(...counts.values()) / labels.length;
}

/**
 * Each preset on the CPU backend must beat the trivial baseline on the test split: for
 * classification, close at least half the gap between the majority class's accuracy and 1; for
 * regression, reach R² 0.3 where the mean predictor scores 0.
 * Epochs are cut to keep the suite fast; the margins hold with room to spare.
 */
describe.each<[string, PresetId, number]>([
  ['iris', 'logistic', 40],
  ['iris', 'mlp', 30],
  ['breast_cancer', 'mlp', 15],
  ['diabetes', 'linear', 60],
  ['diabetes', 'mlp', 40],
  ['digits', 'cnn', 1],
])('preset on %s: %s', (datasetId, presetId, epochs) => {
  it('beats the trivial baseline by the stated margin', async () => {
    const { data, image } = prepared(datasetId);
    const shape = image
      ? { task: data.task, width: data.width, image }
      : { task: data.task, width: data.width };
    const preset = proposePresets(shape).find((p) => p.id === presetId);
    if (!preset) throw new Error(`${presetId} not proposed for ${datasetId}`);
    const result = await trainNetwork({
      jobId: 1,
      data,
      spec: preset.spec,
      training: { ...preset.training, epochs },
      emit: () => undefined,
      control: new RunControl(),
      liveEvaluation: false,
    });
    if (result.status === 'failed') throw new Error(result.code);
    if (result.test.kind === 'classification') {
      const majority = majorityShare(data.yTest);
      expect(result.test.accuracy).toBeGreaterThan(majority + 0.5 * (1 - majority));
    } else {
      expect(result.test.r2).toBeGreaterThan(0.3);
    }
  }, 60_000);
});

describe('proposePresets', () => {
  it('proposes a CNN first for image rows, and never for tabular rows', () => {
    expect(
      proposePresets({ task: 'classification', width: 64, image: [8, 8, 1] }).map((p) => p.id),
    ).toEqual(['cnn', 'mlp', 'logistic']);
    expect(proposePresets({ task: 'regression', width: 10 }).map((p) => p.id)).toEqual([
      'mlp',
      'linear',
    ]);
    // A recipe that changed the width (one-hot, PCA) makes the rows no longer an image.
    expect(proposePresets({ task: 'classification', width: 20, image: [8, 8, 1] })[0]?.id).toBe(
      'mlp',
    );
  });
});
