/**
 * PCA to k components, through the same sklearn-checked routine as the metrics (covariance +
 * Jacobi), so the explained-variance oracle case holds.
 *
 * Invariants: the mean, components and explained variance come from the complete training
 * rows only and are kept in the params for an explained-variance chart. Apply replaces the
 * input columns by pc1..pck (appended); a row with a missing input gets missing components.
 * No scaling happens here: standardize first when columns have different units.
 */
import { withColumns, withoutColumns, type NumericColumn } from '../../frame';
import { pca as fitPca } from '../../metrics/index';
import { requireNumeric, resolveColumns } from '../helpers';
import { RecipeError, type StepImpl } from '../types';

export function componentName(index: number): string {
  return `pc${index + 1}`;
}

export const pca: StepImpl<'pca'> = {
  fit: (frame, options, ctx) => {
    const columns = resolveColumns(frame, options.columns, ['numeric'], ctx);
    const inputs = columns.map((name) => requireNumeric(frame, name).values);
    const rows: number[][] = [];
    for (let row = 0; row < frame.rowCount; row++) {
      const values = inputs.map((values) => values[row] as number);
      if (!values.some(Number.isNaN)) rows.push(values);
    }
    const k = options.components;
    if (!Number.isInteger(k) || k < 1 || k > Math.min(rows.length, columns.length)) {
      throw new RecipeError('recipe.error.invalidOptions', {
        option: 'components',
        max: Math.min(rows.length, columns.length),
      });
    }
    const result = fitPca(rows, k);
    return {
      columns,
      mean: result.mean,
      components: result.components,
      explainedVariance: result.explainedVariance,
      explainedVarianceRatio: result.explainedVarianceRatio,
    };
  },
  apply: (frame, _options, params) => {
    const inputs = params.columns.map((name) => requireNumeric(frame, name).values);
    const outputs: NumericColumn[] = params.components.map((component, c) => {
      const values = new Float64Array(frame.rowCount);
      for (let row = 0; row < frame.rowCount; row++) {
        let sum = 0;
        inputs.forEach((column, j) => {
          sum += ((column[row] as number) - (params.mean[j] as number)) * (component[j] as number);
        });
        values[row] = sum;
      }
      return { name: componentName(c), kind: 'numeric', values };
    });
    const next = withColumns(withoutColumns(frame, params.columns), outputs);
    return {
      frame: next,
      affected: frame.rowCount * outputs.length,
      details: { kind: 'explainedVariance', ratios: params.explainedVarianceRatio },
    };
  },
  isTrainOnly: () => false,
};
