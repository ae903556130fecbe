import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import { backendFromQuery, DEFAULT_MLP, Project } from '../../../src/state/Project.svelte';
import { buildTrainRequest } from '../../../src/state/train-request';

const IRIS: BuiltinDatasetEntry = {
  id: 'iris',
  file: 'iris.csv',
  format: 'csv',
  title: 'Iris',
  task: 'classification',
  target: 'species',
  features: [{ name: 'a', type: 'numeric' }],
  classes: ['x', 'y'],
  source: {},
  license: 'CC0',
  rows: 150,
  columns: 5,
  has_missing: false,
  bytes: 1,
  sha256: '',
};

describe('backendFromQuery', () => {
  it('accepts the four backends and defaults to auto', () => {
    expect(backendFromQuery('?backend=cpu')).toBe('cpu');
    expect(backendFromQuery('?backend=webgpu&x=1')).toBe('webgpu');
    expect(backendFromQuery('?backend=cuda')).toBe('auto');
    expect(backendFromQuery('')).toBe('auto');
  });
});

describe('Project', () => {
  it('validates model edits', () => {
    const project = new Project();
    expect(project.isModelValid).toBe(true);
    project.updateModel({ epochs: 0 });
    expect(project.isModelValid).toBe(false);
    expect(project.modelProblems.map((p) => p.field)).toEqual(['epochs']);
    project.updateModel({ epochs: 10 });
    expect(project.isModelValid).toBe(true);
  });

  it('knows which datasets it can train on', () => {
    expect(Project.canTrainOn(IRIS)).toBe(true);
    expect(Project.canTrainOn({ ...IRIS, task: 'text-generation', target: null })).toBe(false);
    expect(Project.canTrainOn(undefined)).toBe(false);
  });
});

describe('buildTrainRequest', () => {
  it('copies plain data out of the settings', () => {
    const model = { ...DEFAULT_MLP };
    const request = buildTrainRequest(IRIS, 'http://h/datasets/iris.csv', {
      model,
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      backendPreference: 'cpu',
    });
    expect(request.dataset).toMatchObject({
      id: 'iris',
      target: 'species',
      task: 'classification',
      classes: ['x', 'y'],
    });
    expect(request.model).toEqual(model);
    expect(request.model.hiddenLayers).not.toBe(model.hiddenLayers);
    expect(() => structuredClone(request)).not.toThrow();
  });

  it('rejects a dataset without a target', () => {
    expect(() =>
      buildTrainRequest({ ...IRIS, target: null }, 'u', {
        model: DEFAULT_MLP,
        split: { train: 0.6, validation: 0.2, test: 0.2 },
        backendPreference: 'auto',
      }),
    ).toThrow(RangeError);
  });
});
