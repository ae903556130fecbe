/**
 * Numeric rescaling: standardize, min-max, robust (median and IQR), log1p.
 *
 * Invariants: every statistic is computed on the training rows' present values, through the
 * same sklearn-checked functions as the metrics (so the oracle cases hold), and replayed as
 * (x - offset) / scale with the training offset and scale; a constant column gets scale 1 and
 * maps to 0 instead of NaN. Missing values stay missing.
 */
import { withColumns, type Frame } from '../../frame';
import { fitMinMaxScaler, fitStandardScaler } from '../../metrics/index';
import {
  mapNumeric,
  presentValues,
  quantileSorted,
  requireNumeric,
  resolveColumns,
  sortedAscending,
} from '../helpers';
import type { NumberStats } from '../step-options';
import type { StepImpl, StepWarning } from '../types';

type Fitter = (values: number[]) => { offset: number; scale: number };

function fitStats(frame: Frame, names: string[], fitter: Fitter): NumberStats[] {
  return names.map((column) => {
    const values = presentValues(requireNumeric(frame, column).values);
    if (values.length === 0) return { column, offset: 0, scale: 1 };
    return { column, ...fitter(values) };
  });
}

function applyStats(frame: Frame, stats: NumberStats[]): { frame: Frame; affected: number } {
  const byName = new Map(stats.map((s) => [s.column, s]));
  const { columns, affected } = mapNumeric(
    frame,
    stats.map((s) => s.column),
    (value, column) => {
      const s = byName.get(column) as NumberStats;
      return (value - s.offset) / s.scale;
    },
  );
  return { frame: withColumns(frame, columns), affected };
}

function single(fit: typeof fitStandardScaler): Fitter {
  return (values) => {
    const scaler = fit(values.map((value) => [value]));
    return { offset: scaler.offset[0] as number, scale: scaler.scale[0] as number };
  };
}

const robust: Fitter = (values) => {
  const sorted = sortedAscending(values);
  const iqr = quantileSorted(sorted, 0.75) - quantileSorted(sorted, 0.25);
  return { offset: quantileSorted(sorted, 0.5), scale: iqr > 0 ? iqr : 1 };
};

/** The three scalers share options and params, so one implementation type fits all. */
function scaler(fitter: Fitter): StepImpl<'standardize'> {
  return {
    fit: (frame, options, ctx) => ({
      stats: fitStats(frame, resolveColumns(frame, options.columns, ['numeric'], ctx), fitter),
    }),
    apply: (frame, _options, params) => applyStats(frame, params.stats),
    isTrainOnly: () => false,
  };
}

export const standardize: StepImpl<'standardize'> = scaler(single(fitStandardScaler));
// Spread: StepImpl is invariant in its type name, but the object itself fits structurally.
export const minMax: StepImpl<'minMax'> = { ...scaler(single(fitMinMaxScaler)) };
export const robustScale: StepImpl<'robustScale'> = { ...scaler(robust) };

/** Values at or below -1 have no log1p; they become missing and are reported. */
export const log1p: StepImpl<'log1p'> = {
  fit: (frame, options, ctx) => ({
    columns: resolveColumns(frame, options.columns, ['numeric'], ctx),
  }),
  apply: (frame, _options, params) => {
    let invalid = 0;
    const { columns, affected } = mapNumeric(frame, params.columns, (value) => {
      if (value <= -1) invalid++;
      return value <= -1 ? Number.NaN : Math.log1p(value);
    });
    const warnings: StepWarning[] =
      invalid > 0 ? [{ code: 'recipe.warn.log1pDomain', params: { count: invalid } }] : [];
    return { frame: withColumns(frame, columns), affected, warnings };
  },
  isTrainOnly: () => false,
};
