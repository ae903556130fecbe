/**
 * The registry's entries run with their own defaults on a small fixture without mutating it,
 * and every numeric or choice default lies inside its declared range.
 */
import { describe, expect, it } from 'vitest';
import {
  UNSUPERVISED_REGISTRY,
  type UnsupervisedRegistryEntry,
} from '../../../../src/ml/classical/registry-unsupervised';
import { blobs } from './linear-helpers';

const { x, y } = blobs(
  [
    [0, 0, 0],
    [5, 5, 0],
    [0, 5, 5],
  ],
  12,
  0.7,
  1,
);

describe('unsupervised registry', () => {
  for (const [kind, entry] of Object.entries(UNSUPERVISED_REGISTRY) as [
    string,
    UnsupervisedRegistryEntry,
  ][]) {
    it(`${kind} runs with its defaults`, async () => {
      for (const [name, range] of Object.entries(entry.ranges)) {
        const value = entry.defaults[name];
        if (value === undefined || typeof value === 'string') continue;
        if (range.type === 'choice') expect(range.options).toContain(value);
        else expect(value).toBeGreaterThanOrEqual(range.min);
      }
      const before = Float64Array.from(x.data);
      const params =
        kind === 'tsne' ? { ...entry.defaults, iterations: 50, perplexity: 5 } : entry.defaults;
      if (entry.family === 'classifier') {
        const model = await entry.learner.fit(x, y, 3, params);
        expect(model.predict(x)).toHaveLength(x.rows);
      } else if (entry.family === 'regressor') {
        const model = await entry.learner.fit(x, Float64Array.from(y), params);
        expect(model.predict(x)).toHaveLength(x.rows);
      } else if (entry.family === 'clustering') {
        expect((await entry.run(x, params)).labels).toHaveLength(x.rows);
      } else {
        expect((await entry.run(x, params)).embedding.rows).toBe(x.rows);
      }
      // The contract: fit never mutates its inputs.
      expect(Array.from(x.data)).toEqual(Array.from(before));
    });
  }
});
