import type { Advert } from '../../src/core/advert/advert-schema.ts';
import { parseAdvertRecord } from '../../src/core/advert/parse-advert.ts';
import { generateCorpus } from '../../src/core/demo/generate-corpus.ts';

/** `count` validated demo adverts from seed `seed`, posted over `days` days, for tests. */
export function demoAdverts(count: number, seed: number, days: number): Advert[] {
  return [
    ...generateCorpus({ adverts: count, seed, start: '2026-01-01T00:00:00Z', days, site: 'demo' }),
  ].map(({ advert }) => {
    const parsed = parseAdvertRecord(advert as unknown as Record<string, unknown>);
    if (!parsed.ok) throw new Error(`invalid demo advert: ${JSON.stringify(parsed.errors)}`);
    return parsed.advert;
  });
}
