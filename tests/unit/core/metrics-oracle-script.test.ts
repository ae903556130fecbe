// Runs scripts/oracle.ts as `npm run oracle` would, checking its summary line and exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const VITE_NODE = path.join(ROOT, 'node_modules/.bin/vite-node');
const ORACLE_PATH = [
  path.resolve(ROOT, '../shared/oracles/metrics.json'),
  path.resolve(ROOT, 'shared/oracles/metrics.json'),
].find((p) => existsSync(p));

function runOracle(file: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(VITE_NODE, ['scripts/oracle.ts', file], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('scripts/oracle.ts', () => {
  it('passes every case of the real oracle', () => {
    if (ORACLE_PATH === undefined) throw new Error('../shared/oracles/metrics.json not found');
    const total = (JSON.parse(readFileSync(ORACLE_PATH, 'utf8')) as { cases: unknown[] }).cases
      .length;
    const { status, stdout } = runOracle(ORACLE_PATH);
    expect(stdout.trim().split('\n').at(-1)).toBe(`${total} passed, 0 failed`);
    expect(status).toBe(0);
  });

  it('names the failing case and exits 1', () => {
    const { status, stdout } = runOracle('tests/fixtures/oracle-bad.json');
    expect(stdout).toMatch(/FAIL f1_binary_wrong/);
    expect(stdout).not.toMatch(/accuracy_right|roc_auc_right/);
    expect(stdout.trim().split('\n').at(-1)).toBe('2 passed, 1 failed');
    expect(status).toBe(1);
  });

  it('exits 2 with a message for a missing or malformed file', () => {
    const missing = runOracle('tests/fixtures/does-not-exist.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
    const malformed = runOracle('package.json');
    expect(malformed.status).toBe(2);
    expect(malformed.stderr).toMatch(/not an oracle file/);
  });
});
