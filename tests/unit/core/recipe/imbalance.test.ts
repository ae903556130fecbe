import { describe, expect, it } from 'vitest';
import { createFrame, type Frame } from '../../../../src/core/frame';
import {
  applyRecipe,
  fitTransformRecipe,
  type FitContext,
  type RecipeStep,
} from '../../../../src/core/recipe';
import { numbers, strings } from './frames';

const CTX: FitContext = { target: 'y', task: 'classification', seed: 11 };

/** 12 'major' rows around (0, 0), 4 'minor' rows around (10, 10), one unlabelled row. */
function imbalanced(): Frame {
  const a = [0, 1, 0, 1, 2, 0, 1, 2, 0, 1, 2, 3, 10, 11, 10, 12, 5];
  const b = [0, 0, 1, 1, 0, 2, 2, 1, 3, 3, 3, 0, 10, 10, 11, 13, 5];
  const y = [...Array<string>(12).fill('major'), ...Array<string>(4).fill('minor'), null];
  return createFrame([
    { name: 'a', kind: 'numeric', values: Float64Array.from(a) },
    { name: 'b', kind: 'numeric', values: Float64Array.from(b) },
    { name: 'tag', kind: 'categorical', values: a.map((v) => `t${v}`) },
    { name: 'y', kind: 'categorical', values: y },
  ]);
}

function run(step: Omit<RecipeStep, 'id' | 'enabled'>, frame = imbalanced(), ctx = CTX) {
  const full = { id: 'i', enabled: true, ...step } as RecipeStep;
  return fitTransformRecipe({ schemaVersion: 1, steps: [full] }, frame, ctx);
}

function countOf(frame: Frame, label: string): number {
  return strings(frame, 'y').filter((v) => v === label).length;
}

describe('classWeights', () => {
  it('matches sklearn compute_class_weight("balanced") and leaves the frame alone', () => {
    const { fitted, frame } = run({ type: 'classWeights', options: { mode: 'balanced' } });
    // sklearn: n / (k * count) over labelled rows = 16 / (2 * 12), 16 / (2 * 4).
    expect(fitted.steps[0]?.params).toEqual({
      classes: ['major', 'minor'],
      counts: [12, 4],
      weights: [16 / 24, 2],
    });
    expect(frame).toEqual(imbalanced());
  });
});

describe('random resampling', () => {
  it('oversamples every class to the majority count by repeating real rows', () => {
    const { frame, reports } = run({ type: 'randomOversample', options: {} });
    expect(countOf(frame, 'minor')).toBe(12);
    expect(countOf(frame, 'major')).toBe(12);
    expect(frame.rowCount).toBe(25);
    const originals = new Set(numbers(imbalanced(), 'a').map(String));
    expect(numbers(frame, 'a').every((v) => originals.has(String(v)))).toBe(true);
    expect(reports[0]?.details).toEqual({
      kind: 'classCounts',
      before: { major: 12, minor: 4 },
      after: { major: 12, minor: 12 },
    });
  });

  it('undersamples every class to the minority count, keeping unlabelled rows', () => {
    const { frame } = run({ type: 'randomUndersample', options: {} });
    expect(countOf(frame, 'major')).toBe(4);
    expect(countOf(frame, 'minor')).toBe(4);
    expect(frame.rowCount).toBe(9);
  });

  it('is seeded: the same seed gives the same rows, another seed other rows', () => {
    const step = { type: 'randomUndersample', options: {} } as const;
    const first = numbers(run(step).frame, 'a');
    expect(numbers(run(step).frame, 'a')).toEqual(first);
    const other = numbers(run(step, imbalanced(), { ...CTX, seed: 12 }).frame, 'a');
    expect(other).not.toEqual(first);
  });
});

