/**
 * Pure helpers shared by the SVG charts: data extents that ignore non-finite values, legend
 * placement without measuring text (the SVG must render the same in SSR and in reports), and the
 * rows of the "Show data" table.
 */

export interface ChartSeries {
  name: string;
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  dashed?: boolean;
  color?: string;
}

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export const CHART_WIDTH = 640;
export const MARGINS: Margins = { top: 12, right: 20, bottom: 44, left: 60 };
export const LEGEND_ROW_HEIGHT = 20;

/** Finite (and, for a log axis, positive) pairs of one series; the rest are skipped. */
export function finitePoints(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  positiveY = false,
): [number, number][] {
  const points: [number, number][] = [];
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const px = x[i]!;
    const py = y[i]!;
    if (Number.isFinite(px) && Number.isFinite(py) && (!positiveY || py > 0)) points.push([px, py]);
  }
  return points;
}

/** [min, max] over all values, widened when flat so a scale never collapses to a point. */
export function extentOf(values: Iterable<number>, fallback: [number, number]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!(lo <= hi)) return fallback;
  if (lo === hi) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    return [lo - pad, hi + pad];
  }
  return [lo, hi];
}

/** Width a label will need, estimated: CJK glyphs are about twice as wide as Latin ones. */
export function estimateTextWidth(text: string, fontSize = 12): number {
  let units = 0;
  for (const ch of text) units += /[\u2e80-\u9fff\uff00-\uffef]/.test(ch) ? 1 : 0.58;
  return units * fontSize;
}

export interface LegendItem {
  label: string;
  x: number;
  y: number;
}

/** Places legend entries left to right, wrapping to a new row when the width runs out. */
export function layoutLegend(
  labels: string[],
  width: number,
): { items: LegendItem[]; height: number } {
  const SWATCH = 28;
  const GAP = 18;
  const items: LegendItem[] = [];
  let x = 0;
  let row = 0;
  for (const label of labels) {
    const w = SWATCH + estimateTextWidth(label) + GAP;
    if (x > 0 && x + w > width) {
      x = 0;
      row += 1;
    }
    items.push({ label, x, y: row * LEGEND_ROW_HEIGHT });
    x += w;
  }
  return { items, height: labels.length === 0 ? 0 : (row + 1) * LEGEND_ROW_HEIGHT };
}

export interface DataRow {
  series: string;
  x: number;
  y: number;
}

/** Long-format rows of all series (non-finite values kept: the table shows them as "—"). */
export function dataRows(
  series: Pick<ChartSeries, 'name' | 'x' | 'y'>[],
  limit: number,
): { rows: DataRow[]; omitted: number } {
  const rows: DataRow[] = [];
  let total = 0;
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    total += n;
    for (let i = 0; i < n && rows.length < limit; i++) {
      rows.push({ series: s.name, x: s.x[i]!, y: s.y[i]! });
    }
  }
  return { rows, omitted: total - rows.length };
}
