/**
 * DataLibrary's training-side additions against a fake data bridge: saving a generated table
 * through the import path, and the target chooser's open/close rules.
 */
import { describe, expect, it, vi } from 'vitest';
import type {
  DatasetId,
  DatasetProfile,
  ImportOutcome,
  ImportProgress,
  SniffOutcome,
  StorageEvent,
  StoredDatasetMeta,
} from '../../../src/contracts/data';
import { DataLibrary, type DataPort } from '../../../src/state/DataLibrary.svelte';

const ID = 'ds-1' as DatasetId;

function meta(id: DatasetId, name: string): StoredDatasetMeta {
  return {
    id,
    name,
    kind: 'table',
    status: 'ready',
    rows: 3,
    columns: [{ name: 'a', type: 'numeric', invalidCount: 0 }],
    chunkRows: 1000,
    chunkCount: 1,
    sizeBytes: 24,
    createdAt: 0,
    source: {
      fileName: `${name}.csv`,
      format: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      fileBytes: 9,
    },
  };
}

const SNIFF_OK: SniffOutcome = {
  status: 'ok',
  format: 'csv',
  encoding: 'utf-8',
  delimiter: ',',
  hasHeader: true,
  columns: [{ name: 'a', type: 'numeric' }],
  rows: [['1'], ['2']],
};

const PROFILE: DatasetProfile = {
  datasetId: ID,
  rows: 3,
  columns: [],
  correlation: { columns: [], matrix: [] },
};

class FakePort implements DataPort {
  stored: StoredDatasetMeta[] = [];
  sniffOutcome: SniffOutcome = SNIFF_OK;
  importOutcome: ImportOutcome | null = null;
  progress: ImportProgress[] = [];
  sniff = vi.fn(async () => this.sniffOutcome);
  importFile = vi.fn(
    async (
      _file: Blob,
      name: string,
      _options: unknown,
      onProgress?: (progress: ImportProgress) => void,
    ): Promise<ImportOutcome> => {
      for (const p of this.progress) onProgress?.(p);
      if (this.importOutcome) return this.importOutcome;
      const dataset = meta(ID, name.replace(/\.csv$/, ''));
      this.stored = [...this.stored, dataset];
      return {
        status: 'imported',
        dataset,
        warnings: [{ code: 'warning.data.raggedPadded', params: { count: 1 } }],
      };
    },
  );
  cancelImport = vi.fn(async () => undefined);
  listDatasets = vi.fn(async () => this.stored);
  getProfile = vi.fn(async (id: DatasetId) =>
    this.stored.some((d) => d.id === id) ? PROFILE : null,
  );
  readRows = vi.fn(async (_id: DatasetId, start: number) => ({ start, rows: [] }));
  renameDataset = vi.fn(async (id: DatasetId, name: string) => {
    const found = this.stored.find((d) => d.id === id);
    if (!found) return null;
    const renamed = { ...found, name };
    this.stored = this.stored.map((d) => (d.id === id ? renamed : d));
    return renamed;
  });
  deleteDataset = vi.fn(async (id: DatasetId) => {
    const had = this.stored.some((d) => d.id === id);
    this.stored = this.stored.filter((d) => d.id !== id);
    return had;
  });
  exportCsv = vi.fn(async (id: DatasetId) =>
    this.stored.some((d) => d.id === id) ? new Blob(['a\n1\n']) : null,
  );
  storageEstimate = vi.fn(async () => ({ usage: 100, quota: 1000, persisted: false }));
  requestPersistence = vi.fn(async () => true);
  storageHandler: ((event: StorageEvent) => void) | null = null;
  watchStorage = vi.fn((handler: (event: StorageEvent) => void) => {
    this.storageHandler = handler;
  });
  dispose = vi.fn();
}

function setUp() {
  const port = new FakePort();
  const onFailure = vi.fn();
  const onUnexpected = vi.fn();
  const library = new DataLibrary(port, { onFailure, onUnexpected });
  return { port, library, onFailure, onUnexpected };
}

describe('DataLibrary.saveTable', () => {
  it('stores a table through importFile with the given options and refreshes the list', async () => {
    const { port, library, onFailure } = setUp();
    const blob = new Blob(['x,y,label\n0,0,1\n']);
    const stored = await library.saveTable(blob, 'moons.csv', {
      name: 'moons',
      columnTypes: { label: 'integer' },
    });
    expect(stored?.name).toBe('moons');
    expect(port.importFile).toHaveBeenCalledWith(blob, 'moons.csv', {
      name: 'moons',
      columnTypes: { label: 'integer' },
    });
    expect(library.datasets.map((d) => d.name)).toEqual(['moons']);
    expect(library.isSaving).toBe(false);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('reports a failed save with its code and leaves the library unchanged', async () => {
    const { port, library, onFailure } = setUp();
    port.importOutcome = { status: 'failed', code: 'error.data.quota', params: { needed: 9 } };
    expect(await library.saveTable(new Blob(['a\n1\n']), 'a.csv', {})).toBeNull();
    expect(onFailure).toHaveBeenCalledWith('error.data.quota', { needed: 9 });
    expect(port.listDatasets).not.toHaveBeenCalled();
  });

  it('refuses a second save while one runs', async () => {
    const { library, onFailure } = setUp();
    const first = library.saveTable(new Blob(['a\n1\n']), 'a.csv', {});
    expect(library.isSaving).toBe(true);
    expect(await library.saveTable(new Blob(['a\n1\n']), 'b.csv', {})).toBeNull();
    expect(onFailure).toHaveBeenCalledWith('error.data.busy');
    await first;
  });
});

describe('DataLibrary target chooser', () => {
  it('opens with the profile, closes on request, on another profile and on delete', async () => {
    const { port, library } = setUp();
    const other = 'ds-2' as DatasetId;
    port.stored = [meta(ID, 'first'), meta(other, 'second')];
    await library.refresh();
    await library.chooseTarget(ID);
    expect(library.isChoosingTarget).toBe(true);
    expect(library.profile).toEqual(PROFILE);
    library.closeTargetChooser();
    expect(library.isChoosingTarget).toBe(false);

    await library.chooseTarget(ID);
    await library.showProfile(other);
    expect(library.isChoosingTarget).toBe(false);

    await library.chooseTarget(other);
    expect(library.isChoosingTarget).toBe(true);
    await library.remove(other);
    expect(library.isChoosingTarget).toBe(false);
  });
});

describe('DataLibrary import value options', () => {
  it('sniffs again under forced types and markers, and imports with them', async () => {
    const { port, library } = setUp();
    await library.chooseFile(new Blob(['a\n1\n']), 'a.csv');
    expect(library.pending?.options.missingMarkers).toEqual(['', 'NA', 'N/A', 'null', 'NaN', '?']);
    await library.setColumnType('a', 'categorical');
    await library.setOptions({ missingMarkers: ['-'], decimalComma: true, raggedRows: 'skip' });
    expect(port.sniff).toHaveBeenLastCalledWith(
      expect.any(Blob),
      expect.objectContaining({
        columnTypes: { a: 'categorical' },
        missingMarkers: ['-'],
        decimalComma: true,
        raggedRows: 'skip',
      }),
    );
    await library.setColumnType('a', 'auto');
    expect(library.pending?.options.columnTypes).toEqual({});
    await library.setColumnType('a', 'text');
    await library.startImport();
    expect(port.importFile).toHaveBeenCalledWith(
      expect.any(Blob),
      'a.csv',
      expect.objectContaining({ columnTypes: { a: 'text' }, missingMarkers: ['-'] }),
      expect.any(Function),
    );
  });
});
