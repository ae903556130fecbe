/**
 * Classical learners in `npm run bench`: fits every case of bench/classical-cases.json with
 * Fitlab's learners (in this Node process: the same V8 engine as the browser's worker, one
 * thread) and with scikit-learn (bench/sklearn_reference.py, one thread) on the same folds,
 * and reports the median fit time per fold and the mean test score (accuracy or R²) of each.
 * Parameters go through the training worker's own validation (resolveClassicalSpec), so a
 * case the app would reject fails here too.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { accuracy, r2 } from '../src/core/metrics';
import type { ClassicalParamValue } from '../src/core/classical-types';
import { learnerParams, resolveClassicalSpec } from '../src/ml/classical-run-params';
import type { DenseMatrix } from '../src/ml/classical/types';

interface DatasetSpec {
  target: string;
  task: 'classification' | 'regression';
}

interface CaseSpec {
  id: string;
  learner: string;
  params: Record<string, ClassicalParamValue>;
  scale: boolean;
  datasets: string[];
}

interface CasesFile {
  folds: number;
  datasets: Record<string, DatasetSpec>;
  cases: CaseSpec[];
}

export interface ClassicalTiming {
  id: string;
  learner: string;
  dataset: string;
  metric: 'accuracy' | 'r2';
  /** Mean over the folds. */
  score: number;
  /** Median over the folds, milliseconds. */
  fitMs: number;
}

export interface SklearnReport {
  sklearn: string;
  threads: number;
  results: ClassicalTiming[];
}

interface Table {
  x: number[][];
  /** Class index (sorted class names) or target value. */
  y: number[];
}

export function loadCases(root: string): CasesFile {
  return JSON.parse(
    readFileSync(path.join(root, 'bench/classical-cases.json'), 'utf8'),
  ) as CasesFile;
}

