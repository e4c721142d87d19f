import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  FOLD_ZERO_WIDTH_BEFORE,
  fold,
  foldAlways,
  stripInvisible,
  techniquesFromFlags,
  unicodeDigitValue,
} from './fold.ts';
import type { FoldedText } from './fold.ts';

/** The original text each folded unit came from, for readable assertions. */
function sources(f: FoldedText): string[] {
  const out: string[] = [];
  for (let i = 0; i < f.text.length; i++) {
    out.push(f.original.slice(f.originalStart(i), f.originalEnd(i)));
  }
  return out;
}

function whole(f: FoldedText): string[] {
  return f.techniquesIn(0, f.text.length);
}

describe('fold: text that needs nothing', () => {
  it.each([
    '',
    'Hi, I am Anna, 24, new in Leeds. £150 per hour, 10:00-22:00.',
    'Call 07700 900123 any time',
    'one or two girls, double room, oh my god',
    'I have one 2 hour slot left',
    'lol I love it, OK?',
    'Available 24/7, LS1 4AP, 34-24-36',
    'someone, phone, tone, zone, often, stone, ninety, seventeen',
    'café, naïve, Zoë 😘💋',
  ])('leaves %j unchanged', (text) => {
    const f = fold(text);
    expect(f.text).toBe(text);
    expect(f.changed).toBe(false);
    expect(foldAlways(text).text).toBe(text);
    expect(whole(f)).toEqual([]);
  });
});

describe('fold: each technique', () => {
  it('letter for digit inside digit runs', () => {
    const f = fold('call O77OO 9OO l23 now');
    expect(f.text).toBe('call 07700 900 123 now');
    expect(whole(f)).toEqual(['letter-for-digit']);
  });

  it('a lone l or I between digit groups', () => {
    expect(fold('07700 9 l 0 123').text).toBe('07700 9 1 0 123');
    expect(fold('0770 I 900123').text).toBe('0770 1 900123');
    // ...but not the pronoun next to a number
    expect(fold('07700 900123 I am free').text).toBe('07700 900123 I am free');
    expect(fold('I am 24').text).toBe('I am 24');
  });

  it('folding is stable: a lone l next to a folded O folds the same way twice', () => {
    const once = fold('7 7 7 O l 7').text;
    expect(once).toBe('7 7 7 0 1 7');
    expect(fold(once).text).toBe(once);
  });

  it('letters are not digits outside digit runs', () => {
    expect(fold('Hello OOO lol').text).toBe('Hello OOO lol');
    expect(fold('Ooooh, Ioll, lolol').text).toBe('Ooooh, Ioll, lolol');
    expect(fold('SO14 and L1 postcodes').text).toBe('SO14 and L1 postcodes');
  });

  it('a lone o among digit words is the spoken "oh"', () => {
    const f = fold('o seven seven o o');
    expect(f.text).toBe('0 7 7 0 0');
    expect(whole(f)).toEqual(['digit-words']);
    expect(whole(fold('O 7 7 O O'))).toEqual(['letter-for-digit']);
  });

  it('digit words separated by commas', () => {
    expect(fold('seven, seven, oh, nine').text).toBe('7, 7, 0, 9');
  });

  it('digit words in a run', () => {
    const f = fold('zero seven seven zero zero nine zero zero one two three');
    expect(f.text).toBe('0 7 7 0 0 9 0 0 1 2 3');
    expect(whole(f)).toEqual(['digit-words']);
    expect(fold('Oh Seven SEVEN oh oh').text).toBe('0 7 7 0 0');
    expect(fold('nought seven').text).toBe('nought seven'); // too short to be a number
  });

  it('double and triple', () => {
    expect(fold('oh seven double seven oh').text).toBe('0 7 7 7 0');
    expect(fold('triple nine one').text).toBe('99 9 1');
    expect(fold('07 double 7 0 9').text).toBe('07 7 7 0 9');
    expect(fold('doubleseven oh nine').text).toBe('77 0 9');
    expect(fold('double room for two').text).toBe('double room for two');
  });

  it('digit words glued to digits', () => {
    expect(fold('07seven00 900 123').text).toBe('07700 900 123');
    expect(fold('call 0seven7 now').text).toBe('call 077 now');
  });

  it('digit words next to a number join its run', () => {
    expect(fold('07700 900 one two three').text).toBe('07700 900 1 2 3');
  });

  it.each([
    ['full-width', '０７７００ ９００１２３'],
    ['Arabic-Indic', '٠٧٧٠٠ ٩٠٠١٢٣'],
    ['Extended Arabic-Indic', '۰۷۷۰۰ ۹۰۰۱۲۳'],
    ['Devanagari', '०७७०० ९००१२३'],
    ['Bengali', '০৭৭০০ ৯০০১২৩'],
    ['Thai', '๐๗๗๐๐ ๙๐๐๑๒๓'],
    ['mathematical bold', '𝟎𝟕𝟕𝟎𝟎 𝟗𝟎𝟎𝟏𝟐𝟑'],
    ['mathematical double-struck', '𝟘𝟟𝟟𝟘𝟘 𝟡𝟘𝟘𝟙𝟚𝟛'],
    ['mathematical monospace', '𝟶𝟽𝟽𝟶𝟶 𝟿𝟶𝟶𝟷𝟸𝟹'],
    ['circled', '⓪⑦⑦⓪⓪ ⑨⓪⓪①②③'],
    ['negative circled', '⓿❼❼⓿⓿ ❾⓿⓿❶❷❸'],
    ['superscript', '⁰⁷⁷⁰⁰ ⁹⁰⁰¹²³'],
    ['subscript', '₀₇₇₀₀ ₉₀₀₁₂₃'],
  ])('%s digits', (_name, text) => {
    const f = fold(text);
    expect(f.text).toBe('07700 900123');
    expect(whole(f)).toEqual(['unicode-digits']);
    expect(f.toOriginal(0, f.text.length)).toEqual([0, text.length]);
  });

  it('emoji keycaps, with and without VS16, and keycap ten', () => {
    const f = fold('0️⃣7️⃣7⃣0️⃣0️⃣');
    expect(f.text).toBe('07700');
    expect(whole(f)).toEqual(['emoji-keycaps']);
    expect(sources(f)).toEqual(['0️⃣', '7️⃣', '7⃣', '0️⃣', '0️⃣']);
    expect(fold('call 🔟 now').text).toBe('call 10 now');
  });

  it.each([
    ['zero-width space', '\u200B'],
    ['zero-width non-joiner', '\u200C'],
    ['zero-width joiner', '\u200D'],
    ['word joiner', '\u2060'],
    ['BOM', '\uFEFF'],
    ['soft hyphen', '\u00AD'],
  ])('removes %s', (_name, zw) => {
    const text = `077${zw}00 900${zw}123`;
    const f = fold(text);
    expect(f.text).toBe('07700 900123');
    expect(whole(f)).toEqual(['zero-width']);
    expect(f.toOriginal(0, f.text.length)).toEqual([0, text.length]);
  });

  it('invisible characters inside words are removed without other changes', () => {
    const f = fold('he\u200Bllo');
    expect(f.text).toBe('hello');
    expect(f.changed).toBe(true);
  });

  it('full-width punctuation becomes ASCII', () => {
    const f = fold('07700－900123');
    expect(f.text).toBe('07700-900123');
    expect(f.techniquesIn(5, 6)).toEqual(['separators']);
  });

  it('look-alike Cyrillic O next to digits', () => {
    expect(fold('О77ОО 9ОО 123').text).toBe('07700 900 123');
    expect(fold('Привет, Оля').text).toBe('Привет, Оля');
    const prose = 'Очень хорошо, добро пожаловать. '.repeat(10) + 'Звоните О77ОО 9ОО 123';
    expect(fold(prose).text).toBe(prose.replace('О77ОО 9ОО', '07700 900'));
  });
});

