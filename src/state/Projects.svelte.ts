/**
 * The saved projects: the list, which one is open, its autosave and its undo/redo history.
 *
 * Every settings change reaches `changed()` (from `trackProjectEdits`); the new snapshot goes on
 * the undo stack and a save is scheduled, debounced, so a burst of edits is one write. A save
 * that hits the storage quota is reported once and leaves the stored project as it was; the
 * next edit tries again. The default recipe a preview fills in is not an edit of the person's:
 * it amends the current state instead of adding an undo step.
 */
import { untrack } from 'svelte';
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type { ProjectRecord, ProjectWriteResult } from '../storage/project-store';
import { createContext } from './context';
import {
  DEFAULT_DATASET_ID,
  DEFAULT_MLP,
  DEFAULT_SPLIT,
  DEFAULT_SPLIT_STRATEGY,
} from './Project.svelte';
import {
  datasetRefOf,
  parseSnapshot,
  settingsKey,
  snapshotOf,
  type DatasetRef,
  type ProjectSnapshot,
} from './project-snapshot';
import { newRunId } from './RunHistory.svelte';
import { UndoStack } from './undo-stack';

export const AUTOSAVE_DELAY_MS = 600;
export const UNDO_CAP = 100;

/** What the projects need from storage; the real one is `createProjectStore`. */
export interface ProjectStorePort {
  listProjects(): Promise<ProjectRecord[]>;
  putProject(record: ProjectRecord): Promise<ProjectWriteResult>;
  deleteProject(id: string): Promise<void>;
}

/** The part of `Project` the list drives. */
export interface EditableProject {
  readonly datasetId: string;
  snapshot(entry?: BuiltinDatasetEntry): ProjectSnapshot;
  restore(snapshot: ProjectSnapshot): void;
}

export interface ProjectsListener {
  onFailure(code: string, params?: Record<string, string | number>): void;
  onUnexpected(error: unknown, context: string): void;
}

export interface ProjectsOptions {
  autosaveMs?: number;
  undoCap?: number;
  newId?: () => string;
  now?: () => number;
  /** The catalogue entry of a dataset id, when it is loaded. */
  entryOf?: (datasetId: string) => BuiltinDatasetEntry | undefined;
  /** The data reference of a dataset id (default `datasetRefOf`: no generator, no hash). */
  refOf?: (datasetId: string, entry: BuiltinDatasetEntry | undefined) => DatasetRef;
  /** Puts a stored dataset's entry back in the catalogue when a project opens on it. */
  useStoredEntry?: (entry: BuiltinDatasetEntry) => void;
  /** The name of a project made without one ("Project 2"). */
  defaultName?: (n: number) => string;
}

export interface ProjectMeta {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  /** False when the stored settings did not validate: it can be deleted, not opened. */
  isReadable: boolean;
}

export type ProjectsStatus = 'idle' | 'loading' | 'ready' | 'failed';
export type SaveState = 'saved' | 'pending' | 'saving' | 'failed';

/** The settings a new project starts from: the app's defaults. */
export function blankProjectSnapshot(): ProjectSnapshot {
  return snapshotOf({
    datasetId: DEFAULT_DATASET_ID,
    recipe: null,
    split: DEFAULT_SPLIT,
    splitStrategy: DEFAULT_SPLIT_STRATEGY,
    model: DEFAULT_MLP,
    classical: null,
    network: null,
  });
}

function metaOf(record: ProjectRecord): ProjectMeta {
  return {
    id: record.id,
    name: record.name,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    isReadable: parseSnapshot(record.snapshot).ok,
  };
}

/** True when `next` only fills in the default recipe `previous` was waiting for. */
function isRecipeFill(previous: ProjectSnapshot, next: ProjectSnapshot): boolean {
  return (
    previous.recipe === null &&
    next.recipe !== null &&
    settingsKey({ ...next, recipe: null }) === settingsKey(previous)
  );
}

export class Projects {
  #list = $state.raw<ProjectMeta[]>([]);
  #currentId = $state<string | null>(null);
  #status = $state<ProjectsStatus>('idle');
  #save = $state<SaveState>('saved');
  #canUndo = $state(false);
  #canRedo = $state(false);
  /** The stored records by id (plain: no template reads them, `#list` is what shows). */
  readonly #records: Record<string, ProjectRecord> = Object.create(null) as Record<
    string,
    ProjectRecord
  >;
  #history: UndoStack<ProjectSnapshot> | null = null;
  #lastKey = '';
  #timer: ReturnType<typeof setTimeout> | null = null;
  #isDirty = false;
  #quotaReported = false;
  #inFlight: Promise<void> = Promise.resolve();
  readonly #project: EditableProject;
  readonly #store: ProjectStorePort;
  readonly #listener: ProjectsListener;
  readonly #options: Required<ProjectsOptions>;

