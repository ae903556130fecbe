/**
 * One image import, from a zip or folder to a stored image set: list and bound the files,
 * check the quota, then decode, crop, resize and append each image to uint8 chunks written
 * under a `pending` meta, committed at the end. A file that fails to decode is skipped and
 * listed; anything that stops the job (a cancel, a full disk, a bug) discards what was
 * written, so storage holds the whole set or nothing of it.
 */
import type { DatasetId } from '../../contracts/data';
import type {
  ImageFailure,
  ImageImportOptions,
  ImageImportOutcome,
  ImageImportProgressHandler,
  ImageLimits,
  ImageSetMeta,
  ImageSource,
  SkippedImage,
} from '../../contracts/images';
import { DEFAULT_IMAGE_LIMITS, DEFAULT_IMAGE_OPTIONS } from '../../contracts/images';
import type { PixelDecoder } from './decoder';
import type { ImageStore } from './image-store-port';
import { listImages, type ListedImage } from './listing';
import { toSquarePixels } from './pixels';

export const PROGRESS_THROTTLE_MS = 100;
/** Chunks of about this many bytes: big enough for few writes, small enough to hold. */
const CHUNK_TARGET_BYTES = 4 * 1024 * 1024;
const LABEL_BYTES = 2;

export interface ImageImportDeps {
  store: ImageStore;
  decoder: PixelDecoder;
  estimate: () => Promise<{ usage: number; quota: number } | null>;
  now: () => number;
  newId: () => DatasetId;
  /** Lets queued messages (a cancel) in between files. */
  yieldToEvents: () => Promise<void>;
  limits?: ImageLimits;
  chunkImages?: number;
}

export interface ImageImportJob {
  jobId: number;
  source: ImageSource;
  options: Partial<ImageImportOptions>;
  onProgress?: ImageImportProgressHandler;
  isCancelled: () => boolean;
}

function isQuotaError(error: unknown): boolean {
  return error instanceof Error && error.name === 'QuotaExceededError';
}

function classNamesOf(images: readonly ListedImage[]): string[] {
  return [...new Set(images.map((image) => image.label))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  );
}

/** Appends images to the current chunk and hands full chunks to storage. */
class ChunkWriter {
  #pixels: Uint8Array;
  #labels: Uint16Array;
  #length = 0;
  chunkCount = 0;
  bytes = 0;

  constructor(
    private readonly store: ImageStore,
    private readonly id: DatasetId,
    private readonly imageBytes: number,
    readonly chunkImages: number,
  ) {
    this.#pixels = new Uint8Array(chunkImages * imageBytes);
    this.#labels = new Uint16Array(chunkImages);
  }

  async add(pixels: Uint8Array, label: number): Promise<void> {
    this.#pixels.set(pixels, this.#length * this.imageBytes);
    this.#labels[this.#length++] = label;
    if (this.#length === this.chunkImages) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.#length === 0) return;
    const pixels = this.#pixels.slice(0, this.#length * this.imageBytes);
    const labels = this.#labels.slice(0, this.#length);
    this.#length = 0;
    this.bytes += pixels.byteLength + labels.byteLength;
    await this.store.putImageChunk(this.id, this.chunkCount++, { pixels, labels });
  }
}

export async function runImageImport(
  job: ImageImportJob,
  deps: ImageImportDeps,
): Promise<ImageImportOutcome> {
  const options: ImageImportOptions = { ...DEFAULT_IMAGE_OPTIONS, ...job.options };
  const listed = await listImages(job.source, deps.limits ?? DEFAULT_IMAGE_LIMITS);
  if (listed.status === 'failed') return listed;
  const { listing } = listed;
  const channels = options.color === 'grayscale' ? 1 : 3;
  const imageBytes = options.size * options.size * channels;
  const needed = listing.images.length * (imageBytes + LABEL_BYTES);
  const estimate = await deps.estimate();
  const available = estimate ? Math.max(0, estimate.quota - estimate.usage) : Infinity;
  const quotaFailure = (): ImageFailure => ({
    status: 'failed',
    code: 'error.images.quota',
    params: { needed, available: Number.isFinite(available) ? available : 0 },
  });
  if (needed > available) return quotaFailure();

  const classNames = classNamesOf(listing.images);
  const labelOf = new Map(classNames.map((name, index) => [name, index]));
  const counts = classNames.map(() => 0);
  const skipped: SkippedImage[] = [...listing.skipped];
  const chunkImages =
    deps.chunkImages ?? Math.min(8192, Math.max(16, Math.floor(CHUNK_TARGET_BYTES / imageBytes)));
  const meta: ImageSetMeta = {
    id: deps.newId(),
    name: options.name?.trim() || listing.name,
    status: 'pending',
    size: options.size,
    channels,
    count: 0,
    classes: [],
    chunkImages,
    chunkCount: 0,
    sizeBytes: 0,
    createdAt: deps.now(),
    source: {
      fileName: job.source.kind === 'zip' ? job.source.fileName : job.source.name,
      kind: job.source.kind,
      files: listing.images.length + listing.skipped.length,
      bytes: listing.totalBytes,
    },
  };
  const writer = new ChunkWriter(deps.store, meta.id, imageBytes, chunkImages);
  let lastProgress = -Infinity;
  let bytesRead = 0;
  const report = (filesDone: number, isFinal: boolean): void => {
    const now = deps.now();
    if (!job.onProgress || (!isFinal && now - lastProgress < PROGRESS_THROTTLE_MS)) return;
    lastProgress = now;
    job.onProgress({
      jobId: job.jobId,
      filesDone,
      filesTotal: listing.images.length,
      bytesRead,
      totalBytes: listing.totalBytes,
    });
  };

  await deps.store.beginImageSet(meta);
  try {
    report(0, true);
    for (const [done, image] of listing.images.entries()) {
      await deps.yieldToEvents();
      if (job.isCancelled()) {
        await deps.store.discardImageSet(meta.id);
        return { status: 'cancelled' };
      }
      const pixels = await decodeOne(image, deps.decoder, options.size, channels);
      bytesRead += image.size;
      if (pixels) {
        const label = labelOf.get(image.label) as number;
        await writer.add(pixels, label);
        counts[label] = (counts[label] ?? 0) + 1;
        meta.count++;
      } else {
        skipped.push({ path: image.path, reason: 'decodeFailed' });
      }
      report(done + 1, false);
    }
    await writer.flush();
    if (meta.count === 0) {
      await deps.store.discardImageSet(meta.id);
      return {
        status: 'failed',
        code: 'error.images.noImages',
        params: { skipped: skipped.length },
      };
    }
    const ready: ImageSetMeta = {
      ...meta,
      status: 'ready',
      classes: classNames.map((name, i) => ({ name, count: counts[i] ?? 0 })),
      chunkCount: writer.chunkCount,
      sizeBytes: writer.bytes,
    };
    await deps.store.commitImageSet(ready);
    report(listing.images.length, true);
    return { status: 'imported', set: ready, skipped };
  } catch (error) {
    await deps.store.discardImageSet(meta.id).catch(() => undefined);
    if (isQuotaError(error)) return quotaFailure();
    throw error;
  }
}

async function decodeOne(
  image: ListedImage,
  decoder: PixelDecoder,
  size: number,
  channels: 1 | 3,
): Promise<Uint8Array | null> {
  const bytes = await image.read();
  if (!bytes) return null;
  try {
    const rgba = await decoder.decode(bytes, size, image.mime);
    if (rgba.width === 0 || rgba.height === 0) return null;
    return toSquarePixels(rgba, size, channels);
  } catch {
    return null;
  }
}
