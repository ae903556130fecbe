import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../../src/contracts/datasets';
import { Project } from '../../../../src/state/Project.svelte';
import {
  datasetRefOf,
  parseSnapshot,
  sameSettings,
  serializeSnapshot,
} from '../../../../src/state/project-snapshot';
import { storedEntryId } from '../../../../src/state/stored-entry';

const noPreview = () => ({ previewRecipe: () => new Promise<never>(() => undefined) });

function edited(): Project {
  const project = new Project('cpu', noPreview);
  project.selectDataset('penguins');
  project.updateModel({ hiddenLayers: [32], learningRate: 0.005, seed: 7 });
  project.updateSplit({ train: 0.7, validation: 0.1, test: 0.2 });
  project.setSplitStrategy({ kind: 'random' });
  project.addStep('standardize');
  project.chooseLearner('logistic-regression');
  return project;
}

describe('project snapshots', () => {
  it('round-trips every setting through JSON into a fresh project', () => {
    const source = edited();
    const snapshot = source.snapshot();
    const parsed = parseSnapshot(JSON.parse(serializeSnapshot(snapshot)));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;

    const target = new Project('cpu', noPreview);
    target.restore(parsed.snapshot);
    expect(target.datasetId).toBe('penguins');
    expect(target.model).toEqual(source.model);
    expect(target.split).toEqual(source.split);
    expect(target.splitStrategy).toEqual({ kind: 'random' });
    expect(target.recipe).toEqual(source.recipe);
    expect(target.classical).toEqual(source.classical);
    expect(sameSettings(target.snapshot(), snapshot)).toBe(true);
    expect(snapshot.seed).toBe(7);
    expect(snapshot.modelKind).toBe('classical');
    expect(source.classical?.learner).toBe('logistic-regression');
  });

  it('keeps a builder network started from a registered model, with its frozen layers', () => {
    const source = new Project('cpu', noPreview);
    source.selectDataset('digits');
    source.chooseNetworkBuilder();
    source.builder.setTarget({ task: 'classification', width: 64, classes: 10, image: [8, 8, 1] });
    const transfer = {
      sourceRunId: 'run-7',
      sourceName: 'Run 7',
      sourceDataset: 'MNIST',
      sourceClasses: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
      frozen: [0],
    };
    source.builder.startFrom(JSON.parse(JSON.stringify(source.builder.spec)), transfer);

    const parsed = parseSnapshot(JSON.parse(serializeSnapshot(source.snapshot())));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.snapshot.network?.transfer).toEqual(transfer);
    const target = new Project('cpu', noPreview);
    target.restore(parsed.snapshot);
    expect(target.builder.transfer).toEqual(transfer);
    expect(target.network?.transfer).toEqual(transfer);

    const tampered = JSON.parse(serializeSnapshot(source.snapshot())) as {
      network: { transfer: { frozen: unknown[] } };
    };
    tampered.network.transfer.frozen = ['<b>0</b>'];
    expect(parseSnapshot(tampered)).toMatchObject({ ok: false });
  });

  it('copies, so editing the project later does not change a taken snapshot', () => {
    const project = edited();
    const snapshot = project.snapshot();
    project.updateModel({ hiddenLayers: [4, 4] });
    expect(snapshot.model.hiddenLayers).toEqual([32]);
  });

  it('names shipped data by id and stored data by its stored id, name and size', () => {
    expect(datasetRefOf('iris')).toEqual({ kind: 'builtin', id: 'iris' });
    const entryId = storedEntryId('abc123', 'label', 'classification');
    expect(datasetRefOf(entryId)).toMatchObject({ kind: 'imported', storedId: 'abc123' });
    const entry = {
      id: entryId,
      title: 'moons.csv',
      rows: 200,
      columns: 3,
      sha256: 'a'.repeat(64),
      source: { registry: 'indexeddb', path: 'abc123' },
    } as BuiltinDatasetEntry;
    expect(datasetRefOf(entryId, entry)).toEqual({
      kind: 'imported',
      storedId: 'abc123',
      name: 'moons.csv',
      rows: 200,
      columns: 3,
      sha256: 'a'.repeat(64),
    });
  });

  it('refuses damaged data with the path of the problem, and drops unknown keys', () => {
    const good = JSON.parse(serializeSnapshot(edited().snapshot())) as Record<string, unknown>;
    const bad = parseSnapshot({ ...good, split: { train: 'x', validation: 0, test: 0 } });
    expect(bad).toEqual({
      ok: false,
      code: 'projects.error.invalid',
      params: { path: 'split.train' },
    });
    expect(parseSnapshot(null).ok).toBe(false);
    expect(parseSnapshot({ ...good, v: 99 }).ok).toBe(false);
    const extra = parseSnapshot({ ...good, surprise: '<b>hi</b>' });
    expect(extra.ok && 'surprise' in extra.snapshot).toBe(false);
  });

  it('falls back to the default recipe when a stored one no longer parses', () => {
    const project = new Project('cpu', noPreview);
    const snapshot = { ...edited().snapshot(), recipe: '{"broken":' };
    project.restore(snapshot);
    expect(project.recipe).toBeNull();
  });
});
