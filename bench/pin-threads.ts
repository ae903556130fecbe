/**
 * Pins Chromium's threads to cores as they appear (Linux, `taskset`): the thread that parses —
 * the first dedicated worker to start after `expectParser()`, which is the app's data worker
 * or bare papaparse's worker — to core 0, every other Chromium thread (the store writer,
 * IndexedDB, the page, garbage collection) and this process to core 1. On a two-core machine
 * that is the nearest thing to cores to spare: neither parser waits for a core behind its own
 * helpers, so the import's ratio to the bare parser shows what the import costs the parsing
 * thread itself. Other programs on the machine still share both cores.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { ChromiumScanner } from './chromium-threads';

/** Whether this machine can pin threads: Linux with `taskset` and at least two cores. */
export function canPinThreads(): boolean {
  if (process.platform !== 'linux' || os.cpus().length < 2) return false;
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const PARSER_CORE = '0';
const OTHER_CORES = '1';

function threadName(tid: string): string {
  try {
    return readFileSync(`/proc/${tid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
}

function pin(id: string, cores: string, allThreads = false): void {
  try {
    execFileSync('taskset', [...(allThreads ? ['-a'] : []), '-p', '-c', cores, id], {
      stdio: 'ignore',
    });
  } catch {
    // The thread ended before it could be pinned.
  }
}

/** A thread's seconds on a core and runnable but waiting for one (schedstat), if it runs. */
function threadSeconds(tid: string): { cpu: number; waiting: number } | null {
  try {
    const [onCore, waiting] = readFileSync(`/proc/${tid}/schedstat`, 'utf8').split(' ');
    return { cpu: Number(onCore) / 1e9, waiting: Number(waiting) / 1e9 };
  } catch {
    return null;
  }
}

/** Pins Chromium's threads as they appear; the first new worker thread after `expectParser`. */
export class ThreadPinner {
  readonly #scanner = new ChromiumScanner();
  readonly #pinned = new Set<string>();
  #wantsParser = false;
  parser: string | null = null;
  readonly #timer: NodeJS.Timeout;

  constructor() {
    // This process (and playwright's driver in it) keeps off the parser's core too.
    pin(String(process.pid), OTHER_CORES, true);
    this.#pinNew();
    this.#timer = setInterval(() => this.#pinNew(), 10);
  }

  /** The next dedicated worker thread to start parses. */
  expectParser(): void {
    this.#wantsParser = true;
    this.parser = null;
    this.parserSeconds = null;
  }

  /** The parser's seconds on a core and waiting for one, as last read while it ran. */
  parserSeconds: { cpu: number; waiting: number } | null = null;

  #pinNew(): void {
    for (const { tid } of this.#scanner.threadIds()) {
      if (this.#pinned.has(tid)) continue;
      this.#pinned.add(tid);
      const isParser = this.#wantsParser && threadName(tid) === 'DedicatedWorker';
      if (isParser) {
        this.#wantsParser = false;
        this.parser = tid;
      }
      pin(tid, isParser ? PARSER_CORE : OTHER_CORES);
    }
    if (this.parser) this.parserSeconds = threadSeconds(this.parser) ?? this.parserSeconds;
  }

  /** Stops pinning; this process may use every core again. */
  stop(): void {
    clearInterval(this.#timer);
    pin(String(process.pid), `0-${os.cpus().length - 1}`, true);
  }
}
