/**
 * Categorical encodings: one-hot and ordinal.
 *
 * Invariants: the category lists are the training categories in code-unit order; a category
 * first seen at apply time never throws. One-hot gives it an all-zero block and counts it in
 * the report; ordinal encoding gives -1 or NaN as the options say (-1 keeps tree-like models
 * and embeddings working; NaN lets a later imputer treat it as missing). A missing cell is
 * all zeros (one-hot) or NaN (ordinal). One-hot keeps at most `maxCategories` of the most
 * frequent training categories and warns, because 50,000 columns would exhaust the browser.
 */
import { spliceColumn, withColumns, type Column, type Frame } from '../../frame';
import { compareKeys, requireColumn, resolveColumns } from '../helpers';
import type { StepImpl, StepWarning } from '../types';

function categoryCounts(frame: Frame, name: string): Map<string, number> {
  const column = requireColumn(frame, name, ['categorical', 'text']);
  const counts = new Map<string, number>();
  for (const value of column.values as (string | null)[]) {
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return counts;
}

export function oneHotName(column: string, category: string): string {
  return `${column}=${category}`;
}

export const oneHot: StepImpl<'oneHot'> = {
  fit: (frame, options, ctx) => ({
    encodings: resolveColumns(frame, options.columns, ['categorical'], ctx).map((column) => {
      const counts = categoryCounts(frame, column);
      const kept = [...counts.entries()]
        .sort(([a, ca], [b, cb]) => cb - ca || compareKeys(a, b))
        .slice(0, Math.max(options.maxCategories, 0))
        .map(([category]) => category)
        .sort(compareKeys);
      return { column, categories: kept, distinct: counts.size };
    }),
  }),
  apply: (frame, _options, params) => {
    const unknown: Record<string, number> = {};
    const warnings: StepWarning[] = [];
    let next = frame;
    let affected = 0;
    for (const { column: name, categories, distinct } of params.encodings) {
      const source = requireColumn(frame, name, ['categorical', 'text']);
      const index = new Map(categories.map((category, i) => [category, i]));
      const blocks = categories.map(() => new Float64Array(frame.rowCount));
      let unseen = 0;
      (source.values as (string | null)[]).forEach((value, row) => {
        if (value === null) return;
        const i = index.get(value);
        if (i === undefined) unseen++;
        else (blocks[i] as Float64Array)[row] = 1;
      });
      unknown[name] = unseen;
      affected += frame.rowCount;
      if (distinct > categories.length) {
        warnings.push({
          code: 'recipe.warn.oneHotExplodes',
          params: { column: name, categories: distinct, kept: categories.length },
        });
      }
      if (unseen > 0) {
        warnings.push({
          code: 'recipe.warn.unknownCategories',
          params: { column: name, count: unseen },
        });
      }
      const replacement: Column[] = categories.map((category, i) => ({
        name: oneHotName(name, category),
        kind: 'numeric',
        values: blocks[i] as Float64Array,
      }));
      next = spliceColumn(next, name, replacement);
    }
    return {
      frame: next,
      affected,
      warnings,
      details: { kind: 'unknownCategories', counts: unknown },
    };
  },
  isTrainOnly: () => false,
};

export const ordinalEncode: StepImpl<'ordinalEncode'> = {
  fit: (frame, options, ctx) => ({
    encodings: resolveColumns(frame, options.columns, ['categorical'], ctx).map((column) => ({
      column,
      categories: [...categoryCounts(frame, column).keys()].sort(compareKeys),
    })),
  }),
  apply: (frame, options, params) => {
    const unknownCode = options.unknown === 'nan' ? Number.NaN : -1;
    const unknown: Record<string, number> = {};
    const columns = params.encodings.map(({ column: name, categories }): Column => {
      const source = requireColumn(frame, name, ['categorical', 'text']);
      const index = new Map(categories.map((category, i) => [category, i]));
      let unseen = 0;
      const values = Float64Array.from(source.values as (string | null)[], (value) => {
        if (value === null) return Number.NaN;
        const code = index.get(value);
        if (code !== undefined) return code;
        unseen++;
        return unknownCode;
      });
      unknown[name] = unseen;
      return { name, kind: 'numeric', values };
    });
    const warnings: StepWarning[] = Object.entries(unknown)
      .filter(([, count]) => count > 0)
      .map(([column, count]) => ({
        code: 'recipe.warn.unknownCategories',
        params: { column, count },
      }));
    return {
      frame: withColumns(frame, columns),
      affected: frame.rowCount * columns.length,
      warnings,
      details: { kind: 'unknownCategories', counts: unknown },
    };
  },
  isTrainOnly: () => false,
};
