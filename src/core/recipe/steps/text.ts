/**
 * Text columns to bag-of-words counts or TF-IDF weights.
 *
 * Invariants: the vocabulary (the most document-frequent training tokens, ties broken by the
 * token, then listed in code-unit order) and the idf weights come from training rows only; a
 * token unseen in training is ignored. TF-IDF follows sklearn's defaults: smooth idf
 * ln((1 + n) / (1 + df)) + 1 and rows scaled to unit L2 norm. Tokens are maximal runs of
 * letters and digits in any script, so "don't" is two tokens and 東京 one.
 */
import { spliceColumn, type Column, type Frame, type StringColumn } from '../../frame';
import { compareKeys, manyColumnsWarning, requireColumn, resolveColumns } from '../helpers';
import { RecipeError, type StepImpl } from '../types';

const TOKEN_PATTERN = /[\p{L}\p{N}]+/gu;

export function tokenize(text: string, lowercase: boolean): string[] {
  return (lowercase ? text.toLowerCase() : text).match(TOKEN_PATTERN) ?? [];
}

function textColumn(frame: Frame, name: string): StringColumn {
  return requireColumn(frame, name, ['text', 'categorical']) as StringColumn;
}

export function vectorName(column: string, token: string): string {
  return `${column}:${token}`;
}

export const textVectorize: StepImpl<'textVectorize'> = {
  fit: (frame, options, ctx) => {
    if (!Number.isInteger(options.vocabularySize) || options.vocabularySize < 1) {
      throw new RecipeError('recipe.error.invalidOptions', { option: 'vocabularySize' });
    }
    const names = resolveColumns(frame, options.columns, ['text'], ctx);
    return {
      vocabularies: names.map((column) => {
        const documentFrequency = new Map<string, number>();
        for (const text of textColumn(frame, column).values) {
          for (const token of new Set(tokenize(text ?? '', options.lowercase))) {
            documentFrequency.set(token, (documentFrequency.get(token) ?? 0) + 1);
          }
        }
        const tokens = [...documentFrequency.entries()]
          .sort(([a, da], [b, db]) => db - da || compareKeys(a, b))
          .slice(0, options.vocabularySize)
          .map(([token]) => token)
          .sort(compareKeys);
        const n = frame.rowCount;
        const idf = tokens.map(
          (token) => Math.log((1 + n) / (1 + (documentFrequency.get(token) ?? 0))) + 1,
        );
        return { column, tokens, idf };
      }),
    };
  },
  apply: (frame, options, params) => {
    let next = frame;
    for (const { column, tokens, idf } of params.vocabularies) {
      const source = textColumn(frame, column);
      const index = new Map(tokens.map((token, i) => [token, i]));
      const blocks = tokens.map(() => new Float64Array(frame.rowCount));
      source.values.forEach((text, row) => {
        for (const token of tokenize(text ?? '', options.lowercase)) {
          const i = index.get(token);
          if (i !== undefined) (blocks[i] as Float64Array)[row]! += 1;
        }
      });
      if (options.mode === 'tfidf') weightRows(blocks, idf, frame.rowCount);
      const replacement: Column[] = tokens.map((token, i) => ({
        name: vectorName(column, token),
        kind: 'numeric',
        values: blocks[i] as Float64Array,
      }));
      next = spliceColumn(next, column, replacement);
    }
    const added = params.vocabularies.reduce((sum, v) => sum + v.tokens.length, 0);
    return {
      frame: next,
      affected: frame.rowCount * params.vocabularies.length,
      warnings: manyColumnsWarning(added),
    };
  },
  isTrainOnly: () => false,
};

function weightRows(blocks: Float64Array[], idf: number[], rowCount: number): void {
  blocks.forEach((block, i) => {
    for (let row = 0; row < rowCount; row++) block[row]! *= idf[i] as number;
  });
  for (let row = 0; row < rowCount; row++) {
    let norm = 0;
    for (const block of blocks) norm += (block[row] as number) ** 2;
    if (norm === 0) continue;
    norm = Math.sqrt(norm);
    for (const block of blocks) block[row]! /= norm;
  }
}
