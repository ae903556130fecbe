/**
 * An imported image set as a catalogue entry, so Prepare, Model, Train and Evaluate treat it
 * like the shipped pixel datasets: one `image-pixel` feature per stored value, the class name
 * as the `label` target, and the manifest's `image` block (shape and pixel range) from which
 * the builder proposes its CNN and the recipe offers image augmentation. Like a stored table,
 * its source registry is `indexeddb`, so the workers read it from IndexedDB by id.
 */
import type { BuiltinDatasetEntry } from '../contracts/datasets';
import type { ImageSetMeta } from '../contracts/images';
import { IMAGE_TARGET_COLUMN, imagePixelColumnNames } from '../core/image-columns';
import { STORED_REGISTRY, storedEntryId } from './stored-entry';

/** The `format` of an imported image set's entry (a table's is its file format). */
export const IMAGE_ENTRY_FORMAT = 'images';

/** What a manifest entry of a pixel dataset carries besides the common fields. */
export interface ImageDatasetEntry extends BuiltinDatasetEntry {
  image: { shape: [number, number, number]; pixel_range: [number, number] };
}

/** A classifier needs two classes; a set of one sub-folder cannot train one. */
export function isTrainableImageSet(meta: Pick<ImageSetMeta, 'classes'>): boolean {
  return meta.classes.filter((info) => info.count > 0).length >= 2;
}

export function storedImageEntryOf(meta: ImageSetMeta): ImageDatasetEntry {
  const names = imagePixelColumnNames(meta.size, meta.channels);
  return {
    id: storedEntryId(meta.id, IMAGE_TARGET_COLUMN, 'classification'),
    file: meta.source.fileName,
    format: IMAGE_ENTRY_FORMAT,
    title: meta.name,
    task: 'image-classification',
    target: IMAGE_TARGET_COLUMN,
    features: names.map((name) => ({ name, type: 'image-pixel' })),
    classes: meta.classes.map((info) => info.name),
    image: { shape: [meta.size, meta.size, meta.channels], pixel_range: [0, 255] },
    source: { registry: STORED_REGISTRY, path: meta.id },
    license: '',
    rows: meta.count,
    columns: names.length + 1,
    has_missing: false,
    bytes: meta.sizeBytes,
    sha256: '',
  };
}
