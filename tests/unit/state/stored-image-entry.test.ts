/**
 * An imported image set as a catalogue entry: the stored registry and id, the pixel features in
 * the loader's order, the folder names as classes, and the `image` block from which the
 * builder's target (and so its CNN proposal) and the Prepare screen's image step follow.
 */
import { describe, expect, it } from 'vitest';
import { trainableTaskOf } from '../../../src/contracts/datasets';
import type { DatasetId } from '../../../src/contracts/data';
import type { ImageSetMeta } from '../../../src/contracts/images';
import { proposePresets } from '../../../src/core/network/presets';
import { imageShapeOf, networkTargetOf } from '../../../src/state/network-target';
import { storedDatasetIdOf } from '../../../src/state/stored-entry';
import { isTrainableImageSet, storedImageEntryOf } from '../../../src/state/stored-image-entry';

function meta(channels: 1 | 3, classes: { name: string; count: number }[]): ImageSetMeta {
  const count = classes.reduce((sum, info) => sum + info.count, 0);
  return {
    id: 'img-1' as DatasetId,
    name: 'pets',
    status: 'ready',
    size: 32,
    channels,
    count,
    classes,
    chunkImages: 100,
    chunkCount: 1,
    sizeBytes: count * 32 * 32 * channels,
    createdAt: 1,
    source: { fileName: 'pets.zip', kind: 'zip', files: count, bytes: 1 },
  };
}

const TWO = [
  { name: 'cats', count: 40 },
  { name: 'dogs', count: 35 },
];

describe('storedImageEntryOf', () => {
  it('names the stored set and trains a classifier of its folders on 32×32×3 pixels', () => {
    const entry = storedImageEntryOf(meta(3, TWO));
    expect(storedDatasetIdOf(entry)).toBe('img-1');
    expect(entry.id).toBe('stored:img-1:classification:label');
    expect(trainableTaskOf(entry)).toBe('classification');
    expect(entry.target).toBe('label');
    expect(entry.classes).toEqual(['cats', 'dogs']);
    expect(entry.features).toHaveLength(32 * 32 * 3);
    expect(entry.features.every((f) => f.type === 'image-pixel')).toBe(true);
    expect(entry.features.slice(0, 4).map((f) => f.name)).toEqual([
      'pixel0_r',
      'pixel0_g',
      'pixel0_b',
      'pixel1_r',
    ]);
    expect(imageShapeOf(entry)).toEqual([32, 32, 3]);
    expect(entry.rows).toBe(75);
  });

  it('gives the builder an image target, so the CNN is proposed first', () => {
    const target = networkTargetOf(storedImageEntryOf(meta(1, TWO)), null);
    expect(target).toEqual({ task: 'classification', width: 1024, classes: 2, image: [32, 32, 1] });
    expect(proposePresets(target ?? { task: 'classification', width: 1 })[0]?.id).toBe('cnn');
  });

  it('calls a set of one class untrainable', () => {
    expect(isTrainableImageSet(meta(3, TWO))).toBe(true);
    expect(isTrainableImageSet(meta(3, [{ name: 'cats', count: 12 }]))).toBe(false);
  });
});
