/**
 * The user's own datasets: the stored library, one import at a time (choose → sniff preview →
 * import with progress → warnings), storage usage and persistence, and the profile of the
 * selected dataset. Owns its DataClient (the data worker) and disposes it.
 *
 * Invariants:
 * - Expected failures (sniff, import, missing dataset) go to `onFailure` with their i18n code;
 *   the library is re-read only after a successful change, so a failed import leaves it as is.
 * - A sniff answers only while its file is still the chosen one: a newer choice or an option
 *   change makes an older answer stale (latest wins, by a counter).
 * - Profiles are cached by dataset id; a rename keeps the cache, a delete drops it.
 */
import { DEFAULT_IMPORT_OPTIONS } from '../contracts/data';
import type {
  ColumnType,
  DataWarning,
  DatasetId,
  DatasetProfile,
  ImportOptions,
  ImportOutcome,
  ImportProgress,
  RowPage,
  SniffOutcome,
  SniffResult,
  StorageEstimate,
  StorageEvent,
  StoredDatasetMeta,
} from '../contracts/data';
import type { ErrorParams } from '../contracts/errors';
import { createContext } from './context';

/** What DataLibrary needs from the data bridge; tests pass a fake. */
export interface DataPort {
  sniff(file: Blob, options?: Partial<ImportOptions>): Promise<SniffOutcome>;
  importFile(
    file: Blob,
    fileName: string,
    options: Partial<ImportOptions>,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<ImportOutcome>;
  cancelImport(): Promise<void>;
  listDatasets(): Promise<StoredDatasetMeta[]>;
  getProfile(id: DatasetId): Promise<DatasetProfile | null>;
  readRows(id: DatasetId, start: number, count: number): Promise<RowPage>;
  renameDataset(id: DatasetId, name: string): Promise<StoredDatasetMeta | null>;
  deleteDataset(id: DatasetId): Promise<boolean>;
  exportCsv(id: DatasetId): Promise<Blob | null>;
  storageEstimate(): Promise<StorageEstimate>;
  requestPersistence(): Promise<boolean>;
  watchStorage(handler: (event: StorageEvent) => void): void;
  dispose(): void;
}

export interface DataLibraryCallbacks {
  onFailure(code: string, params?: ErrorParams): void;
  onUnexpected(error: unknown, context: string): void;
}

/** The chosen file, the options the user set, and the worker's preview under them. */
export interface PendingImport {
  file: Blob;
  fileName: string;
  options: Pick<
    ImportOptions,
    | 'delimiter'
    | 'encoding'
    | 'hasHeader'
    | 'missingMarkers'
    | 'thousandsSeparator'
    | 'decimalComma'
    | 'raggedRows'
    | 'columnTypes'
  >;
  preview: SniffResult | null;
}

export type ImportPhase = 'idle' | 'sniffing' | 'ready' | 'importing';

export class DataLibrary {
  readonly #port: DataPort;
  readonly #callbacks: DataLibraryCallbacks;
  #datasets = $state.raw<StoredDatasetMeta[]>([]);
  #isLoaded = $state(false);
  #storage = $state.raw<StorageEstimate | null>(null);
  #persistRequest = $state<'granted' | 'denied' | null>(null);
  #pending = $state.raw<PendingImport | null>(null);
  #phase = $state<ImportPhase>('idle');
  #progress = $state.raw<ImportProgress | null>(null);
  #warnings = $state.raw<DataWarning[]>([]);
  #lastImportedName = $state<string | null>(null);
  #selectedId = $state<DatasetId | null>(null);
  #profile = $state.raw<DatasetProfile | null>(null);
  /** Profile cache; a plain record because nothing renders it directly. */
  #profiles: Partial<Record<DatasetId, DatasetProfile>> = {};
  #sniffCounter = 0;
  #isWatching = false;
  #isChoosingTarget = $state(false);
  #isSaving = $state(false);

  constructor(port: DataPort, callbacks: DataLibraryCallbacks) {
    this.#port = port;
    this.#callbacks = callbacks;
  }

  get datasets(): StoredDatasetMeta[] {
    return this.#datasets;
  }
  get isLoaded(): boolean {
    return this.#isLoaded;
  }
  get storage(): StorageEstimate | null {
    return this.#storage;
  }
  get persistRequest(): 'granted' | 'denied' | null {
    return this.#persistRequest;
  }
  get pending(): PendingImport | null {
    return this.#pending;
  }
  get phase(): ImportPhase {
    return this.#phase;
  }
  get progress(): ImportProgress | null {
    return this.#progress;
  }
  get warnings(): DataWarning[] {
    return this.#warnings;
  }
  get lastImportedName(): string | null {
    return this.#lastImportedName;
  }
  get selected(): StoredDatasetMeta | null {
    return this.#datasets.find((d) => d.id === this.#selectedId) ?? null;
  }
  get profile(): DatasetProfile | null {
    return this.#profile;
  }
  /** The selected dataset's target chooser is open ("Use for training"). */
  get isChoosingTarget(): boolean {
    return this.#isChoosingTarget;
  }
  get isSaving(): boolean {
    return this.#isSaving;
  }

