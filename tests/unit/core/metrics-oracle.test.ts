// Runs every reference case of ../shared/oracles/metrics.json (scikit-learn 1.2.1 / SciPy 1.10.1).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareValues,
  ORACLE_FUNCTIONS,
  parseOracleFile,
  runOracleCase,
} from '../../../src/core/metrics/oracle';

// CI clones the repo with shared/ beside it; some checkouts carry shared/ inside instead.
const ORACLE_PATH = [
  path.resolve(process.cwd(), '../shared/oracles/metrics.json'),
  path.resolve(process.cwd(), 'shared/oracles/metrics.json'),
].find((p) => existsSync(p));

if (ORACLE_PATH === undefined) throw new Error('../shared/oracles/metrics.json not found');
const cases = parseOracleFile(JSON.parse(readFileSync(ORACLE_PATH, 'utf8')));

describe('metrics oracle', () => {
  it('has cases, all for known functions', () => {
    expect(cases.length).toBeGreaterThan(0);
    const unknown = cases.filter((c) => !(c.fn in ORACLE_FUNCTIONS)).map((c) => c.fn);
    expect(unknown).toEqual([]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(runOracleCase(c)).toEqual({ pass: true });
  });
});

describe('compareValues', () => {
  it('accepts relative and near-zero absolute differences within tolerance', () => {
    expect(compareValues(1 + 5e-10, 1)).toBeNull();
    expect(compareValues(5e-13, 0)).toBeNull();
    expect(compareValues(1.001, 1, 1e-2)).toBeNull();
  });

  it('rejects larger differences and names the path', () => {
    expect(compareValues(1 + 1e-8, 1)).toMatch(/expected 1/);
    expect(compareValues({ a: [1, 2] }, { a: [1, 3] })).toMatch(/^\.a\[1\]/);
    expect(compareValues([1], [1, 2])).toMatch(/length 2/);
  });

  it('reads "inf" as +Infinity', () => {
    expect(compareValues([Infinity, 0.5], ['inf', 0.5])).toBeNull();
    expect(compareValues(1e300, 'inf')).not.toBeNull();
  });

  it('reports a throwing case and an unknown fn as failures', () => {
    const thrown = runOracleCase({
      name: 'x',
      fn: 'accuracy',
      args: { yTrue: [0], yPred: [] },
      expected: 1,
    });
    expect(thrown.pass).toBe(false);
    expect(thrown.message).toMatch(/RangeError/);
    expect(runOracleCase({ name: 'y', fn: 'nope', args: {}, expected: 1 }).pass).toBe(false);
  });

  it('rejects malformed files', () => {
    expect(() => parseOracleFile({})).toThrow(TypeError);
    expect(() => parseOracleFile({ cases: [{ name: 'a', fn: 'accuracy' }] })).toThrow(/case 0/);
  });
});
