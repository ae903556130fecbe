/**
 * Server-side renders of the issue 7 evaluation views: accessible names that summarise each
 * chart, real tables, the threshold slider's label, and the report data the panel builds.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type {
  ClassificationEvaluation,
  RegressionEvaluation,
} from '../../../src/contracts/evaluation';
import { metricsAtThreshold } from '../../../src/core/evaluation';
import { buildHtmlReport } from '../../../src/core/report';
import CalibrationChart from '../../../src/components/evaluate/CalibrationChart.svelte';
import CellRows from '../../../src/components/evaluate/CellRows.svelte';
import ClassificationReport from '../../../src/components/evaluate/ClassificationReport.svelte';
import ConfusionMatrix from '../../../src/components/evaluate/ConfusionMatrix.svelte';
import ConfusionPanel from '../../../src/components/evaluate/ConfusionPanel.svelte';
import PrChart from '../../../src/components/evaluate/PrChart.svelte';
import RegressionCharts from '../../../src/components/evaluate/RegressionCharts.svelte';
import RocChart from '../../../src/components/evaluate/RocChart.svelte';
import ThresholdPanel from '../../../src/components/evaluate/ThresholdPanel.svelte';
import { buildReportData } from '../../../src/components/evaluate/report-data';

// The new strings wait in src/i18n/pending until the lead merges them: look there first.
vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const { evaluateEn } = await import('../../../src/i18n/areas/evaluate.en');
  const state = new actual.LocaleState('en');
  const base = state.t;
  const find = (key: string): string | undefined => {
    let node: unknown = evaluateEn;
    for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
    return typeof node === 'string' ? node : undefined;
  };
  state.t = (key, params) => {
    const plural = params?.count === undefined ? undefined : params.count === 1 ? 'one' : 'other';
    const text = (plural && find(`${key}_${plural}`)) ?? find(key);
    if (text === undefined) return base(key, params);
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params?.[name] ?? ''));
  };
  return { ...actual, getLocaleContext: () => state };
});

/** The markup without Svelte's hydration comments and scoped-style classes. */
function clean(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/ class="svelte-[\w-]+"/g, '')
    .replace(/ svelte-[\w-]+/g, '');
}

const classNames = ['setosa', 'versicolor', 'virginica'];
const confusion = [
  [10, 0, 0],
  [0, 9, 1],
  [0, 3, 7],
];

describe('ConfusionMatrix with normalization and cell buttons', () => {
  it('names each cell button by its row count and classes', () => {
    const { body: raw } = render(ConfusionMatrix, {
      props: { matrix: confusion, classNames, caption: 'c', onselect: () => {} },
    });
    const body = clean(raw);
    expect(body).toContain('aria-label="3 rows: true virginica, predicted versicolor"');
    expect(body).toContain('aria-label="1 row: true versicolor, predicted virginica"');
    expect(body.match(/<button/g)).toHaveLength(9);
  });

  it('shows shares of the true class or of the predicted class', () => {
    const byTrue = render(ConfusionMatrix, {
      props: { matrix: confusion, classNames, caption: 'c', normalize: 'true' },
    }).body;
    expect(clean(byTrue)).toContain('>0.70</td>');
    const byPred = render(ConfusionMatrix, {
      props: { matrix: confusion, classNames, caption: 'c', normalize: 'pred' },
    }).body;
    expect(clean(byPred)).toContain('>0.75</td>');
  });

  it('offers the three normalizations as a labelled radio group', () => {
    const { body: raw } = render(ConfusionPanel, {
      props: { matrix: confusion, classNames, caption: 'c', yTrue: [], yPred: [], probs: [] },
    });
    const body = clean(raw);
    expect(body).toContain('<legend>Show the confusion matrix as</legend>');
    expect(body.match(/type="radio"/g)).toHaveLength(3);
    expect(body).toContain('Share of each predicted class');
  });
});

describe('CellRows', () => {
  it('lists row number, classes and every probability', () => {
    const { body: raw } = render(CellRows, {
      props: {
        rows: [1],
        actual: 1,
        predicted: 2,
        classNames,
        probs: [0.9, 0.05, 0.05, 0.1, 0.3, 0.6],
        onclose: () => {},
      },
    });
    const body = clean(raw);
    expect(body).toContain('Test rows: true versicolor, predicted virginica');
    expect(body).toContain('<th scope="col">P(setosa)</th>');
    expect(body).toMatch(/<th scope="row"[^>]*>2<\/th>/);
    expect(body).toContain('>0.600</td>');
  });
});

describe('ThresholdPanel', () => {
  it('is a range input labelled "Decision threshold" with every metric at that threshold', () => {
    const metrics = metricsAtThreshold([0, 0, 1, 1], [0.1, 0.6, 0.4, 0.9], 0.5);
    const { body: raw } = render(ThresholdPanel, {
      props: { threshold: 0.5, metrics, positiveName: 'benign', onchange: () => {} },
    });
    const body = clean(raw);
    const id = /<label for="([^"]+)">Decision threshold<\/label>/.exec(body)?.[1];
    expect(id).toBeDefined();
    expect(body).toMatch(new RegExp(`<input id="${id}" type="range"`));
    expect(body).toContain('Metrics at threshold 0.50');
    expect(body).toContain('Specificity');
    expect(body).toMatch(/Accuracy<\/th>\s*<td[^>]*>0\.500<\/td>/);
  });
});

