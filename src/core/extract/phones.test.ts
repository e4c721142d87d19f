import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractPhones, normalisePhone } from './phones.ts';
import type { PhoneHit } from './types.ts';

function only(text: string): PhoneHit {
  const hits = extractPhones(text);
  expect(hits).toHaveLength(1);
  const hit = hits[0] as PhoneHit;
  expect(hit.raw).toBe(text.slice(hit.span[0], hit.span[1]));
  return hit;
}

describe('extractPhones: ordinary formatting is not obfuscation', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['07700 900 123', '+447700900123'],
    ['0770 090 0123', '+447700900123'],
    ['07700.900.123', '+447700900123'],
    ['+44 7700 900123', '+447700900123'],
    ['+447700900123', '+447700900123'],
    ['+44 (0) 7700 900123', '+447700900123'],
    ['+44(0)7700 900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['(0113) 496 0123', '+441134960123'],
    ['0113 496 0123', '+441134960123'],
    ['020 7946 0123', '+442079460123'],
    ['0121-496-0123', '+441214960123'],
    ['07911 123456', '+447911123456'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['+1 202 555 0123', '+12025550123'],
    ['+48 512 345 678', '+48512345678'],
    ['+40 712 345 678', '+40712345678'],
    ['0040 712 345 678', '+40712345678'],
  ])('%s', (written, e164) => {
    const text = `Call me on ${written} anytime x`;
    const hit = only(text);
    expect(hit.e164).toBe(e164);
    expect(hit.raw).toBe(written);
    expect(hit.obfuscated).toBe(false);
    expect(hit.techniques).toEqual([]);
  });

  it('finds a number glued to words and punctuation', () => {
    expect(only('Tel:07700900123.').e164).toBe('+447700900123');
    expect(only('text07700900123now').e164).toBe('+447700900123');
  });
});

describe('extractPhones: obfuscation is recovered and reported', () => {
  it.each([
    ['O77OO 9OO l23', ['letter-for-digit']],
    ['o77oo 9oo I23', ['letter-for-digit']],
    ['zero seven seven zero zero nine zero zero one two three', ['digit-words']],
    ['oh seven seven double oh nine double oh one two three', ['digit-words']],
    ['O7 seven OO 9OO l23', ['digit-words', 'letter-for-digit']],
    ['０７７００ ９００１２３', ['unicode-digits']],
    ['٠٧٧٠٠ ٩٠٠١٢٣', ['unicode-digits']],
    ['𝟎𝟕𝟕𝟎𝟎 𝟗𝟎𝟎𝟏𝟐𝟑', ['unicode-digits']],
    ['⓪⑦⑦⓪⓪ ⑨⓪⓪①②③', ['unicode-digits']],
    ['0️⃣7️⃣7️⃣0️⃣0️⃣9️⃣0️⃣0️⃣1️⃣2️⃣3️⃣', ['emoji-keycaps']],
    ['07\u200B700 900\u200D123', ['zero-width']],
    ['0\u00AD7700900123', ['zero-width']],
    ['0 7 7 0 0 9 0 0 1 2 3', ['spacing']],
    ['077 00 9 00 1 23', ['spacing']],
    ['07700   900123', ['spacing']],
    ['077.00/900.123', ['separators']],
    ['07700 -- 900 -- 123', ['separators']],
    ['07700_900_123', ['separators']],
    ['077*00*900*123', ['separators']],
    ['07700－900123', ['separators']],
    ['0 7 7 0 0 - 9 0 0 - 1 2 3', ['spacing']],
    ['O 7 7 O O 9 O O 1 2 3', ['letter-for-digit', 'spacing']],
    ['0️⃣ 7️⃣ 7️⃣ 0️⃣ 0️⃣ 9️⃣ 0️⃣ 0️⃣ 1️⃣ 2️⃣ 3️⃣', ['emoji-keycaps', 'spacing']],
    ['zero, seven, seven, zero, zero, nine, zero, zero, one, two, three', ['digit-words']],
    ['ZERO-SEVEN-SEVEN-ZERO-ZERO-NINE-ZERO-ZERO-ONE-TWO-THREE', ['digit-words']],
    ['07700 nine zero zero one two three', ['digit-words']],
    ['07700 nine, double oh, one, two, three', ['digit-words']],
    ['o seven seven o o nine o o one two three', ['digit-words']],
    ['0770/0900/123', ['separators']],
    ['077 0090 0123', ['spacing']],
    ['07 700 900 123', ['spacing']],
  ])('%s', (written, techniques) => {
    const text = `new girl!! call ${written} xx`;
    const hit = only(text);
    expect(hit.e164).toBe('+447700900123');
    expect(hit.raw).toBe(written);
    expect(hit.obfuscated).toBe(true);
    expect(hit.techniques).toEqual(techniques);
  });

  it('an obscured landline with letters only in one group', () => {
    const hit = only('Cardiff: O29 2Ol8 OOOl');
    expect(hit.e164).toBe('+442920180001');
    expect(hit.techniques).toEqual(['letter-for-digit']);
  });

  it('usual three-group shapes are ordinary formatting', () => {
    for (const written of ['0770 090 0123', '0800 123 456', '020 7946 0123', '+44 20 7946 0123']) {
      expect(only(`call ${written}`).obfuscated).toBe(false);
    }
  });

  it('an obscured international number', () => {
    const hit = only('WhatsApp +４４ ７７００ ９００１２３');
    expect(hit.e164).toBe('+447700900123');
    expect(hit.raw).toBe('+４４ ７７００ ９００１２３');
    expect(hit.techniques).toEqual(['unicode-digits']);
  });
});

