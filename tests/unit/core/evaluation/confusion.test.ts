/** Confusion-matrix views, the cell's rows, the text report and histogram bins. */
import { describe, expect, it } from 'vitest';
import {
  classificationReport,
  histogram,
  normalizeConfusion,
  predictedClasses,
  rowsInCell,
} from '../../../../src/core/evaluation';

const matrix = [
  [8, 2],
  [0, 0],
];

describe('normalizeConfusion', () => {
  it('leaves counts alone, divides rows by true totals or columns by predicted totals', () => {
    expect(normalizeConfusion(matrix, 'none')).toEqual(matrix);
    expect(normalizeConfusion(matrix, 'true')).toEqual([
      [0.8, 0.2],
      [0, 0],
    ]);
    expect(normalizeConfusion(matrix, 'pred')).toEqual([
      [1, 1],
      [0, 0],
    ]);
  });

  it('gives 0 for an empty row or column, as sklearn does, never NaN', () => {
    const normalized = normalizeConfusion(
      [
        [0, 0],
        [0, 3],
      ],
      'pred',
    );
    expect(normalized.flat().every(Number.isFinite)).toBe(true);
    expect(normalized).toEqual([
      [0, 0],
      [0, 1],
    ]);
  });
});

describe('rowsInCell and predictedClasses', () => {
  it('lists the rows of one (true, predicted) cell in order', () => {
    expect(rowsInCell([0, 1, 1, 2, 1], [0, 2, 2, 2, 1], 1, 2)).toEqual([1, 2]);
    expect(rowsInCell([0, 1], [0, 1], 1, 0)).toEqual([]);
  });

  it('takes the argmax per row, ties to the lower class', () => {
    expect(predictedClasses([0.2, 0.8, 0.5, 0.5, 0.1, 0.3], 2)).toEqual([1, 0, 1]);
  });
});

describe('classificationReport', () => {
  it('lays the table out like sklearn', () => {
    const text = classificationReport({
      classNames: ['cat', 'dog'],
      perClass: [
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
        { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      ],
      accuracy: 0.75,
      macro: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
      weighted: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
    });
    // The output of sklearn.metrics.classification_report for y=[0,0,1,1], pred=[0,0,0,1].
    expect(text).toBe(
      [
        '              precision    recall  f1-score   support',
        '',
        '         cat       0.67      1.00      0.80         2',
        '         dog       1.00      0.50      0.67         2',
        '',
        '    accuracy                           0.75         4',
        '   macro avg       0.83      0.75      0.73         4',
        'weighted avg       0.83      0.75      0.73         4',
        '',
      ].join('\n'),
    );
  });
});

describe('histogram', () => {
  it('bins finite values into equal widths, the last bin closed', () => {
    const bins = histogram([0, 1, 2, 3, 4, Number.NaN], 2);
    expect(bins.edges).toEqual([0, 2, 4]);
    expect(bins.counts).toEqual([2, 3]);
  });

  it('gives a flat sample one visible bar and an empty one nothing', () => {
    expect(histogram([5, 5, 5], 1)).toEqual({ edges: [4.5, 5.5], counts: [3] });
    expect(histogram([], 4)).toEqual({ edges: [], counts: [] });
  });
});
