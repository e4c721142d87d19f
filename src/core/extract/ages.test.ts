import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectValidSpans } from '../../../test/support/span-assertions.ts';
import { extractAges } from './ages.ts';

describe('extractAges', () => {
  it.each([
    ["I'm 21", 21, "I'm 21"],
    ['I’m 21, blonde', 21, 'I’m 21'],
    ['Im 19 and new', 19, 'Im 19'],
    ['hi im 22.', 22, 'im 22'],
    ['I am 21 years old', 21, 'I am 21 years old'],
    ['I am only 18', 18, 'I am only 18'],
    ["I'm a 23 year old student", 23, "I'm a 23 year old"],
    ['21yo', 21, '21yo'],
    ['Sexy 21 yo blonde', 21, '21 yo'],
    ['21 y.o. blonde', 21, '21 y.o.'],
    ['21 y/o', 21, '21 y/o'],
    ['age 21', 21, 'age 21'],
    ['Age: 21', 21, 'Age: 21'],
    ['AGE - 25', 25, 'AGE - 25'],
    ['aged 21', 21, 'aged 21'],
    ['21 years young', 21, '21 years young'],
    ['21-year-old', 21, '21-year-old'],
    ['25 years of age', 25, '25 years of age'],
    ['just turned 18', 18, 'just turned 18'],
    ['turned 19 last week', 19, 'turned 19'],
    ['twenty one years old', 21, 'twenty one years old'],
    ['twenty-two year old', 22, 'twenty-two year old'],
    ['I am nineteen', 19, 'I am nineteen'],
    ['aged eighteen', 18, 'aged eighteen'],
    ["I'm 16", 16, "I'm 16"],
    ['17 years old', 17, '17 years old'],
    ['mature lady 55 years young', 55, '55 years young'],
    ["5'6, 21 years old, size 8", 21, '21 years old'],
    ['34DD, 21yo, 5ft 6', 21, '21yo'],
  ])('%j → %i (%j)', (text, age, raw) => {
    const hits = extractAges(text);
    expect(hits.map((h) => [h.age, h.raw])).toEqual([[age, raw]]);
    expectValidSpans(text, hits);
  });

  it.each([
    "I'm 5ft 6",
    "I'm 5'6",
    "I'm 34DD",
    '34DD 5ft 6',
    'size 10, 36C',
    'available 24/7',
    "I'm 24/7",
    'open 24 hours',
    '100% real',
    "I'm 100% genuine",
    'call 07700 900123',
    '07700 900 123 21 years old',
    '£150 per hour, £80 30 mins',
    "I'm 30 mins from Leeds",
    "I'm 10 minutes away",
    "I'm 20 miles from town",
    'clients aged 18-25 only',
    '18-25 years old',
    'aged 18 to 30',
    'I am 18+ only',
    'over 18s only',
    'married 10 years',
    '10 years experience',
    'aged 10',
    'I am 81',
    "I'm 8 stone",
    'Open 10am till 11pm',
    'on 21/05/2024 at 21:30',
    'room 21',
    'I am 21st in line',
  ])('%j → none', (text) => {
    expect(extractAges(text)).toEqual([]);
  });

  it('finds several stated ages in one text', () => {
    const text = 'Duo: Anna is 21yo and Maria, aged 24. Age: 19 for the third.';
    expect(extractAges(text).map((h) => h.age)).toEqual([21, 24, 19]);
  });

  it('returns a single hit when two patterns describe one number', () => {
    const hits = extractAges("Hi, I'm 21 years old");
    expect(hits).toEqual([{ age: 21, span: [4, 20], raw: "I'm 21 years old" }]);
  });

  describe('properties', () => {
    it('reads every age from 16 to 80 in the common forms, and none outside', () => {
      fc.assert(
        fc.property(
          fc.integer({ min: 0, max: 120 }),
          fc.constantFrom(
            (n: number) => `I'm ${n}`,
            (n: number) => `I am ${n} years old`,
            (n: number) => `${n}yo`,
            (n: number) => `Age: ${n}`,
            (n: number) => `aged ${n}`,
          ),
          (n, form) => {
            const text = `Hi there. ${form(n)}, friendly and discreet.`;
            const ages = extractAges(text).map((h) => h.age);
            expect(ages).toEqual(n >= 16 && n <= 80 ? [n] : []);
          },
        ),
      );
    });

    it('never throws, keeps spans inside the text and ages in 16–80', () => {
      const anyText = fc.oneof(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.string({
          unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
          maxLength: 200,
        }),
        fc
          .array(
            fc.oneof(
              fc.integer({ min: 0, max: 200 }).map(String),
              fc.constantFrom("I'm", 'I am', 'age', 'aged', 'years', 'old', 'yo', 'y.o.', '£'),
              fc.constantFrom('twenty', 'one', 'eighteen', 'turned', 'just', '-', '/', ':', '%'),
            ),
            { maxLength: 20 },
          )
          .map((parts) => parts.join(' ')),
      );
      fc.assert(
        fc.property(anyText, (text) => {
          const hits = extractAges(text);
          expectValidSpans(text, hits);
          for (const h of hits) {
            expect(h.age).toBeGreaterThanOrEqual(16);
            expect(h.age).toBeLessThanOrEqual(80);
          }
        }),
        { numRuns: 500 },
      );
    });
  });
});
