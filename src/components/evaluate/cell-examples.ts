/**
 * The confusion matrix's cell list and its examples: what the list shows while the prediction
 * worker reads the test rows' raw values, and how it finds one row's values.
 */
import type { ErrorParams } from '../../contracts/errors';
import type {
  TestExampleValue,
  TestExamplesRequest,
  TestExamplesResult,
} from '../../contracts/predict';

export type TestExamples = Extract<TestExamplesResult, { ok: true }>;

export type CellExamples =
  | { status: 'loading' }
  | { status: 'failed'; code: string; params?: ErrorParams }
  | { status: 'done'; result: TestExamples };

/** Reads the raw values of test rows (0-based positions in the test split). */
export type LoadExamples = (rows: TestExamplesRequest['rows']) => Promise<TestExamplesResult>;

/** Feature columns shown as table columns; the rest are counted in a note. */
export const SHOWN_FEATURE_COLUMNS = 8;

export function valuesByRow(result: TestExamples): Map<number, TestExampleValue[]> {
  const map = new Map<number, TestExampleValue[]>();
  result.rows.forEach((row, i) => map.set(row, result.values[i] ?? []));
  return map;
}

export function asCellExamples(result: TestExamplesResult): CellExamples {
  if (result.ok) return { status: 'done', result };
  return result.params === undefined
    ? { status: 'failed', code: result.code }
    : { status: 'failed', code: result.code, params: result.params };
}
