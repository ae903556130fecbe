/**
 * Server-side renders of the occlusion views: the accessible names end-to-end tests and screen
 * readers rely on (the map's summary sentence, the image's name), the value table's structure,
 * and the cell list's "Explain" buttons, present only when an image model can be explained.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type { OcclusionSuccess } from '../../../src/state/OcclusionRun.svelte';
import CellRows from '../../../src/components/evaluate/CellRows.svelte';
import OcclusionGrid from '../../../src/components/predict/OcclusionGrid.svelte';
import OcclusionView from '../../../src/components/predict/OcclusionView.svelte';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

/** A 6×6 map whose only heat is in the top-right corner. */
function result(overrides: Partial<OcclusionSuccess> = {}): OcclusionSuccess {
  const heat = new Array<number>(36).fill(0);
  heat[5] = 0.5;
  heat[4] = -0.1;
  return {
    ok: true,
    jobId: 1,
    height: 6,
    width: 6,
    channels: 1,
    pixels: new Array<number>(36).fill(8),
    pixelMax: 16,
    heat,
    patch: 2,
    stride: 1,
    classNames: ['0', '1', '7'],
    classIndex: 2,
    predictedIndex: 2,
    baseProbability: 0.91,
    trueIndex: 1,
    testIndex: 11,
    testCount: 360,
    evaluations: 25,
    durationMs: 120,
    ...overrides,
  };
}

/** The markup without Svelte's hydration comments and scoped-style classes. */
function clean(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/ class="svelte-[\w-]+"/g, '')
    .replace(/ svelte-[\w-]+/g, '');
}

describe('OcclusionView', () => {
  it('names the image and the map with sentences that summarize them', () => {
    const body = clean(render(OcclusionView, { props: { result: result() } }).body);
    expect(body).toContain(
      'aria-label="Occlusion map for test image 12, predicted 7: the most important region is top-right"',
    );
    expect(body).toContain('aria-label="Image: test image 12, 6×6 pixels, true class 1"');
    expect(body).toContain('25 occluded images scored in 0.12 s; the largest change is 0.5.');
    expect(body.match(/role="img"/g)).toHaveLength(2);
    expect(body).toContain('aria-expanded="false"');
  });

  it('names the watched class when it is not the predicted one', () => {
    const body = clean(
      render(OcclusionView, { props: { result: result({ classIndex: 1 }) } }).body,
    );
    expect(body).toContain(
      'aria-label="Occlusion map for test image 12, predicted 7, watching 1: the most important region is top-right"',
    );
    expect(body).toContain('Watched class 1: probability 0.91');
  });

  it('says when hiding nothing lowers the probability, for a drawn image', () => {
    const body = clean(
      render(OcclusionView, {
        props: {
          result: result({ heat: new Array<number>(36).fill(0), testIndex: null, trueIndex: -1 }),
        },
      }).body,
    );
    expect(body).toContain(
      'aria-label="Occlusion map for the drawn image, predicted 7: hiding no region lowers the probability of 7"',
    );
    expect(body).toContain('aria-label="Image: the drawn image, 6×6 pixels"');
    expect(body).toContain('the largest change is 0.');
  });
});

describe('OcclusionGrid', () => {
  it('is a table with a caption, a header per column and per row', () => {
    const body = clean(
      render(OcclusionGrid, {
        props: { heat: [0.5, 0, -0.25, 0], height: 2, width: 2, caption: 'Drops' },
      }).body,
    );
    expect(body).toContain('<caption>Drops</caption>');
    expect(body.match(/<th scope="col"/g)).toHaveLength(3);
    expect(body.match(/<th scope="row"/g)).toHaveLength(2);
    expect(body).toContain('Row 2');
    expect(body).toContain('>0.5</td>');
    expect(body).toContain('>-0.25</td>');
  });
});

describe('CellRows explain buttons', () => {
  const props = {
    rows: [1, 4],
    actual: 1,
    predicted: 1,
    classNames: ['a', 'b'],
    probs: [0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.5, 0.5, 0.3, 0.7],
    onclose: () => {},
  };

  it('offers one per row when an image model can be explained', () => {
    const body = clean(render(CellRows, { props: { ...props, onexplain: () => {} } }).body);
    expect(body).toContain('aria-label="Explain test image 2"');
    expect(body).toContain('aria-label="Explain test image 5"');
    expect(body).toContain('<th scope="col">Occlusion map</th>');
  });

  it('offers none otherwise', () => {
    const body = clean(render(CellRows, { props }).body);
    expect(body).not.toContain('Explain');
  });
});
