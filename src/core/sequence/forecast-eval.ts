/**
 * The pure half of forecasting around the network: windows made relative to their last
 * observed value (the network learns the change from the naive forecast, which keeps a series
 * with a trend inside the range the network saw in training), the test-period forecast taken
 * `horizon` steps at a time from actual history, and error metrics against the naive
 * last-value baseline.
 */
import type { ForecastWindows } from './windows';

export interface RelativeWindows {
  x: Float32Array;
  y: Float32Array;
  /** Each window's last observed target value (scaled): add it back to the network's output. */
  levels: Float32Array;
}

/**
 * Subtracts each window's last target value from its target input steps and its targets; the
 * other features are left as they are.
 */
export function relativeToLastValue(
  windows: ForecastWindows,
  shape: { lookback: number; features: number; target: number; horizon: number },
): RelativeWindows {
  const { lookback, features, target, horizon } = shape;
  const x = Float32Array.from(windows.x);
  const y = Float32Array.from(windows.y);
  const levels = new Float32Array(windows.rows);
  for (let r = 0; r < windows.rows; r++) {
    const level = windows.x[(r * lookback + lookback - 1) * features + target] ?? 0;
    levels[r] = level;
    for (let s = 0; s < lookback; s++) x[(r * lookback + s) * features + target]! -= level;
    for (let h = 0; h < horizon; h++) y[r * horizon + h]! -= level;
  }
  return { x, y, levels };
}

export interface ErrorFigures {
  mae: number;
  rmse: number;
  /** Percent, over the actual values that are not 0; NaN when all are 0. */
  mape: number;
}

export function errorFigures(
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
): ErrorFigures {
  let absolute = 0;
  let squares = 0;
  let percent = 0;
  let percentCount = 0;
  const n = actual.length;
  for (let i = 0; i < n; i++) {
    const a = actual[i] ?? 0;
    const e = a - (predicted[i] ?? 0);
    absolute += Math.abs(e);
    squares += e * e;
    if (a !== 0) {
      percent += Math.abs(e / a);
      percentCount++;
    }
  }
  return {
    mae: n > 0 ? absolute / n : Number.NaN,
    rmse: n > 0 ? Math.sqrt(squares / n) : Number.NaN,
    mape: percentCount > 0 ? (100 * percent) / percentCount : Number.NaN,
  };
}

/**
 * Which test windows make the plotted forecast: every `horizon`-th from the first, so each test
 * step is forecast once, from the actual values before its block.
 */
export function blockStarts(targetStart: ArrayLike<number>, horizon: number): number[] {
  const first = targetStart[0];
  if (first === undefined) return [];
  const rows: number[] = [];
  for (let r = 0; r < targetStart.length; r++) {
    if (((targetStart[r] ?? 0) - first) % horizon === 0) rows.push(r);
  }
  return rows;
}
