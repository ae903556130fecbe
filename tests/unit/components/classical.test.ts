/**
 * The classical learners' views: the pure helpers behind the parameter form, the tree layout,
 * the importance ranking and the fit curves, then server renders of the charts and controls
 * checking the roles, names and text that tests and screen readers rely on.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type { FeatureImportances, TreeNodeView, TreeView } from '../../../src/contracts/insights';
import { findLearner } from '../../../src/core/classical-catalog';
import {
  changedParams,
  controlOf,
  controlsOf,
  fallbackNumber,
  optionFromValue,
} from '../../../src/components/model/classical-fields';
import {
  barLengths,
  hasSigned,
  rankImportances,
} from '../../../src/components/model-insights/importance-layout';
import {
  countNodes,
  layoutTree,
  treeDepth,
} from '../../../src/components/model-insights/tree-layout';
import { seriesFromFit, seriesFromHistory } from '../../../src/components/train/fit-series';
import FeatureImportanceChart from '../../../src/components/model-insights/FeatureImportanceChart.svelte';
import TreeDiagram from '../../../src/components/model-insights/TreeDiagram.svelte';
import ClassicalRunSummary from '../../../src/components/model-insights/ClassicalRunSummary.svelte';
import ModelFamily from '../../../src/components/model/ModelFamily.svelte';
import ClassicalParams from '../../../src/components/model/ClassicalParams.svelte';
import ClassicalProgress from '../../../src/components/train/ClassicalProgress.svelte';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const leaf = (samples: number, prediction: string): TreeNodeView => ({
  samples,
  impurity: 0,
  value: [samples],
  prediction,
});

const TREE: TreeView = {
  criterion: 'gini',
  classNames: ['setosa', 'versicolor', 'virginica'],
  depth: 2,
  leaves: 3,
  root: {
    samples: 90,
    impurity: 0.667,
    value: [30, 30, 30],
    prediction: 'setosa',
    split: {
      feature: 'petal_length',
      threshold: 2.45,
      left: leaf(30, 'setosa'),
      right: {
        samples: 60,
        impurity: 0.5,
        value: [0, 30, 30],
        prediction: 'versicolor',
        split: {
          feature: 'petal_width',
          threshold: 1.75,
          left: leaf(32, 'versicolor'),
          right: leaf(28, 'virginica'),
        },
      },
    },
  },
};

describe('classical-fields', () => {
  it('turns every catalogue range into a control', () => {
    const tree = controlsOf(findLearner('decision-tree-classifier')!);
    expect(tree.map((c) => c.kind)).toEqual(['choice', 'number', 'number', 'number', 'number']);
    const maxDepth = tree[1]!;
    expect(maxDepth).toMatchObject({ field: 'maxDepth', step: 1, nullable: true, min: 1, max: 64 });
    const gamma = controlOf('gamma', findLearner('svm')!.ranges.gamma!);
    expect(gamma).toMatchObject({ kind: 'number', step: 'any', log: true, special: ['scale'] });
    expect(controlOf('bootstrap', { type: 'boolean' })).toEqual({
      kind: 'boolean',
      field: 'bootstrap',
    });
  });

  it('restores a sensible number when a box is unticked', () => {
    const maxDepth = controlOf('maxDepth', { type: 'integer', min: 1, max: 64, nullable: true });
    const gamma = controlOf('gamma', { type: 'number', min: 1e-4, max: 100, log: true });
    if (maxDepth.kind !== 'number' || gamma.kind !== 'number') throw new Error('not numeric');
    expect(fallbackNumber(maxDepth, null)).toBe(33);
    expect(fallbackNumber(maxDepth, 5)).toBe(5);
    expect(fallbackNumber(gamma, 'scale')).toBe(0.1);
  });

  it('maps select values back to mixed-type options and lists changed params', () => {
    expect(optionFromValue(['sqrt', 'log2', 1], '1')).toBe(1);
    expect(optionFromValue(['sqrt', 'log2', 1], 'sqrt')).toBe('sqrt');
    expect(optionFromValue(['sqrt'], 'x')).toBeUndefined();
    const info = findLearner('random-forest-classifier')!;
    expect(changedParams(info, { ...info.defaults, nEstimators: 10 })).toEqual(['nEstimators']);
  });
});

describe('tree-layout', () => {
  it('centres parents over their children and counts hidden nodes', () => {
    const full = layoutTree(TREE.root, 5);
    expect(full.nodes).toHaveLength(5);
    expect(full.links).toHaveLength(4);
    expect(full.hidden).toBe(0);
    expect(full.shownDepth).toBe(2);
    const root = full.nodes.find((n) => n.id === 'n')!;
    const left = full.nodes.find((n) => n.id === 'nL')!;
    const right = full.nodes.find((n) => n.id === 'nR')!;
    expect(root.x).toBeCloseTo((left.x + right.x) / 2);
    const cut = layoutTree(TREE.root, 1);
    expect(cut.nodes).toHaveLength(3);
    expect(cut.hidden).toBe(2);
    expect(cut.nodes.find((n) => n.id === 'nR')?.isTruncated).toBe(true);
    expect(countNodes(TREE.root)).toBe(5);
    expect(treeDepth(TREE.root)).toBe(2);
  });
});

describe('importance-layout', () => {
  it('ranks by value, drops non-finite, and scales bars to the largest', () => {
    const ranked = rankImportances(
      [
        { feature: 'a', value: 0.1 },
        { feature: 'b', value: 0.6 },
        { feature: 'c', value: Number.NaN },
        { feature: 'd', value: 0.3, signed: -0.3 },
      ],
      2,
    );
    expect(ranked.map((r) => [r.rank, r.feature])).toEqual([
      [1, 'b'],
      [2, 'd'],
    ]);
    expect(barLengths(ranked, 100)).toEqual([100, 50]);
    expect(hasSigned(ranked)).toBe(true);
    expect(barLengths([], 100)).toEqual([]);
  });
});

describe('fit-series', () => {
  it('splits live points by metric and reads boosting history', () => {
    const series = seriesFromFit([
      { done: 1, metrics: { trainLoss: 1, validLoss: 1.2 } },
      { done: 2, metrics: { trainLoss: 0.8, validLoss: Number.NaN } },
    ]);
    expect(series).toEqual([
      { metric: 'trainLoss', x: [1, 2], y: [1, 0.8] },
      { metric: 'validLoss', x: [1], y: [1.2] },
    ]);
    const history = [
      { epoch: 1, trainLoss: 1, valLoss: Number.NaN, trainMetric: NaN, valMetric: NaN },
    ];
    expect(seriesFromHistory(history).map((s) => s.metric)).toEqual(['trainLoss']);
    expect(seriesFromHistory([])).toEqual([]);
  });
});

function attr(html: string, name: string): string | undefined {
  return html.match(new RegExp(`${name}="([^"]*)"`))?.[1];
}

describe('server renders', () => {
  it('FeatureImportanceChart: an img with a ranked summary and signed coefficients', () => {
    const importances: FeatureImportances = {
      kind: 'coefficient',
      items: [
        { feature: 'petal_width', value: 0.4, signed: -0.4 },
        { feature: 'petal_length', value: 0.9, signed: 0.9 },
      ],
    };
    const { body } = render(FeatureImportanceChart, { props: { importances } });
    expect(body).toContain('role="img"');
    expect(attr(body, 'aria-label')).toBe(
      'Feature importance, |Standardized coefficient|, 2 features. Largest: petal_length (+0.9), petal_width (-0.4).',
    );
    expect(body.indexOf('petal_length')).toBeLessThan(body.indexOf('petal_width'));
    expect(body).toContain('Show as a table');
  });

  it('TreeDiagram: an img naming the first question, with depth buttons and a text switch', () => {
    const { body } = render(TreeDiagram, { props: { tree: TREE, initialDepth: 1 } });
    expect(body).toContain('role="img"');
    expect(body.match(/role="img" aria-label="([^"]*)"/)?.[1]).toBe(
      'Decision tree of depth 2 with 3 leaves, drawn to depth 1. First question: petal_length ≤ 2.45.',
    );
    expect(body).toContain('2 deeper nodes not drawn.');
    expect(body).toContain('Show one more level');
    expect(body).toContain('Show as text');
  });

  it('ModelFamily: the network plus grouped learners of the task only', () => {
    const { body } = render(ModelFamily, {
      props: { task: 'classification', learner: null, disabled: false, onchange: () => {} },
    });
    expect(body).toContain('Neural network');
    expect(body).toContain('<optgroup label="Tree ensembles"');
    expect(body).toContain('Random forest');
    expect(body).not.toContain('Ridge regression');
  });

  it('ClassicalParams: labelled controls, a no-limit box and a reset button', () => {
    const info = findLearner('decision-tree-classifier')!;
    const { body } = render(ClassicalParams, {
      props: {
        info,
        params: { ...info.defaults, minSamplesLeaf: 0 },
        problems: [{ field: 'minSamplesLeaf', key: 'range', params: { min: 1, max: 1000 } }],
        disabled: false,
        onchange: () => {},
        onreset: () => {},
      },
    });
    expect(body).toContain('Decision tree settings');
    expect(body).toContain('Maximum depth');
    expect(body).toContain('No limit');
    expect(body).toContain('Gini impurity');
    expect(body).toContain('Enter a number from 1 to 1,000.');
    expect(body).toContain('Reset to defaults');
  });

  it('ClassicalProgress: counts trees in its value text', () => {
    const { body } = render(ClassicalProgress, {
      props: {
        fit: { stage: 'trees', done: 37, total: 100, elapsedMs: 1000, etaMs: 1500 },
        kind: 'trees',
        status: 'training',
        isFinished: false,
      },
    });
    expect(attr(body, 'aria-valuetext')).toBe('Trees built 37 / 100');
    expect(attr(body, 'aria-valuenow')).toBe('37');
  });

  it('ClassicalRunSummary: the learner and readable settings', () => {
    const info = findLearner('random-forest-classifier')!;
    const { body } = render(ClassicalRunSummary, {
      props: { spec: { learner: info.key, params: { ...info.defaults, nEstimators: 50 } } },
    });
    expect(body).toContain('Model: Random forest');
    expect(body).toContain('Number of trees');
    expect(body).toContain('50');
    expect(body).toContain('Square root of the features');
  });
});
