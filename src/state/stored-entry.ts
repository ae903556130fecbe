/**
 * A dataset from the user's library as a catalogue entry, so the Prepare, Model and Train
 * screens treat it like a shipped one. Its entry id names the dataset, task and target, and its
 * `source.registry` is `indexeddb`: the training request then names the stored dataset and the
 * worker reads it from IndexedDB instead of fetching a file.
 *
 * Also the pure helpers of the target chooser: which task a target column suggests, and the
 * class balance its profile shows.
 */
import type { BuiltinDatasetEntry, TrainableTask } from '../contracts/datasets';
import type { ColumnProfile, DatasetProfile, StoredDatasetMeta } from '../contracts/data';

export const STORED_REGISTRY = 'indexeddb';
const ENTRY_PREFIX = 'stored:';
/** An integer target with at most this many distinct values suggests classes. */
export const MAX_SUGGESTED_CLASSES = 20;

/** Target and task are part of the id, so choosing another target is a new project dataset. */
export function storedEntryId(datasetId: string, target: string, task: TrainableTask): string {
  return `${ENTRY_PREFIX}${datasetId}:${task}:${target}`;
}

/** The stored dataset an entry names, or null for a shipped dataset. */
export function storedDatasetIdOf(entry: Pick<BuiltinDatasetEntry, 'source'>): string | null {
  return entry.source.registry === STORED_REGISTRY ? (entry.source.path ?? null) : null;
}

export function storedEntryOf(
  meta: StoredDatasetMeta,
  profile: DatasetProfile | null,
  target: string,
  task: TrainableTask,
): BuiltinDatasetEntry {
  return {
    id: storedEntryId(meta.id, target, task),
    file: meta.source.fileName,
    format: meta.source.format,
    title: meta.name,
    task,
    target,
    features: meta.columns
      .filter((column) => column.name !== target)
      .map((column) => ({ name: column.name, type: column.type })),
    source: { registry: STORED_REGISTRY, path: meta.id },
    license: '',
    rows: meta.rows,
    columns: meta.columns.length,
    has_missing: profile?.columns.some((column) => column.missing > 0) ?? false,
    bytes: meta.sizeBytes,
    sha256: '',
  };
}

/** Categories, booleans, texts and small-range integers suggest classes; other numbers a value. */
export function suggestTask(column: ColumnProfile): TrainableTask {
  switch (column.type) {
    case 'categorical':
    case 'boolean':
    case 'text':
      return 'classification';
    case 'integer':
      return column.distinct <= MAX_SUGGESTED_CLASSES && !column.distinctIsCapped
        ? 'classification'
        : 'regression';
    default:
      return 'regression';
  }
}

export interface ClassBalance {
  classes: { value: string; count: number }[];
  /** Rows in classes beyond the listed ones (the profile keeps the top categories only). */
  otherCount: number;
  /** False when the counts come from a sample of a huge column. */
  isExact: boolean;
}

/** Counts per class from a column's profile, or null when the profile holds none. */
export function classBalanceOf(column: ColumnProfile): ClassBalance | null {
  if (column.topCategories) {
    const listed = column.topCategories.reduce((sum, entry) => sum + entry.count, 0);
    return {
      classes: column.topCategories.map((entry) => ({ ...entry })),
      otherCount: Math.max(0, column.count - listed),
      isExact: true,
    };
  }
  const bins = column.histogram;
  // Integers of a small range get one bin per value (src/ingest/distribution.ts).
  if (column.type !== 'integer' || !bins || bins.some((bin) => bin.to - bin.from !== 1)) {
    return null;
  }
  const classes = bins
    .filter((bin) => bin.count > 0)
    .map((bin) => ({ value: String(bin.from + 0.5), count: bin.count }));
  return { classes, otherCount: 0, isExact: column.numeric?.isExact ?? true };
}
