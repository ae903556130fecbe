/**
 * DataLibrary against a fake data bridge: the library list and storage, the choose → sniff →
 * import flow with progress and warnings, failures routed to onFailure with their codes (and
 * the library left alone), stale sniffs dropped, rename/delete/export, the profile cache and
 * persistence.
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

const FILE = new Blob(['a\n1\n2\n']);

describe('DataLibrary', () => {
  it('lists stored datasets and the storage estimate on refresh', async () => {
    const { port, library } = setUp();
    port.stored = [meta(ID, 'first')];
    expect(library.isLoaded).toBe(false);
    await library.refresh();
    expect(library.isLoaded).toBe(true);
    expect(library.datasets.map((d) => d.name)).toEqual(['first']);
    expect(library.storage).toEqual({ usage: 100, quota: 1000, persisted: false });
  });

  it('previews a chosen file, imports it with progress and lists it with its warnings', async () => {
    const { port, library, onFailure } = setUp();
    port.progress = [{ jobId: 1, bytesRead: 3, totalBytes: 6, rowsRead: 1 }];
    await library.chooseFile(FILE, 'numbers.csv');
    expect(library.phase).toBe('ready');
    expect(library.pending?.preview?.columns).toEqual([{ name: 'a', type: 'numeric' }]);

    const seen: (ImportProgress | null)[] = [];
    port.importFile.mockImplementationOnce(async (file, name, options, onProgress) => {
      onProgress?.({ jobId: 1, bytesRead: 3, totalBytes: 6, rowsRead: 1 });
      seen.push(library.progress);
      expect(library.phase).toBe('importing');
      const dataset = meta(ID, 'numbers');
      port.stored = [dataset];
      void file;
      void name;
      void options;
      return { status: 'imported', dataset, warnings: [] };
    });
    await library.startImport();
    expect(seen).toEqual([{ jobId: 1, bytesRead: 3, totalBytes: 6, rowsRead: 1 }]);
    expect(library.phase).toBe('idle');
    expect(library.pending).toBeNull();
    expect(library.progress).toBeNull();
    expect(library.lastImportedName).toBe('numbers');
    expect(library.datasets.map((d) => d.name)).toEqual(['numbers']);
    expect(onFailure).not.toHaveBeenCalled();
  });

  it('keeps the warnings of a successful import', async () => {
    const { library } = setUp();
    await library.chooseFile(FILE, 'w.csv');
    await library.startImport();
    expect(library.warnings).toEqual([{ code: 'warning.data.raggedPadded', params: { count: 1 } }]);
  });

  it('re-sniffs with overridden options and passes them to the import', async () => {
    const { port, library } = setUp();
    await library.chooseFile(FILE, 'x.csv');
    await library.setOptions({ delimiter: ';', hasHeader: false });
    const overridden = { delimiter: ';', encoding: 'auto', hasHeader: false };
    expect(port.sniff).toHaveBeenLastCalledWith(FILE, expect.objectContaining(overridden));
    await library.startImport();
    expect(port.importFile.mock.calls[0]?.[2]).toMatchObject(overridden);
  });

  it('reports a failed sniff by its code and keeps nothing pending', async () => {
    const { port, library, onFailure } = setUp();
    port.sniffOutcome = { status: 'failed', code: 'error.data.binary', params: {} };
    await library.chooseFile(FILE, 'junk.csv');
    expect(onFailure).toHaveBeenCalledWith('error.data.binary', {});
    expect(library.pending).toBeNull();
    expect(library.phase).toBe('idle');
    expect(port.importFile).not.toHaveBeenCalled();
  });

  it('reports a failed import by its code, keeps the file chosen and leaves the list alone', async () => {
    const { port, library, onFailure } = setUp();
    await library.refresh();
    const listCalls = port.listDatasets.mock.calls.length;
    port.importOutcome = { status: 'failed', code: 'error.data.raggedRow', params: { row: 3 } };
    await library.chooseFile(FILE, 'bad.csv');
    await library.startImport();
    expect(onFailure).toHaveBeenCalledWith('error.data.raggedRow', { row: 3 });
    expect(library.phase).toBe('ready');
    expect(library.pending?.fileName).toBe('bad.csv');
    expect(port.listDatasets.mock.calls.length).toBe(listCalls);
    expect(library.datasets).toEqual([]);
  });

  it('treats a cancelled import as no failure', async () => {
    const { port, library, onFailure } = setUp();
    port.importOutcome = { status: 'cancelled' };
    await library.chooseFile(FILE, 'c.csv');
    await library.startImport();
    expect(onFailure).not.toHaveBeenCalled();
    expect(library.phase).toBe('ready');
  });

  it('drops a sniff answer that a newer choice made stale', async () => {
    const { port, library } = setUp();
    let release: (outcome: SniffOutcome) => void = () => undefined;
    port.sniff.mockImplementationOnce(() => new Promise<SniffOutcome>((r) => (release = r)));
    const first = library.chooseFile(FILE, 'old.csv');
    await library.chooseFile(FILE, 'new.csv');
    release({ ...SNIFF_OK, columns: [{ name: 'stale', type: 'text' }] });
    await first;
    expect(library.pending?.fileName).toBe('new.csv');
    expect(library.pending?.preview?.columns[0]?.name).toBe('a');
  });

  it('discards a pending file on Cancel', async () => {
    const { library } = setUp();
    await library.chooseFile(FILE, 'x.csv');
    library.discardPending();
    expect(library.pending).toBeNull();
    expect(library.phase).toBe('idle');
  });

  it('forwards Cancel import only while importing', async () => {
    const { port, library } = setUp();
    await library.cancelImport();
    expect(port.cancelImport).not.toHaveBeenCalled();
    let finish: (outcome: ImportOutcome) => void = () => undefined;
    port.importFile.mockImplementationOnce(() => new Promise<ImportOutcome>((r) => (finish = r)));
    await library.chooseFile(FILE, 'x.csv');
    const running = library.startImport();
    await library.cancelImport();
    expect(port.cancelImport).toHaveBeenCalledTimes(1);
    finish({ status: 'cancelled' });
    await running;
    expect(library.phase).toBe('ready');
  });

  it('renames and deletes, re-reading the list, and drops the deleted profile', async () => {
    const { port, library } = setUp();
    port.stored = [meta(ID, 'old')];
    await library.refresh();
    await library.rename(ID, '  new name ');
    expect(port.renameDataset).toHaveBeenCalledWith(ID, 'new name');
    expect(library.datasets[0]?.name).toBe('new name');

    await library.showProfile(ID);
    expect(library.selected?.id).toBe(ID);
    await library.remove(ID);
    expect(library.datasets).toEqual([]);
    expect(library.selected).toBeNull();
    expect(library.profile).toBeNull();
  });

  it('ignores an empty new name', async () => {
    const { port, library } = setUp();
    await library.rename(ID, '   ');
    expect(port.renameDataset).not.toHaveBeenCalled();
  });

  it('caches profiles by dataset id', async () => {
    const { port, library } = setUp();
    port.stored = [meta(ID, 'p')];
    await library.refresh();
    await library.showProfile(ID);
    library.closeProfile();
    expect(library.profile).toBeNull();
    await library.showProfile(ID);
    expect(library.profile).toEqual(PROFILE);
    expect(port.getProfile).toHaveBeenCalledTimes(1);
  });

  it('reports a dataset that vanished when profiling or exporting it', async () => {
    const { library, onFailure } = setUp();
    await library.showProfile(ID);
    expect(await library.exportCsv(ID)).toBeNull();
    expect(onFailure.mock.calls).toEqual([['error.data.notFound'], ['error.data.notFound']]);
  });

  it('exports a stored dataset as a Blob', async () => {
    const { port, library } = setUp();
    port.stored = [meta(ID, 'e')];
    const blob = await library.exportCsv(ID);
    expect(await blob?.text()).toBe('a\n1\n');
  });

  it('records the answer to a persistence request', async () => {
    const { port, library } = setUp();
    await library.requestPersistence();
    expect(library.persistRequest).toBe('granted');
    port.requestPersistence.mockResolvedValueOnce(false);
    await library.requestPersistence();
    expect(library.persistRequest).toBe('denied');
  });

  it('routes a thrown bridge error to onUnexpected and disposes its port', async () => {
    const { port, library, onUnexpected } = setUp();
    port.listDatasets.mockRejectedValueOnce(new Error('boom'));
    await library.refresh();
    expect(onUnexpected).toHaveBeenCalledWith(expect.any(Error), 'reading the dataset library');
    library.dispose();
    expect(port.dispose).toHaveBeenCalledTimes(1);
  });

  it('reports blocked/blocking database events once it watches storage', async () => {
    const { port, library, onFailure } = setUp();
    await library.refresh();
    await library.refresh();
    expect(port.watchStorage).toHaveBeenCalledTimes(1);
    port.storageHandler?.('blocking');
    expect(onFailure).toHaveBeenCalledWith('data.storage.blocking');
  });

  it('routes a thrown rename, delete or export to onUnexpected', async () => {
    const { port, library, onUnexpected } = setUp();
    port.renameDataset.mockRejectedValueOnce(new Error('a'));
    port.deleteDataset.mockRejectedValueOnce(new Error('b'));
    port.exportCsv.mockRejectedValueOnce(new Error('c'));
    await library.rename(ID, 'n');
    await library.remove(ID);
    expect(await library.exportCsv(ID)).toBeNull();
    expect(onUnexpected.mock.calls.map((call) => call[1])).toEqual([
      'renaming a dataset',
      'deleting a dataset',
      'exporting a dataset',
    ]);
  });
});
