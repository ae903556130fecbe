import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../../src/state/LocaleState.svelte';
import RunEvaluation from '../../../../src/components/registry/RunEvaluation.svelte';
import TaskCompareMetrics from '../../../../src/components/registry/TaskCompareMetrics.svelte';
import { lineageRows } from '../../../../src/components/registry/lineage';
import { runHeadline, runModel } from '../../../../src/components/compare/run-text';
import { translate } from '../../../../src/i18n';
import { sequenceRecordOf } from '../../../../src/state/task-run-record';
import { stored } from '../../storage/run-fixtures';
import {
  artifacts,
  FORECAST,
  forecastRequest,
  sequenceOutcome,
  TEXT,
  textRequest,
} from '../../state/task-runs/fixtures';

vi.mock('../../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const text = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
const CONTEXT = { id: 's1', title: 'Air passengers', now: 5 };

describe('sequence runs in the registry views', () => {
  it('describes a forecaster’s model, settings, headline and kept weights', () => {
    const { run, detail } = sequenceRecordOf(
      forecastRequest(),
      sequenceOutcome(FORECAST, { trainedModel: artifacts(2048) }),
      CONTEXT,
    );
    const summary = stored(run, 1);
    expect(runHeadline(summary, t)).toBe('MAE 8.500');
    expect(runModel(summary, 'en', t)).toBe('LSTM forecaster, lookback 12, horizon 1, 3 epochs');
    const rows = lineageRows(summary, detail, 'en', t);
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    expect(value('hyper')).toContain('lookback = 12');
    expect(value('hyper')).toContain('seed = 42');
    expect(value('dataset')).toBe('Air passengers → passengers');
    expect(value('weights')).toMatch(/^kept \(2(\.0)? kB\)$/);
  });

  it('opens a forecast run on its forecast chart and error table', () => {
    const { run, detail } = sequenceRecordOf(forecastRequest(), sequenceOutcome(FORECAST), CONTEXT);
    const { body } = render(RunEvaluation, {
      props: { detail, name: 'Run 1', run: stored(run, 1) },
    });
    expect(body).toMatch(/role="img"[^>]*aria-label="Test period of 2 steps: model MAE/);
    const plain = text(body);
    expect(plain).toContain('Test-period errors');
    expect(plain).not.toContain('Test metrics');
  });

  it('opens a text run on its perplexity and samples, as text, and says why weights are missing', () => {
    const { run, detail } = sequenceRecordOf(textRequest(), sequenceOutcome(TEXT), {
      ...CONTEXT,
      title: 'Fortunes',
    });
    const summary = stored(run, 2);
    const { body } = render(RunEvaluation, { props: { detail, name: 'Run 2', run: summary } });
    expect(body).not.toContain('<b>cat</b>');
    expect(body).toContain('&lt;b>cat&lt;/b>');
    expect(text(body)).toContain('Perplexity');
    const rows = lineageRows(summary, detail, 'en', t);
    expect(rows.find((row) => row.key === 'weights')?.value).toBe(
      'not kept: this run was recorded without its weights',
    );
    expect(rows.find((row) => row.key === 'dataset')?.value).toBe('Fortunes → next character');
  });

  it('compares forecasts in a real table with the best value in words', () => {
    const better = { ...FORECAST, model: { mae: 5, rmse: 6, mape: 1 } };
    const { body } = render(TaskCompareMetrics, {
      props: {
        names: ['Run 1', 'Run 2'],
        tasks: [
          { kind: 'forecast', result: FORECAST },
          { kind: 'forecast', result: better },
        ],
      },
    });
    expect(body).toContain('<table');
    expect(text(body)).toContain('MAE (lower is better) 8.500 5.000 (best)');
    expect(text(body)).toContain('Naive forecast MAE 72.500 72.500');
  });
});
