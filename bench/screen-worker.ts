// Screens one file in this process and prints its figures as JSON: run by bench/run.ts in a child
// process so that peak memory (maxRSS) belongs to the screening run alone.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { screenFile } from '../src/services/screen-file.ts';

const input = process.argv[2];
if (!input) throw new Error('usage: screen-worker.ts <adverts.jsonl>');
const out = await mkdtemp(join(tmpdir(), 'beacon-bench-'));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { summary } = await screenFile({ input, outDir: out });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await rm(out, { recursive: true, force: true });
console.log(
  JSON.stringify({
    adverts: summary.screened,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  }),
);
