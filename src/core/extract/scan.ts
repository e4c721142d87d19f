/*
 * One pass over a text that the extractors share.
 *
 * Why: the screening pipeline has ~50 µs per advert for everything, and every extractor used to
 * read the whole text on its own, with regular expressions that try a match at every position
 * (about 1–5 ns per character each, a dozen times over). A single character loop (a few ns per
 * character) records what they all need to decide where to look:
 * - town tokens (the words of towns.ts: letters, any script, with apostrophes inside a word);
 *   the separation before a token and its capital are read on demand (tokenSeparation,
 *   tokenCapital), as towns.ts needs them for a few tokens per text;
 * - runs of ASCII digits (ages, prices, phones and the digit pre-check of fold.ts);
 * - "tagged words": maximal runs of ASCII letters whose first three letters (and, below three, the
 *   whole word) match a word list an extractor registered, such as digit words or social-media
 *   labels. Every extractor checks its tagged words exactly, so a tag only says "look here";
 * - the offset of every non-ASCII code unit (rare in English adverts) and a few flags.
 * extractText also uses it to skip the extractors that cannot find anything.
 *
 * Extractors are called one after the other on the same text (extractText), so the last scan is
 * kept and reused. It is one object whose fields and arrays are overwritten by the scan of the
 * next text (no allocation per text): use a scan straight away, and never keep it.
 */

// Token flags (towns.ts). The separation before a token and its capital are worked out on
// demand (tokenSeparation, tokenCapital): towns.ts needs them for a few tokens per text.
/** Has an apostrophe or non-ASCII letters: its key needs folding. */
export const F_FOLD = 8;
/** The token is '&'. */
export const F_AND = 16;
/** Has non-ASCII letters (so F_FOLD is set too). */
export const F_ACCENT = 32;
/** All ASCII letters, and its first three letters are those of a registered KIND_TOWN word. */
export const F_TOWN = 64;

/** Word kinds, one bit per extractor word list (see registerWordKind). */
export const KIND_DIGIT_WORD = 1;
export const KIND_NUMBER_WORD = 2;
export const KIND_AT = 4;
export const KIND_LABEL = 8;
export const KIND_DURATION = 16;
export const KIND_TOWN = 32;

export interface TextScan {
  readonly text: string;
  /** Town tokens: [tokStart, tokEnd) with tokFlags, for 0 <= i < nTokens. */
  readonly nTokens: number;
  readonly tokStart: Int32Array;
  readonly tokEnd: Int32Array;
  readonly tokFlags: Uint8Array;
  /** Maximal runs of ASCII digits [runStart, runEnd), in order. */
  readonly nRuns: number;
  readonly runStart: Int32Array;
  readonly runEnd: Int32Array;
  /** Tagged words [wordStart, wordEnd) with their kind bits, in order. */
  readonly nWords: number;
  readonly wordStart: Int32Array;
  readonly wordEnd: Int32Array;
  readonly wordKinds: Uint8Array;
  /** OR of all wordKinds, so an extractor with nothing tagged skips the loop. */
  readonly kinds: number;
  /** OR of all tokFlags. */
  readonly tokenFlags: number;
  /** Offsets of every code unit >= 0x80, in order. */
  readonly nNonAscii: number;
  readonly nonAscii: Int32Array;
  /** The text holds an ASCII '@'. */
  readonly atSign: boolean;
  /** The text holds an ASCII '/'. */
  readonly slash: boolean;
}

// ---------------------------------------------------------------------------------------------
// Word kinds, by first three letters (26 stands for "no letter": the word is shorter).

const KIND_BY_TRIPLE = new Uint8Array(27 * 27 * 27);
/** Word lengths (bit min(length, 31)) registered for a triple, over all kinds. */
const LENGTHS_BY_TRIPLE = new Uint32Array(27 * 27 * 27);
/** Length bits 3 to 31: any word of three letters or more. */
const ANY_LENGTH_FROM_3 = 0xfffffff8;

function letterIndex(c: number): number {
  const l = (c | 32) - 97;
  return l >= 0 && l < 26 ? l : 26;
}

/**
 * Tags, in every later scan, the ASCII words that start with the first three letters of one of
 * `words` (lower-case ASCII), or that equal one of them when it is shorter than three letters.
 * With `exactLength`, a word is only tagged when its length is also that of a registered word
 * sharing its first three letters (town names: "and" is not "Andover").
 */
export function registerWordKind(kind: number, words: Iterable<string>, exactLength = false): void {
  for (const w of words) {
    const idx =
      (letterIndex(w.charCodeAt(0)) * 27 + (w.length > 1 ? letterIndex(w.charCodeAt(1)) : 26)) *
        27 +
      (w.length > 2 ? letterIndex(w.charCodeAt(2)) : 26);
    KIND_BY_TRIPLE[idx] = (KIND_BY_TRIPLE[idx] as number) | kind;
    const lengths = exactLength || w.length < 3 ? 1 << Math.min(w.length, 31) : ANY_LENGTH_FROM_3;
    LENGTHS_BY_TRIPLE[idx] = (LENGTHS_BY_TRIPLE[idx] as number) | lengths;
  }
  valid = false;
}

