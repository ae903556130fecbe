/**
 * The prediction worker's API (`PredictApi`): the try-it form's fields, prediction on a row or
 * an uploaded CSV (progress per chunk, cooperative cancel), and the model export zip. Built here
 * rather than in the worker file so it runs in-process in Node tests.
 *
 * Invariants: jobs are independent (a try-it row during a batch does not stop the batch); a
 * cancelled job resolves `{ ok: false, code: 'cancelled' }` at its next chunk. The dataset of the last
 * `describe`/export is cached by id, so filling the form does not reread it.
 */
import type {
  DescribeResult,
  ExportResult,
  ImportanceResult,
  FormField,
  OcclusionResult,
  PredictApi,
  PredictDataset,
  PredictableModel,
  TestExamplesRequest,
  TestExamplesResult,
} from '../contracts/predict';
import type { DatasetId } from '../contracts/data';
import { getColumn, isMissing, type Column, type Frame } from '../core/frame';
import { parseFitted } from '../core/recipe';
import { buildExportZip } from './export/export-zip';
import { runOcclusion } from './occlusion-service';
import { computeTrainedMap } from './live/trained-boundary';
import type { TrainedMapRequest, TrainedMapResult } from '../contracts/trained-map';
import { runPermutationImportance } from './permutation-service';
import { runTestExamples } from './test-examples-service';
import { createPredictor, modelInputColumns } from './predict';
import { frameFromCsv } from './prepare-dataset';
import { createStoredLoader, type DatasetInput, type StoredTable } from './stored-dataset';

/** Categories offered in a form's drop-down; more than this and it is a free text field. */
export const MAX_FORM_CATEGORIES = 50;

export interface PredictServiceOptions {
  fetchText?: (url: string) => Promise<string>;
  readStored?: (id: DatasetId) => Promise<StoredTable | null>;
}

async function fetchTextOverHttp(url: string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
  return response.text();
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

function fieldOf(column: Column, rows: number): FormField {
  if (column.kind === 'numeric' || column.kind === 'datetime') {
    const present: number[] = [];
    for (let row = 0; row < rows; row++)
      if (!isMissing(column, row)) present.push(column.values[row] as number);
    const value = present.length > 0 ? median(present) : Number.NaN;
    const text = Number.isNaN(value)
      ? ''
      : column.kind === 'datetime'
        ? new Date(value).toISOString()
        : String(Math.round(value * 1e6) / 1e6);
    return { name: column.name, kind: column.kind, defaultValue: text, options: [] };
  }
  const counts = new Map<string, number>();
  for (const value of column.values)
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([value]) => value);
  const options =
    column.kind === 'categorical' && ranked.length <= MAX_FORM_CATEGORIES ? ranked : [];
  return {
    name: column.name,
    kind: column.kind,
    defaultValue: column.kind === 'categorical' ? (ranked[0] ?? '') : '',
    options,
  };
}

/** A square grid of pixel columns (digits 8×8, MNIST 28×28, an imported RGB set), or null. */
function imageShape(
  dataset: PredictDataset,
  frame: Frame,
  names: string[],
): Extract<DescribeResult, { ok: true }>['image'] {
  const pixels = dataset.features.filter((f) => f.type === 'image-pixel').length;
  if (pixels !== names.length) return null;
  const grey = Math.round(Math.sqrt(names.length));
  const rgb = Math.round(Math.sqrt(names.length / 3));
  const channels = grey * grey === names.length ? 1 : rgb * rgb * 3 === names.length ? 3 : 0;
  const side = channels === 1 ? grey : rgb;
  if (channels === 0 || side < 2) return null;
  let max = 0;
  for (const name of names) {
    const column = getColumn(frame, name);
    if (column?.kind === 'numeric') for (const v of column.values) if (v > max) max = v;
  }
  const image = { side, max: max > 16 ? 255 : 16 };
  return channels === 3 ? { ...image, channels: 3 } : image;
}

