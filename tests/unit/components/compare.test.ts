/**
 * Server-side renders of the Compare views: the table structure, the best-value marks and the
 * significance rows that the end-to-end test relies on, checked without a browser.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import CompareCurves from '../../../src/components/compare/CompareCurves.svelte';
import CompareMetrics from '../../../src/components/compare/CompareMetrics.svelte';
import LossOverlay from '../../../src/components/compare/LossOverlay.svelte';
import RunsTable from '../../../src/components/compare/RunsTable.svelte';
import SignificancePanel from '../../../src/components/compare/SignificancePanel.svelte';
import { RunHistory, splitKeyOf } from '../../../src/state/RunHistory.svelte';
import { detail, evaluation, newRun, stored } from '../storage/run-fixtures';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const text = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('Compare views', () => {
  it('marks the best value of each metric in words', () => {
    const { body } = render(CompareMetrics, {
      props: {
        names: ['Run 2', 'Run 1'],
        evaluations: [evaluation([0, 1, 0, 1]), evaluation([0, 1, 0, 0])],
      },
    });
    const plain = text(body);
    expect(plain).toContain('Test metrics side by side');
    expect(plain).toContain('Accuracy (higher is better) 1.000 (best) 0.750');
    expect(plain).toContain('Log loss (lower is better) 0.400 (best) 0.400 (best)');
  });

  it('tests two classifiers on the same rows and explains a pair on other rows', () => {
    const run = newRun('a', 1);
    const same = { split: splitKeyOf(run), name: 'A', evaluation: evaluation([0, 1, 0, 1]) };
    const other = {
      split: { ...splitKeyOf(run), seed: 1 },
      name: 'C',
      evaluation: evaluation([0, 0, 0, 0]),
    };
    const { body } = render(SignificancePanel, {
      props: { runs: [same, { ...same, name: 'B', evaluation: evaluation([1, 1, 1, 1]) }, other] },
    });
    const plain = text(body);
    expect(plain).toContain("McNemar's test on the test rows");
    expect(plain).toMatch(/A vs B 2 0 0\.000 0\.5000 exact binomial no significant difference/);
    expect(plain).toContain('A vs C not tested: different test rows');
    expect(plain).toContain('not corrected for multiple comparisons');
    expect(plain).toContain('Cross-validate both');
  });

  it('overlays one ROC and one PR curve per run and names runs without loss curves', () => {
    const curves = text(
      render(CompareCurves, {
        props: { names: ['A', 'B'], evaluations: [evaluation([0]), evaluation([1])] },
      }).body,
    );
    expect(curves).toContain('ROC curves (test set), one per run');
    expect(curves).toContain('B AUC 1.000');
    const loss = text(
      render(LossOverlay, {
        props: { names: ['A', 'B'], histories: [detail('a').history, []] },
      }).body,
    );
    expect(loss).toContain('Loss per epoch, one pair per run');
    expect(loss).toContain('No per-epoch loss recorded for: B.');
  });

  it('lists runs with a checkbox, name, model and split each', async () => {
    const history = new RunHistory(
      {
        listRuns: async () => [
          stored(
            newRun('c', 3, {
              model: {
                kind: 'classical',
                spec: { learner: 'random-forest-classifier', params: {} },
              },
            }),
            3,
          ),
          stored(newRun('b', 2, { name: 'Wide' }), 2),
          stored(newRun('a', 1), 1),
        ],
        getDetail: async () => null,
        addRun: async () => ({ ok: true, value: stored(newRun('x', 0), 3) }),
        updateRun: async () => ({ ok: true, value: null }),
        deleteRun: async () => undefined,
      },
      { onFailure: vi.fn(), onUnexpected: vi.fn() },
    );
    await history.load();
    const { body } = render(RunsTable, { props: { history } });
    const plain = text(body);
    expect(body.match(/type="checkbox"/g)).toHaveLength(3);
    expect(plain).toContain('Random forest');
    expect(body).toContain('aria-label="Compare Run 1"');
    expect(plain).toContain('Wide');
    expect(plain).toContain('MLP 16, relu, adam, 20 epochs');
    expect(plain).toContain('train/validation/test 70/15/15 %, stratified, seed 42');
    expect(plain).toContain('CPU (small-network engine)');
  });
});
