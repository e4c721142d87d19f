// Screens one file in this process and prints its figures as JSON: run by bench/run.ts in a child
// process so that peak memory (maxRSS) belongs to the screening run alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenFile } from '../src/services/screen-file.ts';

const input = process.argv[2];
if (!input) throw new Error('usage: screen-worker.ts <adverts.jsonl>');
const gc = (globalThis as { gc?: () => void }).gc;
const out = await mkdtemp(join(tmpdir(), 'beacon-bench-'));
// Live heap after a full collection, sampled ten times over the run: what the run really holds,
// as opposed to RSS, which V8 grows lazily. The collections' own time is left out of the figures.
let liveHeapMB = 0;
let gcSeconds = 0;
let nextSample = 0;
const sample = (bytesRead: number, total: number) => {
  if (!gc || bytesRead < nextSample) return;
  const t = performance.now();
  gc();
  gcSeconds += (performance.now() - t) / 1000;
  liveHeapMB = Math.max(liveHeapMB, process.memoryUsage().heapUsed / 2 ** 20);
  nextSample = bytesRead + total / 10;
};
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { summary } = await screenFile({ input, outDir: out, onProgress: sample });
const seconds = (performance.now() - t0) / 1000 - gcSeconds;
const cpu = process.cpuUsage(cpu0);
await rm(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    adverts: summary.screened,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6 - gcSeconds,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    liveHeapMB,
  }),
);