  constructor(
    project: EditableProject,
    store: ProjectStorePort,
    listener: ProjectsListener,
    options: ProjectsOptions = {},
  ) {
    this.#project = project;
    this.#store = store;
    this.#listener = listener;
    this.#options = {
      autosaveMs: options.autosaveMs ?? AUTOSAVE_DELAY_MS,
      undoCap: options.undoCap ?? UNDO_CAP,
      newId: options.newId ?? newRunId,
      now: options.now ?? Date.now,
      entryOf: options.entryOf ?? (() => undefined),
      refOf: options.refOf ?? datasetRefOf,
      useStoredEntry: options.useStoredEntry ?? (() => undefined),
      defaultName: options.defaultName ?? ((n) => `Project ${n}`),
    };
  }

  get projects(): ProjectMeta[] {
    return this.#list;
  }
  get currentId(): string | null {
    return this.#currentId;
  }
  get current(): ProjectMeta | null {
    return this.#list.find((p) => p.id === this.#currentId) ?? null;
  }
  get status(): ProjectsStatus {
    return this.#status;
  }
  get saveState(): SaveState {
    return this.#save;
  }
  get canUndo(): boolean {
    return this.#canUndo;
  }
  get canRedo(): boolean {
    return this.#canRedo;
  }

  /**
   * Loads the list and opens the most recently changed project. `fresh` (an opened share link
   * set the settings) keeps the current settings as a new project instead; so does an empty list.
   */
  async start(fresh = false): Promise<void> {
    if (this.#status !== 'idle') return;
    this.#status = 'loading';
    try {
      const records = await this.#store.listProjects();
      for (const record of records) this.#records[record.id] = record;
      this.#list = records.map(metaOf);
      const first = this.#list.find((p) => p.isReadable);
      if (fresh || !first) await this.#add(this.#nextName(), this.#currentSnapshot(), 'adopt');
      else this.#openRecord(first.id);
      this.#status = 'ready';
    } catch (error) {
      this.#status = 'failed';
      this.#listener.onUnexpected(error, 'loading the projects');
    }
  }

  /** A new project with the app's default settings, opened at once. */
  async create(name = this.#nextName(), blank = blankProjectSnapshot()): Promise<void> {
    await this.flush();
    await this.#add(name.trim() || this.#nextName(), blank, 'restore');
  }

  async open(id: string): Promise<void> {
    if (id === this.#currentId) return;
    await this.flush();
    this.#openRecord(id);
  }

  async rename(id: string, name: string): Promise<void> {
    const record = this.#records[id];
    const trimmed = name.trim();
    if (!record || trimmed === '' || trimmed === record.name) return;
    await this.#write({ ...record, name: trimmed });
  }

  /** A copy of a project's saved settings (the open one's latest, saved first), not opened. */
  async duplicate(id: string, name: string): Promise<void> {
    if (id === this.#currentId) await this.flush();
    const record = this.#records[id];
    if (!record) return;
    const now = this.#options.now();
    const copy: ProjectRecord = {
      ...structuredClone(record),
      id: this.#options.newId(),
      name: name.trim() || this.#nextName(),
      createdAt: now,
      updatedAt: now,
    };
    await this.#write(copy);
  }

  /** Deletes a project; deleting the open one opens the next, or a new blank one. */
  async remove(id: string, blank = blankProjectSnapshot()): Promise<void> {
    if (!this.#records[id]) return;
    if (id === this.#currentId) this.#cancelTimer();
    try {
      await this.#store.deleteProject(id);
    } catch (error) {
      this.#listener.onUnexpected(error, 'deleting a project');
      return;
    }
    delete this.#records[id];
    this.#list = this.#list.filter((p) => p.id !== id);
    if (id !== this.#currentId) return;
    this.#currentId = null;
    this.#history = null;
    this.#isDirty = false;
    const next = this.#list.find((p) => p.isReadable);
    if (next) this.#openRecord(next.id);
    else await this.#add(this.#nextName(), blank, 'restore');
  }

  /** Called whenever the project's settings may have changed. */
  changed(): void {
    const history = this.#history;
    if (this.#currentId === null || !history) return;
    const snapshot = this.#currentSnapshot();
    const key = settingsKey(snapshot);
    if (key === this.#lastKey) {
      // Same settings, but the data became better known (its hash arrived): save, no undo step.
      if (JSON.stringify(snapshot.dataset) !== JSON.stringify(history.current.dataset)) {
        history.amend(snapshot);
        this.#schedule();
      }
      return;
    }
    this.#lastKey = key;
    if (isRecipeFill(history.current, snapshot)) history.amend(snapshot);
    else history.record(snapshot);
    this.#syncFlags();
    this.#schedule();
  }

  undo(): void {
    this.#step(this.#history?.undo() ?? null);
  }

  redo(): void {
    this.#step(this.#history?.redo() ?? null);
  }

  /** Writes a pending change now (before opening another project, or when the page hides). */
  flush(): Promise<void> {
    const next = this.#inFlight.then(() => this.#flushNow());
    this.#inFlight = next;
    return next;
  }

  /** Settles when the writes started so far have ended. */
  whenIdle(): Promise<void> {
    return this.#inFlight;
  }

  async #flushNow(): Promise<void> {
    this.#cancelTimer();
    const id = this.#currentId;
    const record = id === null ? undefined : this.#records[id];
    if (!this.#isDirty || !record || !this.#history) return;
    this.#isDirty = false;
    const snapshot = this.#history.current;
    const entry = this.#options.entryOf(snapshot.datasetId);
    const next: ProjectRecord = { ...record, snapshot, updatedAt: this.#options.now() };
    if (entry && snapshot.dataset.kind !== 'builtin') next.storedEntry = structuredClone(entry);
    this.#save = 'saving';
    const ok = await this.#write(next);
    if (!ok) this.#isDirty = true;
    // A newer edit during the write has scheduled its own save.
    if (this.#timer === null) this.#save = ok ? 'saved' : 'failed';
  }

  dispose(): void {
    this.#cancelTimer();
  }

  #step(snapshot: ProjectSnapshot | null): void {
    if (!snapshot) return;
    this.#lastKey = settingsKey(snapshot);
    this.#project.restore(snapshot);
    this.#syncFlags();
    this.#schedule();
  }

  #openRecord(id: string): void {
    const record = this.#records[id];
    const parsed = record ? parseSnapshot(record.snapshot) : null;
    if (!record || !parsed?.ok) {
      if (parsed && !parsed.ok) this.#listener.onFailure(parsed.code, parsed.params);
      return;
    }
    this.#cancelTimer();
    this.#isDirty = false;
    const snapshot = parsed.snapshot;
    if (record.storedEntry && !this.#options.entryOf(snapshot.datasetId)) {
      this.#options.useStoredEntry(record.storedEntry);
    }
    this.#lastKey = settingsKey(snapshot);
    this.#project.restore(snapshot);
    this.#history = new UndoStack(snapshot, this.#options.undoCap);
    this.#currentId = id;
    this.#save = 'saved';
    this.#syncFlags();
  }

  /**
   * Stores a new project and opens it. 'restore' loads its snapshot into the project; 'adopt'
   * keeps the project's settings as they are by then: something (an opened share link) may
   * have changed them while the record was being written, and that change must not be undone.
   */
  async #add(name: string, snapshot: ProjectSnapshot, mode: 'restore' | 'adopt'): Promise<void> {
    const now = this.#options.now();
    const record: ProjectRecord = {
      id: this.#options.newId(),
      name,
      createdAt: now,
      updatedAt: now,
      snapshot,
    };
    const isStored = await this.#write(record);
    if (!isStored) {
      // Nothing could be stored: edit in memory, and try to store with the next change.
      this.#records[record.id] = record;
      this.#list = [metaOf(record), ...this.#list];
    }
    if (mode === 'restore') this.#openRecord(record.id);
    else this.#adopt(record.id);
    if (!isStored) {
      this.#isDirty = true;
      this.#save = 'failed';
    }
  }

  #adopt(id: string): void {
    this.#cancelTimer();
    const snapshot = this.#currentSnapshot();
    const record = this.#records[id];
    this.#lastKey = settingsKey(snapshot);
    this.#history = new UndoStack(snapshot, this.#options.undoCap);
    this.#currentId = id;
    this.#isDirty = false;
    this.#save = 'saved';
    this.#syncFlags();
    const stored = record ? parseSnapshot(record.snapshot) : null;
    if (!stored?.ok || settingsKey(stored.snapshot) !== this.#lastKey) this.#schedule();
  }

  /** Stores a record and updates the list; false (after one notice) when the disk is full. */
  async #write(record: ProjectRecord): Promise<boolean> {
    let result: ProjectWriteResult;
    try {
      result = await this.#store.putProject(record);
    } catch (error) {
      this.#listener.onUnexpected(error, 'saving a project');
      return false;
    }
    if (!result.ok) {
      if (!this.#quotaReported) this.#listener.onFailure(result.code);
      this.#quotaReported = true;
      return false;
    }
    this.#quotaReported = false;
    this.#records[record.id] = record;
    this.#list = [metaOf(record), ...this.#list.filter((p) => p.id !== record.id)].sort(
      (a, b) => b.updatedAt - a.updatedAt,
    );
    return true;
  }

  #currentSnapshot(): ProjectSnapshot {
    const snapshot = this.#project.snapshot();
    const entry = this.#options.entryOf(snapshot.datasetId);
    return { ...snapshot, dataset: this.#options.refOf(snapshot.datasetId, entry) };
  }

  #schedule(): void {
    this.#isDirty = true;
    this.#save = 'pending';
    this.#cancelTimer();
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.#options.autosaveMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #syncFlags(): void {
    this.#canUndo = this.#history?.canUndo ?? false;
    this.#canRedo = this.#history?.canRedo ?? false;
  }

  #nextName(): string {
    const taken = this.#list.map((p) => p.name);
    let n = this.#list.length + 1;
    while (taken.includes(this.#options.defaultName(n))) n++;
    return this.#options.defaultName(n);
  }
}

/**
 * Calls `projects.changed()` after every settings change of `project`; returns the stop
 * function. The snapshot read inside the effect is what subscribes it to every setting.
 */
export function trackProjectEdits(projects: Projects, project: EditableProject): () => void {
  return $effect.root(() => {
    $effect(() => {
      project.snapshot();
      untrack(() => projects.changed());
    });
  });
}

export const [getProjects, setProjects] = createContext<Projects>('Projects');
