/**
 * Prediction on new rows: the fitted recipe replayed at the 'inference' stage (so no row is
 * dropped, added or perturbed, and every statistic is the training split's), then the trained
 * network or classical model, then class probabilities or values in target units.
 *
 * Invariants: the rows' columns are checked against the recipe's input columns first; a
 * missing one is a failure naming every missing column, extra ones are ignored and named. The
 * target column may be present or not. No tensor outlives a call except the cached model, which
 * `dispose` releases (and a different model key replaces).
 */
import * as tf from '@tensorflow/tfjs';
import type { PredictableModel, PredictInput, PredictResult } from '../contracts/predict';
import { frameFromRecords, getColumn, isMissing, type ColumnKind, type Frame } from '../core/frame';
import { applyRecipe, parseFitted, RecipeError, type FittedRecipe } from '../core/recipe';
import { registryLearner } from './classical-run-params';
import type { ClassifierModel, RegressorModel } from './classical/types';
import { loadTrainedModel } from './export/trained-model';
import { CsvParseError, parseCsv } from './prepare-dataset';
import { yieldToEventLoop } from './yield';

/** Rows per forward pass and per progress report. */
export const PREDICT_CHUNK_ROWS = 2048;

type Failure = Extract<PredictResult, { ok: false; params?: unknown }>;
type Loaded =
  | { kind: 'network'; model: tf.LayersModel }
  | { kind: 'classifier'; model: ClassifierModel }
  | { kind: 'regressor'; model: RegressorModel };

export interface ColumnCheck {
  missing: string[];
  extra: string[];
}

/** The raw columns the recipe was fitted on, without the target, with their kinds. */
export function modelInputColumns(fitted: FittedRecipe): { name: string; kind: ColumnKind }[] {
  return fitted.inputColumns
    .filter((column) => column.name !== fitted.target)
    .map(({ name, kind }) => ({ name, kind: kind as ColumnKind }));
}

export function checkColumns(header: readonly string[], fitted: FittedRecipe): ColumnCheck {
  const inputs = modelInputColumns(fitted).map((column) => column.name);
  const known = new Set([...inputs, ...(fitted.target === undefined ? [] : [fitted.target])]);
  return {
    missing: inputs.filter((name) => !header.includes(name)),
    extra: header.filter((name) => !known.has(name)),
  };
}

/** A frame of the model's input columns (and a target column, missing when not given). */
function inputFrame(header: string[], rows: (string | null)[][], fitted: FittedRecipe): Frame {
  const kinds: Record<string, ColumnKind> = {};
  const names: string[] = [];
  for (const { name, kind } of fitted.inputColumns) {
    kinds[name] = kind as ColumnKind;
    names.push(name);
  }
  const positions = names.map((name) => header.indexOf(name));
  const cells = rows.map((row) =>
    positions.map((p) => {
      const cell = p < 0 ? null : (row[p] ?? null);
      return cell === null || cell.trim() === '' ? null : cell;
    }),
  );
  return frameFromRecords(names, cells, kinds);
}

