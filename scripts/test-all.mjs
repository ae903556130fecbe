#!/usr/bin/env node
/**
 * `npm test`: every check and test suite in order, with their output streamed as it comes.
 * The static checks all run even when one fails, so one run shows every problem; a failing
 * unit suite stops before the slow end-to-end suite. Ends with a summary per step and a last
 * line `N passed, M failed` counting the tests of both suites (a runner that crashed or could
 * not start counts as one failed test). Exits non-zero when anything failed.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** @typedef {{ name: string, status: 'ok' | 'failed' | 'skipped', seconds: number, detail?: string, passed: number, failed: number }} StepResult */

/** Runs a command with inherited stdio; resolves to its exit code (127 when it cannot start). */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit' });
    child.on('error', (error) => {
      console.error(`cannot start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

function banner(name) {
  const line = '─'.repeat(Math.max(0, 72 - name.length - 4));
  console.log(`\n── ${name} ${line}`);
}

async function check(name, command, args) {
  banner(name);
  const started = performance.now();
  const code = await run(path.join(BIN, command), args);
  return {
    name,
    status: code === 0 ? 'ok' : 'failed',
    seconds: (performance.now() - started) / 1000,
    detail: code === 0 ? undefined : `exit code ${code}`,
    passed: 0,
    failed: 0,
  };
}

/** Reads vitest's JSON report; null when the runner did not write one. */
async function readReport(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

async function testSuite(name, extraArgs, reportDir) {
  banner(name);
  const started = performance.now();
  const reportFile = path.join(reportDir, `${name.replace(/\W+/g, '-')}.json`);
  const code = await run(path.join(BIN, 'vitest'), [
    'run',
    ...extraArgs,
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${reportFile}`,
  ]);
  const report = await readReport(reportFile);
  const passed = report?.numPassedTests ?? 0;
  let failed = report?.numFailedTests ?? 0;
  let detail = `${passed} passed, ${failed} failed`;
  if ((code !== 0 || report === null) && failed === 0) {
    // No failing test but a failed run: the runner crashed, a setup step threw or no report.
    failed = 1;
    const why = report === null ? 'wrote no report' : `exited with code ${code}`;
    detail = `${passed} passed; the runner ${why}, counted as 1 failed`;
  }
  return {
    name,
    status: code === 0 && failed === 0 ? 'ok' : 'failed',
    seconds: (performance.now() - started) / 1000,
    detail,
    passed,
    failed,
  };
}

async function main() {
  /** @type {StepResult[]} */
  const results = [];
  const reportDir = await mkdtemp(path.join(os.tmpdir(), 'fitlab-test-all-'));
  try {
    results.push(
      await check('svelte-check', 'svelte-check', [
        '--tsconfig',
        './tsconfig.json',
        '--fail-on-warnings',
      ]),
      await check('tsc (workers)', 'tsc', ['-p', 'workers/tsconfig.json', '--noEmit']),
      await check('eslint', 'eslint', ['.', '--max-warnings=0']),
      await check('prettier', 'prettier', ['--check', '.']),
    );

    const unit = await testSuite('unit tests', [], reportDir);
    results.push(unit);

    const e2eName = 'e2e tests';
    if (unit.status !== 'ok') {
      results.push({ name: e2eName, status: 'skipped', seconds: 0, passed: 0, failed: 0 });
    } else if (!existsSync(CHROMIUM_PATH)) {
      banner(e2eName);
      console.error(
        `Chromium not found at ${CHROMIUM_PATH}: install it with ` +
          '`sudo apt-get install -y chromium` (Debian) or set CHROMIUM_PATH',
      );
      results.push({
        name: e2eName,
        status: 'failed',
        seconds: 0,
        detail: `no Chromium at ${CHROMIUM_PATH}`,
        passed: 0,
        failed: 1,
      });
    } else {
      results.push(await testSuite(e2eName, ['--config', 'vitest.e2e.config.ts'], reportDir));
    }
  } finally {
    await rm(reportDir, { recursive: true, force: true });
  }

  banner('summary');
  for (const r of results) {
    const status = { ok: 'ok     ', failed: 'FAILED ', skipped: 'skipped' }[r.status];
    const time = r.status === 'skipped' ? '' : `${r.seconds.toFixed(1)} s`;
    console.log(`${status}  ${r.name.padEnd(16)} ${time.padStart(8)}  ${r.detail ?? ''}`.trimEnd());
  }
  const passed = results.reduce((sum, r) => sum + r.passed, 0);
  const failed = results.reduce((sum, r) => sum + r.failed, 0);
  const anyFailed = results.some((r) => r.status === 'failed');
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = anyFailed ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
