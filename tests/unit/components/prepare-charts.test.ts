/**
 * Server-side renders of the Prepare screen's step charts and tables: SVG with role="img" and a
 * summarizing name, a "Show data" switch, the conflicting-duplicates table, in both languages.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type { StepPreview } from '../../../src/contracts/training';
import StepCharts from '../../../src/components/prepare/StepCharts.svelte';

const locale = vi.hoisted(() => ({ current: 'en' as 'en' | 'zh-CN' }));
vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  return { ...actual, getLocaleContext: () => new actual.LocaleState(locale.current) };
});

function preview(extra: Partial<StepPreview>): StepPreview {
  return {
    stepId: 's',
    type: 'outliers',
    skipped: false,
    rowsBefore: 10,
    rowsAfter: 10,
    columnsBefore: 3,
    columnsAfter: 3,
    affected: 0,
    warnings: [],
    sample: { columns: [], hiddenColumns: 0, rows: [] },
    ...extra,
  };
}

const box = (column: string, outliers: number) => ({
  column,
  q1: 1,
  median: 2,
  q3: 3,
  lowerWhisker: 0.5,
  upperWhisker: 4,
  lower: -2,
  upper: 6,
  outliers,
});

function ariaLabels(html: string): string[] {
  return [...html.matchAll(/role="img" aria-label="([^"]*)"/g)].map((m) => m[1] ?? '');
}

/** The rendered markup without Svelte's scoping classes and hydration comments. */
function html(report: StepPreview): string {
  return render(StepCharts, { props: { report } })
    .body.replace(/ class="svelte-[\w-]+"/g, '')
    .replace(/ svelte-[\w-]+"/g, '"')
    .replace(/<!--[^>]*-->/g, '');
}

describe('StepCharts', () => {
  it('draws box plots of an outlier step with a summarizing name and a data switch', () => {
    const out = html(preview({ boxes: [box('bill', 3), box('mass', 0)] }));
    expect(ariaLabels(out)).toEqual([
      'Box plots of 2 columns on the training split, 3 values outside the fences in all. Most in bill: 3.',
    ]);
    expect(out).toContain('Show data');
    expect(out).toContain('aria-expanded="false"');
  });

  it('ranks feature-selection scores, best first', () => {
    const out = html(
      preview({
        type: 'selectFeatures',
        details: {
          kind: 'featureScores',
          method: 'anova',
          scores: [
            { column: 'a', score: 1.5 },
            { column: 'b', score: 9 },
          ],
          kept: ['b'],
        },
      }),
    );
    expect(ariaLabels(out)).toEqual([
      'ANOVA F scores of 2 features on the training split; 1 kept. Highest: b (9).',
    ]);
    expect(out.indexOf('>b<')).toBeLessThan(out.indexOf('>a<'));
  });

  it('charts the explained variance of PCA', () => {
    const out = html(
      preview({ type: 'pca', details: { kind: 'explainedVariance', ratios: [0.6, 0.25] } }),
    );
    expect(ariaLabels(out)).toEqual([
      '2 components explain 85% of the training variance; the first explains 60%.',
    ]);
  });

  it('lists conflicting duplicates in a real table', () => {
    const out = html(
      preview({
        type: 'dropDuplicates',
        details: {
          kind: 'duplicates',
          removed: 1,
          conflicts: [{ rows: [0, 4], targets: ['yes', 'no'], values: ['2.5', 'red'] }],
          conflictCount: 3,
          columns: ['size', 'colour'],
          hiddenColumns: 0,
        },
      }),
    );
    expect(out).toContain('<caption>Conflicting duplicates: 3 groups share features but not');
    expect(out).toMatch(/<th scope="col">size<\/th>\s*<th scope="col">colour<\/th>/);
    expect(out).toContain('<td>yes / no</td>');
    expect(out).toContain('… and 2 more groups');
  });

  it('renders nothing for a step without charts, and every string in Chinese', () => {
    expect(ariaLabels(html(preview({ type: 'standardize' })))).toEqual([]);
    locale.current = 'zh-CN';
    try {
      const out = html(preview({ boxes: [box('bill', 1)] }));
      expect(ariaLabels(out)[0]).toContain('箱线图');
      expect(out).not.toMatch(/prepare\.|chart\./);
    } finally {
      locale.current = 'en';
    }
  });
});
