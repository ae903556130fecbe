import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../../src/state/LocaleState.svelte';
import RunDetails from '../../../../src/components/registry/RunDetails.svelte';
import { lineageRows } from '../../../../src/components/registry/lineage';
import { runsForFilter, NO_PROJECT } from '../../../../src/components/registry/filter';
import { translate } from '../../../../src/i18n';
import { RunHistory } from '../../../../src/state/RunHistory.svelte';
import { detail, newRun, stored } from '../../storage/run-fixtures';

vi.mock('../../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

// The run's own cross-validation looks its dataset up in the catalogue; none is loaded here.
vi.mock('../../../../src/state/DatasetCatalog.svelte', () => ({
  getCatalog: () => ({ byId: () => undefined, urlOf: () => '' }),
}));
vi.mock('../../../../src/state/Notices.svelte', async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getNotices: () => ({ push: () => undefined }),
}));

const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params);
const text = (html: string) =>
  html
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

const RUN = stored(
  newRun('r1', 1, {
    project: { id: 'p1', name: 'Lesson <b>A</b>' },
    datasetHash: 'a'.repeat(64),
    hasWeights: true,
    tags: ['baseline'],
  }),
  1,
  3,
);

describe('registry views', () => {
  it('writes a run’s lineage as words, hyper-parameters as name = value pairs', () => {
    const rows = lineageRows(RUN, detail('r1'), 'en', t);
    const value = (key: string) => rows.find((row) => row.key === key)?.value;
    expect(value('project')).toBe('Lesson <b>A</b>');
    expect(value('version')).toBe('v3');
    expect(value('datasetHash')).toBe('a'.repeat(64));
    expect(value('hyper')).toBe(
      'layers = 16, activation = relu, optimizer = adam, learningRate = 0.01, batchSize = 32, epochs = 20',
    );
    expect(value('recipe')).toBe('the dataset’s default recipe');
    expect(value('weights')).toBe('kept');
  });

  it('filters by project, or to the runs without one', () => {
    const other = stored(newRun('r2', 2), 2);
    expect(runsForFilter([RUN, other], '').map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(runsForFilter([RUN, other], 'p1').map((r) => r.id)).toEqual(['r1']);
    expect(runsForFilter([RUN, other], NO_PROJECT).map((r) => r.id)).toEqual(['r2']);
  });

  it('shows an opened run with its lineage table, notes and test metrics, user text escaped', () => {
    const history = new RunHistory(
      {
        listRuns: async () => [RUN],
        getDetail: async () => null,
        addRun: async () => ({ ok: true, value: RUN }),
        updateRun: async () => ({ ok: true, value: null }),
        deleteRun: async () => undefined,
      },
      { onFailure: vi.fn(), onUnexpected: vi.fn() },
    );
    const { body } = render(RunDetails, {
      props: { history, opened: { summary: RUN, detail: detail('r1') } },
    });
    expect(body).not.toContain('<b>A</b>');
    expect(body).toContain('Lesson &lt;b>A&lt;/b>');
    const plain = text(body);
    expect(plain).toContain('Run details: Run 1');
    expect(plain).toContain('Lineage');
    expect(plain).toContain('Notes on Run 1');
    expect(plain).toContain('Test metrics');
  });
});
