/**
 * Fit-on-train-only through the very pipeline training and previews use (split, then fit):
 * for every step type, rewriting every validation and test cell with wildly different values
 * leaves the fitted recipe and the prepared training rows exactly as they were, while the
 * same rewrite of training cells changes what a row-learning step fits (so the test has
 * teeth). The target is left alone, so the split itself is the same in both runs.
 */
import { describe, expect, it } from 'vitest';
import type { TrainRequest } from '../../../../src/contracts/training';
import { createFrame, type Column, type Frame } from '../../../../src/core/frame';
import { STEP_TYPES, type Recipe, type StepType } from '../../../../src/core/recipe';
import { fitOnTrain, splitFrame } from '../../../../src/ml/prepare-recipe';
import { TARGET, concatFrames, testFrame, trainFrame } from './frames';
import { LEARNS_FROM_ROWS, sampleStep } from './sample-steps';

const SEED = 17;
const RATIOS = { train: 0.6, validation: 0.2, test: 0.2 };
const STRATEGY = { kind: 'stratified' as const };
const DATASET: TrainRequest['dataset'] = {
  id: 'leak-check',
  url: 'about:blank',
  target: TARGET,
  task: 'classification',
  features: [],
};

const base = concatFrames(trainFrame(), testFrame());

function splitOf(frame: Frame) {
  const split = splitFrame(frame, DATASET, RATIOS, STRATEGY, SEED);
  if (!split.ok) throw new Error(split.code);
  return split;
}

/** Every feature cell of `rows` replaced by something no honest fit could ignore. */
function poison(frame: Frame, rows: readonly number[]): Frame {
  const hit = new Set(rows);
  return createFrame(
    frame.columns.map((column): Column => {
      if (column.name === TARGET) return column;
      if (column.kind === 'numeric' || column.kind === 'datetime') {
        const big = column.kind === 'numeric' ? 1e6 : Date.UTC(1900, 0, 1);
        return { ...column, values: column.values.map((v, row) => (hit.has(row) ? big - row : v)) };
      }
      return {
        ...column,
        values: column.values.map((v, row) => (hit.has(row) ? `poison ${row} zz${row}` : v)),
      };
    }),
  );
}

function fitWith(type: StepType, frame: Frame) {
  const recipe: Recipe = { schemaVersion: 1, steps: [sampleStep(type)] };
  const out = fitOnTrain(recipe, splitOf(frame), DATASET, SEED);
  if (!out.ok) throw new Error(`${type}: ${out.code}`);
  return out;
}

const { parts } = splitOf(base);
const heldOut = [...parts.validation, ...parts.test];

describe('the split keeps validation and test rows away from every fit', () => {
  it('poisoning feature cells leaves the split itself unchanged', () => {
    expect(splitOf(poison(base, heldOut)).parts).toEqual(parts);
    expect(parts.validation.length).toBeGreaterThan(0);
    expect(parts.test.length).toBeGreaterThan(0);
  });

  describe.each(STEP_TYPES)('%s', (type) => {
    it('fits the same params and training rows whatever the validation and test rows hold', () => {
      const clean = fitWith(type, base);
      const poisoned = fitWith(type, poison(base, heldOut));
      expect(poisoned.fitted).toEqual(clean.fitted);
      expect(poisoned.train).toEqual(clean.train);
    });

    // Class weights learn from the target alone, which this test must not touch (it decides the
    // split); fit-on-train.test.ts proves they are the training class counts.
    if (LEARNS_FROM_ROWS[type] && type !== 'classWeights') {
      it('fits other params when the training rows change (the check has teeth)', () => {
        const clean = fitWith(type, base);
        const poisoned = fitWith(type, poison(base, parts.train.slice(0, 6)));
        expect(poisoned.fitted.steps[0]?.params).not.toEqual(clean.fitted.steps[0]?.params);
      });
    }
  });
});
