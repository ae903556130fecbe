/**
 * What a report holds, already flattened to labelled values by the caller (which translates
 * the labels), so the builders stay pure and know nothing of evaluations or settings shapes.
 */

export interface ReportField {
  label: string;
  value: string | number;
}

export interface ReportTable {
  columns: string[];
  rows: (string | number)[][];
}

/** The editable part of the model card. */
export interface ModelCard {
  intendedUse: string;
  limitations: string;
  dataDescription: string;
}

export interface ReportHeadings {
  dataset: string;
  preparation: string;
  model: string;
  training: string;
  curves: string;
  metrics: string;
  confusion: string;
  classificationReport: string;
  charts: string;
  modelCard: string;
  intendedUse: string;
  limitations: string;
  dataDescription: string;
  metric: string;
  value: string;
  generated: string;
  empty: string;
}

export interface ReportData {
  /** BCP 47 language of the labels, for `<html lang>`. */
  lang: string;
  title: string;
  /** ISO 8601 time the report was made. */
  generatedAt: string;
  headings: ReportHeadings;
  dataset: ReportField[];
  preparation: ReportField[];
  model: ReportField[];
  training: ReportField[];
  /** One row per epoch. */
  curves: ReportTable;
  metrics: ReportField[];
  /** Classification only: the confusion matrix with class names as headers. */
  confusion?: ReportTable;
  /** Classification only: sklearn-style text. */
  classificationReport?: string;
  card: ModelCard;
  /** Anything machine-readable the JSON export should also carry (the raw evaluation). */
  raw?: unknown;
}

/** A chart to inline in the HTML report: its name and its serialized `<svg>`. */
export interface ReportChart {
  title: string;
  svg: string;
}
