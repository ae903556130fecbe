import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Project } from '../../../../src/state/Project.svelte';
import {
  Projects,
  type ProjectsListener,
  type ProjectsOptions,
} from '../../../../src/state/Projects.svelte';
import { datasetRefOf } from '../../../../src/state/project-snapshot';
import { UndoStack } from '../../../../src/state/undo-stack';
import {
  createProjectStore,
  openProjectsDb,
  PROJECT_QUOTA_ERROR,
  type ProjectsDb,
} from '../../../../src/storage/project-store';

const noPreview = () => ({ previewRecipe: () => new Promise<never>(() => undefined) });
let dbCount = 0;
const opened: ProjectsDb[] = [];

interface SetupOptions {
  autosaveMs?: number;
  undoCap?: number;
  name?: string;
  refOf?: ProjectsOptions['refOf'];
}

async function setup(options: SetupOptions = {}) {
  const db = await openProjectsDb({ name: options.name ?? `projects-test-${++dbCount}` });
  opened.push(db);
  const store = createProjectStore(db);
  const project = new Project('cpu', noPreview);
  const listener: ProjectsListener = { onFailure: vi.fn(), onUnexpected: vi.fn() };
  let ids = 0;
  let clock = 1000;
  const projects = new Projects(project, store, listener, {
    autosaveMs: options.autosaveMs ?? 100,
    undoCap: options.undoCap ?? 100,
    newId: () => `p${++ids}`,
    now: () => (clock += 10),
    ...(options.refOf ? { refOf: options.refOf } : {}),
  });
  return { db, store, project, listener, projects };
}

function quotaError(): DOMException {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  for (const db of opened.splice(0)) db.close();
});

describe('undo stack', () => {
  it('undoes, redoes, drops the redo branch on a new edit and keeps at most `cap` steps', () => {
    const stack = new UndoStack(0, 3);
    for (let i = 1; i <= 5; i++) stack.record(i);
    expect(stack.depth).toBe(3);
    expect(stack.undo()).toBe(4);
    expect(stack.undo()).toBe(3);
    expect(stack.redo()).toBe(4);
    stack.record(9);
    expect(stack.canRedo).toBe(false);
    expect(stack.undo()).toBe(4);
    expect(stack.undo()).toBe(3);
    expect(stack.undo()).toBe(2);
    expect(stack.undo()).toBeNull();
    stack.amend(7);
    expect(stack.current).toBe(7);
  });
});

