/**
 * Server-side renders of the evaluation views: the markup end-to-end tests rely on (table
 * structure, captions, accessible names) checked without a browser.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type { ClassificationEvaluation } from '../../../src/contracts/evaluation';
import ConfusionMatrix from '../../../src/components/evaluate/ConfusionMatrix.svelte';
import MetricsTable from '../../../src/components/evaluate/MetricsTable.svelte';
import PerClassTable from '../../../src/components/evaluate/PerClassTable.svelte';
import RocChart from '../../../src/components/evaluate/RocChart.svelte';

// Components read the translator from context; outside App there is none, so hand them one.
vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const classNames = ['setosa', 'versicolor', 'virginica'];
const evaluation: ClassificationEvaluation = {
  kind: 'classification',
  n: 30,
  classNames,
  confusion: [
    [10, 0, 0],
    [0, 9, 1],
    [0, 1, 9],
  ],
  roc: [
    { classIndex: 0, fpr: [0, 0, 1], tpr: [0, 1, 1], auc: 1 },
    { classIndex: 1, fpr: [0, 0.05, 1], tpr: [0, 0.9, 1], auc: 0.9875 },
    { classIndex: 2, fpr: [0, 0.05, 1], tpr: [0, 0.9, 1], auc: 0.98 },
  ],
  accuracy: 28 / 30,
  balancedAccuracy: 28 / 30,
  macro: { precision: 0.9333, recall: 0.9333, f1: 0.9333 },
  weighted: { precision: 0.9333, recall: 0.9333, f1: 0.9333 },
  logLoss: 0.2,
  rocAuc: 0.9892,
  rocMicro: { fpr: [0, 0.05, 1], tpr: [0, 0.93, 1], auc: 0.99 },
  rocMacro: { fpr: [0, 0.05, 1], tpr: [0, 0.93, 1], auc: 0.99 },
  pr: [],
  mcc: 0.9,
  kappa: 0.9,
  brier: 0.05,
  calibration: { kind: 'top-label', meanPredicted: [], fractionPositive: [], counts: [] },
  yTrue: [],
  probs: [],
  perClass: [
    { precision: 1, recall: 1, f1: 1, support: 10 },
    { precision: 0.9, recall: 0.9, f1: 0.9, support: 10 },
    { precision: 0.9, recall: 0.9, f1: 0.9, support: 10 },
  ],
};

const CAPTION = /<caption[^>]*>([\s\S]*?)<\/caption>/g;

/** Text content of the matches of a simple element pattern, tags stripped. */
function texts(html: string, pattern: RegExp): string[] {
  return [...html.matchAll(pattern)].map((m) => m[1]!.replace(/<[^>]*>/g, '').trim());
}

describe('ConfusionMatrix', () => {
  const { body } = render(ConfusionMatrix, {
    props: {
      matrix: evaluation.confusion,
      classNames,
      caption: 'Confusion matrix (test set)',
    },
  });

  it('is a table with a caption, an empty corner and scoped headers', () => {
    expect(texts(body, CAPTION)).toEqual(['Confusion matrix (test set)']);
    expect(body).toMatch(/<thead[^>]*><tr><td class="corner[^"]*"><\/td>/);
    expect(texts(body, /<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)).toEqual(classNames);
    expect(texts(body, /<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)).toEqual(classNames);
  });

  it('shows the counts as plain integers, row by row', () => {
    expect(texts(body, /<td[^>]*style[^>]*>([\s\S]*?)<\/td>/g)).toEqual([
      '10',
      '0',
      '0',
      '0',
      '9',
      '1',
      '0',
      '1',
      '9',
    ]);
  });

  it('shades cells by their share of the row and says how to read the axes', () => {
    expect(body).toContain('background-color: #08519c');
    expect(body).toContain('Rows: true class, columns: predicted class.');
  });

  it('renders user text as text, never as markup', () => {
    const { body: escaped } = render(ConfusionMatrix, {
      props: { matrix: [[1]], classNames: ['<b>x</b>'], caption: 'c' },
    });
    expect(escaped).not.toContain('<b>x</b>');
    expect(escaped).toContain('&lt;b>x&lt;/b>');
  });
});

describe('MetricsTable', () => {
  const { body } = render(MetricsTable, { props: { evaluation } });

  it('has the contract row headers with three-decimal values', () => {
    expect(texts(body, CAPTION)).toEqual(['Test metrics']);
    expect(texts(body, /<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)).toEqual([
      'Accuracy',
      'Balanced accuracy',
      'Precision (macro)',
      'Recall (macro)',
      'F1 (macro)',
      'Precision (weighted)',
      'Recall (weighted)',
      'F1 (weighted)',
      'Log loss',
      'ROC AUC',
      'MCC',
      'Cohen’s kappa',
    ]);
    const values = texts(body, /<td[^>]*>([\s\S]*?)<\/td>/g);
    expect(values[0]).toBe('0.933');
    expect(values[9]).toBe('0.989');
    expect(values.every((v) => /^\d\.\d{3}$/.test(v))).toBe(true);
  });
});

describe('PerClassTable', () => {
  it('lists precision, recall, F1 and support per class', () => {
    const { body } = render(PerClassTable, { props: { evaluation } });
    expect(texts(body, CAPTION)).toEqual(['Per-class metrics']);
    expect(texts(body, /<th scope="row"[^>]*>([\s\S]*?)<\/th>/g)).toEqual(classNames);
    expect(texts(body, /<td[^>]*>([\s\S]*?)<\/td>/g).slice(4, 8)).toEqual([
      '0.900',
      '0.900',
      '0.900',
      '10',
    ]);
  });
});

describe('RocChart', () => {
  it('names the chart with every class AUC and draws a dashed chance line', () => {
    const { body } = render(RocChart, {
      props: { roc: evaluation.roc, classNames, title: 'ROC curves (test set)' },
    });
    expect(body).toContain(
      'aria-label="ROC curves (test set): setosa vs rest AUC 1.000, versicolor vs rest AUC 0.988, virginica vs rest AUC 0.980"',
    );
    expect(body).toContain('role="img"');
    expect(body).toContain('setosa AUC 1.000');
    expect(body).toContain('stroke-dasharray="5 4"');
    expect(body).toContain('Show data');
  });

  it('labels the single binary curve with the positive class', () => {
    const { body } = render(RocChart, {
      props: {
        roc: [{ classIndex: 1, fpr: [0, 1], tpr: [0, 1], auc: 0.991 }],
        classNames: ['malignant', 'benign'],
        title: 'ROC curves (test set)',
      },
    });
    expect(body).toContain('aria-label="ROC curves (test set): benign AUC 0.991"');
  });
});
