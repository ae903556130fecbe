/**
 * Text augmentation as a recipe step: random word swap, random word deletion and character
 * noise on text columns (see core/augment/text.ts).
 *
 * Invariants: train-stage only, so validation, test and prediction rows are never altered; it
 * learns nothing from rows (params are only the resolved text columns). Each cell draws from
 * the step's seeded stream, and training replays the fitted recipe with another seed each
 * epoch, so the perturbations are drawn afresh every epoch. Put it before a vectorize step.
 */
import { withColumns, type StringColumn } from '../../frame';
import { augmentText } from '../../augment/text';
import { requireColumn, resolveColumns } from '../helpers';
import { RecipeError, type StepImpl } from '../types';

const RATES = ['swap', 'deletion', 'characterNoise'] as const;

export const textAugment: StepImpl<'textAugment'> = {
  fit: (frame, options, ctx) => {
    for (const rate of RATES) {
      const value = options[rate];
      if (!(value >= 0 && value <= 1)) {
        throw new RecipeError('recipe.error.invalidOptions', { option: rate });
      }
    }
    return { columns: resolveColumns(frame, options.columns, ['text'], ctx) };
  },
  apply: (frame, options, params, ctx) => {
    let affected = 0;
    const columns = params.columns.map((name) => {
      const source = requireColumn(frame, name, ['text']) as StringColumn;
      const values = source.values.map((text) => {
        if (text === null) return null;
        const out = augmentText(text, options, ctx.rng);
        if (out !== text) affected++;
        return out;
      });
      return { ...source, values };
    });
    return { frame: withColumns(frame, columns), affected };
  },
  isTrainOnly: () => true,
};
