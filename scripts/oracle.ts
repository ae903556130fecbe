/**
 * `npm run oracle -- FILE.json`: runs every case of a reference file (the format of
 * ../shared/oracles/metrics.json) through the metric functions and prints the failures, then
 * exactly `N passed, M failed`. Exit 0 when all pass, 1 on any failure, 2 when the file cannot
 * be read or is not in that format.
 */
import { readFileSync } from 'node:fs';
import { parseOracleFile, runOracleCase, type OracleCase } from '../src/core/metrics/oracle';

function load(file: string | undefined): OracleCase[] {
  if (file === undefined) throw new Error('usage: npm run oracle -- FILE.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as Error).message}`, { cause: err });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file} is not valid JSON: ${(err as Error).message}`, { cause: err });
  }
  try {
    return parseOracleFile(json);
  } catch (err) {
    throw new Error(`${file} is not an oracle file: ${(err as Error).message}`, {
      cause: err,
    });
  }
}

function main(): number {
  let cases: OracleCase[];
  try {
    cases = load(process.argv[2]);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  let passed = 0;
  let failed = 0;
  for (const c of cases) {
    const outcome = runOracleCase(c);
    if (outcome.pass) {
      passed++;
    } else {
      failed++;
      console.log(`FAIL ${c.name} (${c.fn}): ${outcome.message ?? ''}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
}

process.exitCode = main();
