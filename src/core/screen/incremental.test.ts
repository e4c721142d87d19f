import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { demoAdverts } from '../../../test/support/demo-adverts.ts';
import { catalogueSchema } from '../catalogue/catalogue-schema.ts';
import { compileCatalogue } from '../catalogue/compile-catalogue.ts';
import { LinkageIndex } from '../linkage/linkage-index.ts';
import { IncrementalScreener } from './incremental.ts';

const catalogue = compileCatalogue(
  catalogueSchema.parse(
    parse(readFileSync(join(import.meta.dirname, '../../../catalogue/indicators.yaml'), 'utf8')),
  ),
);

describe('IncrementalScreener', () => {
  it('scores each advert with its network as it stands when it is added', () => {
    const adverts = demoAdverts(1200, 5, 15);
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
