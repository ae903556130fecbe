/**
 * Missing-value imputation: mean, median, most frequent or a constant, with optional
 * missing-indicator columns.
 *
 * Invariants: fill values come from training rows only (the mean is the training mean, not the
 * overall one). Most-frequent ties go to the smallest value, as sklearn's SimpleImputer. A
 * column with no training values falls back to 0 (numeric) or 'missing' (categorical), so
 * imputation never leaves a hole. Indicators are added for the columns that had missing
 * training values, so the output width never depends on the frame being transformed.
 */
import { isMissing, withColumns, type Column, type Frame } from '../../frame';
import {
  compareKeys,
  mean,
  presentValues,
  quantileSorted,
  requireColumn,
  resolveColumns,
  sortedAscending,
} from '../helpers';
import { RecipeError, type StepImpl } from '../types';
import type { StepOptionsMap } from '../step-options';

const FALLBACK_CATEGORY = 'missing';

export function indicatorName(column: string): string {
  return `${column}_missing`;
}

function mostFrequent<T extends number | string>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  let bestCount = 0;
  for (const [value, count] of counts) {
    const smaller =
      best === undefined ||
      (typeof value === 'number'
        ? value < (best as number)
        : compareKeys(value as string, best as string) < 0);
    if (count > bestCount || (count === bestCount && smaller)) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

function fillValue(column: Column, options: StepOptionsMap['impute']): number | string {
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const values = presentValues(column.values);
    let value: number | undefined;
    if (options.strategy === 'mean') value = mean(values);
    else if (options.strategy === 'median') value = quantileSorted(sortedAscending(values), 0.5);
    else if (options.strategy === 'mostFrequent') value = mostFrequent(values);
    else value = Number(options.constant ?? 0);
    return value === undefined || Number.isNaN(value) ? 0 : value;
  }
  if (options.strategy === 'constant') return String(options.constant ?? FALLBACK_CATEGORY);
  if (options.strategy !== 'mostFrequent') {
    throw new RecipeError('recipe.error.wrongColumnKind', {
      column: column.name,
      kind: column.kind,
    });
  }
  const present = column.values.filter((value): value is string => value !== null);
  return mostFrequent(present) ?? FALLBACK_CATEGORY;
}

function hasMissing(column: Column, rowCount: number): boolean {
  for (let row = 0; row < rowCount; row++) if (isMissing(column, row)) return true;
  return false;
}

export const impute: StepImpl<'impute'> = {
  fit: (frame, options, ctx) => {
    const numericOnly = options.strategy === 'mean' || options.strategy === 'median';
    const scope = options.scope ?? (numericOnly ? 'numeric' : 'categorical');
    const names = resolveColumns(
      frame,
      options.columns,
      options.columns ? ['numeric', 'categorical', 'text'] : [scope],
      ctx,
    );
    const columns = names.map((name) => requireColumn(frame, name));
    return {
      fills: columns.map((column) => ({ column: column.name, value: fillValue(column, options) })),
      indicators: options.addIndicator
        ? columns.filter((c) => hasMissing(c, frame.rowCount)).map((c) => c.name)
        : [],
    };
  },
  apply: (frame, _options, params) => {
    let affected = 0;
    const indicators: Column[] = params.indicators.map((name) => {
      const column = requireColumn(frame, name);
      const values = new Float64Array(frame.rowCount);
      for (let row = 0; row < frame.rowCount; row++) values[row] = isMissing(column, row) ? 1 : 0;
      return { name: indicatorName(name), kind: 'numeric', values };
    });
    const filled = params.fills.map(({ column: name, value }): Column => {
      const column = requireColumn(frame, name);
      if (column.kind === 'numeric' || column.kind === 'datetime') {
        const values = column.values.map((cell) => {
          if (!Number.isNaN(cell)) return cell;
          affected++;
          return value as number;
        });
        return { ...column, values };
      }
      const values = column.values.map((cell) => {
        if (cell !== null) return cell;
        affected++;
        return String(value);
      });
      return { ...column, values };
    });
    return { frame: withColumns(frame, [...filled, ...indicators]), affected };
  },
  isTrainOnly: () => false,
};

export function frameHasMissing(frame: Frame, except?: string): boolean {
  return frame.columns.some((c) => c.name !== except && hasMissing(c, frame.rowCount));
}
