// Text-template linkage benchmark: TextLinker.add over demo adverts (smoke: 5,000; full: 200,000),
// with the advert's name and town as slots. Prints adverts/s, peak live heap and links found.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateCorpus } from '../src/core/demo/generate-corpus.ts';
import { TextLinker } from '../src/core/linkage/text-template.ts';
import type { TextSlots } from '../src/core/linkage/text-template.ts';

/** Target from the brief: 1,000,000 adverts in about a minute of CPU. */
const TARGET_PER_SECOND = 20_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);

/** A forced full collection, so heap figures are live data rather than garbage. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function liveBytes(gc: () => void): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Prints text-linkage throughput, peak live memory and link counts; `smoke` uses 5,000 adverts. */
export async function runTextLinkageBench(smoke: boolean): Promise<void> {
  const adverts = smoke ? 5_000 : 200_000;
  const gc = collector();
  const items: { id: string; text: string; slots: TextSlots }[] = [];
  for (const { advert } of generateCorpus({
    adverts,
    seed: 7,
    start: '2026-01-01T00:00:00Z',
    days: 60,
    site: 'demo',
  })) {
    items.push({
      id: advert.id,
      text: advert.text ?? '',
      slots: { names: advert.name ? [advert.name] : [], towns: advert.town ? [advert.town] : [] },
    });
  }
  let textChars = 0;
  for (const item of items) textChars += item.text.length;
  console.log(
    `\nText-template linkage${smoke ? ' (smoke)' : ''}: ${fmt(adverts)} demo adverts, ` +
      `${Math.round(textChars / adverts)} chars on average, one core`,
  );

  // Warm-up on a slice, so the figure is steady state rather than JIT warm-up.
  const warm = new TextLinker();
  for (const item of items.slice(0, 2_000)) warm.add(item.id, item.text, item.slots);

  const baseline = liveBytes(gc);
  let peak = 0;
  const linker = new TextLinker();
  let links = 0;
  const checkEvery = Math.max(1, Math.floor(adverts / 10));
  let busy = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const t = performance.now();
    links += linker.add(item.id, item.text, item.slots).length;
    busy += performance.now() - t;
    if ((i + 1) % checkEvery === 0) peak = Math.max(peak, liveBytes(gc) - baseline);
  }
  peak = Math.max(peak, liveBytes(gc) - baseline);
  const perSecond = adverts / (busy / 1000);
  const s = linker.stats;
  console.log(
    `  add: ${fmt(perSecond)} adverts/s (${((busy * 1000) / adverts).toFixed(1)} µs each); ` +
      `target ${fmt(TARGET_PER_SECOND)}/s, ratio ${(perSecond / TARGET_PER_SECOND).toFixed(2)}`,
  );
  console.log(`  peak live memory held by the linker: ${mb(peak)} MB`);
  console.log(
    `  links: ${fmt(links)}; exact reposts ${fmt(s.exactRepeats)}, short ${fmt(s.short)}, ` +
      `all-boilerplate ${fmt(s.allBoilerplate)}, candidates verified ${fmt(s.candidatesVerified)}, ` +
      `retired buckets ${fmt(s.saturatedBuckets)}`,
  );
}