function toMatrix(frame: Frame, features: string[]): Float32Array | Failure {
  const width = features.length;
  const out = new Float32Array(frame.rowCount * width);
  for (let j = 0; j < width; j++) {
    const name = features[j] as string;
    const column = getColumn(frame, name);
    if (!column) {
      return { ok: false, jobId: 0, code: 'recipe.error.missingColumn', params: { column: name } };
    }
    if (column.kind !== 'numeric') {
      return {
        ok: false,
        jobId: 0,
        code: 'recipe.error.unencodedColumn',
        params: { column: name, kind: column.kind },
      };
    }
    for (let row = 0; row < frame.rowCount; row++) {
      if (isMissing(column, row)) {
        return {
          ok: false,
          jobId: 0,
          code: 'predict.error.missingValue',
          params: { column: name, row: row + 1 },
        };
      }
      out[row * width + j] = column.values[row] as number;
    }
  }
  return out;
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** The input table with `predicted_<target>` and one `probability_<class>` column per class. */
export function predictionCsv(
  header: string[],
  rows: (string | null)[][],
  result: Pick<Extract<PredictResult, { ok: true }>, 'predicted' | 'probabilities' | 'classNames'>,
  target: string,
): string {
  const k = result.classNames.length;
  const extra = [`predicted_${target}`, ...result.classNames.map((c) => `probability_${c}`)];
  const lines = [[...header, ...extra].map(csvCell).join(',')];
  rows.forEach((row, i) => {
    const probs = Array.from({ length: k }, (_, c) => String(result.probabilities[i * k + c]));
    const cells = [...header.map((_, j) => row[j] ?? ''), result.predicted[i] ?? '', ...probs];
    lines.push(cells.map(csvCell).join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}

export interface PredictService {
  predict(
    jobId: number,
    model: PredictableModel,
    input: PredictInput,
    options?: { onProgress?: (done: number, total: number) => void; isCancelled?: () => boolean },
  ): Promise<PredictResult>;
  /**
   * The model's outputs for rows already held as a frame of the recipe's input columns (the
   * test split, for permutation importance): class probabilities (rows × classes, row-major)
   * or values in target units.
   */
  outputsForFrame(
    model: PredictableModel,
    frame: Frame,
  ): Promise<{ ok: true; outputs: Float32Array | Float64Array } | Failure>;
  dispose(): void;
}

export function createPredictor(): PredictService {
  let cached: { key: string; loaded: Loaded } | null = null;

  async function load(model: PredictableModel): Promise<Loaded | null> {
    if (cached?.key === model.key) return cached.loaded;
    let loaded: Loaded | null = null;
    if (model.network) {
      // The CPU backend: prediction is a few forward passes, not worth a GPU context in a
      // second worker, and the same numbers on every machine.
      if (tf.getBackend() !== 'cpu') await tf.setBackend('cpu');
      loaded = { kind: 'network', model: await loadTrainedModel(model.network) };
    } else if (model.classical) {
      const resolved = registryLearner(model.classical.spec.learner);
      if (resolved?.family === 'classifier') {
        const saved = JSON.parse(model.classical.savedModel) as Parameters<
          typeof resolved.learner.fromJSON
        >[0];
        loaded = { kind: 'classifier', model: resolved.learner.fromJSON(saved) };
      } else if (resolved?.family === 'regressor') {
        const saved = JSON.parse(model.classical.savedModel) as Parameters<
          typeof resolved.learner.fromJSON
        >[0];
        loaded = { kind: 'regressor', model: resolved.learner.fromJSON(saved) };
      }
    }
    if (!loaded) return null;
    dispose();
    cached = { key: model.key, loaded };
    return loaded;
  }

  function dispose(): void {
    if (cached?.loaded.kind === 'network') cached.loaded.model.dispose();
    cached = null;
  }

  async function outputsOf(
    loaded: Loaded,
    x: Float32Array,
    rows: number,
    width: number,
  ): Promise<Float32Array | Float64Array> {
    if (loaded.kind === 'network') {
      // Image networks read rows as [height, width, channels]: the same numbers, reshaped.
      const inner = (loaded.model.inputs[0]?.shape ?? [null, width]).slice(1) as number[];
      const shape = inner.reduce((a, b) => a * b, 1) === width ? inner : [width];
      const out = tf.tidy(() => loaded.model.predict(tf.tensor(x, [rows, ...shape])) as tf.Tensor);
      try {
        return (await out.data()) as Float32Array;
      } finally {
        out.dispose();
      }
    }
    const matrix = { rows, cols: width, data: Float64Array.from(x) };
    return loaded.kind === 'classifier'
      ? loaded.model.predictProba(matrix)
      : loaded.model.predict(matrix);
  }

  return {
    dispose,
    async outputsForFrame(model, input) {
      const fail = (code: Failure['code'], params?: Record<string, string | number>): Failure =>
        params === undefined
          ? { ok: false, jobId: 0, code }
          : { ok: false, jobId: 0, code, params };
      let fitted: FittedRecipe;
      let frame: Frame;
      try {
        fitted = parseFitted(model.fittedRecipe);
        frame = applyRecipe(fitted, input, { stage: 'inference' }).frame;
      } catch (error) {
        if (error instanceof RecipeError) return fail(error.code, error.params);
        throw error;
      }
      const loaded = await load(model);
      if (!loaded) return fail('predict.error.noModel');
      const { features, targetScale } = model.schema;
      const x = toMatrix(frame, features);
      if (!(x instanceof Float32Array)) return x;
      const outputs = await outputsOf(loaded, x, frame.rowCount, features.length);
      if (fitted.task === 'regression' && loaded.kind === 'network' && targetScale) {
        return {
          ok: true,
          outputs: Float64Array.from(outputs, (v) => v * targetScale.std + targetScale.mean),
        };
      }
      return { ok: true, outputs };
    },
    async predict(jobId, model, input, options = {}) {
      const fail = (code: Failure['code'], params?: Record<string, string | number>): Failure =>
        params === undefined ? { ok: false, jobId, code } : { ok: false, jobId, code, params };
      let fitted: FittedRecipe;
      try {
        fitted = parseFitted(model.fittedRecipe);
      } catch (error) {
        if (error instanceof RecipeError) return fail(error.code);
        throw error;
      }
      let header: string[];
      let rows: (string | null)[][];
      if (input.kind === 'row') {
        header = Object.keys(input.values);
        rows = [header.map((name) => input.values[name] ?? null)];
      } else {
        try {
          const table = parseCsv(input.text);
          header = table.columns;
          rows = table.rows.map((row) => row.map((cell) => (cell === null ? null : String(cell))));
        } catch (error) {
          if (!(error instanceof CsvParseError)) throw error;
          return fail('error.dataset.parseFailed', { row: error.row ?? 0 });
        }
        if (rows.length === 0) return fail('error.dataset.empty');
      }
      const columns = checkColumns(header, fitted);
      if (columns.missing.length > 0) {
        return fail('predict.error.missingColumns', {
          columns: columns.missing.join(', '),
          count: columns.missing.length,
        });
      }
      const loaded = await load(model);
      if (!loaded) return fail('predict.error.noModel');

      const { features, classNames, targetScale } = model.schema;
      const task: 'classification' | 'regression' =
        fitted.task === 'regression' ? 'regression' : 'classification';
      const k = task === 'classification' ? classNames.length : 1;
      const probabilities: number[] = [];
      const values: number[] = [];
      const predicted: string[] = [];
      for (let start = 0; start < rows.length; start += PREDICT_CHUNK_ROWS) {
        if (options.isCancelled?.()) return { ok: false, jobId, code: 'cancelled' };
        const chunk = rows.slice(start, start + PREDICT_CHUNK_ROWS);
        let frame: Frame;
        try {
          frame = applyRecipe(fitted, inputFrame(header, chunk, fitted), {
            stage: 'inference',
          }).frame;
        } catch (error) {
          if (error instanceof RecipeError) {
            return fail(error.code, error.params);
          }
          throw error;
        }
        const x = toMatrix(frame, features);
        if (!(x instanceof Float32Array)) {
          const { code } = x;
          const params = 'params' in x ? x.params : undefined;
          if (code === 'predict.error.missingValue' && params) {
            params['row'] = Number(params['row']) + start;
          }
          return fail(code, params);
        }
        const out = await outputsOf(loaded, x, chunk.length, features.length);
        for (let i = 0; i < chunk.length; i++) {
          if (task === 'classification') {
            let best = 0;
            for (let c = 0; c < k; c++) {
              const p = out[i * k + c] as number;
              probabilities.push(p);
              if (p > (out[i * k + best] as number)) best = c;
            }
            predicted.push(classNames[best] ?? String(best));
          } else {
            const raw = out[i] as number;
            const value =
              loaded.kind === 'network' && targetScale
                ? raw * targetScale.std + targetScale.mean
                : raw;
            values.push(value);
            predicted.push(String(value));
          }
        }
        options.onProgress?.(Math.min(rows.length, start + chunk.length), rows.length);
        // A cancel message (and the progress just sent) get through between chunks.
        if (start + PREDICT_CHUNK_ROWS < rows.length) await yieldToEventLoop();
      }
      const result = {
        ok: true as const,
        jobId,
        task,
        rowCount: rows.length,
        classNames: task === 'classification' ? [...classNames] : [],
        probabilities,
        predicted,
        values,
        extraColumns: columns.extra,
      };
      if (input.kind !== 'csv') return result;
      const target = fitted.target ?? 'target';
      return { ...result, csv: predictionCsv(header, rows, result, target) };
    },
  };
}
