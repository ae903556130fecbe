/**
 * Image datasets on the Data screen: one import at a time (a zip or a folder, with size and
 * colour options, progress and cancel), the stored image sets, the thumbnails of the chosen
 * set, and thumbnails of the built-in pixel-CSV datasets (digits, MNIST, Fashion-MNIST).
 * Owns its ImageClient (a data worker instance) and disposes it.
 *
 * Invariants:
 * - An expected failure is kept in `failure` (an i18n code and params) until the next import;
 *   the set list is re-read only after a successful change, so a failed import leaves it as is.
 * - Samples answer only while their set or built-in is still the chosen one (latest wins).
 */
import type { DatasetId } from '../contracts/data';
import type { ErrorParams } from '../contracts/errors';
import type {
  ImageColor,
  ImageImportOptions,
  ImageImportOutcome,
  ImageImportProgress,
  ImageSamples,
  ImageSetMeta,
  ImageSize,
  ImageSource,
  PixelCsvOutcome,
  PixelCsvSpec,
  SkippedImage,
} from '../contracts/images';
import { ImageClient } from '../bridge/image-client';

/** Thumbnails shown per class. */
export const THUMBNAILS_PER_CLASS = 12;

/** What ImageImport needs from the bridge; tests pass a fake. */
export interface ImagePort {
  importImages(
    source: ImageSource,
    options: Partial<ImageImportOptions>,
    onProgress?: (progress: ImageImportProgress) => void,
  ): Promise<ImageImportOutcome>;
  cancelImport(): Promise<void>;
  listImageSets(): Promise<ImageSetMeta[]>;
  readImageSamples(id: DatasetId, perClass: number): Promise<ImageSamples | null>;
  deleteImageSet(id: DatasetId): Promise<boolean>;
  renameImageSet(id: DatasetId, name: string): Promise<ImageSetMeta | null>;
  exportImageZip(id: DatasetId): Promise<Blob | null>;
  readPixelCsv(spec: PixelCsvSpec, perClass: number): Promise<PixelCsvOutcome>;
  dispose(): void;
}

export interface ImageFailureState {
  code: string;
  params: ErrorParams;
}

export type ImagePhase = 'idle' | 'importing';

/** The chosen view: a stored set, or a built-in dataset by its catalogue id. */
export type ImageSelection = { kind: 'set'; id: DatasetId } | { kind: 'builtin'; id: string };

export class ImageImport {
  readonly #port: ImagePort;
  readonly #onUnexpected: (error: unknown, context: string) => void;
  #phase = $state<ImagePhase>('idle');
  #progress = $state.raw<ImageImportProgress | null>(null);
  #failure = $state.raw<ImageFailureState | null>(null);
  #skipped = $state.raw<SkippedImage[]>([]);
  #lastImported = $state.raw<ImageSetMeta | null>(null);
  #sets = $state.raw<ImageSetMeta[]>([]);
  #selection = $state.raw<ImageSelection | null>(null);
  #samples = $state.raw<ImageSamples | null>(null);
  #samplesFailed = $state(false);
  #request = 0;
  size = $state<ImageSize>(32);
  color = $state<ImageColor>('rgb');

  constructor(port: ImagePort, onUnexpected: (error: unknown, context: string) => void) {
    this.#port = port;
    this.#onUnexpected = onUnexpected;
  }

  get phase(): ImagePhase {
    return this.#phase;
  }
  get progress(): ImageImportProgress | null {
    return this.#progress;
  }
  get failure(): ImageFailureState | null {
    return this.#failure;
  }
  get skipped(): SkippedImage[] {
    return this.#skipped;
  }
  get lastImported(): ImageSetMeta | null {
    return this.#lastImported;
  }
  get sets(): ImageSetMeta[] {
    return this.#sets;
  }
  get selection(): ImageSelection | null {
    return this.#selection;
  }
  get samples(): ImageSamples | null {
    return this.#samples;
  }
  get samplesFailed(): boolean {
    return this.#samplesFailed;
  }

  async refresh(): Promise<void> {
    try {
      this.#sets = await this.#port.listImageSets();
    } catch (error) {
      this.#onUnexpected(error, 'images.list');
    }
  }

  importZip(file: Blob, fileName: string): Promise<void> {
    return this.#import({ kind: 'zip', file, fileName });
  }

