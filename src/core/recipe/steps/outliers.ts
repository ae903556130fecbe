/**
 * Outliers by Tukey's IQR fences (q1 - k·IQR, q3 + k·IQR) or by z-score (mean ± t·std), then
 * clipped, dropped or kept.
 *
 * Invariants: fences and box-plot numbers come from training rows only. Clipping is a
 * transform and runs at every stage with the training fences; dropping removes rows and so is
 * train-stage only; keeping changes nothing but still counts outliers in the report. Whiskers
 * are the most extreme training values inside the fences, as in a matplotlib box plot.
 */
import { selectRows, withColumns } from '../../frame';
import {
  mean,
  populationStd,
  presentValues,
  quantileSorted,
  requireNumeric,
  resolveColumns,
  sortedAscending,
} from '../helpers';
import type { BoxPlot } from '../step-options';
import type { OutlierColumnReport, StepImpl } from '../types';

const DEFAULT_IQR_FACTOR = 1.5;
const DEFAULT_Z_THRESHOLD = 3;

/** True for a column with at most two distinct present values (a one-hot or 0/1 indicator). */
function isIndicator(values: Float64Array): boolean {
  const seen = new Set<number>();
  for (const value of values) {
    if (Number.isNaN(value)) continue;
    seen.add(value);
    if (seen.size > 2) return false;
  }
  return true;
}

export const outliers: StepImpl<'outliers'> = {
  fit: (frame, options, ctx) => {
    // Unless named, two-valued columns are left out: on a 0/1 column the fences collapse to
    // the majority value and every minority value would count as an outlier and be clipped.
    const names = resolveColumns(frame, options.columns, ['numeric'], ctx).filter(
      (name) => options.columns !== undefined || !isIndicator(requireNumeric(frame, name).values),
    );
    const boxes = names.map((name): BoxPlot => {
      const sorted = sortedAscending(presentValues(requireNumeric(frame, name).values));
      const q1 = quantileSorted(sorted, 0.25);
      const q3 = quantileSorted(sorted, 0.75);
      let lower: number;
      let upper: number;
      if (options.method === 'iqr') {
        const k = options.factor ?? DEFAULT_IQR_FACTOR;
        lower = q1 - k * (q3 - q1);
        upper = q3 + k * (q3 - q1);
      } else {
        const t = options.threshold ?? DEFAULT_Z_THRESHOLD;
        const m = mean(sorted);
        const std = populationStd(sorted);
        lower = m - t * std;
        upper = m + t * std;
      }
      const inside = sorted.filter((value) => value >= lower && value <= upper);
      return {
        column: name,
        q1,
        median: quantileSorted(sorted, 0.5),
        q3,
        lowerWhisker: inside[0] ?? q1,
        upperWhisker: inside[inside.length - 1] ?? q3,
        lower,
        upper,
        outliers: sorted.length - inside.length,
      };
    });
    return { boxes };
  },
  apply: (frame, options, params) => {
    const reports: OutlierColumnReport[] = [];
    const isOutlierRow = new Uint8Array(frame.rowCount);
    const clipped = params.boxes.map((box) => {
      const column = requireNumeric(frame, box.column);
      const report = { column: box.column, below: 0, above: 0 };
      const values = column.values.map((value, row) => {
        if (value < box.lower) report.below++;
        else if (value > box.upper) report.above++;
        else return value;
        isOutlierRow[row] = 1;
        return Math.min(Math.max(value, box.lower), box.upper);
      });
      reports.push(report);
      return { ...column, values };
    });
    const details = { kind: 'outliers' as const, columns: reports };
    const cells = reports.reduce((sum, r) => sum + r.below + r.above, 0);
    if (options.action === 'clip') {
      return { frame: withColumns(frame, clipped), affected: cells, details };
    }
    if (options.action === 'drop') {
      const kept: number[] = [];
      isOutlierRow.forEach((flag, row) => {
        if (!flag) kept.push(row);
      });
      return { frame: selectRows(frame, kept), affected: frame.rowCount - kept.length, details };
    }
    return { frame, affected: 0, details };
  },
  isTrainOnly: (options) => options.action === 'drop',
};
