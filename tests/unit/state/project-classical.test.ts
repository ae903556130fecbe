/**
 * The project's model-family choice: a classical learner replaces the network with its
 * catalogue defaults, edits are validated against the catalogue ranges, a choice the dataset's
 * task cannot use is dropped, and the train request carries a plain copy of the choice.
 */
import { describe, expect, it } from 'vitest';
import type { BuiltinDatasetEntry } from '../../../src/contracts/datasets';
import { findLearner } from '../../../src/core/classical-catalog';
import {
  checkClassicalSpec,
  classicalParamProblems,
  learnerGroupsFor,
} from '../../../src/state/classical-choice';
import { Project } from '../../../src/state/Project.svelte';
import { buildTrainRequest } from '../../../src/state/train-request';

function entry(id: string, task: 'classification' | 'regression'): BuiltinDatasetEntry {
  return {
    id,
    file: `${id}.csv`,
    format: 'csv',
    title: id,
    task,
    target: 'y',
    features: [{ name: 'a', type: 'numeric' }],
    source: {},
    license: 'CC0',
    rows: 10,
    columns: 2,
    has_missing: false,
    bytes: 1,
    sha256: '',
  };
}

const IRIS = entry('iris', 'classification');
const HOUSING = entry('housing', 'regression');

describe('Project classical choice', () => {
  it('starts with the network and switches to a learner with its defaults', () => {
    const project = new Project();
    expect(project.classical).toBeNull();
    project.chooseLearner('random-forest-classifier');
    expect(project.classical).toEqual({
      learner: 'random-forest-classifier',
      params: findLearner('random-forest-classifier')!.defaults,
    });
    project.chooseLearner(null);
    expect(project.classical).toBeNull();
  });

  it('ignores unknown learners and unknown fields', () => {
    const project = new Project();
    project.chooseLearner('no-such-learner');
    expect(project.classical).toBeNull();
    project.chooseLearner('svm');
    project.updateClassicalParam('bogus', 3);
    expect(project.classical?.params).not.toHaveProperty('bogus');
  });

  it('validates edits, ignores the network’s problems, and resets to defaults', () => {
    const project = new Project();
    project.updateModel({ epochs: 0 });
    expect(project.isModelValid).toBe(false);
    project.chooseLearner('decision-tree-classifier');
    expect(project.isModelValid).toBe(true);
    project.updateClassicalParam('maxDepth', 0);
    project.updateClassicalParam('minSamplesLeaf', 2.5);
    expect(project.classicalProblems).toEqual([
      { field: 'maxDepth', key: 'range', params: { min: 1, max: 64 } },
      { field: 'minSamplesLeaf', key: 'integer', params: { min: 1, max: 1000 } },
    ]);
    expect(project.isModelValid).toBe(false);
    project.updateClassicalParam('maxDepth', null);
    project.updateClassicalParam('minSamplesLeaf', 3);
    expect(project.isModelValid).toBe(true);
    project.resetClassicalParams();
    expect(project.classical?.params.minSamplesLeaf).toBe(1);
  });

  it('accepts special values and rejects NaN from a cleared input', () => {
    const project = new Project();
    project.chooseLearner('svm');
    project.updateClassicalParam('gamma', 0.5);
    expect(project.classicalProblems).toEqual([]);
    project.updateClassicalParam('gamma', 'scale');
    expect(project.classicalProblems).toEqual([]);
    project.updateClassicalParam('c', NaN);
    expect(project.classicalProblems.map((p) => p.field)).toEqual(['c']);
  });

  it('drops a choice the new dataset’s task cannot use', () => {
    const project = new Project();
    project.chooseLearner('ridge');
    expect(project.classicalFor('regression')?.learner).toBe('ridge');
    expect(project.classicalFor('classification')).toBeNull();
    project.selectDataset('housing', 'regression');
    expect(project.classical?.learner).toBe('ridge');
    project.selectDataset('iris', 'classification');
    expect(project.classical).toBeNull();
  });

  it('puts a plain copy of a fitting choice into the train request', () => {
    const project = new Project();
    expect(buildTrainRequest(IRIS, 'u', project).classical).toBeUndefined();
    project.chooseLearner('gbdt-classifier');
    project.updateClassicalParam('maxIter', 20);
    const request = buildTrainRequest(IRIS, 'u', project);
    expect(request.classical).toEqual({
      learner: 'gbdt-classifier',
      params: { ...findLearner('gbdt-classifier')!.defaults, maxIter: 20 },
    });
    expect(request.classical).not.toBe(project.classical);
    expect(() => structuredClone(request)).not.toThrow();
    // A classifier on a regression dataset never reaches the worker.
    expect(buildTrainRequest(HOUSING, 'u', project).classical).toBeUndefined();
  });
});

describe('classical-choice helpers', () => {
  it('groups learners by task in menu order', () => {
    const groups = learnerGroupsFor('classification');
    expect(groups.map((g) => g.group)).toEqual([
      'linear',
      'tree',
      'ensemble',
      'neighbors',
      'bayes',
      'svm',
    ]);
    expect(groups.flatMap((g) => g.learners).every((l) => l.task === 'classification')).toBe(true);
    expect(learnerGroupsFor('regression').map((g) => g.group)).not.toContain('bayes');
  });

  it('checks every catalogue default as valid', () => {
    for (const group of [
      ...learnerGroupsFor('classification'),
      ...learnerGroupsFor('regression'),
    ]) {
      for (const info of group.learners) {
        expect(classicalParamProblems(info, info.defaults), info.key).toEqual([]);
      }
    }
  });

  it('refuses unknown learners and bad values from outside', () => {
    expect(checkClassicalSpec({ learner: 'x', params: {} })).toEqual({
      ok: false,
      field: 'learner',
      problem: 'learner',
    });
    expect(
      checkClassicalSpec({ learner: 'knn-classifier', params: { metric: 'chebyshev' } }),
    ).toEqual({
      ok: false,
      field: 'params.metric',
      problem: 'option',
    });
    const ok = checkClassicalSpec({ learner: 'knn-classifier', params: { k: 3, junk: 1 } });
    expect(ok).toEqual({
      ok: true,
      spec: {
        learner: 'knn-classifier',
        params: { k: 3, weights: 'uniform', metric: 'euclidean' },
      },
    });
  });
});

describe('train request params', () => {
  it('sends only the tunable fields (a regression tree’s fixed criterion stays home)', () => {
    const project = new Project();
    project.chooseLearner('decision-tree-regressor');
    const request = buildTrainRequest(HOUSING, 'u', project);
    expect(request.classical?.params).not.toHaveProperty('criterion');
    expect(Object.keys(request.classical?.params ?? {}).sort()).toEqual(
      Object.keys(findLearner('decision-tree-regressor')!.ranges).sort(),
    );
  });
});
