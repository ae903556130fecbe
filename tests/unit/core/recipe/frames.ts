/**
 * Train and test frames with deliberately different statistics (shifted numbers, other
 * categories, other words, other years, another class balance), so any statistic taken from
 * the wrong rows shows up in the params.
 */
import { createRng, normalSample } from '../../../../src/core/rng';
import type { Column, Frame } from '../../../../src/core/frame';
import { createFrame } from '../../../../src/core/frame';
import type { FitContext } from '../../../../src/core/recipe';

export const TARGET = 'label';
export const CTX: FitContext = { target: TARGET, task: 'classification', seed: 7 };

interface Shape {
  n: number;
  seed: number;
  shift: number;
  spread: number;
  categories: string[];
  words: string[];
  year: number;
  positiveShare: number;
  missingEvery: number;
}

const TRAIN_SHAPE: Shape = {
  n: 40,
  seed: 1,
  shift: 5,
  spread: 2,
  categories: ['a', 'b', 'c'],
  words: ['red', 'green', 'blue', 'apple'],
  year: 2020,
  positiveShare: 0.25,
  missingEvery: 13,
};

const TEST_SHAPE: Shape = {
  n: 20,
  seed: 2,
  shift: 100,
  spread: 10,
  categories: ['c', 'd', 'e'],
  words: ['cat', 'dog', 'blue', 'zebra'],
  year: 2024,
  positiveShare: 0.75,
  missingEvery: 2,
};

function build(shape: Shape): Frame {
  const rng = createRng(shape.seed);
  const { n } = shape;
  const x = new Float64Array(n);
  const z = new Float64Array(n);
  const w = new Float64Array(n);
  const cat: (string | null)[] = [];
  const text: (string | null)[] = [];
  const when = new Float64Array(n);
  const label: (string | null)[] = [];
  for (let i = 0; i < n; i++) {
    const positive = i < Math.round(n * shape.positiveShare);
    x[i] = shape.shift + shape.spread * normalSample(rng) + (positive ? 3 : 0);
    z[i] = 0.5 * (x[i] as number) + normalSample(rng);
    w[i] = shape.shift * rng();
    cat.push(i % 7 === 3 ? null : (shape.categories[i % shape.categories.length] as string));
    const words = [0, 1, 2].map(() => shape.words[Math.floor(rng() * shape.words.length)]);
    text.push(i % 9 === 4 ? null : words.join(' '));
    when[i] = Date.UTC(shape.year, i % 12, 1 + (i % 28), i % 24);
    label.push(positive ? 'yes' : 'no');
  }
  for (let i = 1; i < n; i += shape.missingEvery) x[i] = Number.NaN;
  const columns: Column[] = [
    { name: 'x', kind: 'numeric', values: x },
    { name: 'z', kind: 'numeric', values: z },
    { name: 'w', kind: 'numeric', values: w },
    { name: 'cat', kind: 'categorical', values: cat },
    { name: 'text', kind: 'text', values: text },
    { name: 'when', kind: 'datetime', values: when },
    { name: TARGET, kind: 'categorical', values: label },
  ];
  return createFrame(columns);
}

export function trainFrame(): Frame {
  return build(TRAIN_SHAPE);
}

export function testFrame(): Frame {
  return build(TEST_SHAPE);
}

/** Train rows followed by test rows: what a leaky implementation would fit on. */
export function concatFrames(a: Frame, b: Frame): Frame {
  return createFrame(
    a.columns.map((column, j): Column => {
      const other = b.columns[j] as Column;
      if (column.kind === 'numeric' || column.kind === 'datetime') {
        const values = new Float64Array(a.rowCount + b.rowCount);
        values.set(column.values);
        values.set(other.values as Float64Array, a.rowCount);
        return { ...column, values };
      }
      return { ...column, values: [...column.values, ...(other.values as (string | null)[])] };
    }),
  );
}

export function numbers(frame: Frame, name: string): number[] {
  const column = frame.columns.find((c) => c.name === name);
  if (!column || !(column.values instanceof Float64Array)) throw new Error(`no numeric ${name}`);
  return Array.from(column.values);
}

export function strings(frame: Frame, name: string): (string | null)[] {
  const column = frame.columns.find((c) => c.name === name);
  if (!column || column.values instanceof Float64Array) throw new Error(`no string ${name}`);
  return [...column.values];
}

export function present(values: number[]): number[] {
  return values.filter((v) => !Number.isNaN(v));
}

export function meanOf(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

export function stdOf(values: number[]): number {
  const m = meanOf(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / values.length);
}
