/**
 * Peak resident memory of Chromium's renderer processes (the page and its workers live there),
 * of the browsers this process launched, sampled from /proc every 100 ms while a benchmark
 * runs. Linux only; elsewhere it reports null.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** Process ids under `root` (itself excluded), from the parent ids in /proc/<pid>/stat. */
function descendantsOf(root: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name in parentheses may hold spaces: fields start after its last ')'.
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(parent) ?? [];
      list.push(Number(entry));
      children.set(parent, list);
    } catch {
      // Gone between listing and reading.
    }
  }
  const found = new Set<number>();
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.pop() as number) ?? []) {
      if (found.has(child)) continue;
      found.add(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Only this Node process's own browsers count: on a shared machine other sessions' Chromium
 * renderers would otherwise be added in.
 */
function rendererRssMb(): number {
  let totalKb = 0;
  for (const pid of descendantsOf(process.pid)) {
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes('--type=renderer') && !cmdline.includes('--type=gpu-process')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const match = /VmRSS:\s+(\d+) kB/.exec(status);
      if (match) totalKb += Number(match[1]);
    } catch {
      // The process ended between listing and reading: skip it.
    }
  }
  return totalKb / 1024;
}

export function sampleRendererMemory(): { stop(): number | null } {
  if (process.platform !== 'linux') return { stop: () => null };
  let peak = rendererRssMb();
  const timer = setInterval(() => {
    peak = Math.max(peak, rendererRssMb());
  }, 100);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, rendererRssMb());
    },
  };
}
