import { describe, expect, it } from 'vitest';
import { EXPLORE_METHODS } from '../../../src/core/classical-catalog';
import {
  exploreParamProblems,
  findExploreMethod,
  resolveExploreParams,
} from '../../../src/core/explore-params';

const kmeans = findExploreMethod('kmeans')!;
const agglomerative = findExploreMethod('agglomerative')!;

describe('explore parameters', () => {
  it('every catalogue default is valid', () => {
    for (const method of EXPLORE_METHODS) expect(exploreParamProblems(method, {})).toEqual([]);
  });

  it('flags out-of-range, fractional and unknown-option values', () => {
    expect(exploreParamProblems(kmeans, { k: 0, nInit: 2.5 })).toEqual([
      { field: 'k', key: 'range' },
      { field: 'nInit', key: 'integer' },
    ]);
    expect(exploreParamProblems(agglomerative, { linkage: 'median' })).toEqual([
      { field: 'linkage', key: 'option' },
    ]);
    expect(exploreParamProblems(findExploreMethod('dbscan')!, { eps: Number.NaN })).toEqual([
      { field: 'eps', key: 'range' },
    ]);
  });

  it('fills defaults and drops unknown keys', () => {
    expect(resolveExploreParams(kmeans, { k: 5, bogus: 1 })).toEqual({
      k: 5,
      nInit: 10,
      maxIter: 300,
      seed: 0,
    });
  });

  it('knows only the catalogue methods', () => {
    expect(findExploreMethod('nope')).toBeUndefined();
  });
});