describe('smote', () => {
  const step = { type: 'smote', options: { neighbours: 2 } } as const;

  it('creates points on segments between same-class neighbours', () => {
    const original = imbalanced();
    const { frame } = run(step);
    expect(countOf(frame, 'minor')).toBe(12);
    const a = numbers(frame, 'a');
    const b = numbers(frame, 'b');
    const ys = strings(frame, 'y');
    const minor = [12, 13, 14, 15].map((row) => [
      numbers(original, 'a')[row]!,
      numbers(original, 'b')[row]!,
    ]);
    for (let row = original.rowCount; row < frame.rowCount; row++) {
      expect(ys[row]).toBe('minor');
      const p = [a[row]!, b[row]!];
      // Some pair (u, v) of minor rows has p = u + t (v - u) with t in [0, 1].
      const onSegment = minor.some((u) =>
        minor.some((v) => {
          const d = [v[0]! - u[0]!, v[1]! - u[1]!];
          const len = d[0]! ** 2 + d[1]! ** 2;
          const t = len === 0 ? 0 : ((p[0]! - u[0]!) * d[0]! + (p[1]! - u[1]!) * d[1]!) / len;
          const off = Math.hypot(p[0]! - u[0]! - t * d[0]!, p[1]! - u[1]! - t * d[1]!);
          return t >= -1e-12 && t <= 1 + 1e-12 && off < 1e-9;
        }),
      );
      expect(onSegment).toBe(true);
    }
  });

  it('creates new points (not only copies) and copies other columns from the base row', () => {
    const { frame } = run(step);
    const tags = strings(frame, 'tag').slice(17);
    expect(tags.every((t) => ['t10', 't11', 't12'].includes(t ?? ''))).toBe(true);
    const originalA = new Set(numbers(imbalanced(), 'a'));
    expect(
      numbers(frame, 'a')
        .slice(17)
        .some((v) => !originalA.has(v)),
    ).toBe(true);
  });

  it('runs at the train stage only', () => {
    const { fitted } = run(step);
    const inference = applyRecipe(fitted, imbalanced(), { stage: 'inference' });
    expect(inference.frame).toEqual(imbalanced());
    expect(inference.reports[0]?.skipped).toBe(true);
    const train = applyRecipe(fitted, imbalanced(), { stage: 'train' });
    expect(train.frame.rowCount).toBe(25);
    expect(train.frame).toEqual(run(step).frame);
  });
});

describe('gaussianNoise', () => {
  const step = { type: 'gaussianNoise' as const, options: { fraction: 0.1, columns: ['a'] } };

  it('perturbs by a fraction of the training std, seeded, at the train stage only', () => {
    const { fitted, frame } = run(step);
    const before = numbers(imbalanced(), 'a');
    const after = numbers(frame, 'a');
    const diffs = after.map((v, i) => v - before[i]!);
    expect(diffs.some((d) => d !== 0)).toBe(true);
    // 0.1 × the training std (≈ 4.4): 5 sigma is ~2.2.
    expect(Math.max(...diffs.map(Math.abs))).toBeLessThan(2.5);
    expect(numbers(applyRecipe(fitted, imbalanced(), { stage: 'train' }).frame, 'a')).toEqual(
      after,
    );
    const epoch2 = numbers(
      applyRecipe(fitted, imbalanced(), { stage: 'train', seed: 2 }).frame,
      'a',
    );
    expect(epoch2).not.toEqual(after);
    expect(applyRecipe(fitted, imbalanced(), { stage: 'inference' }).frame).toEqual(imbalanced());
  });
});

describe('numeric class labels', () => {
  it('are ordered numerically in class weights', () => {
    const frame = createFrame([
      { name: 'y', kind: 'numeric', values: Float64Array.from([10, 2, 2, 10, 10, 1]) },
    ]);
    const { fitted } = run({ type: 'classWeights', options: { mode: 'balanced' } }, frame);
    expect(fitted.steps[0]?.params).toMatchObject({ classes: ['1', '2', '10'], counts: [1, 2, 3] });
  });
});