  importFolder(name: string, files: { path: string; file: Blob }[]): Promise<void> {
    return this.#import({ kind: 'folder', name, files });
  }

  async cancel(): Promise<void> {
    await this.#port.cancelImport();
  }

  async select(selection: ImageSelection, spec?: PixelCsvSpec): Promise<void> {
    const request = ++this.#request;
    this.#selection = selection;
    this.#samples = null;
    this.#samplesFailed = false;
    try {
      let samples: ImageSamples | null = null;
      if (selection.kind === 'set') {
        samples = await this.#port.readImageSamples(selection.id, THUMBNAILS_PER_CLASS);
      } else if (spec) {
        const outcome = await this.#port.readPixelCsv(spec, THUMBNAILS_PER_CLASS);
        samples = outcome.status === 'ok' ? outcome : null;
      }
      if (request !== this.#request) return;
      this.#samples = samples;
      this.#samplesFailed = samples === null;
    } catch (error) {
      if (request === this.#request) this.#samplesFailed = true;
      this.#onUnexpected(error, 'images.samples');
    }
  }

  async remove(id: DatasetId): Promise<void> {
    try {
      await this.#port.deleteImageSet(id);
      if (this.#selection?.kind === 'set' && this.#selection.id === id) {
        this.#request++;
        this.#selection = null;
        this.#samples = null;
      }
      if (this.#lastImported?.id === id) this.#lastImported = null;
      await this.refresh();
    } catch (error) {
      this.#onUnexpected(error, 'images.delete');
    }
  }

  async rename(id: DatasetId, name: string): Promise<void> {
    try {
      if (await this.#port.renameImageSet(id, name)) await this.refresh();
    } catch (error) {
      this.#onUnexpected(error, 'images.rename');
    }
  }

  /** The set as a zip of PNGs, or null when it is gone or the export failed. */
  async exportZip(id: DatasetId): Promise<Blob | null> {
    try {
      return await this.#port.exportImageZip(id);
    } catch (error) {
      this.#onUnexpected(error, 'images.export');
      return null;
    }
  }

  dispose(): void {
    this.#port.dispose();
  }

  async #import(source: ImageSource): Promise<void> {
    if (this.#phase === 'importing') return;
    this.#phase = 'importing';
    this.#failure = null;
    this.#skipped = [];
    this.#lastImported = null;
    this.#progress = null;
    try {
      const outcome = await this.#port.importImages(
        source,
        { size: this.size, color: this.color },
        (progress) => (this.#progress = progress),
      );
      if (outcome.status === 'failed') {
        this.#failure = { code: outcome.code, params: outcome.params };
      } else if (outcome.status === 'imported') {
        this.#skipped = outcome.skipped;
        this.#lastImported = outcome.set;
        await this.refresh();
        await this.select({ kind: 'set', id: outcome.set.id });
      }
    } catch (error) {
      this.#onUnexpected(error, 'images.import');
    } finally {
      this.#phase = 'idle';
      this.#progress = null;
    }
  }
}

/** An image import over a fresh ImageClient; the caller disposes it. */
export function createImageImport(
  onUnexpected: (error: unknown, context: string) => void,
): ImageImport {
  return new ImageImport(new ImageClient(), onUnexpected);
}

let shared: ImageImport | null = null;

/**
 * The page's one image import, created on first use and kept for the page's lifetime, so an
 * import keeps running (and its result stays) while the user visits other stages.
 */
export function sharedImageImport(
  onUnexpected: (error: unknown, context: string) => void,
): ImageImport {
  shared ??= createImageImport(onUnexpected);
  return shared;
}

function isNumberList(value: unknown, length: number): value is number[] {
  return (
    Array.isArray(value) &&
    value.length === length &&
    value.every((item) => typeof item === 'number' && Number.isFinite(item))
  );
}

/** The pixel-CSV description of a built-in dataset whose manifest entry has an `image` block. */
export function pixelCsvSpecOf(
  entry: { image?: unknown; classes?: string[] },
  url: string,
): PixelCsvSpec | null {
  const image = entry.image as { shape?: unknown; pixel_range?: unknown } | undefined;
  if (!image || !isNumberList(image.shape, 3) || !isNumberList(image.pixel_range, 2)) return null;
  return {
    url,
    shape: image.shape as [number, number, number],
    pixelRange: image.pixel_range as [number, number],
    ...(entry.classes ? { classes: entry.classes } : {}),
  };
}
