/**
 * sklearn's `classification_report` as text, same layout: right-aligned columns of width 9, the
 * first column as wide as the longest name (at least "weighted avg"), two decimals.
 */

export interface ReportRow {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReportInput {
  classNames: string[];
  perClass: ReportRow[];
  accuracy: number;
  macro: Omit<ReportRow, 'support'>;
  weighted: Omit<ReportRow, 'support'>;
}

const pad = (text: string, width: number): string => text.padStart(width);
const fixed = (value: number, digits: number): string =>
  Number.isFinite(value) ? value.toFixed(digits) : 'nan';

export function classificationReport(input: ClassificationReportInput, digits = 2): string {
  const last = 'weighted avg';
  const width = Math.max(last.length, ...input.classNames.map((name) => name.length), 0);
  const total = input.perClass.reduce((sum, row) => sum + row.support, 0);
  const line = (name: string, cells: string[]): string =>
    `${pad(name, width)} ${cells.map((cell) => ` ${pad(cell, 9)}`).join('')}`.trimEnd();
  const scores = (name: string, row: Omit<ReportRow, 'support'>, support: number): string =>
    line(name, [
      fixed(row.precision, digits),
      fixed(row.recall, digits),
      fixed(row.f1, digits),
      String(support),
    ]);
  const lines = [
    line('', ['precision', 'recall', 'f1-score', 'support']),
    '',
    ...input.perClass.map((row, i) => scores(input.classNames[i] ?? String(i), row, row.support)),
    '',
    line('accuracy', ['', '', fixed(input.accuracy, digits), String(total)]),
    scores('macro avg', input.macro, total),
    scores(last, input.weighted, total),
  ];
  return `${lines.join('\n')}\n`;
}
