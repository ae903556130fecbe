/**
 * Measures what the live validation views cost (issue 7 item 5): trains the default MLP in
 * Node (cpu backend; the small-network engine where the service picks it, as in the app) with
 * the per-epoch `eval` event on and off (`TrainRequest.liveEvaluation`) and prints the overhead.
 *
 *   npx vite-node scripts/measure-live-eval.ts [repeats]
 *
 * Each event is passed through `structuredClone`, as postMessage would, so the clone of the
 * evaluation is counted too. Runs alternate on/off to spread machine noise evenly; the medians
 * are reported, in process CPU time (what the work costs, robust to a busy machine) and in wall
 * time.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { BuiltinDatasetEntry } from '../src/contracts/datasets';
import type { TrainingEvent, TrainRequest } from '../src/contracts/training';
import { createTrainingService } from '../src/ml/training-service';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 5);

  await tf.setBackend('cpu');
  await tf.ready();
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'public/datasets/manifest.json'), 'utf8'),
  ) as BuiltinDatasetEntry[];

  // The default network on two small sets (the small-network engine trains them), and a wider
  // one on digits that runs on TF.js, where an epoch costs far more than its evaluation.
  const cases = [
    { id: 'iris', hiddenLayers: [16, 8], epochs: 60 },
    { id: 'breast_cancer', hiddenLayers: [16, 8], epochs: 60 },
    { id: 'digits', hiddenLayers: [256, 128], epochs: 10 },
  ];
  for (const { id, hiddenLayers, epochs } of cases) {
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
        hiddenLayers,
        activation: 'relu',
        optimizer: 'adam',
        learningRate: 0.01,
        batchSize: 16,
        epochs,
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
        const outcome = await service.train(
          { ...request, jobId: r + 10, liveEvaluation: mode === 'on' },
          onEvent,
        );
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
      `${id} (${hiddenLayers.join('-')}): ${validationRows} validation rows, ${epochs} epochs, ` +
        `median of ${repeats} runs each\n` +
        `  ${report('CPU time', cpuTimes)}\n  ${report('wall time', times)}\n` +
        `  eval compute + clone inside the runs: ${cost.toFixed(0)} ms ` +
        `(${((cost / median(times.on)) * 100).toFixed(1)} % of the wall time)`,
    );
  }
}

await main();
