import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectValidSpans } from '../../../test/support/span-assertions.ts';
import { extractPrices } from './prices.ts';
import type { PriceHit } from './types.ts';

type Row = [amount: number, currency: PriceHit['currency'], minutes: number | null, raw: string];

function rows(text: string): Row[] {
  const hits = extractPrices(text);
  expectValidSpans(text, hits);
  return hits.map((h) => [h.amount, h.currency, h.minutes, h.raw]);
}

describe('extractPrices', () => {
  it.each<[string, Row[]]>([
    ['£150', [[150, 'GBP', null, '£150']]],
    ['150£', [[150, 'GBP', null, '150£']]],
    ['£ 150', [[150, 'GBP', null, '£ 150']]],
    ['£150/hr', [[150, 'GBP', 60, '£150/hr']]],
    ['£150ph', [[150, 'GBP', 60, '£150ph']]],
    ['£150 per hour', [[150, 'GBP', 60, '£150 per hour']]],
    ['150 per hour', [[150, 'unknown', 60, '150 per hour']]],
    ['£80 30 mins', [[80, 'GBP', 30, '£80 30 mins']]],
    ['£80 (30min)', [[80, 'GBP', 30, '£80 (30min']]],
    ['£100 for 30 mins', [[100, 'GBP', 30, '£100 for 30 mins']]],
    ['half hour £80', [[80, 'GBP', 30, 'half hour £80']]],
    ['half an hour - £80', [[80, 'GBP', 30, 'half an hour - £80']]],
    ['1/2 hr 70', [[70, 'unknown', 30, '1/2 hr 70']]],
    ['½ hour £70', [[70, 'GBP', 30, '½ hour £70']]],
    ['HH 80', [[80, 'unknown', 30, 'HH 80']]],
    ['1hr 150', [[150, 'unknown', 60, '1hr 150']]],
    ['1 hour: £150', [[150, 'GBP', 60, '1 hour: £150']]],
    ['an hour £150', [[150, 'GBP', 60, 'an hour £150']]],
    ['2 hrs £250', [[250, 'GBP', 120, '2 hrs £250']]],
    ['1.5 hours £200', [[200, 'GBP', 90, '1.5 hours £200']]],
    ['45min 90', [[90, 'unknown', 45, '45min 90']]],
    ['30m £60', [[60, 'GBP', 30, '30m £60']]],
    ['overnight £800', [[800, 'GBP', 720, 'overnight £800']]],
    ['£1,000 overnight', [[1000, 'GBP', 720, '£1,000 overnight']]],
    ['150 roses', [[150, 'GBP', null, '150 roses']]],
    ['150 roses per hour', [[150, 'GBP', 60, '150 roses per hour']]],
    ['€100', [[100, 'EUR', null, '€100']]],
    ['100 euros', [[100, 'EUR', null, '100 euros']]],
    ['$200', [[200, 'USD', null, '$200']]],
    ['100 gbp', [[100, 'GBP', null, '100 gbp']]],
    ['GBP 120', [[120, 'GBP', null, 'GBP 120']]],
    ['100 quid', [[100, 'GBP', null, '100 quid']]],
    ['200 pounds', [[200, 'GBP', null, '200 pounds']]],
    ['£99.99', [[99.99, 'GBP', null, '£99.99']]],
  ])('%j', (text, expected) => {
    expect(rows(text)).toEqual(expected);
  });

  it('pairs each amount with its own duration in a price list', () => {
    expect(rows('30 mins 80, 1 hour 150, overnight 900')).toEqual([
      [80, 'unknown', 30, '30 mins 80'],
      [150, 'unknown', 60, '1 hour 150'],
      [900, 'unknown', 720, 'overnight 900'],
    ]);
    expect(rows('£80 30 mins £150 1 hour')).toEqual([
      [80, 'GBP', 30, '£80 30 mins'],
      [150, 'GBP', 60, '£150 1 hour'],
    ]);
    expect(rows('Rates:\n15 min - £50\n30 min - £80\n1 hour - £140')).toEqual([
      [50, 'GBP', 15, '15 min - £50'],
      [80, 'GBP', 30, '30 min - £80'],
      [140, 'GBP', 60, '1 hour - £140'],
    ]);
  });

  it.each([
    'available 24/7',
    'open 24 hours',
    'call 07700 900123',
    'call 07700 900 150 per hour',
    '+44 7700 900123',
    "I'm 21 years old",
    '21yo, 34DD, 5ft 6',
    '100% real photos',
    '10pm-2am',
    'Open 10am till late',
    'room 150',
    'no rush, 1 hour minimum',
    '£0',
  ])('%j → none', (text) => {
    expect(extractPrices(text)).toEqual([]);
  });

  it('does not read "24 hours" as the duration of a price', () => {
    expect(rows('available 24 hours £150')).toEqual([[150, 'GBP', null, '£150']]);
  });

  describe('properties', () => {
    const durations: [string, number][] = [
      ['30 mins', 30],
      ['half hour', 30],
      ['1 hour', 60],
      ['1hr', 60],
      ['2 hrs', 120],
      ['overnight', 720],
      ['45 min', 45],
    ];

    it('reads any £ amount next to any duration, in either order', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 20, max: 3000 }),
          fc.constantFrom(...durations),
          fc.boolean(),
          (amount, [duration, minutes], amountFirst) => {
            const price = amountFirst ? `£${amount} ${duration}` : `${duration} £${amount}`;
            const text = `Hi guys. Prices: ${price}. Call me`;
            const hits = extractPrices(text);
            expect(hits.map((h) => [h.amount, h.currency, h.minutes, h.raw])).toEqual([
              [amount, 'GBP', minutes, price],
            ]);
          },
        ),
      );
    });

    it('never reads a UK mobile number as a price', () => {
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
          fc.constantFrom('', ' ', '-'),
          (digits, sep) => {
            const d = digits.join('');
            const phone = `07${d.slice(0, 3)}${sep}${d.slice(3)}`;
            expect(extractPrices(`Call ${phone} per hour`)).toEqual([]);
          },
        ),
      );
    });

    it('never throws, keeps spans inside the text and amounts positive', () => {
      const anyText = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          maxLength: 200,
        }),
        fc
          .array(
            fc.oneof(
              fc.integer({ min: 0, max: 100000 }).map(String),
              fc.constantFrom('£', '€', '$', 'gbp', 'roses', 'per', 'hour', 'hr', 'h', 'min'),
              fc.constantFrom('half', 'overnight', '1/2', '½', '/', ',', '\n', '.', '-', '24/7'),
            ),
            { maxLength: 20 },
          )
          .map((parts) => parts.join(' ')),
      );
      fc.assert(
        fc.property(anyText, (text) => {
          const hits = extractPrices(text);
          expectValidSpans(text, hits);
          for (const h of hits) {
            expect(h.amount).toBeGreaterThan(0);
            if (h.minutes !== null) {
              expect(h.minutes).toBeGreaterThan(0);
              expect(h.minutes).toBeLessThanOrEqual(720);
            }
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
