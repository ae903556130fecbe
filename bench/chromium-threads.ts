/**
 * The threads of every Chromium process on this machine, read from /proc (Linux only): what
 * bench/import-cpu.ts times and bench/import-pinned.ts pins to cores.
 */
import { readdirSync, readFileSync } from 'node:fs';

export interface ChromiumThread {
  tid: string;
  /** `process type/thread name/thread id`, e.g. `renderer/DedicatedWorker/4242`. */
  label: string;
  name: string;
  /** Seconds on a core so far (user + system). */
  cpu: number;
  /** Seconds runnable but waiting for a core so far (schedstat's run delay). */
  waiting: number;
}

const TICKS_PER_SECOND = 100;

/**
 * Chromium's processes and their thread ids. It remembers which processes are not Chromium's,
 * so that scanning every few milliseconds (bench/pin-threads.ts) stays cheap.
 */
export class ChromiumScanner {
  readonly #others = new Set<string>();
  /** Chromium's pids, each with its process type (`browser`, `renderer`, …). */
  readonly #chromium = new Map<string, string>();

  *threadIds(): Generator<{ pid: string; type: string; tid: string }> {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid) || this.#others.has(pid)) continue;
      try {
        let type = this.#chromium.get(pid);
        if (type === undefined) {
          const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          if (!command.includes('chrom')) {
            this.#others.add(pid);
            continue;
          }
          type = /--type=([a-z-]+)/.exec(command)?.[1] ?? 'browser';
          this.#chromium.set(pid, type);
        }
        for (const tid of readdirSync(`/proc/${pid}/task`)) yield { pid, type, tid };
      } catch {
        // A process that ended while being read.
        this.#chromium.delete(pid);
      }
    }
  }
}

export function chromiumThreads(scanner = new ChromiumScanner()): ChromiumThread[] {
  const threads: ChromiumThread[] = [];
  for (const { pid, type, tid } of scanner.threadIds()) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = /\((.*)\)/.exec(stat)?.[1] ?? '?';
      // Fields after the name: utime and stime are the 12th and 13th.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      // schedstat: nanoseconds on a core, nanoseconds runnable and waiting, timeslices.
      const schedstat = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
      threads.push({
        tid,
        label: `${type}/${name}/${tid}`,
        name,
        cpu: ticks / TICKS_PER_SECOND,
        waiting: Number(schedstat[1]) / 1e9,
      });
    } catch {
      // A thread that ended while being read.
    }
  }
  return threads;
}