/** The shipped CSVs used here are all numeric but the target, without quotes or gaps. */
function loadTable(root: string, id: string, spec: DatasetSpec): Table {
  const text = readFileSync(path.join(root, 'public/datasets', `${id}.csv`), 'utf8');
  const [header = '', ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  const targetIndex = columns.indexOf(spec.target);
  const rows = lines.map((line) => line.split(','));
  const raw = rows.map((cells) => cells[targetIndex] ?? '');
  const classes = [...new Set(raw)].sort();
  return {
    x: rows.map((cells) => cells.filter((_, j) => j !== targetIndex).map(Number)),
    y: raw.map((value) =>
      spec.task === 'classification' ? classes.indexOf(value) : Number(value),
    ),
  };
}

function matrix(rows: number[][], scale: { mean: number[]; std: number[] } | null): DenseMatrix {
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((row, i) =>
    row.forEach((value, j) => {
      data[i * cols + j] = scale ? (value - scale.mean[j]!) / scale.std[j]! : value;
    }),
  );
  return { rows: rows.length, cols, data };
}

/** sklearn's StandardScaler: population std, and 1 for a constant column. */
function fitScale(rows: number[][]): { mean: number[]; std: number[] } {
  const cols = rows[0]?.length ?? 0;
  const mean = Array.from(
    { length: cols },
    (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / rows.length,
  );
  const std = mean.map((m, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / rows.length;
    return v > 0 ? Math.sqrt(v) : 1;
  });
  return { mean, std };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function runCase(
  spec: CaseSpec,
  datasetId: string,
  dataset: DatasetSpec,
  table: Table,
  folds: { total: number; run: number },
): Promise<ClassicalTiming> {
  const resolved = resolveClassicalSpec(
    { learner: spec.learner, params: spec.params },
    dataset.task,
  );
  if (!resolved.ok) throw new Error(`bench case ${spec.id}: invalid ${resolved.field}`);
  const params = learnerParams(resolved.params);
  const numClasses = new Set(table.y).size;
  const times: number[] = [];
  const scores: number[] = [];
  for (let fold = 0; fold < folds.run; fold++) {
    const isTest = (_: unknown, i: number): boolean => i % folds.total === fold;
    const isTrain = (_: unknown, i: number): boolean => i % folds.total !== fold;
    const trainRows = table.x.filter(isTrain);
    const testRows = table.x.filter(isTest);
    const yTrain = table.y.filter(isTrain);
    const yTest = table.y.filter(isTest);
    const scale = spec.scale ? fitScale(trainRows) : null;
    const xTrain = matrix(trainRows, scale);
    const xTest = matrix(testRows, scale);
    const entry = resolved.learner;
    const started = performance.now();
    if (entry.family === 'classifier') {
      const model = await entry.learner.fit(xTrain, Int32Array.from(yTrain), numClasses, params);
      times.push(performance.now() - started);
      scores.push(accuracy(Int32Array.from(yTest), model.predict(xTest)));
    } else {
      const model = await entry.learner.fit(xTrain, Float64Array.from(yTrain), params);
      times.push(performance.now() - started);
      scores.push(r2(yTest, model.predict(xTest)));
    }
  }
  return {
    id: spec.id,
    learner: spec.learner,
    dataset: datasetId,
    metric: dataset.task === 'classification' ? 'accuracy' : 'r2',
    score: scores.reduce((a, b) => a + b, 0) / scores.length,
    fitMs: median(times),
  };
}

/** `folds` below the file's count times only the first folds (--quick). */
export async function benchFitlabClassical(
  root: string,
  log: (line: string) => void,
  folds?: number,
): Promise<ClassicalTiming[]> {
  const cases = loadCases(root);
  const tables = new Map<string, Table>();
  const out: ClassicalTiming[] = [];
  for (const spec of cases.cases) {
    for (const datasetId of spec.datasets) {
      const dataset = cases.datasets[datasetId];
      if (!dataset) throw new Error(`bench case ${spec.id}: unknown dataset ${datasetId}`);
      if (!tables.has(datasetId)) tables.set(datasetId, loadTable(root, datasetId, dataset));
      const result = await runCase(spec, datasetId, dataset, tables.get(datasetId)!, {
        total: cases.folds,
        run: Math.min(folds ?? cases.folds, cases.folds),
      });
      log(
        `  ${spec.id.padEnd(20)} ${datasetId.padEnd(14)} ${result.fitMs.toFixed(1).padStart(9)} ms`,
      );
      out.push(result);
    }
  }
  return out;
}

/** Runs bench/sklearn_reference.py; never installs anything (see docs/performance.md). */
export function benchSklearn(
  root: string,
  folds?: number,
): SklearnReport | { unavailable: string } {
  const python = '/usr/bin/python3';
  const probe = spawnSync(python, ['-c', 'import sklearn'], { encoding: 'utf8' });
  if (probe.status !== 0) {
    return {
      unavailable: 'python3-sklearn is not installed here (apt-get install python3-sklearn)',
    };
  }
  const script = path.join(root, 'bench/sklearn_reference.py');
  const run = spawnSync(python, [script, ...(folds ? [String(folds)] : [])], {
    encoding: 'utf8',
    maxBuffer: 16 * 2 ** 20,
  });
  if (run.status !== 0)
    return { unavailable: `scikit-learn run failed: ${run.stderr.slice(-400)}` };
  return JSON.parse(run.stdout) as SklearnReport;
}

function fmt(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

/** Markdown table: one row per case and dataset, Fitlab beside scikit-learn. */
export function classicalTable(
  fitlab: ClassicalTiming[],
  sklearn: SklearnReport | { unavailable: string },
): string {
  const reference = 'results' in sklearn ? sklearn.results : [];
  const lines = [
    '| learner | dataset | metric | Fitlab | scikit-learn | Fitlab fit ms | scikit-learn fit ms | × |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const ours of fitlab) {
    const theirs = reference.find((r) => r.id === ours.id && r.dataset === ours.dataset);
    const ratio = theirs ? ours.fitMs / theirs.fitMs : undefined;
    lines.push(
      `| ${ours.id} | ${ours.dataset} | ${ours.metric} | ${fmt(ours.score, 3)} | ${fmt(theirs?.score, 3)} | ${fmt(ours.fitMs, 1)} | ${fmt(theirs?.fitMs, 1)} | ${fmt(ratio, 2)} |`,
    );
  }
  return lines.join('\n');
}
