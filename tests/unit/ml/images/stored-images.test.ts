import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DatasetId } from '../../../../src/contracts/data';
import type { TrainRequest } from '../../../../src/contracts/training';
import { proposePresets } from '../../../../src/core/network/presets';
import {
  readStoredImageTable,
  readStoredTableOrImages,
} from '../../../../src/ml/images/stored-images';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';
import { createStoredLoader, type StoredChunkSource } from '../../../../src/ml/stored-dataset';
import { createTrainingService } from '../../../../src/ml/training-service';
import { networkTargetOf } from '../../../../src/state/network-target';
import { storedImageEntryOf } from '../../../../src/state/stored-image-entry';
import { ID, datasetOf, metaOf, pattern, patternSet, sourceOf } from './image-set-fixtures';

const SPLIT = { train: 0.6, validation: 0.2, test: 0.2 };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('readStoredImageTable', () => {
  it('reads every image as one row of size × size × channels pixel columns and a label', async () => {
    const { meta, source } = patternSet(5);
    const table = await readStoredImageTable(source, ID);
    expect(table).not.toBeNull();
    if (!table) return;
    expect(table.rows).toBe(15);
    expect(table.names).toHaveLength(8 * 8 + 1);
    expect(table.names.slice(0, 3)).toEqual(['pixel0', 'pixel1', 'pixel2']);
    expect(table.names.at(-1)).toBe('label');
    // Every chunk read once (15 images in chunks of 7: three chunks, the last one partial).
    expect(source.reads()).toBe(meta.chunkCount);
    const first = table.columns[0];
    expect(first && 'numbers' in first ? first.numbers[0] : null).toBe(pattern(0, 0)[0]);
  });

  it('maps stored label indices to the class folder names, across chunks', async () => {
    const { source } = patternSet(5);
    const table = await readStoredImageTable(source, ID);
    const labels = table?.columns.at(-1);
    expect(labels && 'texts' in labels ? labels.texts : null).toEqual(
      Array.from({ length: 15 }, (_, i) => ['bars', 'quads', 'stripe'][i % 3]),
    );
  });

  it('keeps RGB interleaved: pixel p has columns p_r, p_g, p_b in that order', async () => {
    const meta = metaOf(
      2,
      3,
      [
        { name: 'a', count: 1 },
        { name: 'b', count: 1 },
      ],
      4,
    );
    // Image 0: pixel 1 (row 0, column 1) is (10, 20, 30); image 1 is pure blue everywhere.
    const red = Uint8Array.of(0, 0, 0, 10, 20, 30, 0, 0, 0, 0, 0, 0);
    const blue = Uint8Array.of(0, 0, 255, 0, 0, 255, 0, 0, 255, 0, 0, 255);
    const table = await readStoredImageTable(
      sourceOf(meta, [
        { pixels: red, label: 0 },
        { pixels: blue, label: 1 },
      ]),
      ID,
    );
    expect(table?.names).toEqual([
      ...['pixel0_r', 'pixel0_g', 'pixel0_b', 'pixel1_r', 'pixel1_g', 'pixel1_b'],
      ...['pixel2_r', 'pixel2_g', 'pixel2_b', 'pixel3_r', 'pixel3_g', 'pixel3_b', 'label'],
    ]);
    const value = (name: string, row: number) => {
      const column = table?.columns[table.names.indexOf(name)];
      return column && 'numbers' in column ? column.numbers[row] : undefined;
    };
    expect([value('pixel1_r', 0), value('pixel1_g', 0), value('pixel1_b', 0)]).toEqual([
      10, 20, 30,
    ]);
    expect([value('pixel3_r', 1), value('pixel3_g', 1), value('pixel3_b', 1)]).toEqual([0, 0, 255]);
    // The catalogue entry declares the same shape and features, so the builder's CNN fits it.
    const entry = storedImageEntryOf(meta);
    expect(entry.image.shape).toEqual([2, 2, 3]);
    expect(entry.features.map((f) => f.name)).toEqual(table?.names.slice(0, -1));
  });

  it('answers null for an unknown or pending set, and prefers a stored table of that id', async () => {
    const { meta, source } = patternSet(2);
    expect(await readStoredImageTable(source, 'other' as DatasetId)).toBeNull();
    const pending = sourceOf({ ...meta, status: 'pending' }, []);
    expect(await readStoredImageTable(pending, ID)).toBeNull();
    const noTables: StoredChunkSource = {
      getDataset: () => Promise.resolve(null),
      getChunk: () => Promise.resolve(null),
    };
    const table = await readStoredTableOrImages(noTables, source, ID);
    expect(table?.rows).toBe(6);
  });
});

