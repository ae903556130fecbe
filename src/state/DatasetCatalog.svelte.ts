/**
 * The built-in datasets shipped in `public/datasets/`. The manifest is small, so the main
 * thread fetches it; the CSV files themselves are fetched and parsed by the training worker.
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import { createContext } from './context';
import { resolveAppUrl } from './urls';

export type CatalogStatus = 'loading' | 'ready' | 'failed';

export class DatasetCatalog {
  #entries = $state.raw<BuiltinDatasetEntry[]>([]);
  #status = $state<CatalogStatus>('loading');
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

  byId(id: string): BuiltinDatasetEntry | undefined {
    return this.#entries.find((entry) => entry.id === id);
  }

  urlOf(entry: BuiltinDatasetEntry): string {
    return resolveAppUrl(`datasets/${entry.file}`, this.#baseUrl);
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
