/**
 * Server-side renders of the shell widgets, the Train screen's parts and the chart helpers:
 * roles, accessible names and text that end-to-end tests and screen readers depend on.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { PreparationSummary } from '../../../src/contracts/training';
import BackendBadge from '../../../src/components/common/BackendBadge.svelte';
import ErrorBanner from '../../../src/components/common/ErrorBanner.svelte';
import LineChart from '../../../src/components/charts/LineChart.svelte';
import DatasetCard from '../../../src/components/data/DatasetCard.svelte';
import LayerList from '../../../src/components/model/LayerList.svelte';
import SplitTable from '../../../src/components/train/SplitTable.svelte';
import TrainingProgress from '../../../src/components/train/TrainingProgress.svelte';
import { cellShade, contrastRatio } from '../../../src/components/charts/colors';
import { dataRows, finitePoints, layoutLegend } from '../../../src/components/charts/chart-layout';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

function attr(html: string, name: string): string | undefined {
  return html.match(new RegExp(`${name}="([^"]*)"`))?.[1];
}

describe('BackendBadge', () => {
  it('says the backend is chosen later before any run', () => {
    const { body } = render(BackendBadge, { props: { report: null, preference: 'auto' } });
    expect(body).toContain('role="status"');
    expect(attr(body, 'aria-label')).toBe('Backend: chosen when training starts');
    const forced = render(BackendBadge, { props: { report: null, preference: 'cpu' } }).body;
    expect(attr(forced, 'aria-label')).toBe('Backend: CPU (forced)');
  });

  it('names the backend and why faster ones were skipped', () => {
    const { body } = render(BackendBadge, {
      props: {
        preference: 'auto',
        report: {
          name: 'webgl',
          forced: false,
          skipped: [{ name: 'webgpu', reason: 'notSupported' }],
        },
      },
    });
    expect(attr(body, 'aria-label')).toBe(
      'Backend: WebGL — WebGPU skipped: not supported by this browser',
    );
  });

  it('explains a forced backend and a failed start', () => {
    const { body } = render(BackendBadge, {
      props: {
        preference: 'cpu',
        report: {
          name: 'cpu',
          forced: true,
          skipped: [
            { name: 'webgpu', reason: 'notForced' },
            { name: 'webgl', reason: 'initFailed', detail: 'context lost' },
          ],
        },
      },
    });
    expect(attr(body, 'aria-label')).toBe(
      'Backend: CPU (forced) — WebGPU skipped: not chosen (forced cpu with ?backend=cpu); ' +
        'WebGL skipped: failed to start (context lost)',
    );
  });
});

describe('ErrorBanner', () => {
  it('translates a code notice with its parameters and offers Dismiss', () => {
    const { body } = render(ErrorBanner, {
      props: { notice: { kind: 'code', code: 'error.training.nanLoss' }, ondismiss: () => {} },
    });
    expect(body).toContain('role="alert"');
    expect(body).toContain('Training diverged');
    expect(body).toContain('Dismiss');
  });

  it('renders nothing without a notice', () => {
    const { body } = render(ErrorBanner, { props: { notice: null, ondismiss: () => {} } });
    expect(body).not.toContain('role="alert"');
  });
});

describe('DatasetCard', () => {
  const entry = {
    id: 'air_passengers',
    title: 'Air passengers',
    task: 'timeseries',
    target: 'passengers',
    rows: 1234,
    columns: 2,
    features: [],
    source: { package: 'r-base-core', version: '4.2.2', registry: 'Debian 12 (bookworm)' },
    license: 'GPL',
    description: 'Monthly totals',
  } as unknown as BuiltinDatasetEntry;

  it('offers a time series as a sequence task instead of a radio choice', () => {
    const { body } = render(DatasetCard, {
      props: { entry, group: 'g', isSelected: false, onselect: () => {}, onsequence: () => {} },
    });
    expect(body).not.toMatch(/type="radio"/);
    expect(body).not.toContain('Not trainable');
    expect(body).toContain('Trainable as a sequence task');
    expect(body).toMatch(/<button[^>]*>\s*Train a forecaster on Air passengers\s*<\/button>/);
    expect(body).toContain('1,234 rows × 2 columns');
    expect(body).toContain('Task: Time series');
    expect(body).toContain('Source: r-base-core 4.2.2 (Debian 12 (bookworm))');
  });

  it('offers a text corpus (no target column) as a character model, not as untrainable', () => {
    const corpus = { ...entry, title: 'Fortunes', task: 'text-generation', target: null };
    const { body } = render(DatasetCard, {
      props: {
        entry: corpus as unknown as BuiltinDatasetEntry,
        group: 'g',
        isSelected: false,
        onselect: () => {},
        onsequence: () => {},
      },
    });
    expect(body).not.toContain('Not trainable');
    expect(body).toMatch(/<button[^>]*>\s*Train a character model on Fortunes\s*<\/button>/);
  });

  it('disables datasets no trainer can use and says why', () => {
    const { body } = render(DatasetCard, {
      props: {
        entry: { ...entry, task: 'clustering' } as unknown as BuiltinDatasetEntry,
        group: 'g',
        isSelected: false,
        onselect: () => {},
      },
    });
    expect(body).toMatch(/<input[^>]*type="radio"[^>]*disabled/);
    expect(body).toContain('Not trainable: the trainer has no model for this task.');
  });
});

describe('LayerList', () => {
  it('names each spinbutton and remove button by layer number and shows problems', () => {
    const { body } = render(LayerList, {
      props: {
        layers: [16, 0],
        problems: [
          { field: 'hiddenLayers', index: 1, key: 'range', params: { min: 1, max: 1024 } },
        ],
        disabled: false,
        onchange: () => {},
      },
    });
    expect(body).toContain('Units in layer 1');
    expect(body).toContain('Remove layer 2');
    expect(body).toContain('Add layer');
    expect(body).toContain('Enter a value from 1 to 1024.');
    expect(body).toContain('aria-invalid="true"');
  });
});

describe('SplitTable', () => {
  const summary: PreparationSummary = {
    rowsTotal: 150,
    rowsDroppedMissing: 2,
    rowsUsed: 148,
    split: { train: 88, validation: 30, test: 30 },
    featureCount: 4,
    numericFeatures: ['a', 'b', 'c', 'd'],
    categoricalFeatures: [],
    classNames: ['x', 'y'],
    classCounts: { train: [44, 44], validation: [15, 15], test: [15, 15] },
    parameterCount: 10,
  };

  it('has the caption, the subset columns and the dropped rows', () => {
    const { body } = render(SplitTable, { props: { summary } });
    expect(body).toMatch(/<caption[^>]*>Data split<\/caption>/);
    for (const col of ['Train', 'Validation', 'Test']) {
      expect(body).toMatch(new RegExp(`<th scope="col"[^>]*>${col}</th>`));
    }
    expect(body).toMatch(/<th scope="row"[^>]*>Rows<\/th>/);
    expect(body).toContain('2 rows dropped for missing values.');
  });
});

describe('TrainingProgress', () => {
  it('is a named progressbar counting finished epochs', () => {
    const { body } = render(TrainingProgress, {
      props: {
        progress: {
          epoch: 3,
          epochs: 60,
          batch: 2,
          batchesPerEpoch: 6,
          samplesPerSecond: 1234.4,
          elapsedMs: 2000,
          etaMs: 12_000,
        },
        epochsDone: 2,
        epochs: 60,
        status: 'training',
      },
    });
    expect(body).toContain('role="progressbar"');
    expect(attr(body, 'aria-label')).toBe('Training progress');
    expect(attr(body, 'aria-valuemin')).toBe('0');
    expect(attr(body, 'aria-valuemax')).toBe('60');
    expect(attr(body, 'aria-valuenow')).toBe('2');
    expect(body).toContain('Epoch 3/60');
    expect(body).toContain('1,234 samples/s');
    expect(body).toContain('12 s left');
  });
});

describe('LineChart', () => {
  it('draws an SVG named by its aria label and skips non-finite points', () => {
    const { body } = render(LineChart, {
      props: {
        title: 'Loss per epoch',
        ariaLabel: 'Loss per epoch: train 0.100, validation 0.200',
        series: [{ name: 'train', x: [1, 2, 3], y: [0.5, NaN, 0.1] }],
        xLabel: 'Epoch',
        yLabel: 'Loss',
      },
    });
    expect(body).toMatch(/<svg[^>]*role="img"[^>]*aria-label="Loss per epoch: train 0.100/);
    expect(body).toMatch(/<figcaption[^>]*>Loss per epoch<\/figcaption>/);
    const d = body.match(/<path d="([^"]*)"/)?.[1] ?? '';
    expect(d.match(/[ML]/g)).toHaveLength(2);
    expect(d).not.toContain('NaN');
  });
});

describe('chart helpers', () => {
  it('keeps only finite (and for log axes positive) points', () => {
    expect(finitePoints([1, 2, 3], [1, Infinity, -1])).toEqual([
      [1, 1],
      [3, -1],
    ]);
    expect(finitePoints([1, 2, 3], [1, Infinity, -1], true)).toEqual([[1, 1]]);
  });

  it('wraps the legend and caps the data table', () => {
    const { items, height } = layoutLegend(['a'.repeat(40), 'b'.repeat(40), 'c'], 400);
    expect(items[1]!.y).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(20);
    const table = dataRows([{ name: 's', x: [1, 2, 3], y: [4, 5, 6] }], 2);
    expect(table.rows).toHaveLength(2);
    expect(table.omitted).toBe(1);
  });

  it('picks a text colour with at least AA contrast on every shade', () => {
    const rgb = (hex: string) =>
      [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    for (let share = 0; share <= 1.0001; share += 0.05) {
      const { background, color } = cellShade(share);
      expect(contrastRatio(rgb(background), rgb(color))).toBeGreaterThanOrEqual(4.5);
    }
  });
});
