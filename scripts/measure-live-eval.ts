/**
 * Measures what the live validation views cost (issue 7 item 5): trains the default MLP on the
 * cpu backend in Node with the per-epoch `eval` event on and off and prints the overhead.
 *
 *   npx vite-node scripts/measure-live-eval.ts [repeats]
 *
 * The switch does not exist in src/ml/train-loop.ts yet, so this script loads a patched copy
 * of it (the `eval` emit guarded by a global flag) and of the training service that calls it,
 * written under node_modules/.cache so bare imports still resolve. Each event is passed through
 * `structuredClone`, as postMessage would, so the clone of the evaluation is counted too. Runs
 * alternate on/off to spread machine noise evenly; the medians are reported, in process CPU
 * time (what the work costs, robust to a busy machine) and in wall time.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { BuiltinDatasetEntry } from '../src/contracts/datasets';
import type { TrainingEvent, TrainRequest } from '../src/contracts/training';
import type * as TrainingService from '../src/ml/training-service';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ML = path.join(ROOT, 'src/ml');
const OUT = path.join(ROOT, 'node_modules/.cache/fitlab-measure');
const FLAG = '__fitlabLiveEval';

/** Copies an ml/ module, pointing its relative imports at the originals (or at `local`). */
function copyModule(name: string, local: string[], patch: (s: string) => string = (s) => s): void {
  const source = readFileSync(path.join(ML, `${name}.ts`), 'utf8');
  const rewritten = source.replace(/from '(\.{1,2}\/[^']+)'/g, (match, spec: string) => {
    if (spec.startsWith('./') && local.includes(spec.slice(2))) return match;
    return `from '${path.resolve(ML, spec)}'`;
  });
  writeFileSync(path.join(OUT, `${name}.ts`), patch(rewritten));
}

function guardEvalEvent(source: string): string {
  const anchor = "      emit({\n        type: 'eval',";
  if (!source.includes(anchor)) throw new Error('train-loop.ts changed: eval emit not found');
  return source.replace(
    anchor,
    `      if ((globalThis as Record<string, unknown>).${FLAG} !== false) emit({\n        type: 'eval',`,
  );
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 5);
  mkdirSync(OUT, { recursive: true });
  copyModule('train-loop', [], guardEvalEvent);
  copyModule('training-service', ['train-loop']);
  const { createTrainingService } = (await import(
    pathToFileURL(path.join(OUT, 'training-service.ts')).href
  )) as typeof TrainingService;

  await tf.setBackend('cpu');
  await tf.ready();
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'public/datasets/manifest.json'), 'utf8'),
  ) as BuiltinDatasetEntry[];
  const flags = globalThis as Record<string, unknown>;

  for (const id of ['iris', 'breast_cancer']) {
    const entry = manifest.find((e) => e.id === id);
    if (!entry || entry.target === null) throw new Error(`no dataset ${id}`);
    const text = readFileSync(path.join(ROOT, 'public/datasets', entry.file), 'utf8');
    const service = createTrainingService({ fetchText: () => Promise.resolve(text) });
    const request: TrainRequest = {
      jobId: 1,
      dataset: {
        id,
        url: `memory:${entry.file}`,
        target: entry.target,
        task: 'classification',
        features: entry.features,
        ...(entry.classes ? { classes: entry.classes } : {}),
      },
      model: {
        hiddenLayers: [16, 8],
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 16,
        epochs: 60,
        seed: 42,
      },
      split: { train: 0.6, validation: 0.2, test: 0.2 },
      splitStrategy: { kind: 'stratified' },
      recipe: null,
      backend: 'cpu',
    };
    const times: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const cpuTimes: Record<'on' | 'off', number[]> = { on: [], off: [] };
    const evalCost: number[] = [];
    let validationRows = 0;
    // One unmeasured warm-up run, then alternate on/off.
    for (let r = -1; r < repeats; r++) {
      for (const mode of ['on', 'off'] as const) {
        flags[FLAG] = mode === 'on';
        let epochAt = 0;
        let cost = 0;
        const onEvent = (event: TrainingEvent) => {
          if (event.type === 'epoch') epochAt = performance.now();
          structuredClone(event);
          if (event.type === 'eval') {
            cost += performance.now() - epochAt;
            validationRows = event.evaluation.n;
          }
        };
        const started = performance.now();
        const cpuStart = process.cpuUsage();
        const outcome = await service.train({ ...request, jobId: r + 10 }, onEvent);
        const elapsed = performance.now() - started;
        const cpu = process.cpuUsage(cpuStart);
        if (outcome.status !== 'completed') throw new Error(`${id}: ${outcome.status}`);
        if (r < 0) continue;
        times[mode].push(elapsed);
        cpuTimes[mode].push((cpu.user + cpu.system) / 1000);
        if (mode === 'on') evalCost.push(cost);
      }
    }
    const report = (label: string, samples: Record<'on' | 'off', number[]>) => {
      const on = median(samples.on);
      const off = median(samples.off);
      return (
        `${label} with live eval ${on.toFixed(0)} ms, without ${off.toFixed(0)} ms, ` +
        `overhead ${(((on - off) / off) * 100).toFixed(1)} %`
      );
    };
    const cost = median(evalCost);
    console.log(
      `${id}: ${validationRows} validation rows, 60 epochs, median of ${repeats} runs each\n` +
        `  ${report('CPU time', cpuTimes)}\n  ${report('wall time', times)}\n` +
        `  eval compute + clone inside the runs: ${cost.toFixed(0)} ms ` +
        `(${((cost / median(times.on)) * 100).toFixed(1)} % of the wall time)`,
    );
  }
  delete flags[FLAG];
}

await main();
