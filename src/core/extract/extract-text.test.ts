import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractText } from './extract-text.ts';
import type { TextExtraction } from './types.ts';

function allSpans(x: TextExtraction): { span: readonly [number, number]; raw: string }[] {
  return [...x.phones, ...x.emails, ...x.handles, ...x.ages, ...x.prices, ...x.towns];
}

describe('extractText', () => {
  it('combines every extractor over one advert', () => {
    const text =
      "Hi, I'm Anna, 23 years old, new in Manchester city centre. £150/hr, half hour £80. " +
      'Call 07700 900123 or email anna@example.com';
    const x = extractText(text);
    expect(x.ages.map((h) => h.age)).toEqual([23]);
    expect(x.prices.map((h) => [h.amount, h.minutes])).toEqual([
      [150, 60],
      [80, 30],
    ]);
    expect(x.towns.map((h) => h.town)).toEqual(['Manchester']);
    expect(x.phones.map((h) => h.e164)).toEqual(['+447700900123']);
    expect(x.emails.map((h) => h.email)).toEqual(['anna@example.com']);
    for (const h of allSpans(x)) expect(h.raw).toBe(text.slice(h.span[0], h.span[1]));
  });

  it('returns empty lists for empty text', () => {
    expect(extractText('')).toEqual({
      phones: [],
      emails: [],
      handles: [],
      ages: [],
      prices: [],
      towns: [],
    });
  });

  it('never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        for (const h of allSpans(extractText(text))) {
          expect(h.span[0]).toBeGreaterThanOrEqual(0);
          expect(h.span[1]).toBeLessThanOrEqual(text.length);
          expect(h.raw).toBe(text.slice(h.span[0], h.span[1]));
        }
      }),
      { numRuns: 200 },
    );
  });
});
