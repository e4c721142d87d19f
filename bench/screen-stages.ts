// Per-stage cost of screening, in microseconds per advert, measured in one process over a corpus
// already in memory: where the time goes, so tuning aims at the right stage.
import { readFileSync } from 'node:fs';
import { parseAdvertJsonLine } from '../src/core/advert/parse-advert.ts';
import type { Advert } from '../src/core/advert/advert-schema.ts';
import { extractText } from '../src/core/extract/extract-text.ts';
import { detectLanguage } from '../src/core/extract/language.ts';
import { advertFeatures } from '../src/core/model/features.ts';
import { screenAdvert } from '../src/core/screen/screen-advert.ts';
import { loadCompiledCatalogue } from '../src/services/screen-file.ts';

/** Median of `rounds` timings of `fn` over `n` items, in µs per item. */
function perItem(n: number, rounds: number, fn: () => void): number {
  fn();
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t = performance.now();
    fn();
    times.push(((performance.now() - t) * 1000) / n);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Prints the per-stage table for the first `limit` lines of a corpus file. */
export async function printStageCosts(file: string, limit: number, rounds = 5): Promise<void> {
  const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean).slice(0, limit);
  const adverts: Advert[] = [];
  for (const l of lines) {
    const p = parseAdvertJsonLine(l);
    if (p.ok) adverts.push(p.advert);
  }
  const { compiled } = await loadCompiledCatalogue();
  const features = adverts.map((a) => advertFeatures(a));
  const n = adverts.length;
  const rows: Array<[string, number]> = [
    ['JSON.parse', perItem(n, rounds, () => lines.forEach((l) => JSON.parse(l)))],
    [
      'parse + validate (zod)',
      perItem(n, rounds, () => lines.forEach((l) => parseAdvertJsonLine(l))),
    ],
    [
      'extract title + text',
      perItem(n, rounds, () =>
        adverts.forEach((a) => (extractText(a.title ?? ''), extractText(a.text ?? ''))),
      ),
    ],
    [
      'detect language',
      perItem(n, rounds, () => adverts.forEach((a) => detectLanguage(a.text ?? ''))),
    ],
    [
      'features (extract + language + contacts)',
      perItem(n, rounds, () => adverts.forEach((a) => advertFeatures(a))),
    ],
    [
      'indicators + score',
      perItem(n, rounds, () => features.forEach((f) => screenAdvert(f, compiled))),
    ],
    [
      'result JSON.stringify',
      perItem(n, rounds, () => features.forEach((f) => JSON.stringify(screenAdvert(f, compiled)))),
    ],
  ];
  console.log(
    `\nStage costs over ${n.toLocaleString('en-GB')} adverts (median of ${rounds} rounds, µs/advert; stages nest)`,
  );
  for (const [name, us] of rows) console.log(`  ${name.padEnd(44)} ${us.toFixed(1).padStart(7)}`);
}
