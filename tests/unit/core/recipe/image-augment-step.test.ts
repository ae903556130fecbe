import { describe, expect, it } from 'vitest';
import type { TrainRequest } from '../../../../src/contracts/training';
import { createFrame, type Column, type Frame } from '../../../../src/core/frame';
import {
  DEFAULT_STEP_OPTIONS,
  REDRAWN_EACH_EPOCH,
  applyRecipe,
  fitTransformRecipe,
  type Recipe,
  type RecipeStep,
  type StepOptionsMap,
} from '../../../../src/core/recipe';
import {
  PREVIEW_IMAGES,
  imageAugmentConfig,
  inferImageShape,
} from '../../../../src/core/recipe/steps/image-augment';
import { createRng } from '../../../../src/core/rng';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';

const SIDE = 6;
const CTX = { target: 'label', task: 'classification' as const, seed: 5 };

/** `rows` 6×6 grey images in 0..16 (a bar whose side says the class), pixel0..pixel35. */
function pixelFrame(rows: number, seed = 1): Frame {
  const rng = createRng(seed);
  const columns: Column[] = [];
  const values = Array.from({ length: SIDE * SIDE }, () => new Float64Array(rows));
  const label: string[] = [];
  for (let row = 0; row < rows; row++) {
    const left = row % 2 === 0;
    label.push(left ? 'left' : 'right');
    for (let r = 0; r < SIDE; r++) {
      for (let c = 0; c < SIDE; c++) {
        const ink = (left ? c < 2 : c >= 4) ? 16 : Math.floor(rng() * 3);
        values[r * SIDE + c]![row] = ink;
      }
    }
  }
  values.forEach((v, p) => columns.push({ name: `pixel${p}`, kind: 'numeric', values: v }));
  columns.push({ name: 'label', kind: 'categorical', values: label });
  return createFrame(columns);
}

function augmentStep(patch: Partial<StepOptionsMap['imageAugment']> = {}): RecipeStep {
  return {
    id: 'img',
    type: 'imageAugment',
    enabled: true,
    options: { ...DEFAULT_STEP_OPTIONS.imageAugment, probability: 1, noise: 0.05, ...patch },
  };
}

const recipeOf = (...steps: RecipeStep[]): Recipe => ({ schemaVersion: 1, steps });

function pixelsOf(frame: Frame, row: number): number[] {
  return Array.from({ length: SIDE * SIDE }, (_, p) => {
    const column = frame.columns[p];
    return (column?.values as Float64Array)[row] as number;
  });
}