  /** Re-reads the library and the storage estimate. */
  async refresh(): Promise<void> {
    if (!this.#isWatching) {
      // Another tab holding an older or newer database version is news the user must act on.
      this.#isWatching = true;
      this.#port.watchStorage((event) => this.#callbacks.onFailure(`data.storage.${event}`));
    }
    try {
      const [datasets, storage] = await Promise.all([
        this.#port.listDatasets(),
        this.#port.storageEstimate(),
      ]);
      this.#datasets = datasets;
      this.#storage = storage;
      this.#isLoaded = true;
      if (this.#selectedId !== null && !datasets.some((d) => d.id === this.#selectedId)) {
        this.#selectedId = null;
        this.#profile = null;
      }
    } catch (error) {
      this.#callbacks.onUnexpected(error, 'reading the dataset library');
    }
  }

  /** A new file replaces any pending one; its preview comes from the worker's sniff. */
  async chooseFile(file: Blob, fileName: string): Promise<void> {
    if (this.#phase === 'importing') return;
    this.#warnings = [];
    this.#lastImportedName = null;
    this.#pending = {
      file,
      fileName,
      options: {
        delimiter: 'auto',
        encoding: 'auto',
        hasHeader: 'auto',
        missingMarkers: [...DEFAULT_IMPORT_OPTIONS.missingMarkers],
        thousandsSeparator: DEFAULT_IMPORT_OPTIONS.thousandsSeparator,
        decimalComma: DEFAULT_IMPORT_OPTIONS.decimalComma,
        raggedRows: DEFAULT_IMPORT_OPTIONS.raggedRows,
        columnTypes: {},
      },
      preview: null,
    };
    await this.#sniff();
  }

  /** Overrides a detected setting and sniffs again under it. */
  async setOptions(options: Partial<PendingImport['options']>): Promise<void> {
    const pending = this.#pending;
    if (!pending || this.#phase === 'importing') return;
    this.#pending = { ...pending, options: { ...pending.options, ...options } };
    await this.#sniff();
  }

  /** Forces a column's type ('auto' returns it to detection) and sniffs again under it. */
  async setColumnType(name: string, type: ColumnType | 'auto'): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    const columnTypes = { ...pending.options.columnTypes };
    if (type === 'auto') delete columnTypes[name];
    else columnTypes[name] = type;
    await this.setOptions({ columnTypes });
  }

