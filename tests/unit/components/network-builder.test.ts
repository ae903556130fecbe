/**
 * Server-side renders of the layer builder: a real table with headers, buttons named for the
 * layer they act on, the output head, the problem in words, and a diagram with a name.
 */
import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import type * as LocaleModule from '../../../src/state/LocaleState.svelte';
import NetworkBuilder from '../../../src/components/network/NetworkBuilder.svelte';
import NetworkTrainingForm from '../../../src/components/network/NetworkTrainingForm.svelte';
import { NetworkDraft } from '../../../src/state/NetworkDraft.svelte';

vi.mock('../../../src/state/LocaleState.svelte', async (importOriginal) => {
  const actual = await importOriginal<typeof LocaleModule>();
  const state = new actual.LocaleState('en');
  return { ...actual, getLocaleContext: () => state };
});

function imageDraft(): NetworkDraft {
  const draft = new NetworkDraft();
  draft.setTarget({ task: 'classification', width: 64, classes: 10, image: [8, 8, 1] });
  return draft;
}

describe('NetworkBuilder', () => {
  it('renders the stack as a table with per-layer shapes, parameters and named actions', () => {
    const { body } = render(NetworkBuilder, { props: { draft: imageDraft(), disabled: false } });
    expect(body).toContain('<table');
    expect(body).toMatch(/<th scope="col"[^>]*>Output shape<\/th>/);
    expect(body).toContain('Conv2D');
    expect(body).toContain('8 × 8 × 16');
    expect(body).toContain('aria-label="Remove layer 1"');
    expect(body).toContain('aria-label="Move layer 2 up"');
    expect(body).toContain('Output (set by the task)');
    expect(body).toMatch(/role="img" aria-label="Architecture: Input 8×8×1 → Conv2D 8×8×16/);
    expect(body).toContain('aria-pressed="true"');
  });

  it('says which layer is impossible and why', () => {
    const draft = imageDraft();
    draft.setInputShape([64]);
    const { body } = render(NetworkBuilder, { props: { draft, disabled: false } });
    expect(body).toContain('role="alert"');
    expect(body).toContain('Layer 1 needs images (height × width × channels) but gets 1-D data.');
  });
});

describe('NetworkTrainingForm', () => {
  it('offers the losses of the task and draws the planned learning rate', () => {
    const draft = imageDraft();
    draft.setTraining({ epochs: 10, schedule: { kind: 'cosine', minLr: 0 } });
    const { body } = render(NetworkTrainingForm, { props: { draft, disabled: false } });
    expect(body).toContain('Sparse categorical cross-entropy');
    expect(body).not.toContain('Mean squared error');
    expect(body).toMatch(/aria-label="Learning rate from [^"]+ to 0 over 10 epochs"/);
  });
});