// ---------------------------------------------------------------------------------------------
// Letters (the town tokeniser's notion: \p{L} in the BMP; surrogates are never letters, so a
// token never splits a pair). Cached per code unit.

const LETTER_RE = /\p{L}/u;
const bmpLetter = new Uint8Array(0x10000);

function isNonAsciiLetter(c: number): boolean {
  if (c >= 0xd800 && c <= 0xdfff) return false;
  let v = bmpLetter[c] as number;
  if (v === 0) {
    v = LETTER_RE.test(String.fromCharCode(c)) ? 2 : 1;
    bmpLetter[c] = v;
  }
  return v === 2;
}

function isAsciiLetter(c: number): boolean {
  return ((c | 32) - 97) >>> 0 < 26;
}

function isApostrophe(c: number): boolean {
  return c === 39 || c === 0x2019;
}

// ---------------------------------------------------------------------------------------------
// Scratch buffers, grown on demand.

let tokStart = new Int32Array(256);
let tokEnd = new Int32Array(256);
let tokFlags = new Uint8Array(256);
let runStart = new Int32Array(128);
let runEnd = new Int32Array(128);
let wordStart = new Int32Array(128);
let wordEnd = new Int32Array(128);
let wordKinds = new Uint8Array(128);
let nonAscii = new Int32Array(256);

function ensureCapacity(len: number): void {
  // Tokens, runs and words are each at most one per two characters (plus one).
  const half = (len >> 1) + 2;
  if (tokStart.length < half) {
    tokStart = new Int32Array(half);
    tokEnd = new Int32Array(half);
    tokFlags = new Uint8Array(half);
    runStart = new Int32Array(half);
    runEnd = new Int32Array(half);
    wordStart = new Int32Array(half);
    wordEnd = new Int32Array(half);
    wordKinds = new Uint8Array(half);
  }
  if (nonAscii.length < len) nonAscii = new Int32Array(len);
}

// The one scan object, refilled for each new text: no allocation per text (in the screening
// pipeline the scavenger's cost grows with every object allocated).
const current: { -readonly [K in keyof TextScan]: TextScan[K] } = {
  text: '',
  nTokens: 0,
  tokStart,
  tokEnd,
  tokFlags,
  nRuns: 0,
  runStart,
  runEnd,
  nWords: 0,
  wordStart,
  wordEnd,
  wordKinds,
  kinds: 0,
  tokenFlags: 0,
  nNonAscii: 0,
  nonAscii,
  atSign: false,
  slash: false,
};
let valid = false;

/** The shared scan of `text` (see the top of this file). */
export function scanText(text: string): TextScan {
  if (!valid || current.text !== text) {
    scan(text);
    valid = true;
  }
  return current;
}

