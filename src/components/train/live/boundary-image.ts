/**
 * Pixels and words of the decision-boundary view. Each grid cell takes the colour of its most
 * likely class, faded towards white as the model grows unsure (TensorFlow Playground's look):
 * at chance level the cell is white, at certainty the class colour at BOUNDARY_OPACITY. A
 * regression map runs from LOW_COLOR through white (mid-range) to HIGH_COLOR, as Playground's
 * orange-to-blue.
 */
import type { DecisionBoundaryView } from '../../../contracts/live-views';
import { seriesColor } from '../../charts/colors';

const BOUNDARY_OPACITY = 0.75;

export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** Colour of class `c` (the chart palette, so points and regions match). */
export function classColor(c: number): string {
  return seriesColor(c);
}

const LOW_COLOR = hexToRgb(seriesColor(1));
const HIGH_COLOR = hexToRgb(seriesColor(0));

/**
 * The regression scale's colour of `value` within [min, max], as RGB; points use the full
 * colour (`opacity` 1) so they stand out from the paler map behind them.
 */
export function valueRgb(
  value: number,
  min: number,
  max: number,
  opacity = BOUNDARY_OPACITY,
): [number, number, number] {
  const t = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0.5;
  const end = t < 0.5 ? LOW_COLOR : HIGH_COLOR;
  const strength = Math.abs(t - 0.5) * 2 * opacity;
  return end.map((c) => Math.round(255 + (c - 255) * strength)) as [number, number, number];
}

export function valueColor(value: number, min: number, max: number, opacity = 1): string {
  const [r, g, b] = valueRgb(value, min, max, opacity);
  return `rgb(${r}, ${g}, ${b})`;
}

function regressionPixels(view: DecisionBoundaryView, min: number, max: number) {
  const n = view.steps * view.steps;
  const pixels = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    pixels.set([...valueRgb(view.probabilities[i]!, min, max), 255], i * 4);
  }
  return pixels;
}

/** steps × steps RGBA pixels, row-major from the top-left like the grid. */
export function boundaryPixels(view: DecisionBoundaryView): Uint8ClampedArray {
  if (view.regression) return regressionPixels(view, view.regression.min, view.regression.max);
  const { steps, classes: k, probabilities } = view;
  const palette = Array.from({ length: k }, (_, c) => hexToRgb(classColor(c)));
  const pixels = new Uint8ClampedArray(steps * steps * 4);
  for (let i = 0; i < steps * steps; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) {
      if (probabilities[i * k + c]! > probabilities[i * k + best]!) best = c;
    }
    const p = probabilities[i * k + best]!;
    // 1/k is a coin toss among k classes: no colour; 1 is full colour.
    const sureness = Math.min(1, Math.max(0, (p - 1 / k) / (1 - 1 / k))) * BOUNDARY_OPACITY;
    const rgb = palette[best]!;
    for (let ch = 0; ch < 3; ch++) {
      pixels[i * 4 + ch] = 255 + (rgb[ch]! - 255) * sureness;
    }
    pixels[i * 4 + 3] = 255;
  }
  return pixels;
}

/** Whole percent, never rounding a miss up to 100 or a hit down to 0. */
export function percentOf(part: number, total: number): number {
  if (total <= 0) return 0;
  const p = Math.round((100 * part) / total);
  if (p === 100 && part < total) return 99;
  if (p === 0 && part > 0) return 1;
  return p;
}
