import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  F_ACCENT,
  F_AND,
  F_FOLD,
  KIND_AT,
  isJsSpace,
  registerWordKind,
  scanText,
  tokenCapital,
  tokenSeparation,
  wordIs,
} from './scan.ts';
// The extractors register their word lists on import.
import './extract-text.ts';

// The flags the town tokeniser kept per token: separation (bits 0-1) and a capital (4).
const F_CAPITAL = 4;

/** The town tokeniser the scan replaced (towns.ts before the shared scan), as a reference. */
function referenceTokens(text: string): { start: number; end: number; flags: number }[] {
  const LETTER = /\p{L}/u;
  const isLetter = (c: number, i: number): boolean => {
    if (c < 0x80) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    if (c >= 0xd800 && c <= 0xdfff) return false;
    return LETTER.test(text[i] ?? '');
  };
  const out: { start: number; end: number; flags: number }[] = [];
  let i = 0;
  let gap = 2;
  let prevIsSt = false;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isLetter(c, i)) {
      const s = i;
      let fold = c >= 0x80;
      let accent = c >= 0x80;
      i++;
      while (i < text.length) {
        const d = text.charCodeAt(i);
        if (isLetter(d, i)) {
          if (d >= 0x80) fold = accent = true;
          i++;
        } else if (
          (d === 39 || d === 0x2019) &&
          i + 1 < text.length &&
          isLetter(text.charCodeAt(i + 1), i + 1)
        ) {
          fold = true;
          i++;
        } else break;
      }
      const capital = c < 0x80 ? c >= 65 && c <= 90 : text[s] !== (text[s] ?? '').toLowerCase();
      out.push({
        start: s,
        end: i,
        flags: gap | (capital ? F_CAPITAL : 0) | (fold ? F_FOLD : 0) | (accent ? F_ACCENT : 0),
      });
      const tl = i - s;
      prevIsSt =
        (tl === 2 && (c | 32) === 115 && (text.charCodeAt(s + 1) | 32) === 116) ||
        (tl === 5 && text.slice(s, i).toLowerCase() === 'saint');
      gap = 0;
      continue;
    }
    if (c === 38) {
      out.push({ start: i, end: i + 1, flags: gap | F_AND });
      prevIsSt = false;
      gap = 0;
      i++;
      continue;
    }
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 13) {
      if (!(c === 46 && prevIsSt && gap === 0)) gap = 2;
    } else if (
      gap === 0 &&
      !(c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2013)
    ) {
      gap = 1;
    }
    i++;
  }
  return out;
}

/** What the scan records, as plain lists. */
function scanned(text: string) {
  const s = scanText(text);
  const tokens = [];
  for (let k = 0; k < s.nTokens; k++) {
    // F_TOWN is a hint for towns.ts, not part of the tokeniser's contract; separation and
    // capitals are worked out on demand.
    const flags =
      ((s.tokFlags[k] as number) & (F_FOLD | F_AND | F_ACCENT)) |
      tokenSeparation(s, k) |
      (tokenCapital(s, k) ? F_CAPITAL : 0);
    tokens.push({ start: s.tokStart[k] as number, end: s.tokEnd[k] as number, flags });
  }
  const runs = [];
  for (let k = 0; k < s.nRuns; k++) runs.push([s.runStart[k], s.runEnd[k]]);
  const words = [];
  for (let k = 0; k < s.nWords; k++) {
    words.push({
      start: s.wordStart[k] as number,
      end: s.wordEnd[k] as number,
      kinds: s.wordKinds[k] as number,
    });
  }
  const nonAscii = Array.from(s.nonAscii.subarray(0, s.nNonAscii));
  return { tokens, runs, words, nonAscii, atSign: s.atSign, slash: s.slash };
}

