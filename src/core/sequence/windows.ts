/**
 * Time-series forecasting data: the series is split by time first (train, then validation, then
 * test: the latest values), scaled with statistics of the training part only, and cut into
 * windows of `lookback` steps of every feature → the next `horizon` values of the target. A
 * window belongs to the part its targets fall in; its inputs may reach back into the part
 * before, as they would when forecasting for real (the past is known), but no target ever
 * appears in two parts.
 */

export interface SeriesScaler {
  mean: number[];
  std: number[];
}

export interface ForecastWindows {
  /** rows × lookback × features, row-major, scaled. */
  x: Float32Array;
  /** rows × horizon, scaled target values. */
  y: Float32Array;
  rows: number;
  /** Series index of each window's first target step. */
  targetStart: Int32Array;
}

export interface ForecastData {
  lookback: number;
  horizon: number;
  features: number;
  scaler: SeriesScaler;
  /** Which column is the target. */
  target: number;
  train: ForecastWindows;
  validation: ForecastWindows;
  test: ForecastWindows;
}

export type ForecastProblem =
  | { code: 'tooShort'; params: { needed: number; length: number } }
  | { code: 'missingValues'; params: { column: number; index: number } };

/** Mean and (population) standard deviation of each column over indices [0, end). */
export function fitSeriesScaler(columns: readonly ArrayLike<number>[], end: number): SeriesScaler {
  const mean: number[] = [];
  const std: number[] = [];
  for (const column of columns) {
    let sum = 0;
    for (let i = 0; i < end; i++) sum += column[i] ?? 0;
    const m = sum / end;
    let squares = 0;
    for (let i = 0; i < end; i++) squares += ((column[i] ?? 0) - m) ** 2;
    const s = Math.sqrt(squares / end);
    mean.push(m);
    std.push(s > 0 ? s : 1);
  }
  return { mean, std };
}

function windowsIn(
  scaled: readonly Float64Array[],
  target: number,
  lookback: number,
  horizon: number,
  from: number,
  to: number,
): ForecastWindows {
  const features = scaled.length;
  const starts: number[] = [];
  // t = first target index; inputs are [t − lookback, t), targets [t, t + horizon) ⊂ [from, to).
  for (let t = Math.max(from, lookback); t + horizon <= to; t++) starts.push(t);
  const rows = starts.length;
  const x = new Float32Array(rows * lookback * features);
  const y = new Float32Array(rows * horizon);
  const targetColumn = scaled[target] as Float64Array;
  starts.forEach((t, r) => {
    for (let step = 0; step < lookback; step++) {
      for (let f = 0; f < features; f++) {
        x[(r * lookback + step) * features + f] =
          (scaled[f] as Float64Array)[t - lookback + step] ?? 0;
      }
    }
    for (let h = 0; h < horizon; h++) y[r * horizon + h] = targetColumn[t + h] ?? 0;
  });
  return { x, y, rows, targetStart: Int32Array.from(starts) };
}

export function forecastWindows(
  columns: readonly ArrayLike<number>[],
  target: number,
  options: {
    lookback: number;
    horizon: number;
    ratios: { train: number; validation: number; test: number };
  },
): { ok: true; data: ForecastData } | { ok: false; problem: ForecastProblem } {
  const { lookback, horizon, ratios } = options;
  const length = columns[0]?.length ?? 0;
  for (const [c, column] of columns.entries()) {
    for (let i = 0; i < column.length; i++) {
      if (!Number.isFinite(column[i]))
        return { ok: false, problem: { code: 'missingValues', params: { column: c, index: i } } };
    }
  }
  const total = ratios.train + ratios.validation + ratios.test;
  const trainEnd = Math.round((length * ratios.train) / total);
  const validationEnd = Math.round((length * (ratios.train + ratios.validation)) / total);
  // Each part needs at least one window: lookback inputs before the first training target.
  const needed = lookback + horizon;
  if (trainEnd < needed || validationEnd - trainEnd < horizon || length - validationEnd < horizon) {
    const minimum = Math.ceil((needed * total) / ratios.train);
    return { ok: false, problem: { code: 'tooShort', params: { needed: minimum, length } } };
  }
  const scaler = fitSeriesScaler(columns, trainEnd);
  const scaled = columns.map((column, c) =>
    Float64Array.from(
      { length },
      (_, i) => ((column[i] ?? 0) - (scaler.mean[c] ?? 0)) / (scaler.std[c] ?? 1),
    ),
  );
  return {
    ok: true,
    data: {
      lookback,
      horizon,
      features: columns.length,
      scaler,
      target,
      train: windowsIn(scaled, target, lookback, horizon, 0, trainEnd),
      validation: windowsIn(scaled, target, lookback, horizon, trainEnd, validationEnd),
      test: windowsIn(scaled, target, lookback, horizon, validationEnd, length),
    },
  };
}

/** Back to the series' units. */
export function unscaleTarget(
  values: ArrayLike<number>,
  scaler: SeriesScaler,
  target: number,
): Float64Array {
  const mean = scaler.mean[target] ?? 0;
  const std = scaler.std[target] ?? 1;
  return Float64Array.from({ length: values.length }, (_, i) => (values[i] ?? 0) * std + mean);
}
