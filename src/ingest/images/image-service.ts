/**
 * The image half of the data worker's API, built over an injected store and decoder so that it
 * runs (and is tested) in Node as well as in the worker. One import at a time; `cancelImages`
 * is cooperative and honoured before the next file.
 */
import type { DatasetId } from '../../contracts/data';
import type {
  ImageApi,
  ImageImportOptions,
  ImageImportOutcome,
  ImageImportProgressHandler,
  ImageSource,
  PixelCsvOutcome,
  PixelCsvSpec,
} from '../../contracts/images';
import type { PixelDecoder, PixelEncoder } from './decoder';
import { exportImageZip } from './export-zip';
import { runImageImport, type ImageImportDeps } from './image-job';
import type { ImageStore } from './image-store-port';
import { samplesFromPixelCsv } from './pixel-csv';
import { readImageSamples } from './samples';

export interface ImageServiceDeps {
  store: ImageStore;
  decoder: PixelDecoder;
  encoder: PixelEncoder;
  yieldToEvents: () => Promise<void>;
  estimate?: ImageImportDeps['estimate'];
  now?: () => number;
  newId?: () => DatasetId;
  limits?: ImageImportDeps['limits'];
  chunkImages?: number;
  fetchText?: (url: string) => Promise<string>;
}

async function fetchTextOf(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

export function createImageService(deps: ImageServiceDeps): ImageApi {
  const importDeps: ImageImportDeps = {
    store: deps.store,
    decoder: deps.decoder,
    yieldToEvents: deps.yieldToEvents,
    estimate: deps.estimate ?? (() => Promise.resolve(null)),
    now: deps.now ?? (() => Date.now()),
    newId: deps.newId ?? (() => crypto.randomUUID() as DatasetId),
    ...(deps.limits ? { limits: deps.limits } : {}),
    ...(deps.chunkImages === undefined ? {} : { chunkImages: deps.chunkImages }),
  };
  const fetchText = deps.fetchText ?? fetchTextOf;
  let runningJob: number | null = null;
  const cancelled = new Set<number>();

  return {
    async importImages(
      jobId: number,
      source: ImageSource,
      options: Partial<ImageImportOptions>,
      onProgress?: ImageImportProgressHandler,
    ): Promise<ImageImportOutcome> {
      if (runningJob !== null) {
        return { status: 'failed', code: 'error.images.busy', params: {} };
      }
      runningJob = jobId;
      try {
        const job = { jobId, source, options, isCancelled: () => cancelled.has(jobId) };
        return await runImageImport(onProgress ? { ...job, onProgress } : job, importDeps);
      } finally {
        runningJob = null;
        cancelled.delete(jobId);
      }
    },

    cancelImages(jobId: number): void {
      if (runningJob === jobId) cancelled.add(jobId);
    },

    listImageSets: () => deps.store.listImageSets(),
    readImageSamples: (id, perClass) => readImageSamples(deps.store, id, perClass),
    deleteImageSet: (id) => deps.store.deleteImageSet(id),
    renameImageSet: async (id, name) => {
      const trimmed = name.trim();
      return trimmed === '' ? deps.store.getImageSet(id) : deps.store.renameImageSet(id, trimmed);
    },
    exportImageZip: (id) => exportImageZip(deps.store, deps.encoder, id, deps.yieldToEvents),

    async readPixelCsv(spec: PixelCsvSpec, perClass: number): Promise<PixelCsvOutcome> {
      try {
        const samples = samplesFromPixelCsv(await fetchText(spec.url), spec, perClass);
        return samples ? { status: 'ok', ...samples } : { status: 'failed' };
      } catch {
        return { status: 'failed' };
      }
    },
  };
}
