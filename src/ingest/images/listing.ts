/**
 * A zip or a picked folder as one list of files with their sizes and a way to read each, and
 * the checks that run on that list before a single file is read: file count, per-file size,
 * total size, and each zip entry's compression ratio (a zip bomb packs gigabytes into
 * kilobytes; real images barely compress). Nested zips are listed, never opened.
 */
import type { ImageFailure, ImageLimits, ImageSource, SkippedImage } from '../../contracts/images';
import type { EncodedImage } from './decoder';
import { planPaths } from './paths';
import { readZipDirectory, readZipEntry, ZipFormatError, ZipWindow } from './zip-reader';

export interface ListedImage {
  path: string;
  label: string;
  mime: string;
  size: number;
  /** The encoded bytes, or null when a zip entry is damaged. */
  read: () => Promise<EncodedImage | null>;
}

export interface Listing {
  name: string;
  images: ListedImage[];
  skipped: SkippedImage[];
  /** Sum of the images' encoded sizes. */
  totalBytes: number;
}

export type ListingOutcome = { status: 'ok'; listing: Listing } | ImageFailure;

function fail(code: ImageFailure['code'], params: ImageFailure['params']): ImageFailure {
  return { status: 'failed', code, params };
}

function baseName(fileName: string): string {
  const name = fileName.slice(fileName.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

interface RawFile {
  path: string;
  size: number;
  compressedSize: number | null;
  read: () => Promise<EncodedImage | null>;
}

async function rawFilesOf(source: ImageSource): Promise<RawFile[] | ImageFailure> {
  if (source.kind === 'folder') {
    return source.files.map(({ path, file }) => ({
      path,
      size: file.size,
      compressedSize: null,
      read: () => Promise.resolve(file),
    }));
  }
  try {
    const entries = await readZipDirectory(source.file);
    if (entries.some((entry) => entry.isEncrypted)) throw new ZipFormatError('encrypted');
    const window = new ZipWindow(source.file);
    return entries
      .filter((entry) => !entry.isDirectory)
      .map((entry) => ({
        path: entry.name,
        size: entry.size,
        compressedSize: entry.compressedSize,
        // The bytes as they are: wrapping each entry in a Blob costs a round trip to the
        // browser process (see decoder.ts).
        read: () =>
          readZipEntry(source.file, entry, window) as Promise<Uint8Array<ArrayBuffer> | null>,
      }));
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    return error.reason === 'notZip' || error.reason === 'corrupt'
      ? fail('error.images.notZip', { file: source.fileName })
      : fail('error.images.unsupportedZip', { file: source.fileName });
  }
}

export async function listImages(
  source: ImageSource,
  limits: ImageLimits,
): Promise<ListingOutcome> {
  const raw = await rawFilesOf(source);
  if (!Array.isArray(raw)) return raw;
  const plans = planPaths(
    raw.map((file) => file.path),
    source.kind === 'folder',
  );
  if (plans.length > limits.maxFiles) {
    return fail('error.images.tooManyFiles', { count: plans.length, max: limits.maxFiles });
  }
  const byPath = new Map(raw.map((file) => [file.path, file]));
  const images: ListedImage[] = [];
  const skipped: SkippedImage[] = [];
  let totalBytes = 0;
  for (const plan of plans) {
    if (plan.kind === 'skip') {
      skipped.push({ path: plan.path, reason: plan.reason });
      continue;
    }
    const file = byPath.get(plan.path) as RawFile;
    if (file.size > limits.maxEntryBytes) {
      return fail('error.images.entryTooLarge', {
        file: plan.path,
        size: file.size,
        max: limits.maxEntryBytes,
      });
    }
    if (file.compressedSize !== null && file.size >= limits.ratioFloorBytes) {
      const ratio = file.size / Math.max(1, file.compressedSize);
      if (ratio > limits.maxRatio) {
        return fail('error.images.zipBomb', {
          file: plan.path,
          size: file.size,
          compressed: file.compressedSize,
          ratio: Math.round(ratio),
          max: limits.maxRatio,
        });
      }
    }
    totalBytes += file.size;
    if (totalBytes > limits.maxTotalBytes) {
      return fail('error.images.totalTooLarge', { total: totalBytes, max: limits.maxTotalBytes });
    }
    images.push({
      path: plan.path,
      label: plan.label,
      mime: plan.mime,
      size: file.size,
      read: file.read,
    });
  }
  const name = source.kind === 'zip' ? baseName(source.fileName) : source.name;
  return { status: 'ok', listing: { name, images, skipped, totalBytes } };
}
