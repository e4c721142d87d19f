import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractAges, extractAgesAlways } from './ages.ts';
import { extractEmails, extractEmailsAlways } from './emails.ts';
import { extractText } from './extract-text.ts';
import { fold, foldAlways } from './fold.ts';
import { extractHandles, extractHandlesAlways } from './handles.ts';
import { detectLanguage, detectLanguageAlways } from './language.ts';
import { extractPhones, extractPhonesAlways } from './phones.ts';
import { extractPrices, extractPricesAlways } from './prices.ts';
import { extractTowns, extractTownsAlways } from './towns.ts';

/*
 * Every extractor has a fast path (the shared scan in scan.ts says where to look, and cheap
 * character checks say when a pattern can match) and a slow path that searches the whole text.
 * They must agree on every input: these properties feed both the pieces each extractor cares
 * about, glued in random orders, and arbitrary strings.
 */

const COMMON = [
  ' ',
  '  ',
  '\n',
  '.',
  ',',
  '-',
  '\u2013',
  '/',
  '(',
  ')',
  ':',
  '!',
  '\u00a0',
  '\u2003',
  'é',
  'x',
  'A',
  '_',
  '\t',
  '\u200b',
  '\u2019',
  "'",
  '😘',
];

function texts(pieces: readonly string[]): fc.Arbitrary<string> {
  const glued = fc
    .array(fc.tuple(fc.constantFrom(...pieces, ...COMMON), fc.boolean()), { maxLength: 14 })
    .map((parts) => parts.map(([p, space]) => (space ? `${p} ` : p)).join(''));
  return fc.oneof(
    { weight: 6, arbitrary: glued },
    { weight: 1, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  );
}

function agree<T>(pieces: readonly string[], fast: (s: string) => T, slow: (s: string) => T) {
  fc.assert(
    fc.property(texts(pieces), (s) => {
      expect(fast(s)).toEqual(slow(s));
    }),
    { numRuns: 3000 },
  );
}

describe('fast paths agree with the full search', () => {
  it('phones', () => {
    agree(
      [
        '0',
        '7',
        '07700',
        '900',
        '123',
        '900123',
        '+44',
        '+ 44',
        '0044',
        '(0)',
        '020',
        '7946',
        '0113',
        '1',
        '5',
        '9',
        'O',
        'o',
        'l',
        'I',
        'oh',
        'seven',
        'double',
        'nine',
        '０',
        '7️⃣',
        '🔟',
        '*',
        '|',
        '~',
        '•',
        '+33',
        '+1',
        'and I love',
      ],
      extractPhones,
      extractPhonesAlways,
    );
  });

  it('fold, with digit words next to ordinary words', () => {
    agree(
      ['I', 'l', 'love', 'lol', 'one', 'oh', 'seven', 'double', '7', '07700', 'O', '٣', '①', 'Ӏ'],
      (s) => fold(s).text,
      (s) => foldAlways(s).text,
    );
  });

  it('emails', () => {
    agree(
      [
        '@',
        '＠',
        'at',
        'AT',
        '[at]',
        '(at)',
        'dot',
        '[dot]',
        '.',
        'anna',
        'anna.smith',
        'x1',
        'gmail',
        'example',
        'com',
        'co.uk',
        'look',
        'the',
        '7',
        '_at_',
        'éat',
      ],
      extractEmails,
      extractEmailsAlways,
    );
  });

  it('handles', () => {
    agree(
      [
        'ig',
        'IG',
        'insta',
        'instagram',
        'snap',
        'sc',
        'tg',
        'telegram',
        'kik',
        'onlyfans',
        '👻',
        ':',
        ' - ',
        ' is ',
        '@',
        '@anna',
        'anna_xo',
        'anna.xo',
        '2',
        'instagram.com/',
        't.me/',
        'wa.me/',
        'big',
        'ig2',
        'éig',
      ],
      extractHandles,
      extractHandlesAlways,
    );
  });

  it('ages', () => {
    agree(
      [
        "I'm",
        'I’m',
        'i am',
        'only',
        'age',
        'Age:',
        'age is',
        'aged',
        'just turned',
        'a',
        'currently',
        '16',
        '18',
        '21',
        '25',
        '80',
        '81',
        '100',
        'years old',
        '-year-old',
        'yo',
        'y.o.',
        'y/o',
        'twenty',
        'twenty-one',
        'twentyone',
        'forty',
        'for',
        'sixteen',
        'seventeen',
        'ft',
        'kg',
        'pm',
        'to',
        'or',
        '%',
        '5',
      ],
      extractAges,
      extractAgesAlways,
    );
  });

  it('prices', () => {
    agree(
      [
        '£',
        '€',
        '$',
        'GBP',
        'eur',
        'usd',
        'quid',
        'pounds',
        'roses',
        '20',
        '30',
        '45',
        '100',
        '150',
        '1,000',
        '1.5',
        '80.50',
        '07700 900',
        '24/7',
        '100%',
        '1/2',
        '½',
        'half',
        'half an hour',
        'hh',
        'hour',
        'hours',
        'hourly',
        'hr',
        'hrs',
        'mins',
        'm',
        'overnight',
        'all night',
        'all',
        'one',
        'two',
        'an',
        'per',
        'p',
        'ph',
        '/hr',
        'for',
        'each',
        '=',
        '6pm',
        '×',
      ],
      extractPrices,
      extractPricesAlways,
    );
  });

  it('towns', () => {
    agree(
      [
        'London',
        'london',
        'Bath',
        'Reading',
        'in',
        'near',
        'centre',
        'Street',
        'New',
        'new',
        'York',
        'Brighton',
        '&',
        'Hove',
        'Newcastle',
        'upon',
        'Tyne',
        'St',
        'St.',
        'Saint',
        'Albans',
        "King's",
        'Lynn',
        'Chelsea',
        'area',
        'Great',
        'Yarmouth',
        'Ynys',
        'Môn',
        'Ely',
        'welcome',
        'the',
        "I'm",
      ],
      extractTowns,
      extractTownsAlways,
    );
  });

  it('language', () => {
    agree(
      [
        'the',
        'and',
        'you',
        'girl',
        "i'm",
        'I’m',
        'hello',
        'sexy',
        'jestem',
        'sunt',
        'de',
        'la',
        'și',
        'fată',
        'Kelvin \u212a',
        'İ',
        'Привет',
        '中文',
        'massage',
        'London',
        'Middlesbrough',
      ],
      detectLanguage,
      detectLanguageAlways,
    );
  });
});

describe('extractText skips only extractors that cannot find anything', () => {
  it('equals every extractor run on its own', () => {
    fc.assert(
      fc.property(
        texts(['I', 'at', 'ig', '7', '21', 'twenty', 'one', '@', '/', 'London', '£', 'hour']),
        (s) => {
          expect(extractText(s)).toEqual({
            phones: extractPhonesAlways(s),
            emails: extractEmailsAlways(s),
            handles: extractHandlesAlways(s),
            ages: extractAgesAlways(s),
            prices: extractPricesAlways(s),
            towns: extractTownsAlways(s),
          });
        },
      ),
      { numRuns: 3000 },
    );
  });
});