describe('extractPhones: several numbers and their spans', () => {
  it('finds every number with exact spans', () => {
    const text =
      'Anna 07700 900123, Bella O77OO 9OO 456 or landline (0113) 496 0789; abroad +33 6 12 34 56 78.';
    const hits = extractPhones(text);
    expect(hits.map((h) => h.e164)).toEqual([
      '+447700900123',
      '+447700900456',
      '+441134960789',
      '+33612345678',
    ]);
    expect(hits.map((h) => h.raw)).toEqual([
      '07700 900123',
      'O77OO 9OO 456',
      '(0113) 496 0789',
      '+33 6 12 34 56 78',
    ]);
    expect(hits.map((h) => h.obfuscated)).toEqual([false, true, false, false]);
    for (const h of hits) expect(text.slice(h.span[0], h.span[1])).toBe(h.raw);
  });

  it('splits numbers that share one run of separators', () => {
    const hits = extractPhones('07700900123 / 07700900456');
    expect(hits.map((h) => h.raw)).toEqual(['07700900123', '07700900456']);
    const listed = extractPhones('07700 900123\n07700 900456');
    expect(listed.map((h) => h.e164)).toEqual(['+447700900123', '+447700900456']);
  });

  it('reports a repeated number at each place', () => {
    const hits = extractPhones('07700 900123 ... 07700 900123');
    expect(hits.map((h) => h.span)).toEqual([
      [0, 12],
      [17, 29],
    ]);
  });

  it('does not swallow a neighbouring digit word or stray digit', () => {
    expect(only('07700 900123 oh and hi').raw).toBe('07700 900123');
    expect(only('age 25 07700 900123').raw).toBe('07700 900123');
  });
});

describe('extractPhones: drama ranges are accepted', () => {
  it.each([
    '07700 900000',
    '07700 900999',
    '0113 496 0000',
    '0113 496 0999',
    '0114 496 0123',
    '0115 496 0123',
    '0116 496 0123',
    '0117 496 0123',
    '0118 496 0123',
    '0121 496 0123',
    '0131 496 0123',
    '0141 496 0123',
    '0151 496 0123',
    '0161 496 0123',
    '0191 498 0123',
    '020 7946 0000',
    '020 7946 0999',
    '028 9649 6123',
    '029 2018 0123',
    '01632 960123',
    '0808 157 0123',
    '0909 879 0123',
    '0306 999 0123',
  ])('%s', (written) => {
    const hit = only(`ring ${written}`);
    expect(hit.e164).toBe(`+44${written.replace(/\D/g, '').slice(1)}`);
  });
});

describe('extractPhones: not phone numbers', () => {
  it.each([
    '£150 per hour, £250 for two hours',
    'Open 10:00-22:00, 7 days',
    'Available 10am-10pm',
    'I am 24 years old, 5\'6", size 8, 34-24-36',
    'Posted 12/03/2024, updated 01/04/2024',
    '12/03/2024 - 01/04/2024',
    'Near LS1 4AP and M1 1AE',
    'Ref 98207700900123456',
    'Order 4929123456789012',
    'PIN 1234, code 123456',
    '1 hour 150 roses, 2 hours 250 roses',
    'Years 2023 2024 2025',
    '1234 567890',
    '100% genuine, 24/7, 69',
    'one two three four five six',
    '',
  ])('%j', (text) => {
    expect(extractPhones(text)).toEqual([]);
  });
});

