/**
 * The model registry: every finished or stopped run with its lineage, its version in its
 * project, notes and tags, and the storage it takes; plus the comparison selection and the
 * run opened for a closer look. Summaries load once and stay in a `$state.raw` list that is
 * replaced on every change; details (curves, test evaluation, weights) load when a run is
 * selected or opened and are cached by id.
 *
 * Only runs of one dataset and target can be compared: a selection is anchored to the first
 * run chosen, and runs of other data cannot join it until it is cleared.
 */
import type { TrainRequest } from '../contracts/training';
import type { SplitKey } from '../core/evaluation/compare';
import type { RunDetail, RunId, RunSummary } from '../storage/runs-db';
import type { NewRun, RunPatch, RunWriteResult } from '../storage/run-store';
import { createContext } from './context';
import { runRecordOf, type FinishedOutcome } from './run-record';
import type { GenerativeOutcome, GenerativeView } from '../contracts/generative';
import type { GenerativeEpoch } from './GenerativeRun.svelte';
import {
  generativeRecordOf,
  isTaskRun,
  runTaskKindOf,
  sequenceRecordOf,
  type SequenceOutcome,
} from './task-run-record';

/** Components may not import storage/: the run types reach them through here. */
export type {
  RunDetail,
  RunId,
  RunModel,
  RunSummary,
  RunTaskDetail,
  RunWeights,
} from '../storage/runs-db';
export { isTaskRun, runTaskKindOf } from './task-run-record';

/** What the history needs from storage; the real one is `createRunStore`. */
export interface RunStorePort {
  listRuns(): Promise<RunSummary[]>;
  getDetail(id: RunId): Promise<RunDetail | null>;
  addRun(run: NewRun, detail: RunDetail): Promise<RunWriteResult<RunSummary>>;
  updateRun(id: RunId, patch: RunPatch): Promise<RunWriteResult<RunSummary | null>>;
  deleteRun(id: RunId): Promise<void>;
}

/** Where a run's lineage beyond the request comes from (set once the projects exist). */
export interface LineageSource {
  project(): { id: string; name: string } | null;
  /** The dataset file's SHA-256, or '' when unknown. */
  datasetHash(datasetId: string): string;
}

export interface StorageUse {
  usage: number;
  quota: number;
}

export interface RunHistoryListener {
  onFailure(code: string): void;
  onUnexpected(error: unknown, context: string): void;
}

export interface RunHistoryOptions {
  newId?: () => string;
  now?: () => number;
  /** The browser's storage estimate; default `navigator.storage.estimate`. */
  estimate?: () => Promise<StorageEstimate>;
}

function browserEstimate(): Promise<StorageEstimate> {
  if (typeof navigator === 'undefined' || !navigator.storage?.estimate) {
    return Promise.reject(new Error('navigator.storage.estimate is not available'));
  }
  return navigator.storage.estimate();
}

export type HistoryStatus = 'idle' | 'loading' | 'ready' | 'failed';

export interface SelectedRun {
  summary: RunSummary;
  /** null while it loads (or when it could not be read). */
  detail: RunDetail | null;
}

/**
 * A random id. `crypto.randomUUID` exists only in secure contexts, and Fitlab may be served over
 * plain HTTP on a local network; `getRandomValues` works everywhere.
 */
export function newRunId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export const MAX_NOTES_CHARS = 4000;
export const MAX_TAGS = 20;
export const MAX_TAG_CHARS = 40;

/** Trimmed, non-empty, each once (ignoring case), at most MAX_TAGS of MAX_TAG_CHARS each. */
export function normalizeTags(tags: string[]): string[] {
  const seen: string[] = [];
  const out: string[] = [];
  for (const raw of tags) {
    const tag = raw.trim().slice(0, MAX_TAG_CHARS);
    const key = tag.toLowerCase();
    if (tag === '' || seen.includes(key)) continue;
    seen.push(key);
    out.push(tag);
    if (out.length === MAX_TAGS) break;
  }
  return out;
}

/** Tags as typed in one field, separated by commas (either width). */
export function parseTags(text: string): string[] {
  return normalizeTags(text.split(/[,，]/));
}

/**
 * Runs that can be compared share these. Sequence and generative runs also share their task
 * kind, so a forecast's errors never sit beside a classifier's accuracy.
 */
export function comparisonGroupOf(run: RunSummary): string {
  if (!isTaskRun(run)) return JSON.stringify([run.dataset.id, run.dataset.target]);
  const points = run.model.kind === 'generative' ? (run.model.spec.points?.kind ?? '') : '';
  return JSON.stringify([runTaskKindOf(run), run.dataset.id, run.dataset.target, points]);
}

