/**
 * What the data service needs of storage. `src/storage/dataset-store.ts` implements it over
 * IndexedDB; ingest only sees this interface, so it stays free of idb and tests can inject
 * faults. Import protocol: `beginDataset` (meta with status `pending`) → `putChunks` per row
 * group → `commitDataset` (one transaction: dictionaries, profile, meta flipped to `ready`);
 * any failure or cancel → `discardDataset`.
 */
import type { ColumnChunk, DatasetId, DatasetProfile, StoredDatasetMeta } from '../contracts/data';

export interface DatasetStore {
  beginDataset(meta: StoredDatasetMeta): Promise<void>;
  /** Resolves to the bytes the chunks take as stored (storage may encode them compactly). */
  putChunks(id: DatasetId, chunkIndex: number, chunks: readonly ColumnChunk[]): Promise<number>;
  commitDataset(
    meta: StoredDatasetMeta,
    dictionaries: readonly (string[] | null)[],
    profile: DatasetProfile,
  ): Promise<void>;
  discardDataset(id: DatasetId): Promise<void>;
  listDatasets(): Promise<StoredDatasetMeta[]>;
  getDataset(id: DatasetId): Promise<StoredDatasetMeta | null>;
  getProfile(id: DatasetId): Promise<DatasetProfile | null>;
  /** A column's chunk; chunk index DICTIONARY_CHUNK holds a categorical dictionary. */
  getChunk(id: DatasetId, column: number, chunkIndex: number): Promise<ColumnChunk | null>;
  renameDataset(id: DatasetId, name: string): Promise<StoredDatasetMeta | null>;
  deleteDataset(id: DatasetId): Promise<boolean>;
}
