// Beacon benchmarks: `npm run bench` (full) or `npm run bench -- --smoke` (a quick run for CI).
// Each benchmark prints its figures, the target, and the ratio of figure to target.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeDemoCorpus, DEMO_DEFAULTS } from '../src/services/write-demo-corpus.ts';
import { runAnalyseBench } from './analyse.ts';
import { runPdqBench } from './pdq.ts';
import { runReviewBench } from './review.ts';
import { printStageCosts } from './screen-stages.ts';
import { runServerBench } from './server.ts';
import { runTextLinkageBench } from './text-linkage.ts';
import { runWebBundleBench } from './web-bundle.ts';

const smoke = process.argv.includes('--smoke');
const sizes = smoke ? [2_000, 10_000] : [20_000, 100_000];
const TARGET_PER_CORE = 20_000;

interface Figures {
  adverts: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number;
  liveHeapMB: number;
}

function screenInChild(file: string): Figures {
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', join(import.meta.dirname, 'screen-worker.ts'), file],
    {
      encoding: 'utf8',
    },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Figures;
}

const dir = await mkdtemp(join(tmpdir(), 'beacon-bench-corpus-'));
try {
  console.log(
    `Screening benchmark${smoke ? ' (smoke)' : ''}: parse + normalise + extract + score + write, one core`,
  );
  console.log('adverts     seconds   adverts/s/core   peak RSS MB   live heap MB');
  const rows: Figures[] = [];
  let firstCorpus = '';
  for (const n of sizes) {
    const corpus = await writeDemoCorpus({
      ...DEMO_DEFAULTS,
      adverts: n,
      seed: 7,
      outDir: join(dir, String(n)),
    });
    // Warm-up run on the first size, so the figure is steady state rather than JIT warm-up.
    if (rows.length === 0) {
      firstCorpus = corpus.adverts;
      screenInChild(corpus.adverts);
    }
    const f = screenInChild(corpus.adverts);
    rows.push(f);
    const perCore = f.adverts / f.cpuSeconds;
    console.log(
      `${String(f.adverts).padStart(7)} ${f.seconds.toFixed(2).padStart(11)} ${Math.round(perCore).toLocaleString('en-GB').padStart(16)} ${f.maxRssMB.toFixed(0).padStart(13)} ${f.liveHeapMB.toFixed(0).padStart(14)}`,
    );
  }
  const last = rows[rows.length - 1]!;
  const first = rows[0]!;
  const perCore = last.adverts / last.cpuSeconds;
  console.log(
    `\nthroughput: ${Math.round(perCore).toLocaleString('en-GB')} adverts/s per core (CPU time); target ${TARGET_PER_CORE.toLocaleString('en-GB')}; ratio ${(perCore / TARGET_PER_CORE).toFixed(2)}`,
  );
  const times = (last.adverts / first.adverts).toFixed(0);
  console.log(
    `memory: live heap ${first.liveHeapMB.toFixed(0)} MB at ${first.adverts.toLocaleString('en-GB')} adverts, ${last.liveHeapMB.toFixed(0)} MB at ${last.adverts.toLocaleString('en-GB')}; ratio ${(last.liveHeapMB / first.liveHeapMB).toFixed(2)} for ${times}x the adverts (flat ≈ 1)`,
  );
  console.log(
    `        peak RSS ${first.maxRssMB.toFixed(0)} MB and ${last.maxRssMB.toFixed(0)} MB; ratio ${(last.maxRssMB / first.maxRssMB).toFixed(2)} (V8 grows its heap lazily, so RSS rises before it levels off)`,
  );
  await printStageCosts(firstCorpus, smoke ? 2_000 : 10_000, smoke ? 2 : 5);
  await runPdqBench(smoke);
  await runTextLinkageBench(smoke);
  await runAnalyseBench(smoke);
  await runServerBench({ smoke });
  await runReviewBench({ smoke });
  await runWebBundleBench(smoke);
} finally {
  await rm(dir, { recursive: true, force: true });
}
