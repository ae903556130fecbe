/**
 * The model export: one zip with the TF.js model (model.json + weights.bin, loadable with
 * `tf.loadLayersModel`), metadata.json (fitted recipe, prediction schema, labels, form
 * defaults), the offline prediction page, and Python that retrains the same preprocessing and
 * model (PyTorch for networks, scikit-learn for classical learners) as a script and a notebook,
 * with the data file when the app has it as CSV text.
 *
 * Invariants: file names inside the zip are fixed strings (the data file's name is reduced to a
 * safe one); nothing in the zip is executed by the app.
 */
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { ExportResult, FormField, PredictableModel } from '../../contracts/predict';
import type { TrainedModelArtifacts } from '../../contracts/training';
import { predictionPage } from '../../core/export/html';
import { pythonExport, type PythonLayer, type PythonModel } from '../../core/export/python';
import { parseFitted } from '../../core/recipe';
import { modelInputColumns } from '../predict';

export const MODEL_FILE = 'model.json';
export const WEIGHTS_FILE = 'weights.bin';
export const METADATA_FILE = 'metadata.json';

/** The TF.js `model.json` of a trained network, its weights in one `weights.bin`. */
export function modelJsonOf(artifacts: TrainedModelArtifacts): string {
  return JSON.stringify({
    format: 'layers-model',
    generatedBy: 'Fitlab',
    convertedBy: null,
    modelTopology: artifacts.modelTopology,
    weightsManifest: [{ paths: [WEIGHTS_FILE], weights: artifacts.weightSpecs }],
  });
}

/** Letters, digits, dot, dash and underscore only, so the name is safe in a zip and in code. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^[._]+/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 80) : 'data.csv';
}

/**
 * The hidden dense layers of a trained MLP read from its own topology (the output layer left
 * out), so the exported architecture is the one trained even if the settings changed since.
 */
function hiddenDenseLayers(
  artifacts: TrainedModelArtifacts,
): { type: 'dense'; units: number; activation: string }[] | null {
  const config = artifacts.modelTopology['config'] as
    | { layers?: { class_name?: string; config?: { units?: number; activation?: string } }[] }
    | undefined;
  const layers = config?.layers ?? [];
  if (layers.some((layer) => layer.class_name !== 'Dense')) return null;
  return layers.slice(0, -1).map((layer) => ({
    type: 'dense' as const,
    units: layer.config?.units ?? 1,
    activation: layer.config?.activation ?? 'linear',
  }));
}

function pythonModelOf(model: PredictableModel): PythonModel | null {
  if (model.classical) {
    return {
      kind: 'classical',
      learner: model.classical.spec.learner,
      params: model.classical.spec.params,
    };
  }
  if (model.builder) {
    const layers: PythonLayer[] = [];
    for (const layer of model.builder.spec.layers) {
      switch (layer.type) {
        case 'dense':
        case 'dropout':
        case 'conv2d':
        case 'maxPool2d':
        case 'avgPool2d':
        case 'flatten':
        case 'globalAvgPool2d':
        case 'batchNorm':
          layers.push(structuredClone(layer));
          break;
        default:
          return null;
      }
    }
    const training = model.builder.training;
    return {
      kind: 'network',
      layers,
      inputShape: [...model.builder.spec.inputShape],
      optimizer: training.optimizer.name,
      learningRate: training.learningRate,
      batchSize: training.batchSize,
      epochs: training.epochs,
    };
  }
  if (model.mlp) {
    const { mlp } = model;
    const stored = model.network ? hiddenDenseLayers(model.network) : null;
    return {
      kind: 'network',
      layers:
        stored ??
        mlp.hiddenLayers.map((units) => ({
          type: 'dense' as const,
          units,
          activation: mlp.activation,
        })),
      optimizer: mlp.optimizer,
      learningRate: mlp.learningRate,
      batchSize: mlp.batchSize,
      epochs: mlp.epochs,
    };
  }
  return null;
}

export interface ExportInput {
  model: PredictableModel;
  fields: FormField[];
  dataFile: string;
  dataText: string | null;
  split: { train: number; validation: number; test: number };
}

export function buildExportZip(input: ExportInput): ExportResult {
  const { model } = input;
  const fitted = parseFitted(model.fittedRecipe);
  const task = fitted.task === 'regression' ? 'regression' : 'classification';
  const target = fitted.target ?? '';
  const dataFile = safeFileName(input.dataFile);
  const files: Zippable = {};
  const metadata = {
    generatedBy: 'Fitlab',
    task,
    target,
    classNames: model.schema.classNames,
    schema: model.schema,
    fittedRecipe: model.fittedRecipe,
    defaults: Object.fromEntries(input.fields.map((f) => [f.name, f.defaultValue])),
    ...(model.classical
      ? { classical: { ...model.classical.spec, savedModel: model.classical.savedModel } }
      : {}),
  };
  files[METADATA_FILE] = strToU8(JSON.stringify(metadata, null, 1));
  if (model.network) {
    files[MODEL_FILE] = strToU8(modelJsonOf(model.network));
    files[WEIGHTS_FILE] = new Uint8Array(model.network.weightData.slice(0));
    files['predict.html'] = strToU8(predictionPage());
  }
  let unsupportedSteps: string[] = [];
  const pythonModel = pythonModelOf(model);
  if (pythonModel) {
    const python = pythonExport({
      dataFile,
      target,
      task,
      columns: modelInputColumns(fitted),
      steps: fitted.steps.map(({ step }) => ({
        type: step.type,
        enabled: step.enabled,
        options: step.options as Record<string, unknown>,
      })),
      model: pythonModel,
      split: input.split,
      seed: fitted.seed,
    });
    if (python) {
      const stem = pythonModel.kind === 'classical' ? 'train_sklearn' : 'train_pytorch';
      files[`${stem}.py`] = strToU8(python.script);
      files[`${stem}.ipynb`] = strToU8(python.notebook);
      unsupportedSteps = python.unsupportedSteps;
    }
  }
  if (input.dataText !== null) files[dataFile] = strToU8(input.dataText);
  if (!model.network && !model.classical) return { ok: false, code: 'predict.error.noModel' };
  const zip = zipSync(files, { level: 6 });
  return { ok: true, zip, files: Object.keys(files), unsupportedSteps };
}
