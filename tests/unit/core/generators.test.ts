import { describe, expect, it } from 'vitest';
import {
  GENERATOR_KINDS,
  generatePoints,
  pointsForDrawing,
  pointsToCsv,
  type GeneratorKind,
} from '../../../src/core/generators';

const CLASSIFIERS: GeneratorKind[] = ['circle', 'xor', 'gaussian', 'spiral', 'moons', 'blobs'];

describe('generatePoints', () => {
  it.each(GENERATOR_KINDS)('%s: same seed, same points; other seed, other points', (kind) => {
    const a = generatePoints({ kind, samples: 200, noise: 0.1, seed: 1 });
    const b = generatePoints({ kind, samples: 200, noise: 0.1, seed: 1 });
    const c = generatePoints({ kind, samples: 200, noise: 0.1, seed: 2 });
    expect(a.x).toHaveLength(200);
    expect(Array.from(a.x)).toEqual(Array.from(b.x));
    expect(Array.from(a.label)).toEqual(Array.from(b.label));
    expect(Array.from(a.x)).not.toEqual(Array.from(c.x));
    for (const v of [...a.x, ...a.y, ...a.label]) expect(Number.isFinite(v)).toBe(true);
  });

  it.each(CLASSIFIERS)('%s: labels are class indices and every class is present', (kind) => {
    const points = generatePoints({ kind, samples: 300, noise: 0, seed: 3, classes: 4 });
    expect(points.task).toBe('classification');
    const classes = new Set(points.label);
    expect(classes.size).toBe(points.numClasses);
    for (const label of classes) expect(Number.isInteger(label)).toBe(true);
  });

  it('circle without noise: inside points are class 1 and lie within half the radius', () => {
    const p = generatePoints({ kind: 'circle', samples: 400, noise: 0, seed: 4 });
    for (let i = 0; i < 400; i++) {
      const r = Math.hypot(p.x[i]!, p.y[i]!);
      expect(p.label[i]).toBe(r < 2.5 ? 1 : 0);
    }
  });

  it('xor without noise: the label is the sign of x·y', () => {
    const p = generatePoints({ kind: 'xor', samples: 300, noise: 0, seed: 5 });
    for (let i = 0; i < 300; i++) expect(p.label[i]).toBe(p.x[i]! * p.y[i]! >= 0 ? 1 : 0);
  });

  it('regression plane without noise: the target is (x + y) / 10 within [-1.2, 1.2]', () => {
    const p = generatePoints({ kind: 'regressionPlane', samples: 100, noise: 0, seed: 6 });
    expect(p.task).toBe('regression');
    for (let i = 0; i < 100; i++) expect(p.label[i]).toBeCloseTo((p.x[i]! + p.y[i]!) / 10, 12);
  });

  it('regression gaussians: targets stay in [-1, 1] and peak near the bumps', () => {
    const p = generatePoints({ kind: 'regressionGaussian', samples: 2000, noise: 0, seed: 7 });
    expect(Math.max(...p.label)).toBeLessThanOrEqual(1);
    expect(Math.min(...p.label)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...p.label)).toBeGreaterThan(0.8);
  });

  it('more noise spreads two gaussians further', () => {
    const spread = (noise: number) => {
      const p = generatePoints({ kind: 'gaussian', samples: 2000, noise, seed: 8 });
      let sum = 0;
      for (let i = 0; i < 1000; i++) sum += (p.x[i]! - 2) ** 2;
      return sum / 1000;
    };
    expect(spread(0.5)).toBeGreaterThan(spread(0) * 3);
  });

  it('clamps out-of-range settings instead of failing', () => {
    const p = generatePoints({ kind: 'blobs', samples: 1e9, noise: 9, seed: 1, classes: 50 });
    expect(p.x).toHaveLength(100_000);
    expect(p.numClasses).toBe(8);
  });

  it('writes CSV with a header and one line per point', () => {
    const p = generatePoints({ kind: 'moons', samples: 10, noise: 0, seed: 1 });
    const lines = pointsToCsv(p).trim().split('\n');
    expect(lines[0]).toBe('x,y,label');
    expect(lines).toHaveLength(11);
  });
});

describe('pointsForDrawing', () => {
  it('keeps every class when it thins out a large set, and groups by class', () => {
    const points = generatePoints({ kind: 'circle', samples: 1000, noise: 0, seed: 1 });
    const { groups, drawn } = pointsForDrawing(points, 100);
    expect(drawn).toBe(100);
    expect(groups.map((g) => g.label)).toEqual([0, 1]);
    for (const group of groups) {
      expect(group.x.length).toBeGreaterThan(30);
      expect(group.value.every((v) => v === group.label)).toBe(true);
    }
  });

  it('draws everything below the limit; regression is one group of target values', () => {
    const points = generatePoints({ kind: 'regressionPlane', samples: 50, noise: 0, seed: 2 });
    const { groups, drawn } = pointsForDrawing(points, 100);
    expect(drawn).toBe(50);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.label).toBe(-1);
    expect(groups[0]?.value).toEqual(Array.from(points.label));
  });
});
