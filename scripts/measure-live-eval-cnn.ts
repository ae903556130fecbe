/**
 * What the live validation views cost for the Model screen's CNN preset on the 8×8 digits
 * (issue 7 item 5), the builder-network twin of scripts/measure-live-eval.ts (the MLP cases):
 * trains the preset in Node on the cpu backend with the per-epoch `eval` event (confusion
 * matrix, ROC and PR on the validation rows) on and off (`TrainRequest.liveEvaluation`).
 *
 *   npx vite-node scripts/measure-live-eval-cnn.ts [repeats] [epochs]
 *
 * Early stopping is off so both modes train the same number of epochs. Each event goes through
 * `structuredClone`, as postMessage would. Runs alternate on/off after one unmeasured warm-up;
 * medians of process CPU time (robust to a busy machine) and of wall time are printed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import type { BuiltinDatasetEntry } from '../src/contracts/datasets';
import type { TrainingEvent, TrainRequest } from '../src/contracts/training';
import { proposePresets } from '../src/core/network/presets';
import { createTrainingService } from '../src/ml/training-service';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function main(): Promise<void> {
  const repeats = Number(process.argv[2] ?? 3);
  const epochs = Number(process.argv[3] ?? 5);
  await tf.setBackend('cpu');
  await tf.ready();
  const manifest = JSON.parse(
    readFileSync(path.join(ROOT, 'public/datasets/manifest.json'), 'utf8'),
  ) as BuiltinDatasetEntry[];
  const entry = manifest.find((e) => e.id === 'digits');
  if (!entry || entry.target === null) throw new Error('no digits dataset');
  const text = readFileSync(path.join(ROOT, 'public/datasets', entry.file), 'utf8');
  const preset = proposePresets({ task: 'classification', width: 64, image: [8, 8, 1] }).find(
    (p) => p.id === 'cnn',
  );
  if (!preset) throw new Error('no CNN preset for 8×8 images');
  const service = createTrainingService({ fetchText: () => Promise.resolve(text) });
  const request: TrainRequest = {
    jobId: 1,
    dataset: {
      id: 'digits',
      url: `memory:${entry.file}`,
      target: entry.target,
      task: 'classification',
      features: entry.features,
      ...(entry.classes ? { classes: entry.classes } : {}),
    },
    model: {
      hiddenLayers: [],
      activation: 'relu',
      optimizer: 'adam',
      learningRate: 0.01,
      batchSize: 32,
      epochs,
      seed: 42,
    },
    network: {
      spec: preset.spec,
      training: {
        ...preset.training,
        epochs,
        earlyStopping: { ...preset.training.earlyStopping, enabled: false },
      },
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
      if (outcome.status !== 'completed') throw new Error(`digits CNN: ${outcome.status}`);
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
    `digits CNN preset: ${validationRows} validation rows, ${epochs} epochs, ` +
      `median of ${repeats} runs each\n` +
      `  ${report('CPU time', cpuTimes)}\n  ${report('wall time', times)}\n` +
      `  eval compute + clone inside the runs: ${cost.toFixed(0)} ms ` +
      `(${((cost / median(times.on)) * 100).toFixed(1)} % of the wall time)`,
  );
}

await main();