describe('fold: map back to the original', () => {
  it('maps each folded unit to its source', () => {
    const f = fold('ring oh seven 7OO');
    expect(f.text).toBe('ring 0 7 700');
    expect(sources(f)).toEqual(['r', 'i', 'n', 'g', ' ', 'oh', ' ', 'seven', ' ', '7', 'O', 'O']);
  });

  it('maps spans, including multipliers and astral digits', () => {
    const text = 'x double seven 𝟎𝟗 y';
    const f = fold(text);
    expect(f.text).toBe('x 7 7 09 y');
    const at = f.text.indexOf('7');
    expect(text.slice(...f.toOriginal(at, at + 3))).toBe('double seven');
    const d = f.text.indexOf('09');
    expect(text.slice(...f.toOriginal(d, d + 2))).toBe('𝟎𝟗');
    expect(f.toOriginal(0, 0)).toEqual([0, 0]);
  });

  it('reports techniques only inside the range asked for', () => {
    const f = fold('O77 seven 00 and 07700 900123');
    const plain = f.text.indexOf('07700');
    expect(f.techniquesIn(plain, plain + 12)).toEqual([]);
    expect(f.techniquesIn(0, 3)).toEqual(['letter-for-digit']);
  });

  it('a zero-width character just before a range is outside it', () => {
    const f = fold('a\u200B07700 900123');
    expect(f.text).toBe('a07700 900123');
    expect(f.techniquesIn(1, f.text.length)).toEqual([]);
    expect(f.techniquesIn(0, f.text.length)).toEqual(['zero-width']);
  });

  it('identity map when unchanged', () => {
    const f = fold('plain text');
    expect(f.toOriginal(2, 5)).toEqual([2, 5]);
    expect(f.flagsIn(0, 10)).toBe(0);
    expect(f.originalStart(99)).toBe(10);
  });
});