export class RunHistory {
  #runs = $state.raw<RunSummary[]>([]);
  #status = $state<HistoryStatus>('idle');
  #selected = $state.raw<RunId[]>([]);
  /** Replaced, never mutated (a plain record: `$state.raw` tracks the reference only). */
  #details = $state.raw<Readonly<Record<string, RunDetail>>>({});
  #openedId = $state<RunId | null>(null);
  #storage = $state.raw<StorageUse | null>(null);
  #totalBytes = $derived(this.#runs.reduce((sum, r) => sum + r.sizeBytes, 0));
  readonly #store: RunStorePort;
  readonly #listener: RunHistoryListener;
  readonly #newId: () => string;
  readonly #now: () => number;
  readonly #estimate: () => Promise<StorageEstimate>;
  #lineage: LineageSource = { project: () => null, datasetHash: () => '' };

  constructor(store: RunStorePort, listener: RunHistoryListener, options: RunHistoryOptions = {}) {
    this.#store = store;
    this.#listener = listener;
    this.#newId = options.newId ?? newRunId;
    this.#now = options.now ?? Date.now;
    this.#estimate = options.estimate ?? browserEstimate;
  }

  setLineageSource(source: LineageSource): void {
    this.#lineage = source;
  }

  /** Bytes of all kept runs, by their own estimate. */
  get totalBytes(): number {
    return this.#totalBytes;
  }
  /** What the browser says this site stores in all (data, runs, projects), once read. */
  get storage(): StorageUse | null {
    return this.#storage;
  }
  /** The run opened in the evaluation views, with its details once loaded. */
  get opened(): SelectedRun | null {
    const summary = this.#runs.find((r) => r.id === this.#openedId);
    return summary ? { summary, detail: this.#details[summary.id] ?? null } : null;
  }
  /** The runs of one project, newest first (null = runs recorded without a project). */
  runsOf(projectId: string | null): RunSummary[] {
    return this.#runs.filter((r) => (r.project?.id ?? null) === projectId);
  }

  get runs(): RunSummary[] {
    return this.#runs;
  }
  get status(): HistoryStatus {
    return this.#status;
  }
  get selectedIds(): RunId[] {
    return this.#selected;
  }
  /** Selected runs in list order (newest first), with their details once loaded. */
  get selectedRuns(): SelectedRun[] {
    return this.#runs
      .filter((r) => this.#selected.includes(r.id))
      .map((summary) => ({ summary, detail: this.#details[summary.id] ?? null }));
  }
  /** The dataset and target the selection is anchored to, or null when nothing is selected. */
  get selectionGroup(): string | null {
    const first = this.#runs.find((r) => r.id === this.#selected[0]);
    return first ? comparisonGroupOf(first) : null;
  }

  isSelected(id: RunId): boolean {
    return this.#selected.includes(id);
  }

  canSelect(run: RunSummary): boolean {
    const group = this.selectionGroup;
    return group === null || group === comparisonGroupOf(run);
  }

  async load(): Promise<void> {
    if (this.#status === 'loading' || this.#status === 'ready') return;
    this.#status = 'loading';
    try {
      const listed = await this.#store.listRuns();
      // A run recorded while the list was being read is kept, not overwritten by the older list.
      const isListed = (run: RunSummary) => listed.some((r) => r.id === run.id);
      this.#runs = [...this.#runs.filter((r) => !isListed(r)), ...listed];
      this.#status = 'ready';
    } catch (error) {
      this.#status = 'failed';
      this.#listener.onUnexpected(error, 'loading the run history');
    }
  }

  /** Keeps a finished run; a full disk becomes a message and changes nothing. */
  async record(
    request: Omit<TrainRequest, 'jobId'>,
    outcome: FinishedOutcome,
    title: string,
  ): Promise<void> {
    await this.#keep(runRecordOf(request, outcome, this.#contextOf(request, title)));
  }

  /** Keeps a finished or stopped sequence run (forecaster or character model). */
  async recordSequence(
    request: Omit<TrainRequest, 'jobId'>,
    outcome: SequenceOutcome,
    title: string,
  ): Promise<void> {
    try {
      await this.#keep(sequenceRecordOf(request, outcome, this.#contextOf(request, title)));
    } catch (error) {
      this.#listener.onUnexpected(error, 'saving a run');
    }
  }

  /** Keeps a finished or stopped generative run with its losses and last views. */
  async recordGenerative(
    request: Omit<TrainRequest, 'jobId'>,
    outcome: GenerativeOutcome,
    epochs: readonly GenerativeEpoch[],
    views: readonly GenerativeView[],
    title: string,
  ): Promise<void> {
    try {
      const record = generativeRecordOf(
        request,
        outcome,
        epochs,
        views,
        this.#contextOf(request, title),
      );
      await this.#keep(record);
    } catch (error) {
      this.#listener.onUnexpected(error, 'saving a run');
    }
  }

  #contextOf(request: Omit<TrainRequest, 'jobId'>, title: string) {
    return {
      id: this.#newId(),
      title,
      now: this.#now(),
      project: this.#lineage.project(),
      datasetHash: this.#lineage.datasetHash(request.dataset.id),
    };
  }

  async #keep({ run, detail }: { run: NewRun; detail: RunDetail }): Promise<void> {
    try {
      const result = await this.#store.addRun(run, detail);
      if (!result.ok) {
        this.#listener.onFailure(result.code);
        return;
      }
      this.#runs = [result.value, ...this.#runs.filter((r) => r.id !== run.id)];
      this.#details = { ...this.#details, [run.id]: detail };
    } catch (error) {
      this.#listener.onUnexpected(error, 'saving a run');
    }
  }

  async rename(id: RunId, name: string): Promise<void> {
    await this.#update(id, { name: name.trim() }, 'renaming a run');
  }

  async setNotes(id: RunId, notes: string): Promise<void> {
    await this.#update(id, { notes: notes.trim().slice(0, MAX_NOTES_CHARS) }, 'saving notes');
  }

  async setTags(id: RunId, tags: string[]): Promise<void> {
    await this.#update(id, { tags: normalizeTags(tags) }, 'saving tags');
  }

  /** Reads the browser's storage estimate; a browser without one shows none. */
  async refreshStorage(): Promise<void> {
    try {
      const { usage, quota } = await this.#estimate();
      this.#storage = usage !== undefined && quota !== undefined ? { usage, quota } : null;
    } catch {
      this.#storage = null;
    }
  }

  /** Opens a run in the evaluation views (null closes it) and loads its details. */
  async open(id: RunId | null): Promise<void> {
    this.#openedId = id;
    if (id !== null) await this.#loadDetail(id);
  }

  async #update(id: RunId, patch: RunPatch, context: string): Promise<void> {
    try {
      const result = await this.#store.updateRun(id, patch);
      if (!result.ok) {
        this.#listener.onFailure(result.code);
        return;
      }
      const next = result.value;
      if (next) this.#runs = this.#runs.map((r) => (r.id === id ? next : r));
    } catch (error) {
      this.#listener.onUnexpected(error, context);
    }
  }

  async #loadDetail(id: RunId): Promise<void> {
    if (this.#details[id]) return;
    try {
      const detail = await this.#store.getDetail(id);
      if (detail) this.#details = { ...this.#details, [id]: detail };
    } catch (error) {
      this.#listener.onUnexpected(error, 'loading a run');
    }
  }

  async remove(id: RunId): Promise<void> {
    try {
      await this.#store.deleteRun(id);
    } catch (error) {
      this.#listener.onUnexpected(error, 'deleting a run');
      return;
    }
    this.#runs = this.#runs.filter((r) => r.id !== id);
    this.#selected = this.#selected.filter((s) => s !== id);
    if (this.#openedId === id) this.#openedId = null;
    const { [id]: _removed, ...details } = this.#details;
    this.#details = details;
  }

  /** Adds a run to the comparison or takes it out; loads its details on first selection. */
  async toggle(id: RunId): Promise<void> {
    if (this.isSelected(id)) {
      this.#selected = this.#selected.filter((s) => s !== id);
      return;
    }
    const run = this.#runs.find((r) => r.id === id);
    if (!run || !this.canSelect(run)) return;
    this.#selected = [...this.#selected, id];
    await this.#loadDetail(id);
  }

  clearSelection(): void {
    this.#selected = [];
  }
}

export const [getRunHistory, setRunHistory] = createContext<RunHistory>('RunHistory');

/** What decides a run's test rows, in the shape the comparison checks. */
export function splitKeyOf(
  run: Pick<RunSummary, 'dataset' | 'split' | 'splitStrategy' | 'seed'>,
): SplitKey {
  const key: SplitKey = {
    datasetId: run.dataset.id,
    target: run.dataset.target,
    ratios: { ...run.split },
    strategy: run.splitStrategy.kind,
    seed: run.seed,
  };
  if (run.splitStrategy.groupColumn !== undefined) key.groupColumn = run.splitStrategy.groupColumn;
  return key;
}