describe('projects', () => {
  it('keeps the current settings as the first project and reopens it after a reload', async () => {
    const { projects, project, store } = await setup({ name: 'reload' });
    project.updateModel({ epochs: 33 });
    await projects.start();
    expect(projects.projects.map((p) => p.name)).toEqual(['Project 1']);
    project.updateModel({ epochs: 44 });
    projects.changed();
    await vi.runAllTimersAsync();
    await projects.whenIdle();
    expect(projects.saveState).toBe('saved');
    expect((await store.listProjects())[0]?.snapshot).toMatchObject({ model: { epochs: 44 } });

    const again = await setup({ name: 'reload' });
    await again.projects.start();
    expect(again.projects.projects.map((p) => p.name)).toEqual(['Project 1']);
    expect(again.project.model.epochs).toBe(44);
  });

  it('debounces a burst of edits into one write', async () => {
    const { projects, project, store } = await setup({ autosaveMs: 500 });
    await projects.start();
    const put = vi.spyOn(store, 'putProject');
    for (const epochs of [10, 11, 12, 13]) {
      project.updateModel({ epochs });
      projects.changed();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(put).not.toHaveBeenCalled();
    expect(projects.saveState).toBe('pending');
    await vi.advanceTimersByTimeAsync(500);
    expect(put).toHaveBeenCalledTimes(1);
    expect(put.mock.calls[0]?.[0].snapshot).toMatchObject({ model: { epochs: 13 } });
  });

  it('reports a full disk once and leaves the stored project untouched', async () => {
    const { projects, project, store, listener } = await setup();
    project.updateModel({ epochs: 20 });
    await projects.start();
    vi.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(() => {
      throw quotaError();
    });
    project.updateModel({ epochs: 21 });
    projects.changed();
    await vi.runAllTimersAsync();
    project.updateModel({ epochs: 22 });
    projects.changed();
    await vi.runAllTimersAsync();
    expect(projects.saveState).toBe('failed');
    expect(listener.onFailure).toHaveBeenCalledTimes(1);
    expect(listener.onFailure).toHaveBeenCalledWith(PROJECT_QUOTA_ERROR);
    vi.restoreAllMocks();
    const stored = await store.listProjects();
    expect(stored).toHaveLength(1);
    expect(stored[0]?.snapshot).toMatchObject({ model: { epochs: 20 } });
    // The edit is still in memory and is stored once there is room again.
    project.updateModel({ epochs: 23 });
    projects.changed();
    await vi.runAllTimersAsync();
    await projects.whenIdle();
    expect((await store.listProjects())[0]?.snapshot).toMatchObject({ model: { epochs: 23 } });
    expect(projects.saveState).toBe('saved');
  });

  it('undoes and redoes settings edits, and a new edit clears the redo steps', async () => {
    const { projects, project } = await setup();
    await projects.start();
    expect(projects.canUndo).toBe(false);
    project.updateModel({ learningRate: 0.1 });
    projects.changed();
    project.updateSplit({ train: 0.5, validation: 0.3, test: 0.2 });
    projects.changed();
    projects.undo();
    expect(project.split.train).toBe(0.6);
    expect(project.model.learningRate).toBe(0.1);
    projects.undo();
    expect(project.model.learningRate).toBe(0.01);
    expect(projects.canUndo).toBe(false);
    projects.redo();
    expect(project.model.learningRate).toBe(0.1);
    expect(projects.canRedo).toBe(true);
    project.updateModel({ epochs: 5 });
    projects.changed();
    expect(projects.canRedo).toBe(false);
  });

  it('does not count the preview filling in the default recipe as an edit', async () => {
    const { projects, project } = await setup();
    await projects.start();
    project.updateModel({ epochs: 9 });
    projects.changed();
    project.selectDataset('penguins');
    projects.changed();
    project.addStep('standardize'); // stands in for the recipe a preview proposes
    projects.changed();
    projects.undo();
    expect(project.datasetId).toBe('iris');
    expect(project.model.epochs).toBe(9);
  });

  it('creates, renames, duplicates, opens and deletes projects', async () => {
    const { projects, project, store } = await setup();
    await projects.start();
    project.updateModel({ epochs: 77 });
    projects.changed();
    await projects.create('Second');
    expect(projects.current?.name).toBe('Second');
    expect(project.model.epochs).toBe(60);
    await projects.rename(projects.currentId!, 'Renamed');
    await projects.duplicate('p1', 'Copy of Project 1');
    expect(projects.projects.map((p) => p.name).sort()).toEqual([
      'Copy of Project 1',
      'Project 1',
      'Renamed',
    ]);
    const copy = projects.projects.find((p) => p.name === 'Copy of Project 1')!;
    await projects.open(copy.id);
    expect(project.model.epochs).toBe(77);
    await projects.remove(copy.id);
    expect(projects.projects).toHaveLength(2);
    expect(projects.currentId).not.toBe(copy.id);
    expect((await store.listProjects()).map((r) => r.name).sort()).toEqual([
      'Project 1',
      'Renamed',
    ]);
  });

  it('lists a damaged record without opening it', async () => {
    const { store } = await setup({ name: 'damaged' });
    await store.putProject({
      id: 'bad',
      name: 'Broken',
      createdAt: 1,
      updatedAt: 5000,
      snapshot: { v: 1, nonsense: true },
    });
    const again = await setup({ name: 'damaged' });
    await again.projects.start();
    expect(again.projects.projects.find((p) => p.id === 'bad')?.isReadable).toBe(false);
    expect(again.projects.currentId).not.toBe('bad');
  });

  it('saves a data reference that became better known without an undo step', async () => {
    const known = { hash: '' };
    const { projects, project, store } = await setup({
      refOf: (id, entry) => {
        const ref = datasetRefOf(id, entry);
        return ref.kind === 'imported' && known.hash ? { ...ref, sha256: known.hash } : ref;
      },
    });
    await projects.start();
    project.selectDataset('stored:abc:classification:label');
    projects.changed();
    await vi.runAllTimersAsync();
    await projects.whenIdle();
    known.hash = 'b'.repeat(64);
    projects.changed();
    await vi.runAllTimersAsync();
    await projects.whenIdle();
    expect((await store.listProjects())[0]?.snapshot).toMatchObject({
      dataset: { kind: 'imported', storedId: 'abc', sha256: known.hash },
    });
    projects.undo();
    expect(project.datasetId).toBe('iris');
    expect(projects.canUndo).toBe(false);
  });

  it('keeps settings changed while the first project is being stored (an opened link)', async () => {
    const { projects, project, store } = await setup();
    const put = store.putProject.bind(store);
    vi.spyOn(store, 'putProject').mockImplementationOnce(async (record) => {
      project.updateModel({ epochs: 40 });
      return put(record);
    });
    await projects.start(true);
    expect(project.model.epochs).toBe(40);
    expect(projects.canUndo).toBe(false);
    await vi.runAllTimersAsync();
    await projects.whenIdle();
    expect((await store.listProjects())[0]?.snapshot).toMatchObject({ model: { epochs: 40 } });
  });
});
