/**
 * The history of finished runs and the comparison selection. Summaries load once and stay in
 * a `$state.raw` list that is replaced on every change; details (curves, test evaluation) load
 * when a run is selected and are cached by id.
 *
 * Only runs of one dataset and target can be compared: a selection is anchored to the first
 * run chosen, and runs of other data cannot join it until it is cleared.
 */
import type { TrainRequest } from '../contracts/training';
import type { SplitKey } from '../core/evaluation/compare';
import type { RunDetail, RunId, RunSummary } from '../storage/runs-db';
import type { NewRun, RunWriteResult } from '../storage/run-store';
import { createContext } from './context';
import { runRecordOf, type FinishedOutcome } from './run-record';

/** Components may not import storage/: the run types reach them through here. */
export type { RunDetail, RunId, RunModel, RunSummary } from '../storage/runs-db';

/** What the history needs from storage; the real one is `createRunStore`. */
export interface RunStorePort {
  listRuns(): Promise<RunSummary[]>;
  getDetail(id: RunId): Promise<RunDetail | null>;
  addRun(run: NewRun, detail: RunDetail): Promise<RunWriteResult<RunSummary>>;
  renameRun(id: RunId, name: string): Promise<RunWriteResult<boolean>>;
  deleteRun(id: RunId): Promise<void>;
}

export interface RunHistoryListener {
  onFailure(code: string): void;
  onUnexpected(error: unknown, context: string): void;
}

export interface RunHistoryOptions {
  newId?: () => string;
  now?: () => number;
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

/** Runs that can be compared share these. */
export function comparisonGroupOf(run: RunSummary): string {
  return JSON.stringify([run.dataset.id, run.dataset.target]);
}

export class RunHistory {
  #runs = $state.raw<RunSummary[]>([]);
  #status = $state<HistoryStatus>('idle');
  #selected = $state.raw<RunId[]>([]);
  /** Replaced, never mutated (a plain record: `$state.raw` tracks the reference only). */
  #details = $state.raw<Readonly<Record<string, RunDetail>>>({});
  readonly #store: RunStorePort;
  readonly #listener: RunHistoryListener;
  readonly #newId: () => string;
  readonly #now: () => number;

  constructor(store: RunStorePort, listener: RunHistoryListener, options: RunHistoryOptions = {}) {
    this.#store = store;
    this.#listener = listener;
    this.#newId = options.newId ?? newRunId;
    this.#now = options.now ?? Date.now;
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
    const { run, detail } = runRecordOf(request, outcome, {
      id: this.#newId(),
      title,
      now: this.#now(),
    });
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
    const trimmed = name.trim();
    try {
      const result = await this.#store.renameRun(id, trimmed);
      if (!result.ok) {
        this.#listener.onFailure(result.code);
        return;
      }
      this.#runs = this.#runs.map((r) => (r.id === id ? { ...r, name: trimmed } : r));
    } catch (error) {
      this.#listener.onUnexpected(error, 'renaming a run');
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
    if (this.#details[id]) return;
    try {
      const detail = await this.#store.getDetail(id);
      if (detail) this.#details = { ...this.#details, [id]: detail };
    } catch (error) {
      this.#listener.onUnexpected(error, 'loading a run');
    }
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
