/**
 * Server-side renders of the training studio's pieces: the builder offered as a model family,
 * the run controls as real buttons enabled only when they can act, the resume offer naming its
 * epoch, and checkpoint news (a full quota as a problem, a lost device naming the new backend).
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import ModelFamily from '../../../src/components/model/ModelFamily.svelte';
import RunControls from '../../../src/components/train/RunControls.svelte';
import ResumeOfferCard from '../../../src/components/train/ResumeOfferCard.svelte';
import CheckpointNotice from '../../../src/components/train/CheckpointNotice.svelte';
import CheckpointSetting from '../../../src/components/network/CheckpointSetting.svelte';
import type { ResumeOffer } from '../../../src/state/checkpoint-offer';
import NetworkTrainingForm from '../../../src/components/network/NetworkTrainingForm.svelte';
import { NetworkDraft } from '../../../src/state/NetworkDraft.svelte';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

const noop = () => undefined;

describe('training studio components', () => {
  it('ModelFamily offers the layer builder and describes it when chosen', () => {
    const { body } = render(ModelFamily, {
      props: {
        task: 'classification',
        learner: null,
        builder: true,
        disabled: false,
        onchange: noop,
      },
    });
    expect(body).toContain('Neural network — layer builder');
    expect(body).toMatch(/<option value="network-builder"[^>]*selected/);
    expect(body).toContain('presets fit the chosen data');
  });

  it('RunControls: Pause while running; Resume and steps only while paused', () => {
    const running = render(RunControls, {
      props: {
        canPause: true,
        canStep: false,
        isPaused: false,
        onpause: noop,
        onresume: noop,
        onstep: noop,
      },
    }).body;
    expect(running).toContain('role="group"');
    expect(running).toMatch(/<button type="button" class="[^"]*">Pause<\/button>/);
    expect(running).toMatch(/<button type="button" disabled[^>]*>Resume<\/button>/);
    expect(running).toMatch(/disabled[^>]*>Step one batch<\/button>/);
    const paused = render(RunControls, {
      props: {
        canPause: false,
        canStep: true,
        isPaused: true,
        onpause: noop,
        onresume: noop,
        onstep: noop,
      },
    }).body;
    expect(paused).toMatch(/<button type="button" disabled[^>]*>Pause<\/button>/);
    expect(paused).not.toMatch(/disabled[^>]*>Step one epoch<\/button>/);
    expect(paused).toContain('Paused.');
  });

  it('ResumeOfferCard names the dataset, the epochs saved and the resume epoch', () => {
    const offer = {
      key: 'network:digits:label',
      epoch: 6,
      epochs: 25,
      savedAt: 0,
      datasetId: 'digits',
      request: {},
    } as unknown as ResumeOffer;
    const { body } = render(ResumeOfferCard, {
      props: { offer, title: 'Digits', disabled: false, onresume: noop, ondiscard: noop },
    });
    expect(body).toContain('Interrupted run');
    expect(body).toContain('Digits: 6 of 25 epochs were saved');
    expect(body).toContain('Resume from epoch 6');
    expect(body).toContain('Discard checkpoint');
  });

  it('CheckpointNotice: a full quota is a problem, a lost device names the new backend', () => {
    const quota = render(CheckpointNotice, {
      props: { note: { key: 'studio.checkpoint.quota', params: { epoch: 4 }, isProblem: true } },
    }).body;
    expect(quota).toContain('role="status"');
    expect(quota).toContain('storage is full');
    expect(quota).toMatch(/class="note [^"]*problem"/);
    const lost = render(CheckpointNotice, {
      props: {
        note: {
          key: 'studio.resumed.deviceLost',
          params: { epoch: 4, backend: 'wasm' },
          isProblem: false,
        },
      },
    }).body;
    expect(lost).toContain('moved to WebAssembly and continued from epoch 4');
  });

  it('CheckpointSetting: a labelled spinbutton with its problem', () => {
    const { body } = render(CheckpointSetting, {
      props: {
        value: -1,
        problem: 'studio.checkpoint.everyInvalid',
        disabled: false,
        onchange: noop,
      },
    });
    expect(body).toContain('Checkpoint every (epochs)');
    expect(body).toContain('Enter a whole number of epochs');
  });

  it('NetworkTrainingForm shows each invalid setting beside its field, early stopping included', () => {
    const draft = new NetworkDraft();
    draft.setTarget({ task: 'classification', width: 4, classes: 3 });
    draft.setTraining({
      epochs: 0,
      earlyStopping: { enabled: true, monitor: 'valLoss', patience: 0, restoreBest: true },
    });
    const { body } = render(NetworkTrainingForm, { props: { draft, disabled: false } });
    expect(body).toContain('Epochs must be a whole number from 1 to 1,000.');
    expect(body).toContain('Patience must be a whole number of epochs, 1 or more.');
    expect(draft.isValid).toBe(false);
  });
});
