#!/usr/bin/env node
/**
 * Writes the import benchmark's input: a seeded CSV of numeric columns (default 1,000,000 rows
 * × 20 columns, about 150 MB), streamed to disk with back-pressure so memory stays flat.
 * The output is a generated artefact: keep it out of git (bench/tmp/ is ignored).
 *
 *   node scripts/make-big-csv.mjs [out=bench/tmp/big.csv] [rows=1000000] [columns=20] [seed=42]
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const [out = 'bench/tmp/big.csv', rowsArg = '1000000', columnsArg = '20', seedArg = '42'] =
  process.argv.slice(2);
const rows = Number(rowsArg);
const columns = Number(columnsArg);

/** mulberry32: small, fast and seeded, so every run writes the same bytes. */
function createRng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rng = createRng(Number(seedArg));
mkdirSync(dirname(out), { recursive: true });
const stream = createWriteStream(out);
const header = Array.from({ length: columns }, (_, i) => `x${i + 1}`).join(',') + '\n';
const ROWS_PER_WRITE = 2000;

async function main() {
  stream.write(header);
  for (let start = 0; start < rows; start += ROWS_PER_WRITE) {
    const lines = [];
    for (let row = start; row < Math.min(rows, start + ROWS_PER_WRITE); row++) {
      const cells = new Array(columns);
      for (let c = 0; c < columns; c++) cells[c] = ((rng() - 0.5) * 200).toFixed(3);
      lines.push(cells.join(','));
    }
    if (!stream.write(lines.join('\n') + '\n')) {
      await new Promise((resolve) => stream.once('drain', resolve));
    }
  }
  await new Promise((resolve, reject) =>
    stream.end((error) => (error ? reject(error) : resolve())),
  );
  console.log(`wrote ${out}: ${rows} rows × ${columns} columns, ${stream.bytesWritten} bytes`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