const PIECES = [
  'Bath',
  'St.',
  'St',
  'Saint',
  ' ',
  '  ',
  '\n',
  '.',
  ',',
  '!',
  '-',
  '\u2013',
  '\u2010',
  '&',
  "'",
  '\u2019',
  'King',
  's',
  'é',
  'Ō',
  'İ',
  'ß',
  '7',
  '07700 900123',
  '@',
  '/',
  'at',
  'AT',
  'one',
  'ig',
  'I',
  '\u00a0',
  '\t',
  '😘',
  '\u200b',
  '中文',
  'Привет',
  '_',
];
const pieceString = fc
  .array(fc.constantFrom(...PIECES), { maxLength: 25 })
  .map((parts) => parts.join(''));
const anyString = fc.oneof(
  pieceString,
  fc.string({ maxLength: 80 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

describe('scanText', () => {
  it('records tokens, digit runs, words and non-ASCII units', () => {
    const s = scanned('Hi, I’m at St. Albans 07700 900123 £80 @x/y');
    expect(
      s.tokens.map((t) => 'Hi, I’m at St. Albans 07700 900123 £80 @x/y'.slice(t.start, t.end)),
    ).toEqual(['Hi', 'I’m', 'at', 'St', 'Albans', 'x', 'y']);
    expect(s.runs).toEqual([
      [22, 27],
      [28, 34],
      [36, 38],
    ]);
    expect(s.nonAscii).toEqual([5, 35]);
    expect(s.atSign).toBe(true);
    expect(s.slash).toBe(true);
    // "at" is tagged for the email extractor.
    expect(s.words.some((w) => w.start === 8 && w.end === 10 && w.kinds & KIND_AT)).toBe(true);
  });

  it('tokenises exactly as the town tokeniser did', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        expect(scanned(text).tokens).toEqual(referenceTokens(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every run of ASCII digits and every non-ASCII code unit', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const s = scanned(text);
        expect(s.runs).toEqual(
          [...text.matchAll(/[0-9]+/g)].map((m) => [m.index, m.index + m[0].length]),
        );
        const non: number[] = [];
        for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) non.push(i);
        expect(s.nonAscii).toEqual(non);
        expect(s.atSign).toBe(text.includes('@'));
        expect(s.slash).toBe(text.includes('/'));
      }),
      { numRuns: 2000 },
    );
  });

  it('tags every ASCII word sharing its first three letters with a registered word', () => {
    // 'at' is registered by emails.ts: every maximal run of ASCII letters equal to it, in any
    // case, is tagged, and only ASCII-letter runs are tagged.
    fc.assert(
      fc.property(anyString, (text) => {
        const s = scanned(text);
        for (const w of s.words) {
          expect(/^[A-Za-z]+$/.test(text.slice(w.start, w.end))).toBe(true);
          expect(/[A-Za-z]/.test(text[w.start - 1] ?? '')).toBe(false);
          expect(/[A-Za-z]/.test(text[w.end] ?? '')).toBe(false);
        }
        for (const m of text.matchAll(/(?<![A-Za-z])at(?![A-Za-z])/gi)) {
          const w = s.words.find((x) => x.start === m.index);
          expect(w !== undefined && (w.kinds & KIND_AT) !== 0).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('reuses the scan of the same text and rescans another', () => {
    const a = scanText('one two');
    expect(scanText('one two')).toBe(a);
    expect(scanText('three').nTokens).toBe(1);
    expect(scanText('one two').nTokens).toBe(2);
  });

  it('registers new kinds for later scans', () => {
    const kind = 128;
    scanText('zzq zzqx zz');
    registerWordKind(kind, ['zzq']);
    const s = scanText('zzq zzqx zz');
    const tagged = [];
    for (let k = 0; k < s.nWords; k++) if ((s.wordKinds[k] as number) & kind) tagged.push(k);
    // Three letters or more: every word starting "zzq"; "zz" is shorter and not registered.
    expect(tagged.map((k) => 'zzq zzqx zz'.slice(s.wordStart[k], s.wordEnd[k]))).toEqual([
      'zzq',
      'zzqx',
    ]);
    expect(wordIs('ZZQ', 0, 3, 'zzq')).toBe(true);
  });

  it('isJsSpace is what \\s matches', () => {
    for (let c = 0; c < 0x10000; c++) {
      if (isJsSpace(c) !== /\s/.test(String.fromCharCode(c))) throw new Error(c.toString(16));
    }
  });
});
