/**
 * Which rows a virtualized table of fixed-height rows shows at a scroll position, and where it
 * draws them. The scroll container holds a spacer as tall as the header plus every row; the
 * table is translated to its first drawn row.
 *
 * Browsers cap an element's height (Chromium and Safari at ~33.5 million px, Firefox at
 * ~17.9 million), which at 28 px a row is ~640,000 rows in Firefox. Past MAX_SPACER_PX the
 * spacer stays that tall and the scroll position maps to rows in proportion, so the last row
 * is reachable however many rows there are; one pixel of scrolling then moves more than a
 * pixel of rows (1.9 px at a million rows of 28 px).
 */

/** Safely under every browser's cap on an element's height. */
export const MAX_SPACER_PX = 15_000_000;

export interface RowWindowSpec {
  rows: number;
  rowHeightPx: number;
  /** The scroll container's inner height (its clientHeight). */
  viewportPx: number;
  /** Rows drawn around the visible ones, above and below. */
  overscan: number;
  /** Rows that fit in the view. */
  viewRows: number;
}

export interface RowWindow {
  /** First and one-past-last row drawn (0-based data rows). */
  first: number;
  last: number;
  /** Where the table's top (row `first`, under the header) sits in the spacer. */
  offsetPx: number;
  spacerPx: number;
}

export function rowWindow(scrollTop: number, spec: RowWindowSpec): RowWindow {
  // The header's row plus every data row.
  const fullPx = (spec.rows + 1) * spec.rowHeightPx;
  const spacer = Math.min(fullPx, MAX_SPACER_PX);
  const scrollRange = Math.max(0, spacer - spec.viewportPx);
  const fullRange = Math.max(0, fullPx - spec.viewportPx);
  const top = Math.min(Math.max(0, scrollTop), scrollRange);
  // Where the view's top would be if the spacer were as tall as the content.
  const virtualTop = scrollRange === 0 ? 0 : top * (fullRange / scrollRange);
  const first = Math.max(0, Math.floor(virtualTop / spec.rowHeightPx) - spec.overscan);
  const last = Math.min(spec.rows, first + spec.viewRows + 2 * spec.overscan);
  // Row `first` is drawn as far above the view's real top as it is above the virtual one.
  return { first, last, offsetPx: top + first * spec.rowHeightPx - virtualTop, spacerPx: spacer };
}
