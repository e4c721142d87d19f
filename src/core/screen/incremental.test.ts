import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseAdvertRecord } from '../advert/parse-advert.ts';
import { catalogueSchema } from '../catalogue/catalogue-schema.ts';
import { compileCatalogue } from '../catalogue/compile-catalogue.ts';
import { generateCorpus } from '../demo/generate-corpus.ts';
import { LinkageIndex } from '../linkage/linkage-index.ts';
import { IncrementalScreener } from './incremental.ts';

const catalogue = compileCatalogue(
  catalogueSchema.parse(
    parse(readFileSync(join(import.meta.dirname, '../../../catalogue/indicators.yaml'), 'utf8')),
  ),
);

describe('IncrementalScreener', () => {
  it('scores each advert with its network as it stands when it is added', () => {
    const adverts = [
      ...generateCorpus({
        adverts: 1200,
        seed: 5,
        start: '2026-01-01T00:00:00Z',
        days: 15,
        site: 'demo',
      }),
    ].map(({ advert }) => {
      const p = parseAdvertRecord(advert as unknown as Record<string, unknown>);
      if (!p.ok) throw new Error('invalid demo advert');
      return p.advert;
    });
    const screener = new IncrementalScreener(
      catalogue,
      new LinkageIndex({ text: { sketchBits: 16 } }),
    );
    let withNetworkReasons = 0;
    for (const advert of adverts) {
      const out = screener.add(advert);
      expect(out.result.id).toBe(advert.id);
      if (out.network) {
        expect(out.result.networkId).toBe(out.network.id);
        expect(screener.networkRecord(screener.index.count - 1)?.adverts).toContain(advert.id);
        if (out.result.reasons.some((r) => r.family === 'network')) withNetworkReasons++;
      } else {
        expect(out.result.networkId).toBeNull();
      }
      for (const l of out.links) expect(l.b).toBe(advert.id);
    }
    expect(withNetworkReasons).toBeGreaterThan(0);
  });
});
