/**
 * Seeded 2-D datasets for the playground: TensorFlow Playground's six generators (circle, XOR,
 * two gaussians, spiral, regression plane, regression gaussians — same geometry and the same
 * meaning of `noise` in [0, 0.5]) plus two moons and k-class blobs. Class labels are 0..k-1
 * (Playground uses ±1); regression targets lie in [-1, 1]. Same kind, count, noise and seed ⇒
 * the same points on every platform, because every draw comes from the seeded mulberry32 stream.
 */
import { createRng, normalSample, type Rng } from './rng';

export const GENERATOR_KINDS = [
  'circle',
  'xor',
  'gaussian',
  'spiral',
  'moons',
  'blobs',
  'regressionPlane',
  'regressionGaussian',
] as const;
export type GeneratorKind = (typeof GENERATOR_KINDS)[number];

export interface GeneratorSettings {
  kind: GeneratorKind;
  samples: number;
  /** 0 (clean) to 0.5 (very noisy), as in TensorFlow Playground. */
  noise: number;
  seed: number;
  /** Blobs only: number of classes (2–8). */
  classes?: number;
}

export interface Points2D {
  x: Float64Array;
  y: Float64Array;
  /** Class index (classification) or target value (regression). */
  label: Float64Array;
  task: 'classification' | 'regression';
  numClasses: number;
}

export const GENERATOR_LIMITS = {
  samples: { min: 10, max: 100_000 },
  noise: { min: 0, max: 0.5 },
  classes: { min: 2, max: 8 },
} as const;

function uniform(rng: Rng, a: number, b: number): number {
  return a + (b - a) * rng();
}

class PointSink {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly label: Float64Array;
  #n = 0;
  constructor(capacity: number) {
    this.x = new Float64Array(capacity);
    this.y = new Float64Array(capacity);
    this.label = new Float64Array(capacity);
  }
  push(x: number, y: number, label: number): void {
    this.x[this.#n] = x;
    this.y[this.#n] = y;
    this.label[this.#n] = label;
    this.#n++;
  }
}

function circle(n: number, noise: number, rng: Rng, out: PointSink): void {
  const radius = 5;
  const labelOf = (x: number, y: number) => (Math.hypot(x, y) < radius * 0.5 ? 1 : 0);
  for (let i = 0; i < n; i++) {
    const inside = i < Math.ceil(n / 2);
    const r = inside ? uniform(rng, 0, radius * 0.5) : uniform(rng, radius * 0.7, radius);
    const angle = uniform(rng, 0, 2 * Math.PI);
    const x = r * Math.sin(angle);
    const y = r * Math.cos(angle);
    // The label is taken at a jittered position, so noise mislabels points near the boundary.
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    out.push(x, y, labelOf(x + nx, y + ny));
  }
}

function xor(n: number, noise: number, rng: Rng, out: PointSink): void {
  const padding = 0.3;
  for (let i = 0; i < n; i++) {
    let x = uniform(rng, -5, 5);
    x += x > 0 ? padding : -padding;
    let y = uniform(rng, -5, 5);
    y += y > 0 ? padding : -padding;
    const nx = uniform(rng, -5, 5) * noise;
    const ny = uniform(rng, -5, 5) * noise;
    out.push(x, y, (x + nx) * (y + ny) >= 0 ? 1 : 0);
  }
}

function gaussian(n: number, noise: number, rng: Rng, out: PointSink): void {
  // Playground maps noise 0..0.5 linearly to a variance of 0.5..4.
  const sd = Math.sqrt(0.5 + (noise / 0.5) * 3.5);
  for (let i = 0; i < n; i++) {
    const positive = i < Math.ceil(n / 2);
    const c = positive ? 2 : -2;
    out.push(c + sd * normalSample(rng), c + sd * normalSample(rng), positive ? 1 : 0);
  }
}

function spiral(n: number, noise: number, rng: Rng, out: PointSink): void {
  const half = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const second = i >= half;
    const count = second ? n - half : half;
    const j = second ? i - half : i;
    const r = (j / count) * 5;
    const t = ((1.75 * j) / count) * 2 * Math.PI + (second ? Math.PI : 0);
    out.push(
      r * Math.sin(t) + uniform(rng, -1, 1) * noise,
      r * Math.cos(t) + uniform(rng, -1, 1) * noise,
      second ? 0 : 1,
    );
  }
}

function moons(n: number, noise: number, rng: Rng, out: PointSink): void {
  // scikit-learn's make_moons, scaled ×2.5 to sit in Playground's [-6, 6] square.
  const half = Math.ceil(n / 2);
  for (let i = 0; i < n; i++) {
    const lower = i >= half;
    const count = lower ? n - half : half;
    const t = (Math.PI * (lower ? i - half : i)) / Math.max(1, count - 1);
    const x = lower ? 1 - Math.cos(t) : Math.cos(t);
    const y = lower ? 0.5 - Math.sin(t) : Math.sin(t);
    out.push(
      2.5 * (x - 0.5 + noise * normalSample(rng)),
      2.5 * (y - 0.25 + noise * normalSample(rng)),
      lower ? 1 : 0,
    );
  }
}

function blobs(n: number, noise: number, k: number, rng: Rng, out: PointSink): void {
  // Centres evenly spaced on a circle: classes separate cleanly at noise 0, overlap at 0.5.
  const sd = 0.4 + noise * 4;
  for (let i = 0; i < n; i++) {
    const c = i % k;
    const angle = (2 * Math.PI * c) / k;
    out.push(
      3.5 * Math.cos(angle) + sd * normalSample(rng),
      3.5 * Math.sin(angle) + sd * normalSample(rng),
      c,
    );
  }
}

function regressionPlane(n: number, noise: number, rng: Rng, out: PointSink): void {
  const radius = 6;
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -radius, radius);
    const y = uniform(rng, -radius, radius);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    out.push(x, y, (x + nx + y + ny) / 10);
  }
}

