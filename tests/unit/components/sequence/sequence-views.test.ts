/**
 * Server-side renders of the sequence views: generated text stays text (never markup), the
 * forecast chart carries its accessible name with the data-table switch, and the error and
 * per-epoch tables are real tables with headers.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../../src/state/LocaleState.svelte';
import type { ForecastResult } from '../../../../src/contracts/sequence';
import ForecastView from '../../../../src/components/sequence/ForecastView.svelte';
import SampleList from '../../../../src/components/sequence/SampleList.svelte';
import SequenceHistory from '../../../../src/components/sequence/SequenceHistory.svelte';

vi.mock('../../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const FORECAST: ForecastResult = {
  kind: 'forecast',
  column: 'passengers',
  horizon: 1,
  lookback: 12,
  index: [115, 116, 117],
  labels: ['1958-08', '1958-09', '1958-10'],
  actual: [505, 404, 359],
  predicted: [490, 470, 345],
  naive: [491, 505, 404],
  model: { mae: 31.3, rmse: 38.6, mape: 7.8 },
  baseline: { mae: 56.3, rmse: 63.4, mape: 13.9 },
  windows: { train: 89, validation: 14, test: 3 },
};

describe('sequence views', () => {
  it('shows generated text as text, never as markup', () => {
    const { body } = render(SampleList, {
      props: { epoch: 2, temperature: 0.7, prompt: '<i>', samples: ['<script>x</script>'] },
    });
    expect(body).toContain('&lt;script>x&lt;/script>');
    expect(body).not.toContain('<script>');
    expect(body).toContain('Generated text after epoch 2 (temperature 0.7)');
  });

  it('draws the forecast with an accessible name, a data switch and an error table', () => {
    const { body } = render(ForecastView, { props: { result: FORECAST } });
    expect(body).toMatch(/role="img"[^>]*aria-label="Test period of 3 steps: model MAE 31\.3/);
    expect(body).toContain('Show data');
    expect(body).toMatch(/<caption[^>]*>Test-period errors<\/caption>/);
    expect(body).toMatch(/<th scope="row"[^>]*>MAE<\/th>/);
  });

  it('lists the validation perplexity of each epoch for text runs', () => {
    const history = [1, 2].map((epoch) => ({
      epoch,
      trainLoss: 3 - epoch * 0.1,
      valLoss: Math.log(20) - epoch * 0.1,
      trainMetric: 0,
      valMetric: 0,
    }));
    const { body } = render(SequenceHistory, { props: { history, showPerplexity: true } });
    expect(body).toMatch(/<caption[^>]*>Loss per epoch<\/caption>/);
    expect(body).toContain('Validation perplexity');
    // e^(log 20 − 0.1) = 18.0967…
    expect(body).toMatch(/>18\.1\d*</);
  });
});
