/**
 * CPU seconds per Chromium thread during one bench import, or one bare papaparse run, read from
 * /proc (user + system time of every thread of every Chromium process, before and after), and
 * the seconds each spent runnable but waiting for a core (schedstat's run delay). The
 * wall-clock profiles of bench/profile-import.ts count a thread waiting for a core as busy;
 * these figures do not, so they show whether an import is short of cores. Linux only. Not part
 * of `npm run bench`; how docs/performance.md's CPU breakdown of the CSV import was taken:
 *
 *   npx vite build --outDir bench/tmp/dist-cpu
 *   npx vite-node bench/import-cpu.ts bench/tmp/dist-cpu import    # or: … bare
 */
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../tests/e2e/chromium-path';
import { startStaticServer } from '../tests/e2e/static-server';
import { chromiumThreads } from './chromium-threads';
import { ensureBigCsv } from './import';

interface ThreadSeconds {
  cpu: number;
  /** Runnable but not running: another thread had the core. */
  waiting: number;
}

/** Seconds so far, by `process type/thread name/thread id`. */
function chromiumThreadSeconds(): Map<string, ThreadSeconds> {
  return new Map(chromiumThreads().map((thread) => [thread.label, thread]));
}

async function main(): Promise<void> {
  const [dist, mode = 'import'] = process.argv.slice(2);
  if (!dist || (mode !== 'import' && mode !== 'bare')) {
    throw new Error('usage: import-cpu.ts <dist folder> [import|bare]');
  }
  const root = path.resolve(import.meta.dirname, '..');
  const file = ensureBigCsv(root, 1_000_000);
  const server = await startStaticServer(path.resolve(dist), '/fitlab/');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/import.html`);
    await page.waitForFunction(() => 'fitlabImportBench' in window);
    await page.setInputFiles('#file', file);
    // Workers stay alive (and readable in /proc) after the import ends.
    await page.evaluate(() => {
      Worker.prototype.terminate = () => undefined;
    });
    const before = chromiumThreadSeconds();
    const wallMs = await page.evaluate(async (which) => {
      const bench = window.fitlabImportBench;
      return which === 'bare' ? (await bench.bareOnce()).ms : (await bench.importOnce()).importMs;
    }, mode);
    const used = [...chromiumThreadSeconds()]
      .map(([thread, now]): [string, ThreadSeconds] => {
        const then = before.get(thread) ?? { cpu: 0, waiting: 0 };
        return [thread, { cpu: now.cpu - then.cpu, waiting: now.waiting - then.waiting }];
      })
      .filter(([, seconds]) => seconds.cpu >= 0.02)
      .sort((a, b) => b[1].cpu - a[1].cpu);
    const total = used.reduce((sum, [, seconds]) => sum + seconds.cpu, 0);
    console.log(`${mode}: ${(wallMs / 1000).toFixed(2)} s wall, ${total.toFixed(2)} s CPU`);
    console.log('  CPU s  waiting for a core s  thread');
    for (const [thread, seconds] of used) {
      console.log(`  ${seconds.cpu.toFixed(2)}   ${seconds.waiting.toFixed(2)}   ${thread}`);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
