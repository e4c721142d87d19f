// Analysis benchmark (issue: linkage): `beacon analyse` (screen + link + score + write) on N demo
// adverts (full: 1,000,000; smoke: 2,000) in a child process, then the latency of linking and
// scoring each of 2,000 further adverts, one at a time, against the saved index of those N.
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { DEMO_DEFAULTS, writeDemoCorpus } from '../src/services/write-demo-corpus.ts';
import type { AnalyseFigures, IncrementalFigures } from './analyse-worker.ts';

/** Adverts added one at a time after the batch run. */
const INCREMENTAL = 2_000;
/** Targets from the linkage issue. */
const TARGET_ADVERTS = 1_000_000;
const TARGET_SECONDS = 120;
const TARGET_RSS_MB = 4096;
const INFOSHIELD_PER_SECOND = 120;
const TARGET_VS_INFOSHIELD = 100;
const TARGET_MEDIAN_MS = 2;
const TARGET_P99_MS = 20;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
const judged = (smoke: boolean, met: boolean) =>
  smoke ? 'not judged at the smoke size' : verdict(met);

function worker<T>(args: string[], progress: boolean): T {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'analyse-worker.ts'), ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', progress ? 'inherit' : 'pipe'] },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as T;
}

/**
 * Copies the first `lines` lines of `input` to `head` and the rest to `tail`, streaming: finds the
 * byte offset of the end of line `lines`, then copies the two byte ranges.
 */
async function splitLines(input: string, lines: number, head: string, tail: string): Promise<void> {
  let seen = 0;
  let position = 0;
  let cut = -1;
  for await (const chunk of createReadStream(input) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) {
      if (++seen === lines) {
        cut = position + i + 1;
        break;
      }
    }
    if (cut >= 0) break;
    position += chunk.length;
  }
  if (cut < 0) throw new Error(`${input} has fewer than ${lines} lines`);
  await pipeline(createReadStream(input, { end: cut - 1 }), createWriteStream(head));
  await pipeline(createReadStream(input, { start: cut }), createWriteStream(tail));
}

/**
 * Prints the analysis figures: batch throughput, CPU, peak memory and networks, then incremental
 * latency. `smoke` uses 2,000 adverts; `adverts` overrides the size of the batch run.
 */
