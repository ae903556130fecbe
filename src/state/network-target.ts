/**
 * What the layer builder's network will read and predict for a dataset: the task, the input
 * width after the recipe, the number of classes and, for pixel datasets, the image shape
 * (from the manifest's `image.shape`, e.g. digits 8×8×1, mnist 28×28×1, or an imported set's
 * entry, e.g. 32×32×3; see stored-image-entry.ts), so the builder proposes the presets that fit.
 */
import { trainableTaskOf, type BuiltinDatasetEntry } from '../contracts/datasets';
import type { RecipePreviewResult } from '../contracts/training';
import type { DraftTarget } from './NetworkDraft.svelte';

/** Height × width × channels of a pixel dataset, or undefined. */
export function imageShapeOf(entry: object): [number, number, number] | undefined {
  const image = (entry as { image?: { shape?: unknown } }).image;
  const shape = image?.shape;
  if (
    !Array.isArray(shape) ||
    shape.length !== 3 ||
    !shape.every((n) => typeof n === 'number' && Number.isInteger(n) && n > 0)
  ) {
    return undefined;
  }
  return [shape[0] as number, shape[1] as number, shape[2] as number];
}

/**
 * The preview's steps say how the recipe changes the column count (one-hot adds columns, a
 * drop removes them); without a preview the declared features are the input.
 */
export function inputWidthOf(
  entry: Pick<BuiltinDatasetEntry, 'features'>,
  preview: RecipePreviewResult | null,
): number {
  let width = entry.features.length;
  if (preview?.ok) {
    for (const step of preview.steps) {
      if (!step.skipped) width += step.columnsAfter - step.columnsBefore;
    }
  }
  return Math.max(1, width);
}

export function networkTargetOf(
  entry: BuiltinDatasetEntry,
  preview: RecipePreviewResult | null,
): DraftTarget | null {
  const task = trainableTaskOf(entry);
  if (task === null) return null;
  const width = inputWidthOf(entry, preview);
  const previewClasses = preview?.ok ? preview.classDistribution?.classNames.length : undefined;
  const classes = task === 'classification' ? (previewClasses ?? entry.classes?.length ?? 2) : 1;
  const image = imageShapeOf(entry);
  return image ? { task, width, classes, image } : { task, width, classes };
}
