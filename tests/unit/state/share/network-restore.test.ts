/**
 * A builder network restored from a link (or a saved project) survives the targets the Model
 * screen sends while the data's shape settles: the first comes from the raw columns, the
 * recipe's width only with its preview. Its layers stay (a vector input follows the width) until
 * another dataset is chosen; then presets follow the data again.
 */
import { describe, expect, it } from 'vitest';
import { proposePresets } from '../../../../src/core/network/presets';
import type { NetworkModelSpec } from '../../../../src/core/network/training-spec';
import { DEFAULT_MLP, DEFAULT_SPLIT, Project } from '../../../../src/state/Project.svelte';
import { snapshotOf } from '../../../../src/state/project-snapshot';

const idle = () => new Promise<never>(() => {});

const shared: NetworkModelSpec = {
  spec: {
    inputShape: [9],
    layers: [
      { type: 'dense', units: 12, activation: 'tanh' },
      { type: 'dense', units: 6, activation: 'relu' },
    ],
  },
  training: { ...proposePresets({ task: 'classification', width: 9 })[0]!.training, epochs: 7 },
};

function opened(): Project {
  const project = new Project('cpu', () => ({ previewRecipe: idle }));
  project.restore(
    snapshotOf({
      datasetId: 'penguins',
      recipe: null,
      split: DEFAULT_SPLIT,
      splitStrategy: { kind: 'stratified' },
      model: DEFAULT_MLP,
      classical: null,
      network: shared,
      modelKind: 'network',
    }),
  );
  return project;
}

describe('a restored builder network and the data’s shape', () => {
  it('keeps its layers through the raw columns’ target and the recipe’s width', () => {
    const project = opened();
    expect(project.usesBuilder).toBe(true);
    project.builder.setTarget({ task: 'classification', width: 6, classes: 3 });
    expect(project.network?.spec).toEqual({ ...shared.spec, inputShape: [6] });
    project.builder.setTarget({ task: 'classification', width: 9, classes: 3 });
    expect(project.network?.spec).toEqual(shared.spec);
    expect(project.network?.training.epochs).toBe(7);
  });

  it('gives way to presets when another dataset is chosen', () => {
    const project = opened();
    project.selectDataset('iris');
    project.builder.setTarget({ task: 'classification', width: 4, classes: 3 });
    expect(project.network?.spec.inputShape).toEqual([4]);
  });
});
