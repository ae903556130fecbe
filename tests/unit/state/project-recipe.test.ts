import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { PreviewRequest, RecipePreviewResult } from '../../../src/contracts/training';
import { parseRecipe, RECIPE_SCHEMA_VERSION, serializeRecipe } from '../../../src/core/recipe';
import { Project, type RecipePreviewer } from '../../../src/state/Project.svelte';
import { buildTrainRequest } from '../../../src/state/train-request';

const PENGUINS: BuiltinDatasetEntry = {
  id: 'penguins',
  file: 'penguins.csv',
  format: 'csv',
  title: 'Penguins',
  task: 'classification',
  target: 'species',
  features: [
    { name: 'island', type: 'categorical' },
    { name: 'bill_length_mm', type: 'numeric' },
  ],
  classes: ['Adelie', 'Chinstrap', 'Gentoo'],
  source: {},
  license: 'CC0',
  rows: 344,
  columns: 7,
  has_missing: true,
  bytes: 1,
  sha256: '',
};

const DEFAULT_RECIPE = serializeRecipe({
  schemaVersion: RECIPE_SCHEMA_VERSION,
  steps: [
    {
      id: 'default-1',
      type: 'standardize',
      enabled: true,
      options: {},
      reasonKey: 'recipe.why.standardizeNumerics',
    },
    {
      id: 'default-2',
      type: 'oneHot',
      enabled: true,
      options: { maxCategories: 50 },
      reasonKey: 'recipe.why.oneHotCategoricals',
    },
  ],
});

/** A previewer that answers every request with the default recipe and records the requests. */
function fakePreviewer(): RecipePreviewer & { requests: PreviewRequest[] } {
  const requests: PreviewRequest[] = [];
  return {
    requests,
    previewRecipe: (request) => {
      requests.push(request);
      const result: RecipePreviewResult = {
        ok: true,
        recipe: request.recipe ?? DEFAULT_RECIPE,
        inputColumns: [],
        rowsTotal: 10,
        rowsDroppedMissingTarget: 0,
        split: { train: 6, validation: 2, test: 2 },
        input: { columns: [], hiddenColumns: 0, rows: [] },
        steps: [],
      };
      return Promise.resolve(result);
    },
  };
}

async function loaded(): Promise<{
  project: Project;
  previewer: ReturnType<typeof fakePreviewer>;
}> {
  const previewer = fakePreviewer();
  const project = new Project('cpu', () => previewer);
  project.selectDataset('penguins');
  await project.refreshPreview(PENGUINS, 'http://h/datasets/penguins.csv');
  return { project, previewer };
}

const types = (project: Project): string[] => project.recipe?.steps.map((s) => s.type) ?? [];

describe('Project recipe editing', () => {
  it('takes the default recipe from the first preview', async () => {
    const { project, previewer } = await loaded();
    expect(previewer.requests[0]?.recipe).toBeNull();
    expect(types(project)).toEqual(['standardize', 'oneHot']);
    expect(project.previewStatus).toBe('ready');
  });

  it('adds, moves, disables and removes steps', async () => {
    const { project } = await loaded();
    project.addStep('classWeights');
    project.addStep('pca');
    expect(types(project)).toEqual(['standardize', 'oneHot', 'classWeights', 'pca']);
    const [pca] = project.recipe?.steps.filter((s) => s.type === 'pca') ?? [];
    expect(pca?.options).toEqual({ components: 2 });
    project.moveStep(pca?.id ?? '', -1);
    expect(types(project)).toEqual(['standardize', 'oneHot', 'pca', 'classWeights']);
    project.moveStep('default-1', -1);
    expect(types(project)).toEqual(['standardize', 'oneHot', 'pca', 'classWeights']);
    project.setStepEnabled('default-2', false);
    expect(project.recipe?.steps[1]?.enabled).toBe(false);
    project.updateStepOptions(pca?.id ?? '', { components: 3 });
    expect(project.recipe?.steps[2]?.options).toEqual({ components: 3 });
    project.removeStep('default-1');
    expect(types(project)).toEqual(['oneHot', 'pca', 'classWeights']);
    // New ids never collide with existing ones.
    const ids = project.recipe?.steps.map((s) => s.id) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('sends the edited recipe and split strategy to training and preview', async () => {
    const { project, previewer } = await loaded();
    project.removeStep('default-1');
    project.setSplitStrategy({ kind: 'grouped', groupColumn: 'island' });
    const request = buildTrainRequest(PENGUINS, 'u', project);
    expect(request.splitStrategy).toEqual({ kind: 'grouped', groupColumn: 'island' });
    expect(parseRecipe(request.recipe ?? '').steps.map((s) => s.type)).toEqual(['oneHot']);
    expect(() => structuredClone(request)).not.toThrow();
    await project.refreshPreview(PENGUINS, 'u');
    expect(parseRecipe(previewer.requests[1]?.recipe ?? '').steps).toHaveLength(1);
  });

  it('drops the recipe when the dataset changes, and validates split ratios', async () => {
    const { project } = await loaded();
    project.selectDataset('iris');
    expect(project.recipe).toBeNull();
    expect(project.preview).toBeNull();
    project.updateSplit({ train: 0 });
    expect(project.splitProblems).toEqual(['train']);
    expect(project.isModelValid).toBe(false);
    project.updateSplit({ train: 0.7 });
    expect(project.isModelValid).toBe(true);
  });

  it('keeps only the latest preview', async () => {
    const previewer = fakePreviewer();
    let release: (() => void) | undefined;
    const slow: RecipePreviewer = {
      previewRecipe: async (request) => {
        await new Promise<void>((resolve) => (release = resolve));
        return previewer.previewRecipe({ ...request, recipe: null });
      },
    };
    const project = new Project('cpu', () => slow);
    project.selectDataset('penguins');
    const first = project.refreshPreview(PENGUINS, 'u');
    project.selectDataset('iris');
    release?.();
    await first;
    expect(project.recipe).toBeNull();
    expect(project.preview).toBeNull();
  });
});
