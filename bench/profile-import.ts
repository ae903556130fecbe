/**
 * CPU profiles of the import's two workers (the data worker that parses and the store writer)
 * during one bench import, through the Chrome DevTools Protocol's `Profiler` on each worker
 * target, written as `.cpuprofile` files (open them in Chromium's DevTools, Performance tab).
 * Not part of `npm run bench`; how docs/performance.md's "CSV import in Chromium" profiles were
 * taken:
 *
 *   npx vite build --outDir bench/tmp/dist-prof --minify false   # readable names (the PWA
 *                                                                # step may complain; the
 *                                                                # bench page is built)
 *   NODE_OPTIONS=--experimental-websocket \
 *     npx vite-node bench/profile-import.ts bench/tmp/dist-prof bench/tmp/import
 *
 * writes bench/tmp/import-data.cpuprofile and bench/tmp/import-writer.cpuprofile. Node 20 needs
 * the flag for its WebSocket client; the workers pause at start until their profiler runs.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_PATH } from '../tests/e2e/chromium-path';
import { startStaticServer } from '../tests/e2e/static-server';
import { ensureBigCsv } from './import';

const PORT = 9339;

interface CdpMessage {
  id?: number;
  method?: string;
  params?: {
    sessionId?: string;
    targetInfo?: { targetId: string; type: string; url: string };
    targetInfos?: { targetId: string; type: string; url: string }[];
  };
  result?: Record<string, unknown>;
  error?: { message: string };
}

async function main(): Promise<void> {
  const [dist, out] = process.argv.slice(2);
  if (!dist || !out) throw new Error('usage: profile-import.ts <dist folder> <output prefix>');
  const root = path.resolve(import.meta.dirname, '..');
  const file = ensureBigCsv(root, 1_000_000);
  const server = await startStaticServer(path.resolve(dist), '/fitlab/');
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', `--remote-debugging-port=${PORT}`],
  });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}bench/import.html`);
    await page.waitForFunction(() => 'fitlabImportBench' in window);
    await page.setInputFiles('#file', file);
    const version = (await (await fetch(`http://127.0.0.1:${PORT}/json/version`)).json()) as {
      webSocketDebuggerUrl: string;
    };
    const socket = new WebSocket(version.webSocketDebuggerUrl);
    await new Promise((resolve) => socket.addEventListener('open', resolve, { once: true }));
    let lastId = 0;
    const pending = new Map<number, (message: CdpMessage) => void>();
    const send = (method: string, params: object = {}, sessionId?: string) => {
      const id = ++lastId;
      socket.send(JSON.stringify({ id, method, params, sessionId }));
      return new Promise<CdpMessage>((resolve) => pending.set(id, resolve));
    };
    const profiled = new Map<string, 'data' | 'writer'>();
    const autoAttach = { autoAttach: true, waitForDebuggerOnStart: true, flatten: true };
    socket.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as CdpMessage;
      if (message.id !== undefined) {
        pending.get(message.id)?.(message);
        pending.delete(message.id);
        return;
      }
      const { sessionId, targetInfo } = message.params ?? {};
      if (message.method !== 'Target.attachedToTarget' || !sessionId || !targetInfo) return;
      void (async () => {
        const name = targetInfo.url.includes('data.worker')
          ? 'data'
          : targetInfo.url.includes('store-writer')
            ? 'writer'
            : null;
        if (name) {
          profiled.set(sessionId, name);
          await send('Profiler.enable', {}, sessionId);
          await send('Profiler.setSamplingInterval', { interval: 250 }, sessionId);
          await send('Profiler.start', {}, sessionId);
          // The data worker starts the store writer itself.
          await send('Target.setAutoAttach', autoAttach, sessionId);
        }
        await send('Runtime.runIfWaitingForDebugger', {}, sessionId);
      })();
    });
    const targets = await send('Target.getTargets');
    const pageTarget = (targets.result?.targetInfos as { targetId: string; url: string }[]).find(
      (target) => target.url.includes('import.html'),
    );
    if (!pageTarget) throw new Error('bench page target not found');
    const attached = await send('Target.attachToTarget', {
      targetId: pageTarget.targetId,
      flatten: true,
    });
    await send('Target.setAutoAttach', autoAttach, attached.result?.sessionId as string);
    // The bench disposes its DataClient at the end, which would end the workers (and their
    // profiles) before they are collected.
    await page.evaluate(() => {
      Worker.prototype.terminate = () => undefined;
    });
    const result = await page.evaluate(() => window.fitlabImportBench.importOnce());
    console.log(
      `import ${(result.importMs / 1000).toFixed(2)} s, ${result.rows} rows${result.failure ? `, failed: ${result.failure}` : ''}`,
    );
    for (const [sessionId, name] of profiled) {
      const stopped = await send('Profiler.stop', {}, sessionId);
      if (!stopped.result?.profile) throw new Error(`no profile for the ${name} worker`);
      writeFileSync(`${out}-${name}.cpuprofile`, JSON.stringify(stopped.result.profile));
      console.log(`written: ${out}-${name}.cpuprofile`);
    }
    socket.close();
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