export function createPredictService(options: PredictServiceOptions = {}) {
  const fetchText = options.fetchText ?? fetchTextOverHttp;
  const loadStored = createStoredLoader(options.readStored ?? (() => Promise.resolve(null)));
  const predictor = createPredictor();
  let cached: { id: string; input: Promise<DatasetInput> } | null = null;
  /** Jobs asked to stop and still running; a job removes itself when it ends. */
  const cancelled = new Set<number>();
  const running = new Set<number>();

  function loadDataset(dataset: PredictDataset): Promise<DatasetInput> {
    const key = `${dataset.id}|${dataset.url}|${dataset.source?.datasetId ?? ''}`;
    if (cached?.id !== key) {
      const input =
        dataset.source?.kind === 'stored'
          ? loadStored(dataset, dataset.source.datasetId)
          : fetchText(dataset.url);
      cached = { id: key, input };
      input.catch(() => {
        if (cached?.input === input) cached = null;
      });
    }
    return cached.input;
  }

  async function datasetFrame(
    dataset: PredictDataset,
  ): Promise<{ ok: true; frame: Frame; text: string | null } | (DescribeResult & { ok: false })> {
    let input: DatasetInput;
    try {
      input = await loadDataset(dataset);
    } catch {
      return { ok: false, code: 'error.dataset.fetchFailed', params: { url: dataset.url } };
    }
    const parsed = typeof input === 'string' ? frameFromCsv(input, dataset) : input;
    if (!parsed.ok)
      return parsed.params
        ? { ok: false, code: parsed.code, params: parsed.params }
        : { ok: false, code: parsed.code };
    return { ok: true, frame: parsed.frame, text: typeof input === 'string' ? input : null };
  }

  async function describe(
    model: PredictableModel,
    dataset: PredictDataset,
  ): Promise<DescribeResult> {
    const loaded = await datasetFrame(dataset);
    if (!loaded.ok) return loaded;
    const inputs = modelInputColumns(parseFitted(model.fittedRecipe));
    const fields: FormField[] = [];
    for (const { name, kind } of inputs) {
      const column = getColumn(loaded.frame, name);
      fields.push(
        column
          ? fieldOf(column, loaded.frame.rowCount)
          : {
              name,
              kind: kind === 'numeric' ? 'numeric' : 'categorical',
              defaultValue: '',
              options: [],
            },
      );
    }
    const names = inputs.map((c) => c.name);
    return { ok: true, fields, image: imageShape(dataset, loaded.frame, names) };
  }

  const service = {
    describe,

    async predict(request, onProgress) {
      const jobId = request.jobId;
      running.add(jobId);
      try {
        return await predictor.predict(jobId, request.model, request.input, {
          onProgress: (done, total) => onProgress({ jobId, done, total }),
          isCancelled: () => cancelled.has(jobId),
        });
      } finally {
        running.delete(jobId);
        cancelled.delete(jobId);
      }
    },

    cancel(jobId: number): void {
      if (running.has(jobId)) cancelled.add(jobId);
    },

    async permutationImportance(request, onProgress): Promise<ImportanceResult> {
      const { jobId } = request;
      running.add(jobId);
      try {
        const loaded = await datasetFrame(request.dataset);
        if (!loaded.ok) {
          return loaded.params === undefined
            ? { ok: false, jobId, code: loaded.code }
            : { ok: false, jobId, code: loaded.code, params: loaded.params };
        }
        return await runPermutationImportance(request, loaded.frame, predictor, {
          isCancelled: () => cancelled.has(jobId),
          onProgress: (done, total) => onProgress({ jobId, done, total }),
        });
      } finally {
        running.delete(jobId);
        cancelled.delete(jobId);
      }
    },

    async occlusionMap(request, onProgress): Promise<OcclusionResult> {
      const { jobId } = request;
      running.add(jobId);
      try {
        return await runOcclusion(request, predictor, {
          isCancelled: () => cancelled.has(jobId),
          onProgress: (done, total) => onProgress({ jobId, done, total }),
          loadFrame: datasetFrame,
        });
      } finally {
        running.delete(jobId);
        cancelled.delete(jobId);
      }
    },

    async exportModel(request): Promise<ExportResult> {
      const described = await describe(request.model, request.dataset);
      const loaded = await datasetFrame(request.dataset);
      const fields = described.ok ? described.fields : [];
      const name = request.dataset.url.split('/').pop() ?? `${request.dataset.id}.csv`;
      return buildExportZip({
        model: request.model,
        fields,
        dataFile: name.endsWith('.csv') ? name : `${request.dataset.id}.csv`,
        dataText: loaded.ok ? loaded.text : null,
        split: request.split,
      });
    },

    async testExamples(request: TestExamplesRequest): Promise<TestExamplesResult> {
      const loaded = await datasetFrame(request.dataset);
      if (!loaded.ok) return loaded.params ? loaded : { ok: false, code: loaded.code };
      return runTestExamples(request, loaded.frame);
    },

    async trainedMap(request: TrainedMapRequest): Promise<TrainedMapResult> {
      const loaded = await datasetFrame(request.dataset);
      if (!loaded.ok) return loaded.params ? loaded : { ok: false, code: loaded.code };
      return computeTrainedMap(request, loaded.frame);
    },
  } satisfies PredictApi;
  return service;
}
