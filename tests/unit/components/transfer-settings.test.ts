/**
 * Transfer learning in the UI, rendered on the server: the registered networks that fit the
 * data as choices, the head the new labels need, one named checkbox per layer with weights, and
 * the fine-tuned run's lineage row in the registry.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import type * as HistoryModule from '../../../src/state/RunHistory.svelte';
import type { RunSummary } from '../../../src/state/RunHistory.svelte';
import TransferSettings from '../../../src/components/network/TransferSettings.svelte';
import { runModel } from '../../../src/components/compare/run-text';
import { transferRows } from '../../../src/components/registry/transfer-lineage';
import { proposePresets } from '../../../src/core/network/presets';
import { NetworkDraft } from '../../../src/state/NetworkDraft.svelte';
import { translate } from '../../../src/i18n';
import { detail, newRun, stored } from '../storage/run-fixtures';

const DIGITS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt'];
const cnn = proposePresets({ task: 'classification', width: 784, image: [28, 28, 1] })[0]!;

const runs: RunSummary[] = [];
vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});
vi.mock('../../../src/state/RunHistory.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof HistoryModule>();
  return { ...actual, getRunHistory: () => ({ runs }) };
});
vi.mock('../../../src/state/DatasetCatalog.svelte', () => ({
  getCatalog: () => ({
    byId: (id: string) => ({ mnist: { classes: DIGITS }, fashion: { classes: FASHION } })[id],
  }),
}));
vi.mock('../../../src/state/Project.svelte', () => ({
  getProject: () => ({ datasetId: 'fashion' }),
}));

function mnistRun(id: string, seq: number, inputShape = [28, 28, 1]): RunSummary {
  return stored(
    newRun(id, seq, {
      dataset: { id: 'mnist', title: 'MNIST', target: 'label', task: 'classification' },
      model: { kind: 'network', network: { ...cnn, spec: { ...cnn.spec, inputShape } } },
      headline: { key: 'accuracy', value: 0.9123 },
      hasWeights: true,
    }),
    seq,
  );
}

function fashionDraft(): NetworkDraft {
  const draft = new NetworkDraft();
  draft.setTarget({ task: 'classification', width: 784, classes: 7, image: [28, 28, 1] });
  return draft;
}

describe('TransferSettings', () => {
  it('offers the registered networks that read these rows, and says when none does', () => {
    runs.splice(0, runs.length, mnistRun('a', 1), mnistRun('b', 2, [8, 8, 1]));
    const { body } = render(TransferSettings, {
      props: { draft: fashionDraft(), disabled: false },
    });
    expect(body).toContain('<legend>Start from a registered model</legend>');
    expect(body).toContain('None: fresh weights');
    expect(body).toContain('Run 1 · MNIST · test accuracy 0.912');
    expect(body).not.toContain('Run 2');

    runs.splice(0, runs.length, mnistRun('b', 2, [8, 8, 1]));
    const none = render(TransferSettings, { props: { draft: fashionDraft(), disabled: false } });
    expect(none.body).toContain('No registered network reads rows of this shape (28 × 28 × 1)');
    expect(none.body).not.toContain('<select');
  });

  it('shows the new head for the new labels and a named freeze box per weighted layer', () => {
    runs.splice(0, runs.length, mnistRun('a', 1));
    const draft = fashionDraft();
    draft.startFrom(cnn.spec, {
      sourceRunId: 'a',
      sourceName: 'Run 1',
      sourceDataset: 'MNIST',
      sourceClasses: DIGITS,
      frozen: [0, 2],
    });
    const { body } = render(TransferSettings, { props: { draft, disabled: false } });
    expect(body).toContain('Weights from Run 1 (MNIST).');
    expect(body).toContain(
      'New head: 10 → 7 classes, labels T-shirt/top, Trouser, Pullover, Dress, Coat….',
    );
    expect(body).toMatch(/<input type="checkbox" checked[^>]*\/> Freeze layer 1 \(Conv2D\)/);
    expect(body).toMatch(/<input type="checkbox" checked[^>]*\/> Freeze layer 3 \(Conv2D\)/);
    expect(body).toMatch(/<input type="checkbox"(?! checked)[^>]*\/> Freeze layer 6 \(Dense\)/);
    expect(body).not.toContain('Freeze layer 2');
    expect(body).toContain('By default the convolutional');
    // conv 160 + conv 4,640 frozen; dense 7·7·32·64 + 64 = 100,416 and head 64·7 + 7 = 455 train.
    expect(body).toContain('4,800 of 105,671 parameters frozen; 100,871 train.');
  });
});

describe('transferRows', () => {
  const t = (key: string, params?: Record<string, string | number>) => translate('en', key, params);

  it('names the source, the frozen layers and the head of a fine-tuned run', () => {
    const run = mnistRun('c', 3);
    if (run.model.kind !== 'network') throw new Error('network run expected');
    run.model.network.transfer = {
      sourceRunId: 'a',
      sourceName: 'Run 1',
      sourceDataset: 'MNIST',
      sourceClasses: DIGITS,
      frozen: [0, 2],
    };
    expect(transferRows(run, null, t)).toEqual([
      {
        key: 'transfer',
        value: 'Fine-tuned from Run 1 (MNIST); frozen layers: 1 (Conv2D), 3 (Conv2D)',
      },
    ]);
    const rows = transferRows(run, detail('c'), t);
    expect(rows[0]?.value).toMatch(/3 \(Conv2D\); new head for 2 classes$/);
    expect(transferRows(mnistRun('d', 4), null, t)).toEqual([]);
    expect(runModel(run, 'en', t)).toMatch(/, fine-tuned from Run 1$/);
    expect(runModel(mnistRun('d', 4), 'en', t)).not.toContain('fine-tuned');
  });
});
