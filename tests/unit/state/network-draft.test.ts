import { describe, expect, it } from 'vitest';
import { NetworkDraft } from '../../../src/state/NetworkDraft.svelte';

function draftFor(image = false): NetworkDraft {
  const draft = new NetworkDraft();
  draft.setTarget(
    image
      ? { task: 'classification', width: 64, classes: 10, image: [8, 8, 1] }
      : { task: 'classification', width: 4, classes: 3 },
  );
  return draft;
}

describe('NetworkDraft', () => {
  it('starts from the best preset for the data, the CNN for image rows', () => {
    expect(draftFor(true).presetId).toBe('cnn');
    expect(draftFor(true).spec.inputShape).toEqual([8, 8, 1]);
    expect(draftFor().presetId).toBe('mlp');
  });

  it('counts the whole network, output head included', () => {
    const draft = draftFor();
    expect(draft.full.ok).toBe(true);
    // 4-64-32-3 with dropout: (4·64+64) + (64·32+32) + (32·3+3).
    if (draft.full.ok) expect(draft.full.trainable).toBe(320 + 2080 + 99);
  });

  it('adds, moves, updates and removes layers, and names the first problem', () => {
    const draft = draftFor();
    draft.addLayer('conv2d', 0);
    expect(draft.analysis.ok).toBe(false);
    if (!draft.analysis.ok)
      expect(draft.analysis.problem).toMatchObject({ layer: 0, code: 'needsImage' });
    expect(draft.isValid).toBe(false);
    draft.removeLayer(0);
    expect(draft.isValid).toBe(true);
    draft.moveLayer(0, 1);
    expect(draft.spec.layers.map((l) => l.type)).toEqual(['dropout', 'dense', 'dense']);
    draft.updateLayer(1, { units: 7 });
    expect(draft.spec.layers[1]).toMatchObject({ type: 'dense', units: 7 });
    expect(draft.presetId).toBeNull();
  });

  it('draws the planned learning rate and flags a bad schedule', () => {
    const draft = draftFor();
    draft.setTraining({
      learningRate: 0.1,
      epochs: 4,
      schedule: { kind: 'step', every: 2, factor: 0.5 },
    });
    expect(draft.scheduleCurve).toEqual([0.1, 0.1, 0.05, 0.05]);
    draft.setTraining({ schedule: { kind: 'step', every: 0, factor: 0.5 } });
    expect(draft.scheduleProblems).toEqual([{ setting: 'every' }]);
    expect(draft.isValid).toBe(false);
  });

  it('hands the worker plain data', () => {
    const spec = draftFor().toModelSpec();
    expect(structuredClone(spec)).toEqual(spec);
    expect(spec.training.optimizer.name).toBe('adam');
  });
});