describe('helpers', () => {
  it('unicodeDigitValue', () => {
    expect(unicodeDigitValue('٧'.codePointAt(0) ?? 0)).toBe(7);
    expect(unicodeDigitValue('𝟵'.codePointAt(0) ?? 0)).toBe(9);
    expect(unicodeDigitValue('⑤'.codePointAt(0) ?? 0)).toBe(5);
    expect(unicodeDigitValue('²'.codePointAt(0) ?? 0)).toBe(2);
    expect(unicodeDigitValue('a'.codePointAt(0) ?? 0)).toBe(-1);
    expect(unicodeDigitValue('中'.codePointAt(0) ?? 0)).toBe(-1);
  });

  it('techniquesFromFlags keeps the declared order', () => {
    expect(techniquesFromFlags(63)).toEqual([
      'digit-words',
      'letter-for-digit',
      'unicode-digits',
      'emoji-keycaps',
      'zero-width',
      'separators',
    ]);
    expect(techniquesFromFlags(0)).toEqual([]);
  });

  it('stripInvisible removes only invisible characters', () => {
    const f = stripInvisible('an\u200Bna O7\u00AD');
    expect(f.text).toBe('anna O7');
    expect(f.flagsAt(2) & FOLD_ZERO_WIDTH_BEFORE).toBeTruthy();
    expect(f.toOriginal(0, 7)).toEqual([0, 8]);
    expect(stripInvisible('plain').changed).toBe(false);
  });
});

// Strings built from the pieces folding cares about, to exercise the fast path's decisions.
const PIECES = [
  '0',
  '7',
  '1',
  '9',
  '44',
  'O',
  'o',
  'l',
  'I',
  'one',
  'two',
  'seven',
  'oh',
  'Oh',
  'double',
  'triple',
  'zero',
  'nine',
  'nought',
  ' ',
  ' ',
  '  ',
  '-',
  '.',
  '/',
  '_',
  '(',
  ')',
  '\u200B',
  '\u00AD',
  '７',
  '٧',
  '𝟕',
  '7️⃣',
  '①',
  '²',
  'a',
  'x',
  'the',
  'call',
  'on',
  ',',
  ':',
  '\n',
  'Ｏ',
  'О',
  'о',
  'Привет',
  'Ӏ',
  '－',
  '　',
  'é',
  '😘',
  '+',
  's',
  'e',
  'n',
];
// An optional long non-Latin prefix sends the pre-check down its many-non-ASCII path.
const pieceString = fc
  .tuple(
    fc.constantFrom(
      '',
      '',
      'Привет мир, как дела? Всё хорошо. ',
      '中文中文中文中文中文中文中文中文中文中文中文中文中文',
    ),
    fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }),
  )
  .map(([prefix, parts]) => prefix + parts.join(''));
const anyString = fc.oneof(
  pieceString,
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function sameFold(a: FoldedText, b: FoldedText): boolean {
  if (a.text !== b.text) return false;
  for (let i = 0; i <= a.text.length; i++) {
    if (a.originalStart(i) !== b.originalStart(i)) return false;
    if (a.originalEnd(i) !== b.originalEnd(i)) return false;
    if (a.flagsAt(i) !== b.flagsAt(i)) return false;
  }
  return true;
}

describe('fold: properties', () => {
  it('the fast path agrees with the full fold', () => {
    fc.assert(
      fc.property(pieceString, (s) => sameFold(fold(s), foldAlways(s))),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(anyString, (s) => sameFold(fold(s), foldAlways(s))),
      { numRuns: 1000 },
    );
  });

  it('never throws, and maps every unit inside the original, in order', () => {
    fc.assert(
      fc.property(anyString, (s) => {
        const f = fold(s);
        let prev = 0;
        for (let i = 0; i < f.text.length; i++) {
          const a = f.originalStart(i);
          const b = f.originalEnd(i);
          if (a < prev || b <= a || b > s.length) return false;
          prev = a;
        }
        const [x, y] = f.toOriginal(0, f.text.length);
        return x >= 0 && y <= s.length && x <= y;
      }),
      { numRuns: 2000 },
    );
  });

  it('folding is idempotent on its own output', () => {
    fc.assert(
      fc.property(pieceString, (s) => {
        const once = fold(s).text;
        return fold(once).text === once;
      }),
      { numRuns: 3000 },
    );
  });
});