describe('ROC and PR charts', () => {
  it('adds micro and macro averages to the ROC name', () => {
    const { body: raw } = render(RocChart, {
      props: {
        roc: [{ classIndex: 0, fpr: [0, 1], tpr: [0, 1], auc: 0.5 }],
        classNames,
        title: 'ROC curves (test set)',
        micro: { fpr: [0, 1], tpr: [0, 1], auc: 0.91 },
        macro: { fpr: [0, 1], tpr: [0, 1], auc: 0.92 },
      },
    });
    const body = clean(raw);
    expect(body).toContain('micro-average AUC 0.910');
    expect(body).toContain('macro-average AUC 0.920');
  });

  it('names the PR chart with AP and the operating point, drawn as a dot', () => {
    const { body: raw } = render(PrChart, {
      props: {
        pr: [{ classIndex: 1, recall: [1, 0.5, 0], precision: [0.5, 1, 1], ap: 0.875 }],
        classNames: ['malignant', 'benign'],
        title: 'Precision-recall curves (test set)',
        marker: { x: 0.5, y: 1, label: 'threshold 0.50' },
      },
    });
    const body = clean(raw);
    expect(body).toContain(
      'aria-label="Precision-recall curves (test set): benign AP 0.875, threshold 0.50"',
    );
    expect(body).toContain('<circle');
    expect(body).toContain('Show data');
  });
});

describe('CalibrationChart and ClassificationReport', () => {
  it('summarises calibration with the Brier score', () => {
    const { body: raw } = render(CalibrationChart, {
      props: {
        calibration: {
          kind: 'positive-class',
          meanPredicted: [0.1, 0.9],
          fractionPositive: [0.2, 0.8],
          counts: [5, 5],
        },
        brier: 0.0625,
        positiveName: 'benign',
        title: 'Calibration (test set)',
      },
    });
    const body = clean(raw);
    expect(body).toContain('aria-label="Calibration (test set): Brier score 0.063, 2 bins"');
    expect(body).toContain('Mean predicted probability of benign');
  });

  it('renders the classification report as a table with the average rows', () => {
    const evaluation = {
      classNames: ['a', 'b'],
      perClass: [
        { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
      ],
      accuracy: 0.75,
      macro: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
      weighted: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
    } as ClassificationEvaluation;
    const { body: raw } = render(ClassificationReport, { props: { evaluation } });
    const body = clean(raw);
    const headers = [...body.matchAll(/<th scope="row"[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
    expect(headers).toEqual(['a', 'b', 'accuracy', 'macro avg', 'weighted avg']);
    expect(body).toContain('<caption>Classification report</caption>');
  });
});

const regression: RegressionEvaluation = {
  kind: 'regression',
  n: 4,
  mse: 0.25,
  rmse: 0.5,
  mae: 0.5,
  r2: 0.9,
  mape: 0.1,
  actual: [1, 2, 3, 4],
  predicted: [1.5, 1.5, 3.5, 3.5],
  residuals: [-0.5, 0.5, -0.5, 0.5],
};

describe('RegressionCharts', () => {
  it('draws residuals against predicted and a residual histogram, both named', () => {
    const { body: raw } = render(RegressionCharts, { props: { evaluation: regression } });
    const body = clean(raw);
    expect(body).toContain(
      'aria-label="Residuals against predicted (test set): 4 points, MAE 0.500"',
    );
    expect(body).toContain(
      'aria-label="Residual histogram (test set): 4 residuals in 20 bins from -0.5 to 0.5"',
    );
    expect(body.match(/<rect/g)).toHaveLength(20);
  });
});

describe('buildReportData', () => {
  it('turns a finished run into a report whose HTML holds the metrics and the model card', () => {
    const test = {
      kind: 'classification',
      n: 4,
      classNames: ['no', 'yes'],
      confusion: [
        [2, 0],
        [1, 1],
      ],
      roc: [],
      rocMicro: null,
      rocMacro: null,
      pr: [],
      accuracy: 0.75,
      balancedAccuracy: 0.75,
      macro: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
      weighted: { precision: 5 / 6, recall: 0.75, f1: 11 / 15 },
      logLoss: 0.4,
      rocAuc: 0.75,
      mcc: 0.577,
      kappa: 0.5,
      brier: 0.15,
      calibration: { kind: 'positive-class', meanPredicted: [], fractionPositive: [], counts: [] },
      perClass: [
        { precision: 2 / 3, recall: 1, f1: 0.8, support: 2 },
        { precision: 1, recall: 0.5, f1: 2 / 3, support: 2 },
      ],
      yTrue: [0, 0, 1, 1],
      probs: [0.9, 0.1, 0.6, 0.4, 0.65, 0.35, 0.2, 0.8],
    } satisfies ClassificationEvaluation;
    const data = buildReportData({
      lang: 'en',
      now: new Date('2026-01-01T00:00:00Z'),
      dataset: undefined,
      datasetId: 'toy',
      summary: null,
      model: {
        hiddenLayers: [8],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 16,
        epochs: 5,
        seed: 1,
      },
      finished: {
        status: 'completed',
        jobId: 1,
        epochsRun: 1,
        history: [{ epoch: 1, trainLoss: 0.6, valLoss: 0.5, trainMetric: 0.7, valMetric: 0.75 }],
        test,
        backend: 'cpu',
        durationMs: 1234,
        fittedRecipe: '',
      },
      card: { intendedUse: '<b>teaching</b>', limitations: '', dataDescription: '' },
      t: (key, params) => `${key}${params ? JSON.stringify(params) : ''}`,
    });
    expect(data.metrics.find((m) => m.label === 'evaluate.metrics.accuracy')?.value).toBe(0.75);
    expect(data.classificationReport).toContain('weighted avg');
    expect(data.raw).not.toHaveProperty('test.probs');
    const html = buildHtmlReport(data);
    expect(html).toContain('<td class="num">0.75</td>');
    expect(html).toContain('&lt;b&gt;teaching&lt;/b&gt;');
  });
});