function scan(text: string): void {
  const len = text.length;
  ensureCapacity(len);
  const ts = tokStart;
  const te = tokEnd;
  const tf = tokFlags;
  const ws = wordStart;
  const we = wordEnd;
  const wk = wordKinds;
  const na = nonAscii;
  const rs = runStart;
  const re = runEnd;
  let nTok = 0;
  let nRuns = 0;
  let nWords = 0;
  let nNon = 0;
  let kinds = 0;
  let tokenFlags = 0;
  let atSign = false;
  let slash = false;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 32) {
      // The most common character between tokens changes nothing.
      i++;
      continue;
    }
    if (isAsciiLetter(c) || (c >= 0x80 && isNonAsciiLetter(c))) {
      // A town token; inside it, maximal runs of ASCII letters are words.
      const s = i;
      let fold = false;
      let accent = false;
      let town = false;
      for (;;) {
        if (i < len && isAsciiLetter(text.charCodeAt(i))) {
          // An ASCII word: its first three letters are read once, for the tag lookup.
          const w0 = i;
          let pair = ((text.charCodeAt(i) | 32) - 97) * 27;
          let third = 26;
          i++;
          let d = i < len ? text.charCodeAt(i) : 0;
          if (isAsciiLetter(d)) {
            pair += (d | 32) - 97;
            i++;
            d = i < len ? text.charCodeAt(i) : 0;
            if (isAsciiLetter(d)) {
              third = (d | 32) - 97;
              i++;
              while (i < len && isAsciiLetter(text.charCodeAt(i))) i++;
            }
          } else pair += 26;
          const idx = pair * 27 + third;
          const k = KIND_BY_TRIPLE[idx] as number;
          const wl = i - w0;
          if (k !== 0 && ((LENGTHS_BY_TRIPLE[idx] as number) & (1 << (wl > 31 ? 31 : wl))) !== 0) {
            town = (k & KIND_TOWN) !== 0;
            ws[nWords] = w0;
            we[nWords] = i;
            wk[nWords] = k;
            nWords++;
            kinds |= k;
          }
        }
        if (i >= len) break;
        const d = text.charCodeAt(i);
        // Most words end at a space or ASCII punctuation other than an apostrophe.
        if (d < 0x80 && d !== 39) break;
        if (d >= 0x80 && isNonAsciiLetter(d)) {
          na[nNon++] = i;
          fold = true;
          accent = true;
          i++;
        } else if (isApostrophe(d) && i + 1 < len && isLetterAt(text, i + 1)) {
          if (d >= 0x80) na[nNon++] = i;
          fold = true;
          i++;
        } else break;
      }
      ts[nTok] = s;
      te[nTok] = i;
      const flags = (fold ? F_FOLD : 0) | (accent ? F_ACCENT : 0) | (town && !fold ? F_TOWN : 0);
      tf[nTok] = flags;
      tokenFlags |= flags;
      nTok++;
      continue;
    }
    if (c >= 48 && c <= 57) {
      // A digit run: for towns it is soft punctuation between tokens.
      const s = i;
      i++;
      while (i < len) {
        const d = text.charCodeAt(i);
        if (d < 48 || d > 57) break;
        i++;
      }
      rs[nRuns] = s;
      re[nRuns] = i;
      nRuns++;
      continue;
    }
    if (c === 38) {
      // "Brighton & Hove": '&' is a token that reads as the word "and".
      ts[nTok] = i;
      te[nTok] = i + 1;
      tf[nTok] = F_AND;
      nTok++;
      i++;
      continue;
    }
    if (c >= 0x80) na[nNon++] = i;
    else if (c === 64) atSign = true;
    else if (c === 47) slash = true;
    i++;
  }
  const c = current;
  c.text = text;
  c.nTokens = nTok;
  c.tokStart = ts;
  c.tokEnd = te;
  c.tokFlags = tf;
  c.nRuns = nRuns;
  c.runStart = rs;
  c.runEnd = re;
  c.nWords = nWords;
  c.wordStart = ws;
  c.wordEnd = we;
  c.wordKinds = wk;
  c.kinds = kinds;
  c.tokenFlags = tokenFlags;
  c.nNonAscii = nNon;
  c.nonAscii = na;
  c.atSign = atSign;
  c.slash = slash;
}

/**
 * Separation before token i: 0 joinable (spaces, hyphens), 1 soft punctuation, 2 sentence
 * break, read from the characters between it and the token before.
 */
export function tokenSeparation(scan: TextScan, i: number): number {
  if (i <= 0) return 2;
  const text = scan.text;
  const ps = scan.tokStart[i - 1] as number;
  const pe = scan.tokEnd[i - 1] as number;
  const tl = pe - ps;
  const c0 = text.charCodeAt(ps);
  // "St. Albans": the full stop of an abbreviation does not end the sentence.
  const prevIsSt =
    ((scan.tokFlags[i - 1] as number) & F_AND) === 0 &&
    ((tl === 2 && (c0 | 32) === 115 && (text.charCodeAt(ps + 1) | 32) === 116) ||
      (tl === 5 && isSaint(text, ps)));
  let gap = 0;
  const end = scan.tokStart[i] as number;
  for (let k = pe; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === 46 || c === 33 || c === 63 || c === 10 || c === 13) {
      if (!(c === 46 && prevIsSt && gap === 0)) gap = 2;
    } else if (
      gap === 0 &&
      !(c === 32 || c === 9 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2013)
    ) {
      gap = 1;
    }
  }
  return gap;
}

/** Whether token i begins with a capital letter ('&' does not). */
export function tokenCapital(scan: TextScan, i: number): boolean {
  if ((scan.tokFlags[i] as number) & F_AND) return false;
  const text = scan.text;
  const s = scan.tokStart[i] as number;
  const c = text.charCodeAt(s);
  return c < 0x80 ? c >= 65 && c <= 90 : text[s] !== (text[s] ?? '').toLowerCase();
}

/** "saint" in any ASCII case (no other character lower-cases to one of its letters in place). */
function isSaint(text: string, s: number): boolean {
  return (
    (text.charCodeAt(s) | 32) === 115 &&
    (text.charCodeAt(s + 1) | 32) === 97 &&
    (text.charCodeAt(s + 2) | 32) === 105 &&
    (text.charCodeAt(s + 3) | 32) === 110 &&
    (text.charCodeAt(s + 4) | 32) === 116
  );
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? isAsciiLetter(c) : isNonAsciiLetter(c);
}

/** True when the tagged word [s, e) equals `word` (lower-case ASCII), ignoring ASCII case. */
export function wordIs(text: string, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let j = 0; j < word.length; j++) {
    if ((text.charCodeAt(s + j) | 32) !== word.charCodeAt(j)) return false;
  }
  return true;
}

/** What `\s` matches. */
export function isJsSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}
