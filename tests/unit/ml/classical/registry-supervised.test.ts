import { describe, expect, it } from 'vitest';
import { SUPERVISED_REGISTRY } from '../../../../src/ml/classical/registry-supervised';
import { denseMatrix } from '../../../../src/ml/classical/types';
import { accuracyOf, makeProblem, viaJson } from './sup-fixtures';

const { x, y, target } = makeProblem(150, 3, 8);
// Multinomial naive Bayes needs count-like (non-negative) features.
const counts = denseMatrix(
  x.rows,
  x.cols,
  x.data.map((v) => Math.max(0, Math.round((v + 3) * 2))),
);

describe('supervised registry', () => {
  for (const [kind, entry] of Object.entries(SUPERVISED_REGISTRY)) {
    it(`${kind}: fits with its defaults, keeps them in range, and saves and loads exactly`, async () => {
      expect(entry.learner.kind).toBe(kind);
      for (const [name, range] of Object.entries(entry.ranges)) {
        const value = (entry.defaults as Record<string, unknown>)[name];
        if (value === null || value === undefined) continue;
        if (range.type === 'choice') expect(range.options).toContain(value);
        else {
          expect(value).toBeGreaterThanOrEqual(range.min);
          expect(value).toBeLessThanOrEqual(range.max);
        }
      }
      const data = kind === 'multinomial-nb' ? counts : x;
      if (entry.family === 'classifier') {
        const model = await entry.learner.fit(data, y, 3, { ...entry.defaults });
        expect(model.kind).toBe(kind);
        const loaded = entry.learner.fromJSON(viaJson(model.toJSON()));
        expect(loaded.predictProba(data)).toEqual(model.predictProba(data));
        expect(accuracyOf(y, model.predict(data))).toBeGreaterThan(0.5); // three classes: chance is ~1/3
      } else {
        const model = await entry.learner.fit(data, target, { ...entry.defaults });
        expect(model.kind).toBe(kind);
        expect(entry.learner.fromJSON(viaJson(model.toJSON())).predict(data)).toEqual(
          model.predict(data),
        );
      }
    });
  }
});
