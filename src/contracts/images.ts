/**
 * The image half of the data worker's contract. `workers/data.worker.ts` exposes an object that
 * `satisfies DataWorkerApi` (the table API plus this one); `src/bridge/image-client.ts` wraps the
 * image part. Only plain data, Blobs and typed arrays cross: sources go in as Blobs (a zip, or
 * one Blob per file with its relative path), pixels come back as Uint8Arrays.
 *
 * Pixels are uint8, row-major, interleaved: `size × size × channels` bytes per image, where
 * channels is 1 (grayscale) or 3 (RGB).
 */
import type { DataApi, DatasetId } from './data';
import type { ErrorParams } from './errors';

export const IMAGE_SIZES = [28, 32, 64, 96] as const;
export type ImageSize = (typeof IMAGE_SIZES)[number];
export type ImageColor = 'grayscale' | 'rgb';

export interface ImageImportOptions {
  /** Dataset name; defaults to the zip's or folder's name. */
  name?: string;
  size: ImageSize;
  color: ImageColor;
}

export const DEFAULT_IMAGE_OPTIONS: ImageImportOptions = { size: 32, color: 'rgb' };

/** Bounds that keep a hostile or mistaken upload from exhausting memory or disk. */
export interface ImageLimits {
  maxFiles: number;
  /** Uncompressed bytes of one file. */
  maxEntryBytes: number;
  /** Uncompressed bytes of all files together. */
  maxTotalBytes: number;
  /** Uncompressed ÷ compressed size of one zip entry; images barely compress. */
  maxRatio: number;
  /** Entries smaller than this are never called bombs, whatever their ratio. */
  ratioFloorBytes: number;
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxFiles: 50_000,
  maxEntryBytes: 32 * 1024 * 1024,
  maxTotalBytes: 2 * 1024 * 1024 * 1024,
  maxRatio: 100,
  ratioFloorBytes: 1024 * 1024,
};

export interface ImageFileEntry {
  /** Path relative to the chosen folder, `/`-separated, starting with the folder's name. */
  path: string;
  file: Blob;
}

export type ImageSource =
  | { kind: 'zip'; file: Blob; fileName: string }
  | { kind: 'folder'; name: string; files: ImageFileEntry[] };

export interface ImageImportProgress {
  jobId: number;
  filesDone: number;
  filesTotal: number;
  bytesRead: number;
  totalBytes: number;
}

export type ImageImportProgressHandler = (progress: ImageImportProgress) => void;

/** Why a file was left out; i18n keys under `images.skip.`. */
export type ImageSkipReason = 'decodeFailed' | 'nestedZip' | 'unsupportedType' | 'noClass';

export interface SkippedImage {
  path: string;
  reason: ImageSkipReason;
}

/** Error codes of image imports; i18n keys under `error.images.`. */
export type ImageErrorCode =
  | 'error.images.notZip'
  | 'error.images.unsupportedZip'
  | 'error.images.tooManyFiles'
  | 'error.images.entryTooLarge'
  | 'error.images.totalTooLarge'
  | 'error.images.zipBomb'
  | 'error.images.noImages'
  | 'error.images.quota'
  | 'error.images.busy'
  | 'error.images.workerCrashed';

export interface ImageFailure {
  status: 'failed';
  code: ImageErrorCode;
  params: ErrorParams;
}

export interface ImageClassInfo {
  name: string;
  count: number;
}

export interface ImageSetMeta {
  id: DatasetId;
  name: string;
  /** `pending` while an import writes chunks; only `ready` sets are listed. */
  status: 'pending' | 'ready';
  size: ImageSize;
  channels: 1 | 3;
  count: number;
  /** Sorted by name; an image's label is an index into this list. */
  classes: ImageClassInfo[];
  /** Images per stored chunk; chunk i holds images [i·chunkImages, (i+1)·chunkImages). */
  chunkImages: number;
  chunkCount: number;
  /** Bytes of stored pixels and labels. */
  sizeBytes: number;
  createdAt: number;
  source: { fileName: string; kind: 'zip' | 'folder'; files: number; bytes: number };
}

export interface ImageChunk {
  pixels: Uint8Array;
  labels: Uint16Array;
}

export type ImageImportOutcome =
  | { status: 'imported'; set: ImageSetMeta; skipped: SkippedImage[] }
  | { status: 'cancelled' }
  | ImageFailure;

/** The first images of each class, for thumbnails. */
export interface ImageSamples {
  size: number;
  channels: 1 | 3;
  classes: { name: string; count: number; images: Uint8Array[] }[];
}

/** A built-in dataset stored as a pixel CSV: label column first, then pixels row-major. */
export interface PixelCsvSpec {
  url: string;
  /** [height, width, channels] */
  shape: [number, number, number];
  /** [min, max] of the stored pixel values, mapped to 0–255. */
  pixelRange: [number, number];
  /** Class names by label value, where the manifest gives them. */
  classes?: string[];
}

export type PixelCsvOutcome = ({ status: 'ok' } & ImageSamples) | { status: 'failed' };

export interface ImageApi {
  /** One image import at a time: a second one while one runs fails `error.images.busy`. */
  importImages(
    jobId: number,
    source: ImageSource,
    options: Partial<ImageImportOptions>,
    onProgress?: ImageImportProgressHandler,
  ): Promise<ImageImportOutcome>;
  /** Cooperative: the import stops before its next file and removes what it wrote. */
  cancelImages(jobId: number): void;
  listImageSets(): Promise<ImageSetMeta[]>;
  readImageSamples(id: DatasetId, perClass: number): Promise<ImageSamples | null>;
  deleteImageSet(id: DatasetId): Promise<boolean>;
  /** A blank name keeps the old one; null when the set does not exist. */
  renameImageSet(id: DatasetId, name: string): Promise<ImageSetMeta | null>;
  /** The stored images as PNGs in a zip, one folder per class; null when the set is gone. */
  exportImageZip(id: DatasetId): Promise<Blob | null>;
  readPixelCsv(spec: PixelCsvSpec, perClass: number): Promise<PixelCsvOutcome>;
}

/** Everything the data worker exposes. */
export type DataWorkerApi = DataApi & ImageApi;