  /** Drops the chosen file without importing it. */
  discardPending(): void {
    if (this.#phase === 'importing') return;
    this.#sniffCounter++;
    this.#pending = null;
    this.#phase = 'idle';
  }

  async startImport(): Promise<void> {
    const pending = this.#pending;
    if (!pending || this.#phase !== 'ready') return;
    this.#phase = 'importing';
    this.#progress = null;
    this.#warnings = [];
    try {
      const outcome = await this.#port.importFile(
        pending.file,
        pending.fileName,
        $state.snapshot(pending.options),
        (progress) => (this.#progress = progress),
      );
      if (outcome.status === 'imported') {
        this.#pending = null;
        this.#phase = 'idle';
        this.#warnings = outcome.warnings;
        this.#lastImportedName = outcome.dataset.name;
        await this.refresh();
      } else {
        // Cancelled or failed: the file stays chosen so the user can adjust and retry.
        this.#phase = 'ready';
        if (outcome.status === 'failed') this.#callbacks.onFailure(outcome.code, outcome.params);
      }
    } catch (error) {
      this.#phase = 'ready';
      this.#callbacks.onUnexpected(error, 'importing a file');
    } finally {
      this.#progress = null;
    }
  }

  async cancelImport(): Promise<void> {
    if (this.#phase !== 'importing') return;
    await this.#port.cancelImport();
  }

  async rename(id: DatasetId, name: string): Promise<void> {
    const trimmed = name.trim();
    if (trimmed === '') return;
    const updated = await this.#guard('renaming a dataset', () =>
      this.#port.renameDataset(id, trimmed),
    );
    if (updated === null) this.#callbacks.onFailure('error.data.notFound');
    await this.refresh();
  }

  async remove(id: DatasetId): Promise<void> {
    await this.#guard('deleting a dataset', () => this.#port.deleteDataset(id));
    delete this.#profiles[id];
    if (this.#selectedId === id) {
      this.#selectedId = null;
      this.#profile = null;
      this.#isChoosingTarget = false;
    }
    await this.refresh();
  }

  /** The dataset as a CSV Blob, or null (after a notice) when it no longer exists. */
  async exportCsv(id: DatasetId): Promise<Blob | null> {
    const blob = await this.#guard('exporting a dataset', () => this.#port.exportCsv(id));
    if (blob === null) this.#callbacks.onFailure('error.data.notFound');
    return blob ?? null;
  }

  /** Selects a dataset and loads its profile (from the cache when it is there). */
  async showProfile(id: DatasetId): Promise<void> {
    // Profiling another dataset closes the chooser of the previous one.
    if (this.#selectedId !== id) this.#isChoosingTarget = false;
    this.#selectedId = id;
    const cached = this.#profiles[id];
    if (cached) {
      this.#profile = cached;
      return;
    }
    this.#profile = null;
    const profile = await this.#guard('profiling a dataset', () => this.#port.getProfile(id));
    if (profile === undefined) return;
    if (profile === null) {
      this.#callbacks.onFailure('error.data.notFound');
      return;
    }
    this.#profiles[id] = profile;
    if (this.#selectedId === id) this.#profile = profile;
  }

  closeProfile(): void {
    this.#selectedId = null;
    this.#profile = null;
    this.#isChoosingTarget = false;
  }

  /** Opens the target chooser of a dataset, with its profile (class balance, distribution). */
  async chooseTarget(id: DatasetId): Promise<void> {
    const loading = this.showProfile(id);
    this.#isChoosingTarget = true;
    await loading;
  }

  closeTargetChooser(): void {
    this.#isChoosingTarget = false;
  }

  /**
   * Stores a table made in the app (a generated dataset) through the import path, so it is
   * written as atomically as a file import. Resolves with the stored dataset, or null after a
   * notice when the import failed, was cancelled or another import is running.
   */
  async saveTable(
    file: Blob,
    fileName: string,
    options: Partial<ImportOptions>,
  ): Promise<StoredDatasetMeta | null> {
    if (this.#phase === 'importing' || this.#isSaving) {
      this.#callbacks.onFailure('error.data.busy');
      return null;
    }
    this.#isSaving = true;
    try {
      const outcome = await this.#port.importFile(file, fileName, options);
      if (outcome.status === 'failed') this.#callbacks.onFailure(outcome.code, outcome.params);
      if (outcome.status !== 'imported') return null;
      await this.refresh();
      return outcome.dataset;
    } catch (error) {
      this.#callbacks.onUnexpected(error, 'saving a generated dataset');
      return null;
    } finally {
      this.#isSaving = false;
    }
  }

  readRows(id: DatasetId, start: number, count: number): Promise<RowPage> {
    return this.#port.readRows(id, start, count);
  }

  async requestPersistence(): Promise<void> {
    const isGranted = await this.#guard('requesting persistent storage', () =>
      this.#port.requestPersistence(),
    );
    if (isGranted === undefined) return;
    this.#persistRequest = isGranted ? 'granted' : 'denied';
    await this.refresh();
  }

  dispose(): void {
    this.#port.dispose();
  }

  /** Runs a bridge call; a thrown error goes to onUnexpected and yields undefined. */
  async #guard<T>(context: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      this.#callbacks.onUnexpected(error, context);
      return undefined;
    }
  }

  async #sniff(): Promise<void> {
    const pending = this.#pending;
    if (!pending) return;
    const ticket = ++this.#sniffCounter;
    this.#phase = 'sniffing';
    try {
      const outcome = await this.#port.sniff(pending.file, $state.snapshot(pending.options));
      if (ticket !== this.#sniffCounter) return;
      if (outcome.status === 'failed') {
        this.#pending = null;
        this.#phase = 'idle';
        this.#callbacks.onFailure(outcome.code, outcome.params);
        return;
      }
      const { status: _status, ...preview } = outcome;
      this.#pending = { ...pending, preview };
      this.#phase = 'ready';
    } catch (error) {
      if (ticket !== this.#sniffCounter) return;
      this.#pending = null;
      this.#phase = 'idle';
      this.#callbacks.onUnexpected(error, 'reading a chosen file');
    }
  }
}

export const [getDataLibrary, setDataLibrary] = createContext<DataLibrary>('DataLibrary');