export async function runAnalyseBench(smoke: boolean, adverts?: number): Promise<void> {
  const n = adverts ?? (smoke ? 2_000 : TARGET_ADVERTS);
  const progress = n >= 100_000;
  const dir = await mkdtemp(join(tmpdir(), 'beacon-bench-analyse-'));
  try {
    console.log(
      `\nAnalysis${smoke ? ' (smoke)' : ''}: beacon analyse on ${fmt(n)} demo adverts ` +
        `(screen + link + score networks + write), in a child process`,
    );
    let t = performance.now();
    const corpus = await writeDemoCorpus({
      ...DEMO_DEFAULTS,
      adverts: n + INCREMENTAL,
      seed: 7,
      outDir: join(dir, 'corpus'),
    });
    const head = join(dir, 'head.jsonl');
    const tail = join(dir, 'tail.jsonl');
    await splitLines(corpus.adverts, n, head, tail);
    await rm(join(dir, 'corpus'), { recursive: true, force: true });
    if (progress) {
      console.error(
        `    corpus written and split in ${((performance.now() - t) / 1000).toFixed(0)} s`,
      );
    }

    const indexPath = join(dir, 'linkage-index.bin');
    t = performance.now();
    const a = worker<AnalyseFigures>(
      ['analyse', head, indexPath, ...(progress ? ['--progress'] : [])],
      progress,
    );
    const childSeconds = (performance.now() - t) / 1000;
    const perSecond = a.adverts / a.seconds;
    const targetPerSecond = TARGET_ADVERTS / TARGET_SECONDS;
    const atTarget = n === TARGET_ADVERTS;
    console.log(
      `  wall ${a.seconds.toFixed(1)} s (child process ${childSeconds.toFixed(1)} s with start-up), ` +
        `${fmt(perSecond)} adverts/s, CPU ${a.cpuSeconds.toFixed(1)} s ` +
        `(${(a.cpuSeconds / a.seconds).toFixed(2)} cores busy), peak RSS ${fmt(a.maxRssMB)} MB`,
    );
    console.log(
      `  networks ${fmt(a.networks)} holding ${fmt(a.networkedAdverts)} adverts; ` +
        `largest ${fmt(a.largest)}; edges ${fmt(a.edges)}; hubs ${fmt(a.hubs)}; ` +
        `rejected ${fmt(a.rejected)}`,
    );
    if (atTarget) {
      console.log(
        `  wall: target < ${TARGET_SECONDS} s for ${fmt(TARGET_ADVERTS)}; ratio ` +
          `${(a.seconds / TARGET_SECONDS).toFixed(2)} (≤ 1 meets): ${verdict(a.seconds < TARGET_SECONDS)}`,
      );
    } else {
      console.log(
        `  throughput: target ${fmt(targetPerSecond)} adverts/s (${fmt(TARGET_ADVERTS)} in ` +
          `${TARGET_SECONDS} s); ratio ${(perSecond / targetPerSecond).toFixed(2)} (≥ 1 meets)` +
          `${smoke ? '; the smoke size is dominated by start-up and JIT warm-up' : ''}`,
      );
    }
    console.log(
      `  peak RSS: target < ${fmt(TARGET_RSS_MB)} MB${atTarget ? '' : ` at ${fmt(TARGET_ADVERTS)}`}; ` +
        `ratio ${(a.maxRssMB / TARGET_RSS_MB).toFixed(2)} (≤ 1 meets)` +
        `${atTarget ? `: ${verdict(a.maxRssMB < TARGET_RSS_MB)}` : ''}`,
    );
    const vsInfoShield = perSecond / INFOSHIELD_PER_SECOND;
    console.log(
      `  vs InfoShield (~${INFOSHIELD_PER_SECOND} adverts/s): ${vsInfoShield.toFixed(0)}x; ` +
        `target ≥ ${TARGET_VS_INFOSHIELD}x; ratio ${(vsInfoShield / TARGET_VS_INFOSHIELD).toFixed(2)}: ` +
        judged(smoke, vsInfoShield >= TARGET_VS_INFOSHIELD),
    );

    const inc = worker<IncrementalFigures>(['incremental', indexPath, tail, head], false);
    console.log(
      `Incremental link + score${smoke ? ' (smoke)' : ''}: ${fmt(inc.added)} adverts, one at a ` +
        `time, against the saved index of ${fmt(inc.indexAdverts)} (parse + features + screen + ` +
        `add + network + score the network + rescore the advert)`,
    );
    console.log(
      `  snapshot ${inc.snapshotMB.toFixed(0)} MB; load ${inc.loadSeconds.toFixed(2)} s, ` +
        `save ${inc.saveSeconds.toFixed(2)} s; live heap after load ${fmt(inc.liveHeapMB)} MB, ` +
        `peak RSS ${fmt(inc.maxRssMB)} MB`,
    );
    console.log(
      `  ms per advert: median ${inc.median.toFixed(3)}, p95 ${inc.p95.toFixed(3)}, ` +
        `p99 ${inc.p99.toFixed(3)}, max ${inc.max.toFixed(1)}, mean ${inc.mean.toFixed(3)}; ` +
        `${fmt(inc.inNetwork)} joined a network (largest ${fmt(inc.largestJoined)})`,
    );
    console.log(
      `  median: target < ${TARGET_MEDIAN_MS} ms; ratio ${(inc.median / TARGET_MEDIAN_MS).toFixed(2)} ` +
        `(≤ 1 meets): ${judged(smoke, inc.median < TARGET_MEDIAN_MS)}`,
    );
    console.log(
      `  p99: target < ${TARGET_P99_MS} ms; ratio ${(inc.p99 / TARGET_P99_MS).toFixed(2)} ` +
        `(≤ 1 meets): ${judged(smoke, inc.p99 < TARGET_P99_MS)}`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