describe('an image set on the training path', () => {
  it('prepares stratified pixel matrices with the class names in folder order', async () => {
    const { meta, source } = patternSet(10);
    const load = createStoredLoader((id) => readStoredImageTable(source, id));
    const dataset = datasetOf(meta);
    const input = await load(dataset, meta.id);
    const prepared = prepareWithRecipe(input, { dataset, split: SPLIT, recipe: null }, 3);
    expect(prepared.ok).toBe(true);
    if (!prepared.ok) return;
    expect(prepared.width).toBe(64);
    expect(prepared.classNames).toEqual(['bars', 'quads', 'stripe']);
    expect(prepared.xTrain).toBeInstanceOf(Float32Array);
    expect(prepared.summary.classCounts?.train).toEqual([6, 6, 6]);
    expect(prepared.summary.classCounts?.test).toEqual([2, 2, 2]);
  });

  it('fails a set of one class with error.dataset.singleClass', async () => {
    const { meta, source } = patternSet(8, ['only']);
    const load = createStoredLoader((id) => readStoredImageTable(source, id));
    const dataset = datasetOf(meta);
    const prepared = prepareWithRecipe(
      await load(dataset, meta.id),
      { dataset, split: SPLIT, recipe: null },
      3,
    );
    expect(prepared).toMatchObject({ ok: false, code: 'error.dataset.singleClass' });
  });

  it('trains the proposed CNN in the training service, well above chance, leaking no tensor', async () => {
    const { meta, source } = patternSet(20);
    const entry = storedImageEntryOf(meta);
    const target = networkTargetOf(entry, null);
    expect(target?.image).toEqual([8, 8, 1]);
    const [preset] = proposePresets(target ?? { task: 'classification', width: 1 });
    expect(preset?.id).toBe('cnn');
    if (!preset) return;
    const service = createTrainingService({
      readStored: (id) => readStoredImageTable(source, id),
    });
    const request: TrainRequest = {
      jobId: 1,
      dataset: datasetOf(meta),
      model: {
        hiddenLayers: [8],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 16,
        epochs: 1,
        seed: 7,
      },
      network: { spec: preset.spec, training: { ...preset.training, epochs: 8, batchSize: 12 } },
      split: SPLIT,
      backend: 'cpu',
    };
    // A one-epoch burn-in first: tfjs keeps a few tensors of its own after the first model.
    const burnIn = structuredClone(request);
    if (burnIn.network) burnIn.network.training.epochs = 1;
    await service.train(burnIn, () => undefined);
    const before = tf.memory().numTensors;
    const outcome = await service.train({ ...request, jobId: 2 }, () => undefined);
    expect(tf.memory().numTensors).toBe(before);
    expect(outcome.status).toBe('completed');
    if (outcome.status !== 'completed' || outcome.test.kind !== 'classification') return;
    // 12 test images of 3 distinct patterns: chance is 1/3; the margin asks for 0.75.
    expect(outcome.test.accuracy).toBeGreaterThanOrEqual(0.75);
    expect(outcome.network?.spec.inputShape).toEqual([8, 8, 1]);
  }, 60_000);
});
