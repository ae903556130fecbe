/**
 * The generator origins of stored datasets: remembered per dataset, read back, blobs' class
 * count kept only for blobs, and damaged or missing storage simply means "not known".
 */
import { describe, expect, it } from 'vitest';
import { generatedOrigin, rememberGenerated } from '../../../../src/state/share/generated-origins';

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const items = new Map(Object.entries(initial));
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: (key) => items.get(key) ?? null,
    key: (i) => [...items.keys()][i] ?? null,
    removeItem: (key) => void items.delete(key),
    setItem: (key, value) => void items.set(key, String(value)),
  };
}

describe('generated origins', () => {
  it('remembers settings per stored dataset', () => {
    const storage = memoryStorage();
    rememberGenerated(
      'a',
      { kind: 'moons', samples: 400, noise: 0.1, seed: 7, classes: 3 },
      storage,
    );
    rememberGenerated(
      'b',
      { kind: 'blobs', samples: 90, noise: 0.2, seed: 1, classes: 4 },
      storage,
    );
    expect(generatedOrigin('a', storage)).toEqual({
      kind: 'moons',
      samples: 400,
      noise: 0.1,
      seed: 7,
    });
    expect(generatedOrigin('b', storage)).toEqual({
      kind: 'blobs',
      samples: 90,
      noise: 0.2,
      seed: 1,
      classes: 4,
    });
    expect(generatedOrigin('c', storage)).toBeNull();
  });

  it('treats damaged or absent storage as unknown', () => {
    const damaged = memoryStorage({ 'fitlab.generatedDatasets': '{"a":{"kind":"evil"}' });
    expect(generatedOrigin('a', damaged)).toBeNull();
    const wrong = memoryStorage({ 'fitlab.generatedDatasets': '{"a":{"kind":"evil"}}' });
    expect(generatedOrigin('a', wrong)).toBeNull();
    expect(generatedOrigin('a', undefined)).toBeNull();
    expect(() =>
      rememberGenerated('a', { kind: 'xor', samples: 10, noise: 0, seed: 0 }, undefined),
    ).not.toThrow();
  });
});
