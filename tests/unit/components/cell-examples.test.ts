/**
 * Server-side renders of the confusion matrix's cell list with its examples: the first feature
 * columns' raw values (text, never markup) with a note for the rest, a named thumbnail per row
 * for images, and the loading and failure notes with the table still there.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import CellRows from '../../../src/components/evaluate/CellRows.svelte';
import type { CellExamples, TestExamples } from '../../../src/components/evaluate/cell-examples';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

function clean(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/ class="svelte-[\w-]+"/g, '')
    .replace(/ svelte-[\w-]+/g, '');
}

const props = {
  rows: [1, 4],
  actual: 1,
  predicted: 1,
  classNames: ['a', 'b'],
  probs: [0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0.5, 0.5, 0.3, 0.7],
  onclose: () => {},
};

function done(result: Partial<TestExamples>): CellExamples {
  return {
    status: 'done',
    result: {
      ok: true,
      rows: [1, 4],
      columns: [],
      totalColumns: 0,
      values: [],
      targets: ['b', 'b'],
      image: null,
      ...result,
    },
  };
}

function renderWith(examples: CellExamples): string {
  return clean(render(CellRows, { props: { ...props, examples } }).body);
}

describe('CellRows examples', () => {
  it('shows the first eight feature columns as text and counts the rest', () => {
    const columns = Array.from({ length: 10 }, (_, j) => `f${j}`);
    const body = renderWith(
      done({
        columns,
        totalColumns: 10,
        values: [
          ['<b>bold</b>', 1.25, null, 4, 5, 6, 7, 8, 9, 10],
          ['x', 2, 3, 4, 5, 6, 7, 8, 9, 10],
        ],
      }),
    );
    for (const name of columns.slice(0, 8)) expect(body).toContain(`<th scope="col">${name}</th>`);
    expect(body).not.toContain('<th scope="col">f8</th>');
    expect(body).toContain('2 more feature columns not shown.');
    expect(body).toContain('&lt;b>bold&lt;/b>');
    expect(body).not.toContain('<b>bold</b>');
    expect(body).toContain('<td class="num">1.25</td>');
    expect(body).not.toContain('role="img"');
  });

  it('draws a named thumbnail per row for an image model', () => {
    const pixels = new Array<number>(16).fill(3);
    const body = renderWith(
      done({
        columns: pixels.map((_, j) => `pixel_${j}`),
        totalColumns: 16,
        values: [pixels, pixels],
        image: { side: 4, max: 16 },
      }),
    );
    expect(body).toContain('<th scope="col">Image</th>');
    expect(body).toContain('role="img" aria-label="Test image 2: true b, predicted b"');
    expect(body).toContain('role="img" aria-label="Test image 5: true b, predicted b"');
    expect(body).not.toContain('<th scope="col">pixel_0</th>');
    expect(body).not.toContain('more feature column');
  });

  it('says while the examples load, and why they failed, keeping the table', () => {
    const loading = renderWith({ status: 'loading' });
    expect(loading).toContain('role="status">Loading examples…</p>');
    expect(loading).toContain('<th scope="row">2</th>');

    const failed = renderWith({ status: 'failed', code: 'predict.error.examplesFailed' });
    expect(failed).toContain(
      'role="alert">The examples could not be shown. The prediction worker could not read the test rows.',
    );
    expect(failed).toContain('<th scope="row">5</th>');
  });
});
