/**
 * `npx vite-node bench/backend-repro.ts`: how far the same seeded run drifts between backends. Trains two
 * layer-builder networks on the digits in the real built app (the MLP preset and the CNN
 * preset, a few epochs each) on the CPU backend once, and twice in one browser on each of WebGL
 * and WebGPU; reads each run's full-precision per-epoch losses from the run history the app
 * stores in IndexedDB; and reports the largest absolute and relative differences of the loss
 * curves between the two runs of a backend and against the CPU run. docs/performance.md
 * ("Reproducibility across backends") turns these figures into the documented tolerance that
 * tests/e2e/reproducibility-gpu.e2e.ts checks. Writes `bench/results/repro-<date>.json` and
 * `repro-latest.json`.
 *
 * Flags: --skip-build, --dist=<folder>, --backends=webgl,webgpu (the GPU backends to measure).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  buildAndServe,
  chooseDataset,
  flagValue,
  goToStage,
  openApp,
  readBackendBadge,
  ROOT,
  setNumber,
  stageScreen,
  until,
} from './app-driver';
import { curveDifference, type CurveDifference } from '../tests/e2e/curve-difference';
import { readStoredRuns, type StoredRun } from '../tests/e2e/run-history';

const DIGITS = 'Handwritten digits 8x8 (UCI optical recognition)';
const MODELS = [
  { id: 'mlp', preset: 'MLP', epochs: 10 },
  { id: 'cnn', preset: 'CNN for images', epochs: 3 },
] as const;
const RUN_TIMEOUT_MS = 8 * 60_000;

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

/** Trains the preset once more in the open page and returns every run stored so far. */
async function trainOnce(page: Page, preset: string, epochs: number): Promise<StoredRun[]> {
  const before = (await readStoredRuns(page)).length;
  await goToStage(page, 'Model');
  const screen = stageScreen(page, 'Model');
  await screen
    .getByRole('combobox', { name: 'Model', exact: true })
    .selectOption({ label: 'Neural network — layer builder' });
  const button = screen
    .getByRole('group', { name: 'Start from a preset', exact: true })
    .getByRole('button', { name: preset, exact: true });
  await button.click();
  await until(async () => (await button.getAttribute('aria-pressed')) === 'true', 'preset');
  await setNumber(
    screen.getByRole('group', { name: 'How to train', exact: true }),
    'Epochs',
    epochs,
  );
  await goToStage(page, 'Train');
  await stageScreen(page, 'Train').getByRole('button', { name: 'Train', exact: true }).click();
  // A run that fails is not recorded: stop at the app's alert instead of waiting it out.
  const alerts = page.getByRole('alert');
  await until(
    async () => (await readStoredRuns(page)).length > before || (await alerts.count()) > 0,
    'the run to be recorded',
    RUN_TIMEOUT_MS,
  ).catch(async (error: unknown) => {
    const statuses = await page.getByRole('status').allTextContents();
    throw new Error(`${String(error)}; statuses: ${statuses.join(' | ').slice(0, 300)}`);
  });
  if ((await readStoredRuns(page)).length === before) {
    throw new Error(`the run failed: ${(await alerts.allTextContents()).join(' | ')}`);
  }
  return readStoredRuns(page);
}

interface BackendRuns {
  backend: string;
  badge: string;
  runs: StoredRun[];
}

async function runsOn(
  baseUrl: string,
  backend: string,
  model: (typeof MODELS)[number],
  repeats: number,
): Promise<BackendRuns> {
  const app = await openApp(baseUrl, `?backend=${backend}`, backend === 'webgpu');
  try {
    await chooseDataset(app.page, DIGITS);
    let runs: StoredRun[] = [];
    for (let i = 0; i < repeats; i++) runs = await trainOnce(app.page, model.preset, model.epochs);
    return { backend, badge: await readBackendBadge(app.page), runs };
  } finally {
    await app.session.close();
  }
}

function describe(d: CurveDifference): string {
  return `max |Δ| ${d.maxAbs.toExponential(2)}, max rel ${d.maxRel.toExponential(2)} (epochs ${d.epochs})`;
}

async function main(): Promise<void> {
  const gpuBackends = (flagValue('backends') ?? 'webgl,webgpu').split(',');
  const server = await buildAndServe('fitlab-bench-repro-dist');
  const report: Record<string, unknown>[] = [];
  try {
    for (const model of MODELS) {
      log(`${model.id}: ${model.preset} on the digits, ${model.epochs} epochs`);
      const cpu = await runsOn(server.url, 'cpu', model, 1);
      const reference = cpu.runs[0];
      log(`  cpu: ${cpu.badge}; ${reference?.durationMs ?? '?'} ms`);
      for (const backend of gpuBackends) {
        const entry: Record<string, unknown> = { model: model.id, epochs: model.epochs, backend };
        try {
          const gpu = await runsOn(server.url, backend, model, 2);
          const [first, second] = gpu.runs;
          if (!first || !second || !reference) throw new Error('a run was not recorded');
          const runToRun = curveDifference(first.history, second.history);
          const againstCpu = curveDifference(first.history, reference.history);
          Object.assign(entry, {
            badge: gpu.badge,
            recordedBackends: gpu.runs.map((r) => r.backend),
            durationsMs: gpu.runs.map((r) => r.durationMs),
            runToRun,
            againstCpu,
            losses: {
              cpu: reference.history.map((e) => [e.trainLoss, e.valLoss]),
              first: first.history.map((e) => [e.trainLoss, e.valLoss]),
              second: second.history.map((e) => [e.trainLoss, e.valLoss]),
            },
          });
          log(`  ${backend} (${gpu.runs.map((r) => r.backend).join(', ')}): ${gpu.badge}`);
          log(`    run to run: ${describe(runToRun)}`);
          log(`    against cpu: ${describe(againstCpu)}`);
        } catch (error) {
          entry.failure = error instanceof Error ? error.message.split('\n')[0] : String(error);
          log(`  ${backend}: failed: ${String(entry.failure)}`);
        }
        report.push(entry);
      }
    }
  } finally {
    await server.close();
  }
  const date = new Date().toISOString();
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const body = JSON.stringify(
    { date, machine: { cpus: os.cpus().length, loadAverage: os.loadavg() }, results: report },
    null,
    1,
  );
  const file = path.join(dir, `repro-${date.slice(0, 19).replace(/[:T]/g, '-')}.json`);
  writeFileSync(file, body);
  writeFileSync(path.join(dir, 'repro-latest.json'), body);
  log(`written: ${path.relative(ROOT, file)}`);
}

await main();
