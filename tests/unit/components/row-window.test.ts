/**
 * The Rows table's window over its rows: unchanged geometry while the spacer fits under the
 * browsers' height cap, and past it a spacer that stops growing while every row, the last
 * included, is still reachable by scrolling and drawn where the view is.
 */
import { describe, expect, it } from 'vitest';
import {
  MAX_SPACER_PX,
  rowWindow,
  type RowWindowSpec,
} from '../../../src/components/data/row-window';

const ROW = 28;

function spec(rows: number, viewportPx = 13 * ROW): RowWindowSpec {
  return { rows, rowHeightPx: ROW, viewportPx, overscan: 4, viewRows: 12 };
}

/** The data rows whose box overlaps the view, from where the window draws them. */
function rowsInView(scrollTop: number, s: RowWindowSpec): number[] {
  const window = rowWindow(scrollTop, s);
  const top = Math.min(Math.max(0, scrollTop), window.spacerPx - s.viewportPx);
  const seen: number[] = [];
  for (let row = window.first; row < window.last; row++) {
    // Under the table's header row.
    const rowTop = window.offsetPx + (row - window.first + 1) * ROW;
    if (rowTop < top + s.viewportPx && rowTop + ROW > top) seen.push(row);
  }
  return seen;
}

describe('rowWindow', () => {
  it('keeps one pixel per pixel where the rows fit: 5,000 rows', () => {
    const s = spec(5000);
    const window = rowWindow(4000 * ROW, s);
    expect(window.spacerPx).toBe(5001 * ROW);
    expect(window.first).toBe(3996);
    expect(window.last).toBe(4016);
    expect(window.offsetPx).toBe(3996 * ROW);
  });

  it('draws only what exists for short tables and clamps the scroll', () => {
    const s = spec(3, 4 * ROW);
    expect(rowWindow(0, s)).toEqual({ first: 0, last: 3, offsetPx: 0, spacerPx: 4 * ROW });
    expect(rowWindow(-50, s).first).toBe(0);
    expect(rowWindow(1e9, spec(100)).last).toBe(100);
  });

  for (const rows of [1_000_000, 2_000_000, 50_000_000]) {
    it(`caps the spacer and still reaches the last of ${rows.toLocaleString('en')} rows`, () => {
      const s = spec(rows);
      const top = rowWindow(0, s);
      expect(top.spacerPx).toBe(Math.min((rows + 1) * ROW, MAX_SPACER_PX));
      expect(top.spacerPx).toBeLessThanOrEqual(MAX_SPACER_PX);
      expect(rowsInView(0, s)[0]).toBe(0);
      const bottom = top.spacerPx - s.viewportPx;
      expect(rowWindow(bottom, s).last).toBe(rows);
      expect(rowsInView(bottom, s).at(-1)).toBe(rows - 1);
    });
  }

  it('skips no row past the cap: one pixel of scroll never jumps past the rows in view', () => {
    const s = spec(2_000_000);
    const bottom = rowWindow(0, s).spacerPx - s.viewportPx;
    for (let top = 0; top < bottom; top += 9973) {
      for (const at of [top, bottom - 1 - (top % 5)]) {
        const here = rowsInView(at, s);
        const next = rowsInView(at + 1, s);
        expect(here.length).toBeGreaterThanOrEqual(12);
        expect(next[0]).toBeGreaterThanOrEqual(here[0] as number);
        expect(next[0]).toBeLessThanOrEqual((here.at(-1) as number) + 1);
      }
    }
  });
});
