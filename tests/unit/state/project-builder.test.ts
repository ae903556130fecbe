/**
 * The layer builder as a model family: the project holds its draft, the draft follows the
 * dataset (image datasets get the CNN), the request carries the network and where its
 * checkpoints go, problems keep Train disabled, and a resume sends the interrupted request again.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import type { RecipePreviewResult } from '../../../src/contracts/training';
import { validateNetworkTraining } from '../../../src/core/network/validate-training';
import {
  checkpointEveryProblem,
  checkpointKeyOf,
  offerOf,
  type ResumableRequest,
} from '../../../src/state/checkpoint-offer';
import { imageShapeOf, inputWidthOf, networkTargetOf } from '../../../src/state/network-target';
import { Project } from '../../../src/state/Project.svelte';
import { buildTrainRequest } from '../../../src/state/train-request';

const MANIFEST = JSON.parse(
  readFileSync(resolve(process.cwd(), 'public/datasets/manifest.json'), 'utf8'),
) as BuiltinDatasetEntry[];
const byId = (id: string): BuiltinDatasetEntry => {
  const entry = MANIFEST.find((e) => e.id === id);
  if (!entry) throw new Error(`no ${id}`);
  return entry;
};
const URL_OF = 'https://example.test/datasets/x.csv';

function builderProject(entry: BuiltinDatasetEntry): Project {
  const project = new Project('cpu', () => ({
    previewRecipe: () => Promise.reject(new Error('no previews here')),
  }));
  project.selectDataset(entry.id);
  project.chooseNetworkBuilder();
  const target = networkTargetOf(entry, null);
  if (target) project.builder.setTarget(target);
  return project;
}

describe('network target of a dataset', () => {
  it('reads the image shape of pixel datasets from the manifest', () => {
    expect(imageShapeOf(byId('digits'))).toEqual([8, 8, 1]);
    expect(imageShapeOf(byId('mnist'))).toEqual([28, 28, 1]);
    expect(imageShapeOf(byId('fashion_mnist'))).toEqual([28, 28, 1]);
    expect(imageShapeOf(byId('iris'))).toBeUndefined();
    expect(networkTargetOf(byId('digits'), null)).toEqual({
      task: 'classification',
      width: 64,
      classes: 10,
      image: [8, 8, 1],
    });
  });

  it('follows the recipe: a step that adds columns widens the input', () => {
    const preview = {
      ok: true,
      steps: [
        { skipped: false, columnsBefore: 5, columnsAfter: 8 },
        { skipped: true, columnsBefore: 8, columnsAfter: 2 },
      ],
    } as unknown as RecipePreviewResult;
    expect(inputWidthOf({ features: [{ name: 'a', type: 'x' }] }, preview)).toBe(4);
  });
});

describe('Project with the layer builder', () => {
  it('proposes the CNN for digits and sends it with a checkpoint setting', () => {
    const entry = byId('digits');
    const project = builderProject(entry);
    expect(project.usesBuilder).toBe(true);
    expect(project.builder.presetId).toBe('cnn');
    expect(project.isModelValid).toBe(true);
    project.setCheckpointEvery(3);
    const request = buildTrainRequest(entry, URL_OF, project);
    expect(request.network?.spec.inputShape).toEqual([8, 8, 1]);
    expect(request.network?.spec.layers[0]?.type).toBe('conv2d');
    expect(request.checkpoint).toEqual({ key: 'network:-:digits:label', every: 3 });
    project.setProjectId('p7');
    expect(buildTrainRequest(entry, URL_OF, project).checkpoint?.key).toBe(
      'network:p7:digits:label',
    );
    expect(request.classical).toBeUndefined();
    // Plain data: it survives structured cloning (postMessage) unchanged.
    expect(structuredClone(request)).toEqual(request);
  });

  it('keeps Train disabled while the stack or a setting is impossible', () => {
    const project = builderProject(byId('iris'));
    expect(project.isModelValid).toBe(true);
    project.builder.addLayer('conv2d', 0);
    expect(project.isModelValid).toBe(false);
    project.builder.removeLayer(0);
    project.builder.setTraining({ epochs: Number.NaN });
    expect(project.isModelValid).toBe(false);
    project.builder.setTraining({ epochs: 10 });
    project.setCheckpointEvery(-1);
    expect(project.checkpointEveryProblem).toBe('studio.checkpoint.everyInvalid');
    expect(project.isModelValid).toBe(false);
  });

  it('leaves the builder for a learner or the MLP form, and the request follows', () => {
    const entry = byId('iris');
    const project = builderProject(entry);
    project.chooseLearner(null);
    expect(project.usesBuilder).toBe(false);
    expect(buildTrainRequest(entry, URL_OF, project).network).toBeUndefined();
    project.chooseNetworkBuilder();
    project.chooseLearner('random-forest-classifier');
    expect(project.network).toBeNull();
    const request = buildTrainRequest(entry, URL_OF, project);
    expect(request.network).toBeUndefined();
    expect(request.checkpoint).toBeUndefined();
  });

  it('keeps the builder network in its snapshot and restores it', () => {
    const project = builderProject(byId('iris'));
    project.builder.updateLayer(0, { units: 7 });
    const snapshot = project.snapshot();
    expect(snapshot.modelKind).toBe('network');
    const other = new Project('cpu');
    other.restore(snapshot);
    expect(other.usesBuilder).toBe(true);
    expect(other.builder.spec.layers[0]).toMatchObject({ type: 'dense', units: 7 });
  });

  it('resumes by sending the interrupted request again, told to resume', () => {
    const entry = byId('digits');
    const project = builderProject(entry);
    const original = buildTrainRequest(entry, URL_OF, project) as ResumableRequest;
    const offer = offerOf({
      key: checkpointKeyOf(original.dataset),
      savedAt: 5,
      request: original,
      checkpoint: {
        version: 1,
        epoch: 4,
        history: [],
        learningRate: 0.002,
        weights: [],
        optimizer: [],
      },
    });
    expect(offer).toMatchObject({ epoch: 4, epochs: 25, datasetId: 'digits' });
    const fresh = new Project('wasm');
    fresh.prepareResume(offer!);
    expect(fresh.datasetId).toBe('digits');
    expect(fresh.usesBuilder).toBe(true);
    const resumed = buildTrainRequest(entry, URL_OF, fresh);
    expect(resumed.network).toEqual(original.network);
    expect(resumed.backend).toBe('wasm');
    expect(resumed.checkpoint).toEqual({ ...original.checkpoint, resume: true });
    fresh.clearResume();
    expect(buildTrainRequest(entry, URL_OF, fresh).checkpoint?.resume).toBeUndefined();
  });

  it('offers no resume for a finished run or a run that was not a builder network', () => {
    const checkpoint = (epoch: number) => ({
      version: 1 as const,
      epoch,
      history: [],
      learningRate: 0.01,
      weights: [],
      optimizer: [],
    });
    const entry = byId('iris');
    const request = buildTrainRequest(entry, URL_OF, builderProject(entry)) as ResumableRequest;
    const epochs = request.network!.training.epochs;
    expect(offerOf({ key: 'k', savedAt: 1, request, checkpoint: checkpoint(epochs) })).toBeNull();
    const mlp = { ...request, network: undefined } as ResumableRequest;
    expect(offerOf({ key: 'k', savedAt: 1, request: mlp, checkpoint: checkpoint(2) })).toBeNull();
    expect(checkpointEveryProblem(0)).toBeNull();
    expect(checkpointEveryProblem(2.5)).not.toBeNull();
  });
});

describe('validateNetworkTraining', () => {
  it('names each field that cannot train', () => {
    const project = builderProject(byId('iris'));
    const training = project.builder.training;
    expect(validateNetworkTraining(training)).toEqual([]);
    const bad = validateNetworkTraining({
      ...training,
      learningRate: 0,
      batchSize: 0.5,
      epochs: 1001,
      seed: -1,
      regularization: { l1: -1, l2: Number.NaN },
      clipNorm: -2,
      earlyStopping: { ...training.earlyStopping, enabled: true, patience: 0 },
      optimizer: { name: 'adam', beta1: 1, beta2: 0.999 },
    });
    expect(bad.map((p) => p.field)).toEqual([
      'learningRate',
      'batchSize',
      'epochs',
      'seed',
      'l1',
      'l2',
      'clipNorm',
      'patience',
      'optimizer',
    ]);
  });
});
