import { describe, expect, it } from 'vitest';
import { proposePresets } from '../../../src/core/network/presets';
import type { TransferSpec } from '../../../src/core/network/transfer';
import { NetworkDraft } from '../../../src/state/NetworkDraft.svelte';

const cnn = proposePresets({ task: 'classification', width: 784, image: [28, 28, 1] })[0]!;
const transfer: TransferSpec = {
  sourceRunId: 'r1',
  sourceName: 'Run 1',
  sourceDataset: 'MNIST',
  sourceClasses: ['0', '1'],
  frozen: [0, 2],
};

function imageDraft(): NetworkDraft {
  const draft = new NetworkDraft();
  draft.setTarget({ task: 'classification', width: 784, classes: 10, image: [28, 28, 1] });
  draft.setTraining({ epochs: 3 });
  return draft;
}

describe('NetworkDraft: starting from a registered run', () => {
  it('takes the source’s stack, keeps the training settings and sends the transfer along', () => {
    const draft = imageDraft();
    draft.startFrom({ ...cnn.spec, inputShape: [28, 28, 1] }, transfer);
    expect(draft.spec.layers).toEqual(cnn.spec.layers);
    expect(draft.training.epochs).toBe(3);
    const model = draft.toModelSpec();
    expect(model.transfer).toEqual(transfer);
    expect(structuredClone(model)).toEqual(model);
  });

  it('freezes and thaws weighted layers only', () => {
    const draft = imageDraft();
    draft.startFrom(cnn.spec, transfer);
    draft.setFrozen(5, true);
    draft.setFrozen(0, false);
    draft.setFrozen(1, true);
    expect(draft.transfer?.frozen).toEqual([2, 5]);
  });

  it('goes back to fresh weights when the stack, the input or the preset changes', () => {
    const draft = imageDraft();
    draft.startFrom(cnn.spec, transfer);
    draft.updateLayer(5, { units: 32 });
    expect(draft.transfer).toBeNull();
    expect(draft.toModelSpec().transfer).toBeUndefined();

    draft.startFrom(cnn.spec, transfer);
    draft.setInputShape([784]);
    expect(draft.transfer).toBeNull();

    draft.startFrom(cnn.spec, transfer);
    draft.applyPreset(cnn);
    expect(draft.transfer).toBeNull();

    draft.startFrom(cnn.spec, transfer);
    draft.clearTransfer();
    expect(draft.transfer).toBeNull();
  });

  it('restores a transfer with the network it belongs to (undo, opening a project)', () => {
    const draft = imageDraft();
    draft.restore({ spec: cnn.spec, training: cnn.training, transfer });
    expect(draft.transfer).toEqual(transfer);
    draft.restore({ spec: cnn.spec, training: cnn.training });
    expect(draft.transfer).toBeNull();
  });
});
