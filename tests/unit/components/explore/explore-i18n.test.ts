import { describe, expect, it } from 'vitest';
import type { ExploreMethodKey } from '../../../../src/contracts/explore';
import { EXPLORE_METHODS } from '../../../../src/core/classical-catalog';
import { hasTranslation } from '../../../../src/i18n';
import { LOCALES } from '../../../../src/i18n/locales';

// Typed by the union: a method added to the contract without a catalogue entry fails here.
const METHODS: Record<ExploreMethodKey, true> = {
  kmeans: true,
  dbscan: true,
  agglomerative: true,
  pca: true,
  tsne: true,
  umap: true,
};

describe('Explore strings', () => {
  it('the catalogue offers exactly the methods of the contract', () => {
    expect(EXPLORE_METHODS.map((m) => m.key).sort()).toEqual(Object.keys(METHODS).sort());
  });

  it.each(LOCALES)('%s names every method, parameter and option the form can show', (locale) => {
    for (const method of EXPLORE_METHODS) {
      expect(hasTranslation(locale, `explore.method.${method.key}`), method.key).toBe(true);
      for (const [field, range] of Object.entries(method.ranges)) {
        expect(hasTranslation(locale, `explore.params.${field}`), field).toBe(true);
        if (field === 'linkage' && range.type === 'choice') {
          for (const option of range.options) {
            expect(hasTranslation(locale, `explore.linkage.${option}`), String(option)).toBe(true);
          }
        }
      }
    }
    for (const stage of [
      'restarts',
      'iterations',
      'k',
      'epochs',
      'linkage',
      'neighbours',
      'scores',
    ]) {
      expect(hasTranslation(locale, `explore.progress.${stage}`), stage).toBe(true);
    }
    for (const reason of ['oneCluster', 'allNoise', 'singletons']) {
      expect(hasTranslation(locale, `explore.unscored.${reason}`), reason).toBe(true);
    }
    for (const reason of ['tsne', 'agglomerative', 'dbscan']) {
      expect(hasTranslation(locale, `explore.sampled.${reason}`), reason).toBe(true);
    }
    expect(hasTranslation(locale, 'explore.error.tooManyClusters')).toBe(true);
    expect(hasTranslation(locale, 'stage.explore')).toBe(true);
  });
});
