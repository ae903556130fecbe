/**
 * SMOTE (Chawla et al. 2002): each minority class grows to the majority count with synthetic
 * rows x + u·(n - x), u uniform in [0, 1), n one of x's k nearest same-class neighbours.
 *
 * Invariants: train-stage only and seeded. Only complete rows (no missing value in the SMOTE
 * columns) serve as bases and neighbours, so every synthetic point lies on a segment between
 * two real training rows of its class; other columns (the target, categoricals) are copied
 * from the base row. A class with a single complete row is grown by duplicating it. Neighbour
 * search is brute force, O(m² d) per class of m rows: fine for a browser dataset.
 */
import { selectRows, type NumericColumn } from '../../frame';
import { classCounts, requireNumeric, resolveColumns, rowsByClass } from '../helpers';
import type { StepImpl } from '../types';

function squaredDistance(columns: Float64Array[], a: number, b: number): number {
  let sum = 0;
  for (const values of columns) sum += ((values[a] as number) - (values[b] as number)) ** 2;
  return sum;
}

/** For each row, the indices (into `rows`) of its k nearest other rows. */
function nearestNeighbours(columns: Float64Array[], rows: number[], k: number): number[][] {
  return rows.map((row, i) =>
    rows
      .map((other, j) => ({ j, d: j === i ? Infinity : squaredDistance(columns, row, other) }))
      .sort((a, b) => a.d - b.d || a.j - b.j)
      .slice(0, Math.min(k, rows.length - 1))
      .map(({ j }) => j),
  );
}

export const smote: StepImpl<'smote'> = {
  fit: (frame, options, ctx) => ({
    columns: resolveColumns(frame, options.columns, ['numeric'], ctx),
  }),
  apply: (frame, options, params, ctx) => {
    const inputs = params.columns.map((name) => requireNumeric(frame, name).values);
    const groups = rowsByClass(frame, ctx);
    const largest = Math.max(0, ...[...groups.values()].map((rows) => rows.length));
    const bases: number[] = [];
    const partners: number[] = [];
    const gaps: number[] = [];
    const after: Record<string, number> = {};
    for (const [label, rows] of groups) {
      after[label] = Math.max(rows.length, largest);
      const complete = rows.filter((row) =>
        inputs.every((values) => !Number.isNaN(values[row] as number)),
      );
      if (complete.length === 0 || rows.length >= largest) {
        if (complete.length === 0) after[label] = rows.length;
        continue;
      }
      const neighbours = nearestNeighbours(inputs, complete, options.neighbours);
      for (let i = rows.length; i < largest; i++) {
        const b = Math.floor(ctx.rng() * complete.length);
        const near = neighbours[b] as number[];
        const base = complete[b] as number;
        const pick = near.length === 0 ? b : (near[Math.floor(ctx.rng() * near.length)] as number);
        bases.push(base);
        partners.push(complete[pick] as number);
        gaps.push(near.length === 0 ? 0 : ctx.rng());
      }
    }
    const all = Array.from({ length: frame.rowCount }, (_, row) => row).concat(bases);
    const grown = selectRows(frame, all);
    // selectRows gave fresh arrays, so the synthetic cells can be written in place.
    for (const name of params.columns) {
      const source = requireNumeric(frame, name).values;
      const target = (grown.columns.find((c) => c.name === name) as NumericColumn).values;
      bases.forEach((base, i) => {
        const x = source[base] as number;
        const n = source[partners[i] as number] as number;
        target[frame.rowCount + i] = x + (gaps[i] as number) * (n - x);
      });
    }
    return {
      frame: grown,
      affected: bases.length,
      details: { kind: 'classCounts', before: classCounts(groups), after },
    };
  },
  isTrainOnly: () => true,
};