describe('imageAugment step', () => {
  it('reads the image shape from the pixel count, or refuses one that does not fit', () => {
    expect(inferImageShape(64)).toEqual([8, 8, 1]);
    expect(inferImageShape(784)).toEqual([28, 28, 1]);
    expect(inferImageShape(3072)).toEqual([32, 32, 3]);
    expect(inferImageShape(10)).toBeNull();
    const { fitted } = fitTransformRecipe(recipeOf(augmentStep()), pixelFrame(10), CTX);
    expect(fitted.steps[0]?.params).toMatchObject({ shape: [6, 6, 1], range: [0, 16] });
    expect(() =>
      fitTransformRecipe(recipeOf(augmentStep({ shape: [5, 5, 1] })), pixelFrame(10), CTX),
    ).toThrow(expect.objectContaining({ code: 'recipe.error.invalidOptions' }));
    expect(() =>
      fitTransformRecipe(recipeOf(augmentStep({ rotation: 400 })), pixelFrame(10), CTX),
    ).toThrow(expect.objectContaining({ params: { option: 'rotation' } }));
  });

  it('changes training images, seeded, within the training pixel range', () => {
    const train = pixelFrame(20);
    const { fitted, frame, reports } = fitTransformRecipe(recipeOf(augmentStep()), train, CTX);
    expect(reports[0]?.affected).toBe(20);
    expect(frame.rowCount).toBe(20);
    expect(frame.columns.map((c) => c.name)).toEqual(train.columns.map((c) => c.name));
    expect(pixelsOf(frame, 0)).not.toEqual(pixelsOf(train, 0));
    for (let row = 0; row < 20; row++) {
      for (const v of pixelsOf(frame, row)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(16);
      }
    }
    // The same seed gives the same epoch; another seed (the next epoch) other images.
    expect(applyRecipe(fitted, train, { stage: 'train' }).frame).toEqual(frame);
    const epoch2 = applyRecipe(fitted, train, { stage: 'train', seed: CTX.seed + 2 }).frame;
    const epoch3 = applyRecipe(fitted, train, { stage: 'train', seed: CTX.seed + 3 }).frame;
    expect(epoch2).not.toEqual(epoch3);
    expect(applyRecipe(fitted, train, { stage: 'train', seed: CTX.seed + 3 }).frame).toEqual(
      epoch3,
    );
  });

  it('never touches validation, test or prediction images', () => {
    const train = pixelFrame(20);
    const held = pixelFrame(8, 9);
    const { fitted } = fitTransformRecipe(recipeOf(augmentStep()), train, CTX);
    const out = applyRecipe(fitted, held, { stage: 'inference' });
    expect(out.frame).toEqual(held);
    expect(out.reports[0]?.skipped).toBe(true);
  });

  it('leaves a row with a missing pixel as it is', () => {
    const train = pixelFrame(4);
    (train.columns[3]!.values as Float64Array)[1] = Number.NaN;
    const { frame, reports } = fitTransformRecipe(recipeOf(augmentStep()), train, CTX);
    expect(pixelsOf(frame, 1)).toEqual(pixelsOf(train, 1));
    expect(reports[0]?.affected).toBe(3);
  });

  it('at zero strength changes nothing, and keeps full precision', () => {
    const train = pixelFrame(6);
    (train.columns[0]!.values as Float64Array)[0] = 0.1;
    const idle = augmentStep({ rotation: 0, shift: 0, zoom: 0, noise: 0 });
    const { frame, reports } = fitTransformRecipe(recipeOf(idle), train, CTX);
    expect(frame).toEqual(train);
    expect(reports[0]?.affected).toBe(0);
  });

  it('reports its first input images for the live preview', () => {
    const train = pixelFrame(10);
    const { reports } = fitTransformRecipe(recipeOf(augmentStep()), train, CTX);
    const details = reports[0]?.details;
    if (details?.kind !== 'imageSample') throw new Error('no image sample');
    expect(details.count).toBe(PREVIEW_IMAGES);
    expect(details.shape).toEqual([6, 6, 1]);
    expect(details.range).toEqual([0, 16]);
    expect(details.pixels.slice(0, 36)).toEqual(pixelsOf(train, 0));
    expect(details.pixels).toHaveLength(PREVIEW_IMAGES * 36);
  });

  it('maps its options onto one shared chance and strengths that switch operations on', () => {
    const config = imageAugmentConfig({ ...DEFAULT_STEP_OPTIONS.imageAugment, probability: 0.3 });
    expect(config.rotation).toEqual({ enabled: true, probability: 0.3, degrees: 10 });
    expect(config.noise.enabled).toBe(false);
    expect(config.flipHorizontal.enabled).toBe(false);
    expect(config.cutout.enabled).toBe(false);
    expect(REDRAWN_EACH_EPOCH.has('imageAugment')).toBe(true);
  });
});

describe('image augmentation in the training pipeline', () => {
  const dataset: TrainRequest['dataset'] = {
    id: 'bars',
    url: 'about:blank',
    target: 'label',
    task: 'classification',
    features: [],
  };
  const split = { train: 0.6, validation: 0.2, test: 0.2 };
  function prepare(step: RecipeStep) {
    const frame = pixelFrame(60);
    const input = { ok: true as const, frame, rowsTotal: 60 };
    const out = prepareWithRecipe(
      input,
      { dataset, split, recipe: JSON.stringify(recipeOf(step)) },
      3,
    );
    if (!out.ok) throw new Error(out.code);
    return out;
  }

  it('redraws the training images each epoch and leaves validation and test alone', () => {
    const augmented = prepare(augmentStep());
    const plain = prepare({ ...augmentStep(), enabled: false });
    expect(plain.trainForEpoch).toBeUndefined();
    expect(augmented.xVal).toEqual(plain.xVal);
    expect(augmented.xTest).toEqual(plain.xTest);
    expect(augmented.yTrain).toEqual(plain.yTrain);
    expect(augmented.xTrain).not.toEqual(plain.xTrain);
    const epoch2 = augmented.trainForEpoch?.(2);
    const epoch3 = augmented.trainForEpoch?.(3);
    expect(epoch2?.x).toHaveLength(augmented.xTrain.length);
    expect(epoch2?.x).not.toEqual(epoch3?.x);
    expect(epoch2?.y).toEqual(augmented.yTrain);
    expect(augmented.trainForEpoch?.(3)?.x).toEqual(epoch3?.x);
  });
});
