/**
 * Colours for charts and tables. The series palette is Okabe–Ito (distinguishable with the
 * common colour-vision deficiencies), ordered so the first colours have enough contrast on white;
 * yellow comes last because it barely shows on a light background.
 */

export const SERIES_COLORS = [
  '#0072b2', // blue
  '#d55e00', // vermillion
  '#009e73', // bluish green
  '#cc79a7', // reddish purple
  '#e69f00', // orange
  '#56b4e9', // sky blue
  '#000000', // black
  '#f0e442', // yellow
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length]!;
}

type Rgb = [number, number, number];

/** Darkest shade of the heat-map scale (ColorBrewer Blues' last step). */
const SHADE_FULL: Rgb = [8, 81, 156];
const WHITE: Rgb = [255, 255, 255];
// Pure black, not the page's near-black: at mid shades only black keeps 4.5:1.
const DARK_TEXT = '#000000';
const LIGHT_TEXT = '#ffffff';

function channelToLinear(c: number): number {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an sRGB colour. */
export function relativeLuminance([r, g, b]: Rgb): number {
  return 0.2126 * channelToLinear(r) + 0.7152 * channelToLinear(g) + 0.0722 * channelToLinear(b);
}

export function contrastRatio(a: Rgb, b: Rgb): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function hex(rgb: Rgb): string {
  return `#${rgb.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}

/**
 * Background and text colour for a heat-map cell whose share (0..1) of its row it shows.
 * The text colour is whichever of dark/white contrasts more, which on this scale is always
 * at least 4.5:1 (WCAG AA for normal text).
 */
export function cellShade(share: number): { background: string; color: string } {
  const t = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  const bg: Rgb = [0, 1, 2].map((i) => WHITE[i]! + (SHADE_FULL[i]! - WHITE[i]!) * t) as Rgb;
  const rounded = bg.map(Math.round) as Rgb;
  const dark: Rgb = [0, 0, 0];
  const useDark = contrastRatio(rounded, dark) >= contrastRatio(rounded, WHITE);
  return { background: hex(rounded), color: useDark ? DARK_TEXT : LIGHT_TEXT };
}
