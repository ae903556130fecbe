/**
 * Plain-data description of a Python export (see python.ts): the data, the recipe's steps and
 * the model, as the generators read them.
 */
export interface PythonRecipeStep {
  type: string;
  enabled: boolean;
  options: Record<string, unknown>;
}

/** The builder layers PyTorch code is written for (others leave the network without Python). */
export type PythonLayer =
  | { type: 'dense'; units: number; activation: string }
  | { type: 'dropout'; rate: number }
  | {
      type: 'conv2d';
      filters: number;
      kernelSize: number;
      strides: number;
      padding: string;
      activation: string;
    }
  | { type: 'maxPool2d' | 'avgPool2d'; poolSize: number; strides: number; padding: string }
  | { type: 'globalAvgPool2d' | 'flatten' | 'batchNorm' };

export type PythonModel =
  | { kind: 'classical'; learner: string; params: Record<string, unknown> }
  | {
      kind: 'network';
      /** Hidden layers input side first; the output head is added from the task. */
      layers: PythonLayer[];
      /** Image networks: [height, width, channels] (rows arrive flat, channels last). */
      inputShape?: number[];
      optimizer: string;
      learningRate: number;
      batchSize: number;
      epochs: number;
    };

export interface PythonExportSpec {
  dataFile: string;
  target: string;
  task: 'classification' | 'regression';
  /** Raw input columns (target excluded) and their kinds. */
  columns: { name: string; kind: string }[];
  steps: PythonRecipeStep[];
  model: PythonModel;
  split: { train: number; validation: number; test: number };
  seed: number;
}

export interface PythonExport {
  script: string;
  notebook: string;
  unsupportedSteps: string[];
}

/** A JSON literal is a valid Python literal too: names can never break out of the code. */
export const lit = (value: unknown): string => {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return JSON.stringify(value);
};