describe('normalisePhone', () => {
  it.each([
    ['07700 900123', '+447700900123'],
    ['07700-900-123', '+447700900123'],
    ['+44 (0) 7700 900123', '+447700900123'],
    ['+447700900123', '+447700900123'],
    ['0044 7700 900123', '+447700900123'],
    ['447700900123', '+447700900123'],
    ['tel:+447700900123', '+447700900123'],
    ['O77OO 9OO l23', '+447700900123'],
    ['zero seven seven zero zero nine zero zero one two three', '+447700900123'],
    ['(0113) 496 0123', '+441134960123'],
    ['+33 6 12 34 56 78', '+33612345678'],
    ['+33 (0)6 12 34 56 78', '+33612345678'],
    ['+1 (202) 555-0123', '+12025550123'],
  ])('%s → %s', (raw, e164) => {
    expect(normalisePhone(raw)).toBe(e164);
  });

  it.each([
    '',
    'abc',
    '12345',
    '07700 90012',
    '077009001234',
    '+44',
    '+999 1234 5678',
    '12/03/2024',
  ])('rejects %j', (raw) => {
    expect(normalisePhone(raw)).toBeNull();
  });

  it('uses the default country for national numbers', () => {
    expect(normalisePhone('06 12 34 56 78', 'FR')).toBe('+33612345678');
    expect(normalisePhone('06 12 34 56 78')).toBeNull();
    expect(extractPhones('appelle 06 12 34 56 78', 'FR').map((h) => h.e164)).toEqual([
      '+33612345678',
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        '0',
        '7',
        '44',
        '+',
        '(',
        ')',
        ' ',
        '-',
        '.',
        'O',
        'l',
        'seven',
        'oh',
        '\u200B',
        '７',
        '7️⃣',
        'call',
        '£',
        ':',
      ),
      { maxLength: 40 },
    )
    .map((a) => a.join('')),
);

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
const FULL_WIDTH = '０１２３４５６７８９';
const ARABIC = '٠١٢٣٤٥٦٧٨٩';
const CIRCLED = ['⓪', '①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];
const MATH_BOLD = [...'𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗'];

/** One digit written in one of the ways adverts use; `glued` says the previous digit touches it. */
function renderDigit(d: number, how: number, prevAscii: boolean, glued: boolean): string {
  switch (how) {
    case 1:
      return WORDS[d] as string;
    case 2:
      return FULL_WIDTH[d] as string;
    case 3:
      return ARABIC[d] as string;
    case 4:
      return CIRCLED[d] as string;
    case 5:
      return MATH_BOLD[d] as string;
    case 6:
      return `${d}\uFE0F\u20E3`;
    case 7:
      if (d === 0) return 'O';
      // A lone l/I only reads as one inside a digit token.
      if (d === 1 && prevAscii && glued) return 'l';
      return String(d);
    default:
      return String(d);
  }
}

const SEPARATORS = ['', '', '', ' ', ' ', '-', '.', ' - ', '\u200B', '/', '_'];

const obscuredMobile = fc
  .record({
    rest: fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }),
    how: fc.array(fc.integer({ min: 0, max: 7 }), { minLength: 11, maxLength: 11 }),
    seps: fc.array(fc.integer({ min: 0, max: SEPARATORS.length - 1 }), {
      minLength: 10,
      maxLength: 10,
    }),
  })
  .map(({ rest, how, seps }) => {
    const digits = [0, 7, ...rest];
    let text = '';
    let prevAscii = false;
    digits.forEach((d, i) => {
      let sep = i === 0 ? '' : (SEPARATORS[seps[i - 1] as number] as string);
      const h = how[i] as number;
      // Digit words need a boundary from neighbouring letters and words.
      if ((h === 1 || how[i - 1] === 1) && (sep === '' || sep === '\u200B')) sep = ' ';
      const piece = renderDigit(d, h, prevAscii, sep === '');
      text += sep + piece;
      prevAscii = /^[0-9]$/.test(piece);
    });
    return { text, e164: `+44${digits.slice(1).join('')}` };
  });

describe('extractPhones: properties', () => {
  it('never throws; spans lie inside the text and raw is the slice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const h of extractPhones(text)) {
          const [a, b] = h.span;
          if (!(a >= 0 && a < b && b <= text.length)) return false;
          if (text.slice(a, b) !== h.raw) return false;
          if (!/^\+[1-9]\d{6,14}$/.test(h.e164)) return false;
          if (h.obfuscated !== h.techniques.length > 0) return false;
        }
        return true;
      }),
      { numRuns: 1500 },
    );
  });

  it('the raw text of every hit normalises to the same number', () => {
    fc.assert(
      fc.property(anyText, (text) =>
        extractPhones(text).every((h) => normalisePhone(h.raw) === h.e164),
      ),
      { numRuns: 1000 },
    );
  });

  it('normalising twice changes nothing', () => {
    const phoneish = fc.oneof(
      anyText,
      fc.stringMatching(/^\+?[0-9 ()-]{6,20}$/),
      fc
        .array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 })
        .map((d) => `07${d.join('')}`),
    );
    fc.assert(
      fc.property(phoneish, (raw) => {
        const once = normalisePhone(raw);
        return once === null || normalisePhone(once) === once;
      }),
      { numRuns: 1500 },
    );
  });

  it('recovers a randomly obscured UK mobile to the same E.164', () => {
    fc.assert(
      fc.property(obscuredMobile, ({ text, e164 }) => {
        const advert = `Hi, new in town. Call me on ${text} now, kisses`;
        const hits = extractPhones(advert);
        if (hits.length !== 1 || hits[0]?.e164 !== e164) return false;
        if (advert.slice(hits[0].span[0], hits[0].span[1]) !== hits[0].raw) return false;
        return normalisePhone(text) === e164;
      }),
      { numRuns: 1500 },
    );
  });

  it('marks a rendering obfuscated whenever it uses a trick', () => {
    fc.assert(
      fc.property(obscuredMobile, ({ text }) => {
        const hit = extractPhones(text)[0];
        const plain = /^0\d{4}[ -]?\d{3}[ -]?\d{3}$/.test(text) || /^\d{11}$/.test(text);
        return hit !== undefined && (plain || hit.obfuscated || /^[0-9 .\-/]+$/.test(text));
      }),
      { numRuns: 500 },
    );
  });
});
