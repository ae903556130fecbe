import { describe, expect, it } from 'vitest';
import { CLASSICAL_LEARNERS, EXPLORE_METHODS } from '../../../../src/core/classical-catalog';
import { isParamInRange, registryLearner } from '../../../../src/ml/classical-run-params';
import { SUPERVISED_REGISTRY } from '../../../../src/ml/classical/registry-supervised';
import { UNSUPERVISED_REGISTRY } from '../../../../src/ml/classical/registry-unsupervised';

const registries: Record<string, { family: string; defaults: Record<string, unknown> }> = {
  ...SUPERVISED_REGISTRY,
  ...UNSUPERVISED_REGISTRY,
};

/** The registries say "no depth limit" with 0 or null; the catalogue with null. */
const sameDefault = (catalogue: unknown, registry: unknown): boolean =>
  catalogue === registry || (catalogue === null && (registry === 0 || registry === null));

describe('classical catalogue', () => {
  it('has unique keys', () => {
    const keys = CLASSICAL_LEARNERS.map((learner) => learner.key);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const info of CLASSICAL_LEARNERS) {
    it(`${info.key}: matches its registry entry (family, task, defaults) and its own ranges`, () => {
      const entry = registries[info.key];
      expect(entry, info.key).toBeDefined();
      expect(entry?.family).toBe(info.task === 'classification' ? 'classifier' : 'regressor');
      expect(registryLearner(info.key)?.family).toBe(entry?.family);
      for (const [name, value] of Object.entries(info.defaults)) {
        const registryValue = entry?.defaults[name];
        expect(sameDefault(value, registryValue), `${info.key}.${name}`).toBe(true);
        // A default without a range is fixed (a regression tree's criterion): no form offers it.
        const range = info.ranges[name];
        if (range) expect(isParamInRange(value, range), `${info.key}.${name}`).toBe(true);
      }
      // Registry defaults the catalogue leaves out are solver details (tolerances) only.
      const hidden = Object.keys(entry?.defaults ?? {}).filter((name) => !(name in info.defaults));
      expect(
        hidden.every((name) => name === 'tol'),
        hidden.join(),
      ).toBe(true);
    });
  }

  it('gives every range a default', () => {
    for (const info of CLASSICAL_LEARNERS) {
      for (const name of Object.keys(info.ranges))
        expect(info.defaults, info.key).toHaveProperty(name);
    }
  });

  it('registers every supervised registry learner in the catalogue', () => {
    const keys = new Set(CLASSICAL_LEARNERS.map((learner) => learner.key));
    for (const [key, entry] of Object.entries(registries)) {
      if (entry.family === 'classifier' || entry.family === 'regressor') {
        expect(keys.has(key), key).toBe(true);
      }
    }
  });

  it('offers explore methods that exist in the unsupervised registry', () => {
    for (const method of EXPLORE_METHODS) {
      const entry = registries[method.key];
      expect(entry?.family).toBe(method.kind);
      for (const [name, range] of Object.entries(method.ranges)) {
        const value = method.defaults[name];
        if (value !== undefined) expect(isParamInRange(value, range), name).toBe(true);
      }
    }
  });

  it('has no registry learner without a catalogue entry', () => {
    expect(registryLearner('no-such-learner')).toBeNull();
    expect(registryLearner('kmeans')).toBeNull();
  });
});
