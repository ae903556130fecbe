import { describe, expect, it } from 'vitest';
import { cutHeight, layoutDendrogram } from '../../../../src/components/explore/dendrogram-layout';
import type { DendrogramData } from '../../../../src/contracts/insights';

// Rows 0..3 at 0, 1, 10, 11 (single linkage): {0,1} at 1, {2,3} at 1, then all at 9.
const DATA: DendrogramData = {
  leaves: 4,
  linkage: 'single',
  merges: [
    { a: 0, b: 1, distance: 1, size: 2 },
    { a: 2, b: 3, distance: 1, size: 2 },
    { a: 4, b: 5, distance: 9, size: 4 },
  ],
};

describe('layoutDendrogram', () => {
  it('draws every merge when the tree is small', () => {
    const layout = layoutDendrogram(DATA);
    expect(layout.leaves.map((l) => l.id)).toEqual([0, 1, 2, 3]);
    expect(layout.links).toHaveLength(3);
    expect(layout.links.at(-1)).toEqual({
      xLeft: 0.5,
      yLeft: 1,
      xRight: 2.5,
      yRight: 1,
      height: 9,
      merge: 2,
    });
    expect(layout.maxHeight).toBe(9);
  });

  it('truncates to the top p clusters, each leaf carrying its rows', () => {
    const layout = layoutDendrogram(DATA, 2);
    expect(layout.leaves).toEqual([
      { id: 4, x: 0, size: 2 },
      { id: 5, x: 1, size: 2 },
    ]);
    expect(layout.links).toEqual([
      { xLeft: 0, yLeft: 0, xRight: 1, yRight: 0, height: 9, merge: 2 },
    ]);
  });

  it('a single row has nothing to draw', () => {
    expect(layoutDendrogram({ leaves: 1, linkage: 'ward', merges: [] })).toEqual({
      leaves: [],
      links: [],
      maxHeight: 0,
    });
  });
});

describe('cutHeight', () => {
  it('lies between the last merge kept and the first undone', () => {
    expect(cutHeight(DATA, 2)).toBe(5);
    expect(cutHeight(DATA, 3)).toBe(1);
    expect(cutHeight(DATA, 4)).toBe(0.5);
  });

  it('has no cut for one cluster or more clusters than rows', () => {
    expect(cutHeight(DATA, 1)).toBeNull();
    expect(cutHeight(DATA, 5)).toBeNull();
  });
});
