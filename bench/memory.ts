/**
 * Peak resident memory of Chromium's renderer processes (the page and its workers live there),
 * sampled from /proc every 100 ms while a benchmark runs. Linux only; elsewhere it reports null.
 */
import { readdirSync, readFileSync } from 'node:fs';

function rendererRssMb(): number {
  let totalKb = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
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
