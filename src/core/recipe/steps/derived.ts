/**
 * Derived features that learn nothing from data: polynomial terms and crosses (x², x·y),
 * sin/cos (TensorFlow Playground's inputs) and date parts.
 *
 * Invariants: params are only the resolved input columns, so these steps cannot leak; new
 * columns are appended in a fixed order (squares, then crosses in column-pair order); missing
 * inputs give missing outputs. Date parts are read in UTC, so a recipe gives the same features
 * in every time zone: month is 1..12 and weekday 0 (Sunday)..6.
 */
import {
  spliceColumn,
  withColumns,
  type Column,
  type DateColumn,
  type NumericColumn,
} from '../../frame';
import { manyColumnsWarning, requireColumn, requireNumeric, resolveColumns } from '../helpers';
import type { DatePart } from '../step-options';
import { RecipeError, type StepImpl } from '../types';

function combine(
  name: string,
  a: NumericColumn,
  b: NumericColumn,
  fn: (x: number, y: number) => number,
): NumericColumn {
  const values = a.values.map((x, row) => fn(x, b.values[row] as number));
  return { name, kind: 'numeric', values };
}

/** Beyond this a polynomial step would build a frame no browser tab can hold. */
export const MAX_POLYNOMIAL_COLUMNS = 20_000;

export function polynomialColumnCount(inputs: number, squares: boolean, crosses: boolean): number {
  return (squares ? inputs : 0) + (crosses ? (inputs * (inputs - 1)) / 2 : 0);
}

export const polynomial: StepImpl<'polynomial'> = {
  fit: (frame, options, ctx) => {
    const columns = resolveColumns(frame, options.columns, ['numeric'], ctx);
    const added = polynomialColumnCount(columns.length, options.squares, options.crosses);
    if (added > MAX_POLYNOMIAL_COLUMNS) {
      throw new RecipeError('recipe.error.tooManyColumns', {
        added,
        max: MAX_POLYNOMIAL_COLUMNS,
      });
    }
    return { columns };
  },
  apply: (frame, options, params) => {
    const inputs = params.columns.map((name) => requireNumeric(frame, name));
    const added: Column[] = [];
    if (options.squares) {
      for (const a of inputs) added.push(combine(`${a.name}^2`, a, a, (x) => x * x));
    }
    if (options.crosses) {
      inputs.forEach((a, i) => {
        for (const b of inputs.slice(i + 1)) {
          added.push(combine(`${a.name}*${b.name}`, a, b, (x, y) => x * y));
        }
      });
    }
    return {
      frame: withColumns(frame, added),
      affected: added.length * frame.rowCount,
      warnings: manyColumnsWarning(added.length),
    };
  },
  isTrainOnly: () => false,
};

export const trig: StepImpl<'trig'> = {
  fit: (frame, options, ctx) => ({
    columns: resolveColumns(frame, options.columns, ['numeric'], ctx),
  }),
  apply: (frame, _options, params) => {
    const added: Column[] = params.columns.flatMap((name) => {
      const a = requireNumeric(frame, name);
      return [combine(`sin(${name})`, a, a, Math.sin), combine(`cos(${name})`, a, a, Math.cos)];
    });
    return {
      frame: withColumns(frame, added),
      affected: added.length * frame.rowCount,
      warnings: manyColumnsWarning(added.length),
    };
  },
  isTrainOnly: () => false,
};

const PART_READERS: Record<DatePart, (date: Date) => number> = {
  year: (date) => date.getUTCFullYear(),
  month: (date) => date.getUTCMonth() + 1,
  weekday: (date) => date.getUTCDay(),
  hour: (date) => date.getUTCHours(),
};

export const dateParts: StepImpl<'dateParts'> = {
  fit: (frame, options, ctx) => ({
    columns: resolveColumns(frame, options.columns, ['datetime'], ctx),
  }),
  apply: (frame, options, params) => {
    let next = frame;
    for (const name of params.columns) {
      const source = requireColumn(frame, name, ['datetime']) as DateColumn;
      const parts: Column[] = options.parts.map((part) => ({
        name: `${name}_${part}`,
        kind: 'numeric',
        values: source.values.map((ms) =>
          Number.isNaN(ms) ? Number.NaN : PART_READERS[part](new Date(ms)),
        ),
      }));
      next = spliceColumn(next, name, options.dropOriginal ? parts : [source, ...parts]);
    }
    return { frame: next, affected: frame.rowCount * params.columns.length };
  },
  isTrainOnly: () => false,
};
