/**
 * Flattens a finished run, its preparation summary, the model settings and the dataset entry
 * into the labelled, translated `ReportData` the pure report builders take. Lives with the
 * component because it translates; it touches no DOM, so it is unit tested directly.
 */
import type { BuiltinDatasetEntry } from '../../contracts/datasets';
import type { Evaluation } from '../../contracts/evaluation';
import type {
  EpochRecord,
  MlpConfig,
  PreparationSummary,
  TrainOutcome,
} from '../../contracts/training';
import { classificationReport } from '../../core/evaluation';
import type { ModelCard, ReportData, ReportField } from '../../core/report';

export type FinishedOutcome = Extract<TrainOutcome, { status: 'completed' | 'stopped' }>;
type Translate = (key: string, params?: Record<string, string | number>) => string;

export interface ReportSources {
  lang: string;
  now: Date;
  dataset: BuiltinDatasetEntry | undefined;
  datasetId: string;
  summary: PreparationSummary | null;
  model: MlpConfig;
  finished: FinishedOutcome;
  card: ModelCard;
  t: Translate;
}

function metricFields(test: Evaluation, t: Translate): ReportField[] {
  const m = (key: string, value: number): ReportField => ({
    label: t(`evaluate.metrics.${key}`),
    value,
  });
  if (test.kind === 'regression') {
    return [
      m('mse', test.mse),
      m('rmse', test.rmse),
      m('mae', test.mae),
      m('r2', test.r2),
      m('mape', test.mape),
    ];
  }
  return [
    m('accuracy', test.accuracy),
    m('balancedAccuracy', test.balancedAccuracy),
    m('precisionMacro', test.macro.precision),
    m('recallMacro', test.macro.recall),
    m('f1Macro', test.macro.f1),
    m('precisionWeighted', test.weighted.precision),
    m('recallWeighted', test.weighted.recall),
    m('f1Weighted', test.weighted.f1),
    m('logLoss', test.logLoss),
    m('rocAuc', test.rocAuc),
    m('mcc', test.mcc),
    m('kappa', test.kappa),
    m('brier', test.brier),
  ];
}

function curveRows(history: EpochRecord[]): (string | number)[][] {
  return history.map((r) => [r.epoch, r.trainLoss, r.valLoss, r.trainMetric, r.valMetric]);
}

/** The evaluation without the per-row arrays, which would make the JSON export huge. */
function compactEvaluation(test: Evaluation): Record<string, unknown> {
  if (test.kind === 'regression') {
    const { residuals: _residuals, ...rest } = test;
    return rest;
  }
  const { yTrue: _yTrue, probs: _probs, ...rest } = test;
  return rest;
}

export function buildReportData(s: ReportSources): ReportData {
  const { t, finished, summary, model, dataset } = s;
  const field = (key: string, value: string | number): ReportField => ({
    label: t(`evaluate.export.field.${key}`),
    value,
  });
  const test = finished.test;
  const title = dataset?.title ?? s.datasetId;
  const metricName = test.kind === 'classification' ? 'accuracy' : 'r2';
  return {
    lang: s.lang,
    title: t('evaluate.export.title', { dataset: title }),
    generatedAt: s.now.toISOString(),
    headings: {
      dataset: t('evaluate.export.section.dataset'),
      preparation: t('evaluate.export.section.preparation'),
      model: t('evaluate.export.section.model'),
      training: t('evaluate.export.section.training'),
      curves: t('evaluate.export.section.curves'),
      metrics: t('evaluate.metrics.caption'),
      confusion: t('evaluate.confusion.caption'),
      classificationReport: t('evaluate.report.caption'),
      charts: t('evaluate.export.section.charts'),
      modelCard: t('evaluate.export.section.modelCard'),
      intendedUse: t('evaluate.export.card.intendedUse'),
      limitations: t('evaluate.export.card.limitations'),
      dataDescription: t('evaluate.export.card.dataDescription'),
      metric: t('evaluate.metrics.metric'),
      value: t('evaluate.metrics.value'),
      generated: t('evaluate.export.generated'),
      empty: t('evaluate.export.empty'),
    },
    dataset: [
      field('name', title),
      field('id', s.datasetId),
      ...(dataset
        ? [
            field('task', dataset.task),
            field('target', dataset.target ?? ''),
            field('rows', dataset.rows),
            field('columns', dataset.columns),
            field('license', dataset.license),
          ]
        : []),
    ],
    preparation: summary
      ? [
          field('rowsUsed', summary.rowsUsed),
          field('rowsDropped', summary.rowsDroppedMissing),
          field(
            'split',
            `${summary.split.train} / ${summary.split.validation} / ${summary.split.test}`,
          ),
          field('splitStrategy', summary.splitStrategy ?? ''),
          field('featureCount', summary.featureCount),
          field('numeric', summary.numericFeatures.join(', ')),
          field('categorical', summary.categoricalFeatures.join(', ')),
          field(
            'steps',
            (summary.steps ?? [])
              .filter((step) => !step.skipped)
              .map((step) => step.type)
              .join(', '),
          ),
        ]
      : [],
    model: [
      field('hiddenLayers', model.hiddenLayers.join(', ') || '—'),
      field('activation', model.activation),
      field('parameters', summary?.parameterCount ?? Number.NaN),
    ],
    training: [
      field('optimizer', model.optimizer),
      field('learningRate', model.learningRate),
      field('batchSize', model.batchSize),
      field('epochsPlanned', model.epochs),
      field('epochsRun', finished.epochsRun),
      field('seed', model.seed),
      field('backend', finished.backend),
      field('durationMs', Math.round(finished.durationMs)),
    ],
    curves: {
      columns: [
        t('evaluate.export.curve.epoch'),
        t('evaluate.export.curve.trainLoss'),
        t('evaluate.export.curve.valLoss'),
        t(`evaluate.export.curve.train.${metricName}`),
        t(`evaluate.export.curve.val.${metricName}`),
      ],
      rows: curveRows(finished.history),
    },
    metrics: metricFields(test, t),
    ...(test.kind === 'classification'
      ? {
          confusion: {
            columns: ['', ...test.classNames],
            rows: test.confusion.map((row, i) => [test.classNames[i] ?? String(i), ...row]),
          },
          classificationReport: classificationReport(test),
        }
      : {}),
    card: { ...s.card },
    raw: { test: compactEvaluation(test), history: finished.history, model },
  };
}
