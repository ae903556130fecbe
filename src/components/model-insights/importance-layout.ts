/**
 * Pure helpers of the feature-importance chart: the ranked rows to draw (largest first, capped
 * so a one-hot-heavy dataset does not draw hundreds of bars), the label column's width, and the
 * bar lengths. Linear models carry a signed coefficient; bars are sized by magnitude and the
 * sign travels with the row, so one scale serves every importance kind.
 */
import type { FeatureImportanceItem } from '../../contracts/insights';
import { estimateTextWidth } from '../charts/chart-layout';

export interface RankedItem extends FeatureImportanceItem {
  rank: number;
}

/** Finite items sorted by value, largest first (ties keep input order), then cut to `limit`. */
export function rankImportances(items: FeatureImportanceItem[], limit: number): RankedItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => Number.isFinite(item.value))
    .sort((a, b) => b.item.value - a.item.value || a.index - b.index)
    .slice(0, Math.max(0, limit))
    .map(({ item }, i) => ({ ...item, rank: i + 1 }));
}

/** Width of the feature-name column: fits the longest name shown, within [60, max]. */
export function labelColumnWidth(names: string[], max: number): number {
  const widest = names.reduce((w, name) => Math.max(w, estimateTextWidth(name)), 0);
  return Math.round(Math.min(max, Math.max(60, widest + 12)));
}

/** Bar length in [0, width] for each value against the largest one (and its spread). */
export function barLengths(items: RankedItem[], width: number): number[] {
  const top = items.reduce((m, it) => Math.max(m, it.value + (it.std ?? 0)), 0);
  return items.map((it) => (top > 0 ? (Math.max(0, it.value) / top) * width : 0));
}

/** Whether any shown row carries a signed coefficient (linear models). */
export function hasSigned(items: FeatureImportanceItem[]): boolean {
  return items.some((it) => it.signed !== undefined && Number.isFinite(it.signed));
}
