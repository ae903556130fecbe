import { describe, expect, it } from 'vitest';
import type { TrainRequest } from '../../../../src/contracts/training';
import { createFrame, type Frame } from '../../../../src/core/frame';
import {
  REDRAWN_EACH_EPOCH,
  applyRecipe,
  fitTransformRecipe,
  type Recipe,
} from '../../../../src/core/recipe';
import { prepareWithRecipe } from '../../../../src/ml/prepare-recipe';
import { CTX, strings, trainFrame } from './frames';

const AUGMENT = {
  id: 'aug',
  type: 'textAugment',
  enabled: true,
  options: { swap: 0.5, deletion: 0.2, characterNoise: 0.1 },
} as const;

function recipeOf(...steps: Recipe['steps']): Recipe {
  return { schemaVersion: 1, steps };
}

describe('textAugment step', () => {
  it('perturbs training text only, seeded, and learns nothing but the column list', () => {
    const train = trainFrame();
    const { fitted, frame, reports } = fitTransformRecipe(recipeOf(AUGMENT), train, CTX);
    expect(fitted.steps[0]?.params).toEqual({ columns: ['text'] });
    const before = strings(train, 'text');
    const after = strings(frame, 'text');
    expect(after.map((v) => v === null)).toEqual(before.map((v) => v === null));
    const changed = after.filter((v, i) => v !== before[i]).length;
    expect(changed).toBeGreaterThan(before.length / 2);
    expect(reports[0]?.affected).toBe(changed);
    expect(applyRecipe(fitted, train, { stage: 'train' }).frame).toEqual(frame);
    expect(applyRecipe(fitted, train, { stage: 'train', seed: 8 }).frame).not.toEqual(frame);
    const inference = applyRecipe(fitted, train, { stage: 'inference' });
    expect(inference.frame).toEqual(train);
    expect(inference.reports[0]?.skipped).toBe(true);
  });

  it('refuses a rate outside [0, 1] with an i18n code', () => {
    const bad = { ...AUGMENT, options: { ...AUGMENT.options, deletion: 2 } };
    expect(() => fitTransformRecipe(recipeOf(bad), trainFrame(), CTX)).toThrow(
      expect.objectContaining({ code: 'recipe.error.invalidOptions' }),
    );
  });

  it('is redrawn each epoch, as Gaussian noise and SMOTE are', () => {
    expect([...REDRAWN_EACH_EPOCH].sort()).toEqual([
      'gaussianNoise',
      'imageAugment',
      'smote',
      'textAugment',
    ]);
  });
});

describe('augmentation during training', () => {
  function textFrame(): { ok: true; frame: Frame; rowsTotal: number } {
    const words = ['good', 'great', 'fine', 'bad', 'awful', 'poor', 'movie', 'plot', 'cast'];
    const text: string[] = [];
    const label: string[] = [];
    for (let i = 0; i < 60; i++) {
      const positive = i % 2 === 0;
      const pick = (k: number): string => words[(positive ? 0 : 3) + ((i + k) % 3)] as string;
      text.push(`${pick(0)} ${words[6 + (i % 3)]} ${pick(1)} ${pick(2)}`);
      label.push(positive ? 'pos' : 'neg');
    }
    const frame = createFrame([
      { name: 'review', kind: 'text', values: text },
      { name: 'label', kind: 'categorical', values: label },
    ]);
    return { ok: true, frame, rowsTotal: 60 };
  }

  const dataset: TrainRequest['dataset'] = {
    id: 'reviews',
    url: 'about:blank',
    target: 'label',
    task: 'classification',
    features: [],
  };
  const vectorize = {
    id: 'vec',
    type: 'textVectorize',
    enabled: true,
    options: { mode: 'bagOfWords', vocabularySize: 50, lowercase: true },
  } as const;

  it('draws fresh text noise every epoch on the training rows, never on the others', () => {
    const prepared = prepareWithRecipe(
      textFrame(),
      {
        dataset,
        split: { train: 0.6, validation: 0.2, test: 0.2 },
        recipe: JSON.stringify(recipeOf(AUGMENT, vectorize)),
      },
      3,
    );
    if (!prepared.ok) throw new Error(prepared.code);
    const plain = prepareWithRecipe(
      textFrame(),
      {
        dataset,
        split: { train: 0.6, validation: 0.2, test: 0.2 },
        recipe: JSON.stringify(recipeOf({ ...AUGMENT, enabled: false }, vectorize)),
      },
      3,
    );
    if (!plain.ok) throw new Error(plain.code);
    expect(prepared.trainForEpoch).toBeTypeOf('function');
    const first = prepared.trainForEpoch?.(1);
    const second = prepared.trainForEpoch?.(2);
    expect(first?.x).toHaveLength(prepared.xTrain.length);
    expect(first?.x).not.toEqual(second?.x);
    expect(first?.y).toEqual(prepared.yTrain);
    // The vocabulary was fitted on augmented text, so it holds noisy tokens; the test rows,
    // never augmented, only ever use the clean words.
    const params = prepared.fitted.steps[1]?.params as { vocabularies: { tokens: string[] }[] };
    const tokens = params.vocabularies[0]?.tokens ?? [];
    expect(prepared.width).toBe(tokens.length);
    const clean = new Set([
      'good',
      'great',
      'fine',
      'bad',
      'awful',
      'poor',
      'movie',
      'plot',
      'cast',
    ]);
    expect(tokens.some((token) => !clean.has(token))).toBe(true);
    prepared.xTest.forEach((value, i) => {
      if (value !== 0) expect(clean.has(tokens[i % tokens.length] as string)).toBe(true);
    });
    expect(plain.trainForEpoch).toBeUndefined();
  });
});
