/**
 * Imbalanced classes: balanced class weights, random over- and under-sampling, and Gaussian
 * noise augmentation for numeric columns.
 *
 * Invariants: class weights are n_samples / (n_classes × count) over the training rows, as
 * sklearn's compute_class_weight('balanced'); the step leaves the frame unchanged and the
 * trainer reads its params. Resampling and noise are train-stage only and draw from the step's
 * seeded stream, so the same seed gives the same rows; rows with a missing target are kept as
 * they are and never resampled. Noise std is a fraction of the column's training std.
 */
import { selectRows, withColumns } from '../../frame';
import { addGaussianNoise } from '../../augment/tabular';
import {
  classCounts,
  populationStd,
  presentValues,
  requireNumeric,
  resolveColumns,
  rowsByClass,
} from '../helpers';
import { RecipeError, type StepImpl } from '../types';

export const classWeights: StepImpl<'classWeights'> = {
  fit: (frame, _options, ctx) => {
    const groups = rowsByClass(frame, ctx);
    const classes = [...groups.keys()];
    const counts = [...groups.values()].map((rows) => rows.length);
    const n = counts.reduce((sum, count) => sum + count, 0);
    return { classes, counts, weights: counts.map((count) => n / (classes.length * count)) };
  },
  apply: (frame) => ({ frame, affected: 0 }),
  isTrainOnly: () => false,
};

function rowsWithoutClass(rowCount: number, groups: Map<string, number[]>): number[] {
  const labelled = new Uint8Array(rowCount);
  for (const rows of groups.values()) for (const row of rows) labelled[row] = 1;
  const out: number[] = [];
  labelled.forEach((flag, row) => {
    if (!flag) out.push(row);
  });
  return out;
}

export const randomOversample: StepImpl<'randomOversample'> = {
  fit: () => ({}),
  apply: (frame, _options, _params, ctx) => {
    const groups = rowsByClass(frame, ctx);
    const largest = Math.max(0, ...[...groups.values()].map((rows) => rows.length));
    const extra: number[] = [];
    const after: Record<string, number> = {};
    for (const [label, rows] of groups) {
      for (let i = rows.length; i < largest; i++) {
        extra.push(rows[Math.floor(ctx.rng() * rows.length)] as number);
      }
      after[label] = largest;
    }
    const all = Array.from({ length: frame.rowCount }, (_, row) => row).concat(extra);
    return {
      frame: selectRows(frame, all),
      affected: extra.length,
      details: { kind: 'classCounts', before: classCounts(groups), after },
    };
  },
  isTrainOnly: () => true,
};

export const randomUndersample: StepImpl<'randomUndersample'> = {
  fit: () => ({}),
  apply: (frame, _options, _params, ctx) => {
    const groups = rowsByClass(frame, ctx);
    const smallest = Math.min(...[...groups.values()].map((rows) => rows.length));
    const kept = rowsWithoutClass(frame.rowCount, groups);
    const after: Record<string, number> = {};
    for (const [label, rows] of groups) {
      const pool = [...rows];
      // Partial Fisher–Yates: the first `smallest` entries are a uniform sample.
      for (let i = 0; i < smallest; i++) {
        const j = i + Math.floor(ctx.rng() * (pool.length - i));
        [pool[i], pool[j]] = [pool[j] as number, pool[i] as number];
      }
      kept.push(...pool.slice(0, smallest));
      after[label] = smallest;
    }
    kept.sort((a, b) => a - b);
    return {
      frame: selectRows(frame, kept),
      affected: frame.rowCount - kept.length,
      details: { kind: 'classCounts', before: classCounts(groups), after },
    };
  },
  isTrainOnly: () => true,
};

export const gaussianNoise: StepImpl<'gaussianNoise'> = {
  fit: (frame, options, ctx) => {
    if (!(options.fraction >= 0) || !Number.isFinite(options.fraction)) {
      throw new RecipeError('recipe.error.invalidOptions', { option: 'fraction' });
    }
    return {
      stats: resolveColumns(frame, options.columns, ['numeric'], ctx).map((column) => {
        const std = populationStd(presentValues(requireNumeric(frame, column).values));
        return { column, std: Number.isNaN(std) ? 0 : std };
      }),
    };
  },
  apply: (frame, options, params, ctx) => {
    let affected = 0;
    const columns = params.stats.map(({ column, std }) => {
      const source = requireNumeric(frame, column);
      const noisy = addGaussianNoise(source.values, options.fraction * std, ctx.rng);
      affected += noisy.affected;
      return { ...source, values: noisy.values };
    });
    return { frame: withColumns(frame, columns), affected };
  },
  isTrainOnly: () => true,
};
