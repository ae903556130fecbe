/**
 * Launches the system Chromium through playwright-core with a fresh profile and records every
 * console error and uncaught exception of its pages and their workers, so a spec fails on
 * errors a person would never see.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';
import { CHROMIUM_PATH, assertChromiumInstalled } from './chromium-path';

/** Flags measured on CI-like machines (../shared/ENVIRONMENT.md): no network chatter. */
const BASE_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const VIEWPORT = { width: 1280, height: 900 } as const;

export interface LaunchOptions {
  /** Adds `--enable-unsafe-webgpu` (a software Vulkan adapter on machines without a GPU). */
  webgpu?: boolean;
  /** Console errors matching one of these are expected by the spec and not reported. */
  allowErrors?: readonly RegExp[];
}

export interface BrowserSession {
  readonly context: BrowserContext;
  /** The page the browser opened with. */
  readonly page: Page;
  /** Unexpected console errors and uncaught exceptions seen so far, in order. */
  readonly errors: readonly string[];
  /** Closes the browser and removes its profile. */
  close(): Promise<void>;
}

function describeLocation(message: ConsoleMessage): string {
  const { url, lineNumber } = message.location();
  return url ? ` (${url}:${lineNumber})` : '';
}

export async function launchBrowser(options: LaunchOptions = {}): Promise<BrowserSession> {
  assertChromiumInstalled();
  // playwright rejects --user-data-dir in `args`; a persistent context on a fresh temporary
  // folder gives the same clean profile.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'fitlab-e2e-profile-'));
  const args = options.webgpu ? [...BASE_ARGS, '--enable-unsafe-webgpu'] : BASE_ARGS;
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args,
      viewport: VIEWPORT,
      locale: 'en-US',
    });
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }

  const errors: string[] = [];
  const allowed = options.allowErrors ?? [];
  const record = (text: string): void => {
    if (!allowed.some((pattern) => pattern.test(text))) errors.push(text);
  };
  // A page's `console` event also carries its dedicated workers' messages, including their
  // uncaught exceptions, so one listener per page sees everything.
  const watch = (page: Page): void => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        record(`console.error: ${message.text()}${describeLocation(message)}`);
      }
    });
    page.on('pageerror', (error) => record(`uncaught in page: ${error.stack ?? error.message}`));
    page.on('crash', () => record('page crashed'));
  };
  context.pages().forEach(watch);
  context.on('page', watch);

  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    errors,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
