/**
 * `npm run bench:presets`: trains every preset of issue 5 in the real built app, in headless
 * Chromium at `?backend=cpu`, one fresh browser per preset, at the app's default settings, and
 * records for each its dataset, the test figure the app shows and its trivial baseline, the
 * epochs trained, the wall time from the click on Train until the result is on screen, and the
 * backend badge. Writes `bench/results/presets-<date>.json` and `presets-latest.json` and prints
 * a table. Not part of `npm test`: its times depend on the machine.
 *
 * Flags: --skip-build (serve the last build), --dist=<folder> (where to build; default a folder
 * under the system's temp dir), --only=<id,id> (cases whose id starts with one of these),
 * --text-characters=<n> and --text-epochs=<n> (the character models' corpus size and epochs:
 * their defaults, 10,000 characters and 5 epochs, take many minutes each on a CPU),
 * --cnn-epochs=<n> (the CNN preset's epochs on mnist and fashion_mnist; default 25),
 * --merge=<a.json,b.json> (no training: joins dated results of runs that measured different
 * presets, e.g. the slow character models in a second process, into `presets-latest.json`,
 * in the order of the case list, a later file's row replacing an earlier one of the same preset
 * and settings, and prints the table).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildAndServe, flagValue, openApp, readBackendBadge, ROOT } from './app-driver';
import { presetCases, type CaseFigures, type PresetCase, type TextOverrides } from './preset-cases';

interface PresetResult extends Partial<CaseFigures> {
  id: string;
  preset: string;
  dataset: string;
  settings: string;
  backendBadge: string;
  failure?: string;
}

function log(message: string): void {
  process.stdout.write(`${message}\n`);
}

function numberFlag(name: string): number | undefined {
  const value = flagValue(name);
  return value === undefined ? undefined : Number(value);
}

function selectedCases(): PresetCase[] {
  const text: TextOverrides = {};
  const characters = numberFlag('text-characters');
  const epochs = numberFlag('text-epochs');
  if (characters !== undefined) text.characters = characters;
  if (epochs !== undefined) text.epochs = epochs;
  const cnnEpochs = numberFlag('cnn-epochs');
  if (cnnEpochs !== undefined) text.cnnEpochs = cnnEpochs;
  const only = flagValue('only')?.split(',');
  return presetCases(text).filter((c) => !only || only.some((prefix) => c.id.startsWith(prefix)));
}

async function runCase(baseUrl: string, presetCase: PresetCase): Promise<PresetResult> {
  const { id, preset, dataset, settings } = presetCase;
  const app = await openApp(baseUrl, '?backend=cpu');
  try {
    const figures = await presetCase.run(app.page);
    return {
      id,
      preset,
      dataset,
      settings,
      ...figures,
      backendBadge: await readBackendBadge(app.page),
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id,
      preset,
      dataset,
      settings,
      backendBadge: '',
      failure: message.split('\n')[0] ?? '',
    };
  } finally {
    await app.session.close();
  }
}

function fmt(value: number | null | undefined, digits: number): string {
  return value === null || value === undefined || !Number.isFinite(value)
    ? '—'
    : value.toFixed(digits);
}

/** A Markdown table, ready for docs/performance.md. */
function table(results: PresetResult[]): string {
  const lines = [
    '| preset | dataset | settings | test figure | value | trivial baseline | epochs | training time (s) |',
    '| --- | --- | --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    const baseline =
      r.baseline === null || r.baseline === undefined
        ? '—'
        : `${fmt(r.baseline, 3)} (${r.baselineName})`;
    lines.push(
      `| ${r.preset} | ${r.dataset} | ${r.settings} | ${r.failure ? `failed: ${r.failure}` : (r.metric ?? '')} | ${fmt(r.value, 3)} | ${baseline} | ${fmt(r.epochs, 0)} | ${fmt(r.trainSeconds, 1)} |`,
    );
  }
  return lines.join('\n');
}

function writeReport(startedAt: Date, results: PresetResult[]): string {
  const report = {
    date: startedAt.toISOString(),
    updated: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      memoryGb: os.totalmem() / 2 ** 30,
      loadAverage: os.loadavg(),
    },
    chromium: CHROMIUM_VERSION,
    query: '?backend=cpu',
    presets: results,
  };
  const dir = path.join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.date.slice(0, 19).replace(/[:T]/g, '-');
  const file = path.join(dir, `presets-${stamp}.json`);
  writeFileSync(file, JSON.stringify(report, null, 1));
  writeFileSync(path.join(dir, 'presets-latest.json'), JSON.stringify(report, null, 1));
  return file;
}

const CHROMIUM_VERSION = execFileSync(
  process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  ['--version'],
  {
    encoding: 'utf8',
    // Debian's wrapper script prints shell noise on stderr; only the version line matters.
    stdio: ['ignore', 'pipe', 'ignore'],
  },
).trim();

interface PresetReport {
  date: string;
  machine: { loadAverage: number[] };
  presets: PresetResult[];
}

function merge(files: string[]): void {
  const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as PresetReport);
  const order = presetCases({}).map((c) => c.id);
  const rank = (r: PresetResult) => {
    const index = order.indexOf(r.id);
    return index < 0 ? order.length : index;
  };
  // A preset measured again with the same settings in a later file replaces the earlier row.
  const byKey = new Map<string, PresetResult>();
  for (const result of reports.flatMap((r) => r.presets)) {
    byKey.set(`${result.id} ${result.settings}`, result);
  }
  const presets = [...byKey.values()].sort((a, b) => rank(a) - rank(b));
  const merged = {
    ...reports[0],
    mergedFrom: files.map((f, i) => ({
      file: path.basename(f),
      date: reports[i]?.date,
      loadAverage: reports[i]?.machine.loadAverage,
    })),
    presets,
  };
  writeFileSync(
    path.join(ROOT, 'bench/results/presets-latest.json'),
    JSON.stringify(merged, null, 1),
  );
  log(table(presets));
}

async function main(): Promise<void> {
  const toMerge = flagValue('merge');
  if (toMerge) return merge(toMerge.split(','));
  const cases = selectedCases();
  const server = await buildAndServe('fitlab-bench-presets-dist');
  const results: PresetResult[] = [];
  const startedAt = new Date();
  let file = '';
  try {
    log(`serving ${server.url}; training ${cases.length} presets on the CPU backend …`);
    for (const presetCase of cases) {
      log(`  ${presetCase.id} (${presetCase.settings}) …`);
      const result = await runCase(server.url, presetCase);
      results.push(result);
      log(
        result.failure
          ? `    failed: ${result.failure}`
          : `    ${result.metric} ${fmt(result.value, 4)} vs ${result.baselineName} ${fmt(result.baseline, 4)}; ${result.epochs} epochs in ${fmt(result.trainSeconds, 1)} s${result.note ? `; ${result.note}` : ''}`,
      );
      // Written after every preset, so a run cut short keeps what it measured.
      file = writeReport(startedAt, results);
    }
  } finally {
    await server.close();
  }
  log('');
  log(table(results));
  log('');
  log(`backend badges: ${[...new Set(results.map((r) => r.backendBadge))].join(' | ')}`);
  log(
    `load average (1, 5, 15 min): ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(', ')}`,
  );
  log(`written: ${path.relative(ROOT, file)}`);
}

await main();
