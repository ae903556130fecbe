/**
 * The built-in datasets shipped in `public/datasets/`, plus the stored datasets the user chose
 * to train on. The manifest is small, so the main thread fetches it; the CSV files themselves
 * are fetched and parsed by the training worker, which also reads stored datasets itself.
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import { createContext } from './context';
import { STORED_REGISTRY, storedDatasetIdOf } from './stored-entry';
import { profileText, type TextProfile } from '../core/text-profile';
import { resolveAppUrl } from './urls';

export type CatalogStatus = 'loading' | 'ready' | 'failed';

export class DatasetCatalog {
  #entries = $state.raw<BuiltinDatasetEntry[]>([]);
  /** Datasets from the user's library chosen for training (see stored-entry.ts). */
  #stored = $state.raw<BuiltinDatasetEntry[]>([]);
  #status = $state<CatalogStatus>('loading');
  /** Text profiles of shipped corpora, by entry id; a failed load is not kept. */
  #textProfiles: Partial<Record<string, Promise<TextProfile>>> = {};
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;

  /** `baseUrl` is the app's base (document.baseURI), so the app works under any path. */
  constructor(baseUrl: string, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
    this.#baseUrl = baseUrl;
    this.#fetch = fetchImpl;
  }

  get entries(): BuiltinDatasetEntry[] {
    return this.#entries;
  }

  get status(): CatalogStatus {
    return this.#status;
  }

  get storedEntries(): BuiltinDatasetEntry[] {
    return this.#stored;
  }

  byId(id: string): BuiltinDatasetEntry | undefined {
    return (
      this.#entries.find((entry) => entry.id === id) ??
      this.#stored.find((entry) => entry.id === id)
    );
  }

  /** A stored dataset's URL names it for messages only: the worker reads it from IndexedDB. */
  urlOf(entry: BuiltinDatasetEntry): string {
    const storedId = storedDatasetIdOf(entry);
    if (storedId !== null) return `${STORED_REGISTRY}:${storedId}`;
    return resolveAppUrl(`datasets/${entry.file}`, this.#baseUrl);
  }

  /**
   * The profile of a shipped text corpus (`format: 'txt'`). The files are small (under 1 MB),
   * so the main thread fetches and counts them, once per corpus.
   */
  textProfileOf(entry: BuiltinDatasetEntry): Promise<TextProfile> {
    let profile = this.#textProfiles[entry.id];
    if (!profile) {
      const separator = (entry as { record_separator?: unknown }).record_separator;
      profile = this.#fetch(this.urlOf(entry))
        .then((response) => {
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          return response.text();
        })
        .then((text) =>
          profileText(text, typeof separator === 'string' ? { recordSeparator: separator } : {}),
        );
      this.#textProfiles[entry.id] = profile;
      profile.catch(() => delete this.#textProfiles[entry.id]);
    }
    return profile;
  }

  /** Adds a stored dataset's entry, replacing the one it had (with another target or task). */
  useStored(entry: BuiltinDatasetEntry): void {
    const datasetId = storedDatasetIdOf(entry);
    this.#stored = [...this.#stored.filter((e) => storedDatasetIdOf(e) !== datasetId), entry];
  }

  /** Drops the entry of a stored dataset that was deleted. */
  forgetStored(datasetId: string): void {
    this.#stored = this.#stored.filter((entry) => storedDatasetIdOf(entry) !== datasetId);
  }

  async load(): Promise<void> {
    this.#status = 'loading';
    try {
      const response = await this.#fetch(resolveAppUrl('datasets/manifest.json', this.#baseUrl));
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const entries = (await response.json()) as BuiltinDatasetEntry[];
      if (!Array.isArray(entries)) throw new Error('manifest is not a list');
      this.#entries = entries;
      this.#status = 'ready';
    } catch (error) {
      this.#status = 'failed';
      throw error;
    }
  }
}

export const [getCatalog, setCatalog] = createContext<DatasetCatalog>('DatasetCatalog');
