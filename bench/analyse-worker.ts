// Runs one part of the analysis benchmark in this process and prints its figures as JSON on the
// last line of stdout: run by bench/analyse.ts in a child process, so that peak memory (maxRSS)
// belongs to that part alone.
//
//   analyse-worker.ts analyse <adverts.jsonl> <index file> [--progress]
//     `beacon analyse` on the file, saving the linkage index.
//   analyse-worker.ts incremental <index file> <new adverts.jsonl> <warm-up adverts.jsonl>
//     Loads the index (and saves it again, to time saving), then links and scores each new advert
//     one at a time, timing each.
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseAdvertJsonLine } from '../src/core/advert/parse-advert.ts';
import { LinkageIndex } from '../src/core/linkage/linkage-index.ts';
import { IncrementalScreener } from '../src/core/screen/incremental.ts';
import { loadLinkageIndex, saveLinkageIndex } from '../src/io/linkage-snapshot.ts';
import { analyseFile, type AnalyseStage } from '../src/services/analyse-file.ts';
import { loadCompiledCatalogue } from '../src/services/screen-file.ts';

/** Figures of `analyse` mode. */
export interface AnalyseFigures {
  adverts: number;
  rejected: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  networks: number;
  networkedAdverts: number;
  largest: number;
  edges: number;
  hubs: number;
}

/** Figures of `incremental` mode (times in ms unless named seconds). */
export interface IncrementalFigures {
  indexAdverts: number;
  added: number;
  rejected: number;
  loadSeconds: number;
  saveSeconds: number;
  snapshotMB: number;
  liveHeapMB: number;
  maxRssMB: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** New adverts that ended up in a network, and the largest network one of them joined. */
  inNetwork: number;
  largestJoined: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => bytes / 2 ** 20;

async function analyseMode(input: string, indexPath: string, progress: boolean): Promise<void> {
  const out = await mkdtemp(join(tmpdir(), 'beacon-bench-analyse-'));
  let stage: AnalyseStage | null = null;
  let nextTenth = 0;
  const t0 = performance.now();
  const onProgress = (s: AnalyseStage, done: number, total: number) => {
    if (!progress) return;
    const elapsed = ((performance.now() - t0) / 1000).toFixed(0);
    if (s !== stage) {
      stage = s;
      nextTenth = 0;
      console.error(`    ${elapsed} s: ${s}`);
    }
    if (s === 'screen-and-link' && done >= nextTenth) {
      console.error(`    ${elapsed} s: ${s} ${Math.round((100 * done) / total)}%`);
      nextTenth = done + total / 10;
    }
  };
  try {
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const { summary } = await analyseFile({ input, outDir: out, saveIndex: indexPath, onProgress });
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const n = summary.networks;
    const figures: AnalyseFigures = {
      adverts: summary.screened,
      rejected: summary.rejected,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      maxRssMB: process.resourceUsage().maxRSS / 1024,
      networks: n.networks,
      networkedAdverts: n.networkedAdverts,
      largest: n.largest,
      edges: n.edges,
      hubs: n.hubs.length,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** Parse, features, screen, link, network and score for one advert line, as a live service would. */
function linkAndScore(
  line: string,
  screener: IncrementalScreener,
): { ok: false } | { ok: true; score: number; networkSize: number } {
  const parsed = parseAdvertJsonLine(line, {});
  if (!parsed.ok) return { ok: false };
  const out = screener.add(parsed.advert);
  return { ok: true, score: out.result.score, networkSize: out.network?.adverts ?? 0 };
}

async function firstLines(path: string, n: number): Promise<string[]> {
  const lines: string[] = [];
  const rl = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of rl) {
    if (line === '') continue;
    lines.push(line);
    if (lines.length >= n) break;
  }
  rl.close();
  return lines;
}

/** Nearest-rank percentile of an ascending list. */
function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
}

async function incrementalMode(
  indexPath: string,
  newPath: string,
  warmPath: string,
): Promise<void> {
  const { compiled } = await loadCompiledCatalogue();
  // Warm-up on a throwaway index, so the timings are steady state rather than JIT warm-up.
  const warm = new IncrementalScreener(compiled, new LinkageIndex());
  for (const line of await firstLines(warmPath, 1_000)) linkAndScore(line, warm);
  const lines = (await readFile(newPath, 'utf8')).split('\n').filter((l) => l !== '');

  gc?.();
  let t = performance.now();
  const index = await loadLinkageIndex(indexPath);
  const screener = new IncrementalScreener(compiled, index);
  const loadSeconds = (performance.now() - t) / 1000;
  gc?.();
  const liveHeapMB = mb(process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers);
  const indexAdverts = index.count;
  const resaved = `${indexPath}.again`;
  t = performance.now();
  await saveLinkageIndex(index, resaved);
  const saveSeconds = (performance.now() - t) / 1000;
  await rm(resaved, { force: true });
  const snapshotMB = mb((await stat(indexPath)).size);

  const times: number[] = [];
  let rejected = 0;
  let inNetwork = 0;
  let largestJoined = 0;
  let sink = 0;
  for (const line of lines) {
    const start = performance.now();
    const outcome = linkAndScore(line, screener);
    const ms = performance.now() - start;
    if (!outcome.ok) {
      rejected++;
      continue;
    }
    times.push(ms);
    sink += outcome.score;
    if (outcome.networkSize > 0) inNetwork++;
    largestJoined = Math.max(largestJoined, outcome.networkSize);
  }
  if (Number.isNaN(sink)) console.error('unexpected NaN score');
  const sorted = [...times].sort((a, b) => a - b);
  const figures: IncrementalFigures = {
    indexAdverts,
    added: times.length,
    rejected,
    loadSeconds,
    saveSeconds,
    snapshotMB,
    liveHeapMB,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    median: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? NaN,
    mean: times.reduce((a, b) => a + b, 0) / Math.max(1, times.length),
    inNetwork,
    largestJoined,
  };
  console.log(JSON.stringify(figures));
}

const [mode, a, b, c] = process.argv.slice(2);
if (mode === 'analyse' && a && b) {
  await analyseMode(a, b, process.argv.includes('--progress'));
} else if (mode === 'incremental' && a && b && c) {
  await incrementalMode(a, b, c);
} else {
  throw new Error(
    'usage: analyse-worker.ts analyse <adverts.jsonl> <index> [--progress] | ' +
      'incremental <index> <new.jsonl> <warm-up.jsonl>',
  );
}