const BUMPS: readonly [number, number, number][] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1],
];

function regressionGaussian(n: number, noise: number, rng: Rng, out: PointSink): void {
  const radius = 6;
  const labelOf = (x: number, y: number) => {
    let label = 0;
    for (const [cx, cy, sign] of BUMPS) {
      // Each bump falls linearly from 1 at its centre to 0 at distance 2; the strongest wins.
      const value = sign * Math.max(0, 1 - Math.hypot(x - cx, y - cy) / 2);
      if (Math.abs(value) > Math.abs(label)) label = value;
    }
    return label;
  };
  for (let i = 0; i < n; i++) {
    const x = uniform(rng, -radius, radius);
    const y = uniform(rng, -radius, radius);
    const nx = uniform(rng, -radius, radius) * noise;
    const ny = uniform(rng, -radius, radius) * noise;
    out.push(x, y, labelOf(x + nx, y + ny));
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function generatePoints(settings: GeneratorSettings): Points2D {
  const n = Math.round(
    clamp(settings.samples, GENERATOR_LIMITS.samples.min, GENERATOR_LIMITS.samples.max),
  );
  const noise = clamp(settings.noise, GENERATOR_LIMITS.noise.min, GENERATOR_LIMITS.noise.max);
  const k = Math.round(
    clamp(settings.classes ?? 3, GENERATOR_LIMITS.classes.min, GENERATOR_LIMITS.classes.max),
  );
  const rng = createRng(settings.seed);
  const out = new PointSink(n);
  let task: Points2D['task'] = 'classification';
  let numClasses = 2;
  switch (settings.kind) {
    case 'circle':
      circle(n, noise, rng, out);
      break;
    case 'xor':
      xor(n, noise, rng, out);
      break;
    case 'gaussian':
      gaussian(n, noise, rng, out);
      break;
    case 'spiral':
      spiral(n, noise, rng, out);
      break;
    case 'moons':
      moons(n, noise, rng, out);
      break;
    case 'blobs':
      blobs(n, noise, k, rng, out);
      numClasses = k;
      break;
    case 'regressionPlane':
      regressionPlane(n, noise, rng, out);
      task = 'regression';
      numClasses = 0;
      break;
    case 'regressionGaussian':
      regressionGaussian(n, noise, rng, out);
      task = 'regression';
      numClasses = 0;
      break;
  }
  return { x: out.x, y: out.y, label: out.label, task, numClasses };
}

/** The points as CSV text (columns x, y, label), so a generated set trains like any dataset. */
export function pointsToCsv(points: Points2D): string {
  const lines = ['x,y,label'];
  for (let i = 0; i < points.x.length; i++) {
    lines.push(`${points.x[i]},${points.y[i]},${points.label[i]}`);
  }
  return lines.join('\n') + '\n';
}

export interface PointGroup {
  /** Class index; regression has one group, label -1. */
  label: number;
  x: number[];
  y: number[];
  /** Class index or regression target of each point. */
  value: number[];
}

/**
 * At most `limit` points for drawing, taken every k-th so every class keeps its share (the
 * generators emit classes in blocks, so the first `limit` points would show one class only),
 * grouped by class for colouring.
 */
export function pointsForDrawing(
  points: Points2D,
  limit: number,
): { groups: PointGroup[]; drawn: number } {
  const n = points.x.length;
  const stride = Math.max(1, Math.ceil(n / Math.max(1, limit)));
  const groups = new Map<number, PointGroup>();
  let drawn = 0;
  for (let i = 0; i < n; i += stride) {
    const value = points.label[i] as number;
    const label = points.task === 'classification' ? value : -1;
    let group = groups.get(label);
    if (!group) {
      group = { label, x: [], y: [], value: [] };
      groups.set(label, group);
    }
    group.x.push(points.x[i] as number);
    group.y.push(points.y[i] as number);
    group.value.push(value);
    drawn++;
  }
  return { groups: [...groups.values()].sort((a, b) => a.label - b.label), drawn };
}
