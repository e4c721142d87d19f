import { KIND_DIGIT_WORD, registerWordKind, scanText } from './scan.ts';
import type { ObfuscationTechnique, Span } from './types.ts';

/*
 * Folding turns text that hides digits from scrapers ("O7 seven 7", "０７７", "7️⃣", zero-width
 * joiners) into plain ASCII digits. The folded text keeps a map back to the original and, for
 * every folded unit, the techniques that were undone, so an extractor can search plain digits and
 * still report a span (and `raw`) in what the advertiser actually wrote.
 *
 * The text is read as tokens: maximal stretches of letters, digits, marks and invisible
 * characters. A token is folded when it is made of digit parts — digits (any script), emoji
 * keycaps, digit words ("seven", "oh", "double"), O/o for zero and l/I for one — and it stands in
 * a digit run: tokens joined by short separator gaps ("07700 9OO l23", "oh seven seven"). Digit
 * words and lone letters are common English, so they fold only when their run holds at least
 * MIN_RUN_DIGITS digits and a real digit or two digit words, and a lone l/I only between two
 * digit-part tokens.
 *
 * Speed: most adverts need nothing. A pre-check collects "seed" positions where folding could
 * change something, from the scan the extractors share (scan.ts: non-ASCII characters, digit runs
 * and tagged digit words), without reading the text again; with none, the text is returned as is.
 * Otherwise only the digit runs around the seeds are tokenised, and the rest is copied as one
 * segment.
 */

/** Technique bits kept per folded unit. */
export const FOLD_DIGIT_WORDS = 1;
export const FOLD_LETTER_FOR_DIGIT = 2;
export const FOLD_UNICODE_DIGITS = 4;
export const FOLD_EMOJI_KEYCAPS = 8;
/** A zero-width character was removed immediately before this unit. */
export const FOLD_ZERO_WIDTH_BEFORE = 16;
/** Full-width or ideographic punctuation/space mapped to ASCII. */
export const FOLD_ODD_SEPARATOR = 32;

/** Digit words must stand in a run holding at least this many digits, so prose ("one or two") is left alone. */
const MIN_RUN_DIGITS = 4;
/** Longest gap (in visible characters) allowed between two parts of one digit run. */
const MAX_GAP = 4;

// The segment lists of an unchanged text (shared: most texts are unchanged, and never mutated).
const NO_SEGMENTS: readonly number[] = Object.freeze([]);

/**
 * A text after folding. The map is a list of segments: a verbatim segment maps folded unit i to
 * original unit oStart + (i - fStart); a mapped segment's units all come from [oStart, oEnd).
 */
export class FoldedText {
  /** The text that was folded. */
  readonly original: string;
  /** The folded text (the same string as `original` when nothing needed folding). */
  readonly text: string;
  // Segments, by folded start; null when the text is unchanged.
  readonly #fStart: readonly number[] | null;
  readonly #oStart: readonly number[];
  /** Original end of a mapped segment, or -1 for a verbatim one. */
  readonly #oEnd: readonly number[];
  readonly #flags: readonly number[];

  constructor(
    original: string,
    text: string,
    fStart: readonly number[] | null = null,
    oStart: readonly number[] = NO_SEGMENTS,
    oEnd: readonly number[] = NO_SEGMENTS,
    flags: readonly number[] = NO_SEGMENTS,
  ) {
    this.original = original;
    this.text = text;
    this.#fStart = fStart;
    this.#oStart = oStart;
    this.#oEnd = oEnd;
    this.#flags = flags;
  }

  /** True when folding changed anything (including removing invisible characters). */
  get changed(): boolean {
    return this.#fStart !== null;
  }

  /** Index of the segment holding folded unit i (binary search). */
  #segment(i: number): number {
    const fs = this.#fStart as readonly number[];
    let lo = 0;
    let hi = fs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((fs[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Original offset at which folded unit `i` starts (`i >= text.length` gives the original length). */
  originalStart(i: number): number {
    if (this.#fStart === null) return Math.min(i, this.original.length);
    if (i >= this.text.length) return this.original.length;
    const k = this.#segment(i);
    const o = this.#oStart[k] as number;
    return (this.#oEnd[k] as number) < 0 ? o + i - (this.#fStart[k] as number) : o;
  }

  /** Original offset just after folded unit `i`. */
  originalEnd(i: number): number {
    if (this.#fStart === null) return Math.min(i + 1, this.original.length);
    if (i >= this.text.length) return this.original.length;
    const k = this.#segment(i);
    const e = this.#oEnd[k] as number;
    return e < 0 ? (this.#oStart[k] as number) + i - (this.#fStart[k] as number) + 1 : e;
  }

  /** Maps a folded span [start, end) to the original span it was read from. */
  toOriginal(start: number, end: number): Span {
    if (end <= start) {
      const at = this.originalStart(start);
      return [at, at];
    }
    return [this.originalStart(start), this.originalEnd(end - 1)];
  }

  /** OR of the technique bits of folded units [start, end); zero-width removed before `start` is outside. */
  flagsIn(start: number, end: number): number {
    const fs = this.#fStart;
    if (fs === null || end <= start) return 0;
    let bits = 0;
    for (let k = this.#segment(start); k < fs.length && (fs[k] as number) < end; k++) {
      const f = this.#flags[k] as number;
      bits |= (fs[k] as number) > start ? f : f & ~FOLD_ZERO_WIDTH_BEFORE;
    }
    return bits;
  }

  /** Technique bits of the single folded unit `i`. */
  flagsAt(i: number): number {
    const fs = this.#fStart;
    if (fs === null || i < 0 || i >= this.text.length) return 0;
    const k = this.#segment(i);
    const f = this.#flags[k] as number;
    return fs[k] === i ? f : f & ~FOLD_ZERO_WIDTH_BEFORE;
  }

  /** Techniques that were undone inside folded range [start, end). */
  techniquesIn(start: number, end: number): ObfuscationTechnique[] {
    return techniquesFromFlags(this.flagsIn(start, end));
  }
}

/** Converts fold technique bits to technique names, in the order they are declared in types.ts. */
export function techniquesFromFlags(bits: number): ObfuscationTechnique[] {
  const out: ObfuscationTechnique[] = [];
  if (bits === 0) return out;
  if (bits & FOLD_DIGIT_WORDS) out.push('digit-words');
  if (bits & FOLD_LETTER_FOR_DIGIT) out.push('letter-for-digit');
  if (bits & FOLD_UNICODE_DIGITS) out.push('unicode-digits');
  if (bits & FOLD_EMOJI_KEYCAPS) out.push('emoji-keycaps');
  if (bits & FOLD_ZERO_WIDTH_BEFORE) out.push('zero-width');
  if (bits & FOLD_ODD_SEPARATOR) out.push('separators');
  return out;
}

/** Folds obfuscated digits to ASCII; returns the text unchanged (and cheaply) when nothing needs it. */
export function fold(text: string): FoldedText {
  const seeds = collectSeeds(text);
  if (seeds.length === 0) return unchangedText(text);
  return foldRegions(text, regionsAround(text, seeds));
}

/** Folds the whole text without the fast path (exported so tests can check both paths agree). */
export function foldAlways(text: string): FoldedText {
  return foldRegions(text, [0, text.length]);
}

// A text that folding or stripping leaves as it is: one immutable object for the last such text,
// shared by fold() and stripInvisible() (fewer allocations on the common path).
let lastUnchanged: FoldedText | null = null;

function unchangedText(text: string): FoldedText {
  if (lastUnchanged === null || lastUnchanged.original !== text) {
    lastUnchanged = new FoldedText(text, text);
  }
  return lastUnchanged;
}

// The email and handle extractors both strip the same advert text, one after the other.
let lastStripped: FoldedText | null = null;

/** Removes invisible characters only (for email and handle search), with the map back to the original. */
export function stripInvisible(text: string): FoldedText {
  if (lastStripped !== null && lastStripped.original === text) return lastStripped;
  lastStripped = stripInvisibleUncached(text);
  return lastStripped;
}

function stripInvisibleUncached(text: string): FoldedText {
  // Invisible characters are non-ASCII: the shared scan lists those, so most texts are cleared
  // without reading them again.
  const scan = scanText(text);
  let any = false;
  for (let k = 0; k < scan.nNonAscii && !any; k++) {
    any = isInvisible(text.charCodeAt(scan.nonAscii[k] as number));
  }
  if (!any) return unchangedText(text);
  const b = new Builder();
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isInvisible(text.charCodeAt(i))) continue;
    b.verbatim(text, from, i);
    b.pendingZw = true;
    from = i + 1;
  }
  b.verbatim(text, from, text.length);
  return b.finish(text);
}

// ---------------------------------------------------------------------------------------------
// Character classes.

function isInvisible(c: number): boolean {
  return (
    c === 0x00ad ||
    c === 0x180e ||
    (c >= 0x200b && c <= 0x200d) ||
    (c >= 0x2060 && c <= 0x2064) ||
    c === 0xfeff
  );
}

/** Characters allowed between the parts of one digit run. */
export function isRunGapChar(c: number): boolean {
  if (c < 0x80) {
    return (
      c === 0x20 ||
      (c >= 0x09 && c <= 0x0d) ||
      c === 0x2e || // .
      c === 0x2d || // -
      c === 0x2f || // /
      c === 0x5c || // \
      c === 0x28 ||
      c === 0x29 ||
      c === 0x5b ||
      c === 0x5d ||
      c === 0x5f || // _
      c === 0x2a || // *
      c === 0x7c || // |
      c === 0x7e || // ~
      c === 0x3d || // =
      c === 0x2c // , ("seven, seven, oh")
    );
  }
  return (
    c === 0xa0 ||
    c === 0xb7 ||
    c === 0x2022 ||
    (c >= 0x2000 && c <= 0x200a) ||
    (c >= 0x2010 && c <= 0x2015) ||
    c === 0x2212 ||
    c === 0x202f ||
    c === 0x3000 ||
    c === 0xff0d ||
    c === 0xff0e ||
    c === 0xff0f ||
    c === 0xff08 ||
    c === 0xff09
  );
}

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** Full-width ASCII punctuation or the ideographic space (full-width letters and digits are token characters). */
function isWidePunctuation(c: number): boolean {
  if (c === 0x3000) return true;
  if (c < 0xff01 || c > 0xff5e) return false;
  return !(
    (c >= 0xff10 && c <= 0xff19) ||
    (c >= 0xff21 && c <= 0xff3a) ||
    (c >= 0xff41 && c <= 0xff5a)
  );
}

function isLookalikeZero(c: number): boolean {
  return c === 0x041e || c === 0x043e || c === 0x039f || c === 0x03bf;
}

const ND_RE = /\p{Nd}/u;
const ndValueCache = new Map<number, number>();

/** Decimal value of a non-ASCII digit-like code point (any script, superscript, circled), or -1. */
export function unicodeDigitValue(cp: number): number {
  if (cp < 0xb2) return -1;
  if (cp === 0xb9) return 1;
  if (cp === 0xb2) return 2;
  if (cp === 0xb3) return 3;
  if (cp === 0x2070) return 0;
  if (cp >= 0x2074 && cp <= 0x2079) return cp - 0x2070;
  if (cp >= 0x2080 && cp <= 0x2089) return cp - 0x2080;
  if (cp >= 0x2460 && cp <= 0x2468) return cp - 0x245f;
  if (cp >= 0x2474 && cp <= 0x247c) return cp - 0x2473;
  if (cp >= 0x2488 && cp <= 0x2490) return cp - 0x2487;
  if (cp === 0x24ea || cp === 0x24ff) return 0;
  if (cp >= 0x24f5 && cp <= 0x24fd) return cp - 0x24f4;
  if (cp >= 0x2776 && cp <= 0x277e) return cp - 0x2775;
  if (cp >= 0x2780 && cp <= 0x2788) return cp - 0x277f;
  if (cp >= 0x278a && cp <= 0x2792) return cp - 0x2789;
  if (cp === 0x1f100 || cp === 0x1f10b || cp === 0x1f10c) return 0;
  if (cp >= 0x1f101 && cp <= 0x1f10a) return cp - 0x1f101;
  if (cp < 0x660) return -1;
  const cached = ndValueCache.get(cp);
  if (cached !== undefined) return cached;
  let value = -1;
  if (ND_RE.test(String.fromCodePoint(cp))) {
    // Unicode keeps every decimal digit set contiguous, 0..9, so walk back to the block start.
    let zero = cp;
    while (ND_RE.test(String.fromCodePoint(zero - 1))) zero--;
    value = (cp - zero) % 10;
  }
  ndValueCache.set(cp, value);
  return value;
}

// Non-ASCII code points that belong to tokens (letters, digits, marks); cached for the BMP.
const TOKEN_CHAR_RE = /[\p{L}\p{N}\p{M}]/u;
const bmpTokenChar = new Uint8Array(0x10000);

function isTokenCodePoint(cp: number): boolean {
  if (isInvisible(cp) || cp === 0x1f51f) return true;
  if (cp > 0xffff) return TOKEN_CHAR_RE.test(String.fromCodePoint(cp));
  let v = bmpTokenChar[cp] as number;
  if (v === 0) {
    v = TOKEN_CHAR_RE.test(String.fromCharCode(cp)) ? 2 : 1;
    bmpTokenChar[cp] = v;
  }
  return v === 2;
}

// ---------------------------------------------------------------------------------------------
// Digit words. None is a prefix of another, so the first match at a position is the only one.

const WORD_TEXT = [
  'zero',
  'nought',
  'oh',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'double',
  'triple',
];
/** Digit value, or minus the repeat count for "double"/"triple". */
const WORD_VALUE = [0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, -2, -3];
/** For each lower-case first letter, indexes into WORD_TEXT. */
const WORDS_BY_FIRST: number[][] = [];
for (let w = 0; w < WORD_TEXT.length; w++) {
  const c = (WORD_TEXT[w] as string).charCodeAt(0);
  (WORDS_BY_FIRST[c] ??= []).push(w);
}

let matchedValue = 0;

/** Length of the digit word (any case) at s[pos..end), or 0; its value is left in matchedValue. */
function matchWord(s: string, pos: number, end: number): number {
  const list = WORDS_BY_FIRST[s.charCodeAt(pos) | 0x20];
  if (list === undefined) return 0;
  for (let k = 0; k < list.length; k++) {
    const w = list[k] as number;
    const word = WORD_TEXT[w] as string;
    const len = word.length;
    if (pos + len > end) continue;
    let j = 1;
    while (j < len && (s.charCodeAt(pos + j) | 0x20) === word.charCodeAt(j)) j++;
    if (j === len) {
      matchedValue = WORD_VALUE[w] as number;
      return len;
    }
  }
  return 0;
}

/** True when a digit word ends exactly at `end` (exclusive). */
function wordEndsAt(s: string, end: number): boolean {
  for (const word of WORD_TEXT) {
    const start = end - word.length;
    if (start < 0) continue;
    let j = 0;
    while (j < word.length && (s.charCodeAt(start + j) | 0x20) === word.charCodeAt(j)) j++;
    if (j === word.length) return true;
  }
  return false;
}

function isElementLetter(c: number): boolean {
  return c === 0x4f || c === 0x6f || c === 0x6c || c === 0x49;
}

/** True when an ASCII letter can begin a digit part (a digit word, O/o or l/I). */
function canStartElement(c: number): boolean {
  return isElementLetter(c) || WORDS_BY_FIRST[c | 0x20] !== undefined;
}

// ---------------------------------------------------------------------------------------------
// Pre-check. The common advert is cleared from the scan every extractor shares (scan.ts), without
// reading the text again: its non-ASCII characters (checked one by one), its digit runs (digits
// touching letters) and its tagged words (standalone digit words). It may say yes when folding
// changes nothing, but never no when it would (checked by fuzzing fold against foldAlways).

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isAsciiLetter(c: number): boolean {
  return ((c | 0x20) - 0x61) >>> 0 < 26;
}

// What a non-ASCII code unit can change, cached per BMP unit: 1 nothing, 2 may fold, 3 a
// look-alike letter (folds only next to a digit), 4 a high surrogate (decided by its code point).
const SEED_NO = 1;
const SEED_YES = 2;
const SEED_LOOKALIKE = 3;
const SEED_SURROGATE = 4;
const bmpSeed = new Uint8Array(0x10000);

function seedClass(c: number): number {
  let v = bmpSeed[c] as number;
  if (v !== 0) return v;
  if (c >= 0xd800 && c <= 0xdbff) v = SEED_SURROGATE;
  else if (c >= 0xdc00 && c <= 0xdfff) v = SEED_NO;
  else if (isLookalikeZero(c) || c === 0x04c0) v = SEED_LOOKALIKE;
  else if (
    isInvisible(c) ||
    c === 0x20e3 ||
    isWidePunctuation(c) ||
    unicodeDigitValue(c) >= 0 ||
    // Superscripts, enclosed and dingbat numbers beyond the digits (older pre-checks seeded
    // them; harmless, and it keeps this one a superset).
    (c >= 0x2070 && c <= 0x2089) ||
    (c >= 0x2460 && c <= 0x24ff) ||
    (c >= 0x2776 && c <= 0x2793)
  ) {
    v = SEED_YES;
  } else v = SEED_NO;
  bmpSeed[c] = v;
  return v;
}

function mayFoldAt(text: string, i: number): boolean {
  const v = seedClass(text.charCodeAt(i));
  if (v === SEED_NO) return false;
  if (v === SEED_YES) return true;
  if (v === SEED_LOOKALIKE) {
    // Look-alike letters matter only in a token with digits, so one of them touches a digit
    // (or the token is seeded through its other parts); Cyrillic prose stays on the fast path.
    return isAsciiDigit(text.charCodeAt(i - 1)) || isAsciiDigit(text.charCodeAt(i + 1));
  }
  const cp = text.codePointAt(i) ?? 0;
  if (cp >= 0x1f000 && cp <= 0x1faff) {
    // Emoji and symbols: only the keycap ten and the digit-with-stop/comma signs are digits.
    return cp === 0x1f51f || (cp >= 0x1f100 && cp <= 0x1f10c);
  }
  return cp > 0xffff && unicodeDigitValue(cp) >= 0;
}

// Standalone digit words: a token of ASCII letters, not touching a digit, that is a sequence of
// these in any case (O/o, l/I and i/L included: a harmless superset). The scan tags words whose
// first three letters can begin such a sequence.
const RUN_WORDS = [...WORD_TEXT, 'o', 'l', 'i'];
const RUN_WORDS_BY_FIRST: string[][] = [];
for (const w of RUN_WORDS) (RUN_WORDS_BY_FIRST[w.charCodeAt(0)] ??= []).push(w);
registerWordKind(
  KIND_DIGIT_WORD,
  (() => {
    const prefixes = new Set<string>();
    const grow = (s: string): void => {
      if (s.length >= 3) {
        prefixes.add(s.slice(0, 3));
        return;
      }
      if (s.length > 0) prefixes.add(s);
      for (const w of RUN_WORDS) grow(s + w);
    };
    grow('');
    return prefixes;
  })(),
);

let reach = new Uint8Array(64);

/** True when ASCII letters text[s, e) are a sequence of RUN_WORDS, in any case. */
function isRunWordSequence(text: string, s: number, e: number): boolean {
  const n = e - s;
  // The common case, the pronoun "I".
  if (n === 1) {
    const c = text.charCodeAt(s) | 0x20;
    return c === 0x6f || c === 0x6c || c === 0x69;
  }
  // Words prefix one another ("o", "oh", "one"), so track every reachable split point: as bits
  // of one integer for ordinary words, stopping as soon as none is left ahead ("London").
  if (n <= 30) {
    let mask = 1;
    for (let p = 0; p < n; p++) {
      if (((mask >>> p) & 1) === 0) {
        if (mask >>> p === 0) return false;
        continue;
      }
      const list = RUN_WORDS_BY_FIRST[text.charCodeAt(s + p) | 0x20];
      if (list === undefined) continue;
      for (let k = 0; k < list.length; k++) {
        const w = list[k] as string;
        if (p + w.length > n) continue;
        let j = 1;
        while (j < w.length && (text.charCodeAt(s + p + j) | 0x20) === w.charCodeAt(j)) j++;
        if (j === w.length) mask |= 1 << (p + w.length);
      }
    }
    return ((mask >>> n) & 1) === 1;
  }
  if (reach.length <= n) reach = new Uint8Array(n + 1);
  reach.fill(0, 0, n + 1);
  reach[0] = 1;
  for (let p = 0; p < n; p++) {
    if (reach[p] === 0) continue;
    const list = RUN_WORDS_BY_FIRST[text.charCodeAt(s + p) | 0x20];
    if (list === undefined) continue;
    for (const w of list) {
      if (p + w.length > n) continue;
      let j = 1;
      while (j < w.length && (text.charCodeAt(s + p + j) | 0x20) === w.charCodeAt(j)) j++;
      if (j === w.length) reach[p + w.length] = 1;
    }
  }
  return reach[n] === 1;
}

/**
 * Positions where folding may change something: exotic or invisible characters, digits touching
 * digit parts, digit words in a run, a lone l/I between digits. Empty for most adverts.
 */
function collectSeeds(text: string): number[] {
  const seeds: number[] = [];
  const scan = scanText(text);
  for (let k = 0; k < scan.nNonAscii; k++) {
    const i = scan.nonAscii[k] as number;
    if (mayFoldAt(text, i)) seeds.push(i);
  }
  // Digits touching letters: an O/l/I or a digit word glued to a digit run ("O7", "7seven").
  const n = text.length;
  for (let k = 0; k < scan.nRuns; k++) {
    const a = scan.runStart[k] as number;
    const b = scan.runEnd[k] as number;
    const after = text.charCodeAt(b);
    if (isAsciiLetter(after) && (isElementLetter(after) || matchWord(text, b, n) > 0)) {
      seeds.push(b - 1);
    }
    const before = text.charCodeAt(a - 1);
    if (isAsciiLetter(before) && (isElementLetter(before) || wordEndsAt(text, a))) {
      seeds.push(a - 1);
    }
  }
  // Digit words change only in a run: several in one token, or next to a digit or another one.
  if ((scan.kinds & KIND_DIGIT_WORD) === 0) return seeds;
  let prevEnd = -1;
  for (let k = 0; k < scan.nWords; k++) {
    if (((scan.wordKinds[k] as number) & KIND_DIGIT_WORD) === 0) continue;
    const s = scan.wordStart[k] as number;
    const e = scan.wordEnd[k] as number;
    if (isAsciiDigit(text.charCodeAt(s - 1)) || isAsciiDigit(text.charCodeAt(e))) continue;
    if (!isRunWordSequence(text, s, e)) continue;
    if ((prevEnd >= 0 && gapJoins(text, prevEnd, s)) || wordMayFold(text, s, e)) seeds.push(s);
    prevEnd = e;
  }
  return seeds;
}

/**
 * True when, walking from `pos` in direction `dir` over 1..MAX_GAP gap characters, an ASCII digit
 * or an l/I (a possible lone one) follows.
 */
function partAcrossGap(text: string, pos: number, dir: 1 | -1): boolean {
  let i = dir === 1 ? pos : pos - 1;
  let visible = 0;
  while (i >= 0 && i < text.length) {
    const c = text.charCodeAt(i);
    if ((c >= 0x30 && c <= 0x39) || c === 0x6c || c === 0x49 || c === 0x04c0) return visible > 0;
    if (!isInvisible(c)) {
      if (!isRunGapChar(c) || ++visible > MAX_GAP) return false;
    }
    i += dir;
  }
  return false;
}

/** Whether the standalone digit word [s, e), not joined to the one before, can fold. */
function wordMayFold(text: string, s: number, e: number): boolean {
  const digits = parseElements(text, s, e, null);
  if (digits >= MIN_RUN_DIGITS) return true;
  if (digits >= 0 && parsedKind === K_SANDWICH) {
    // A lone l/I ("I love you") folds only between two digit parts; else it stays a letter.
    return digitPartAcrossGap(text, s, -1) && digitPartAcrossGap(text, e, 1);
  }
  return digitPartAcrossGap(text, s, -1) || digitPartAcrossGap(text, e, 1);
}

/**
 * partAcrossGap, and the token found there can be part of a digit run. "and I love" is not
 * seeded by the "l" of "love": a token that is ordinary text ends the run, so folding from this
 * side could change nothing.
 */
function digitPartAcrossGap(text: string, pos: number, dir: 1 | -1): boolean {
  if (!partAcrossGap(text, pos, dir)) return false;
  let i = dir === 1 ? pos : pos - 1;
  while (isRunGapChar(text.charCodeAt(i)) || isInvisible(text.charCodeAt(i))) i += dir;
  if (dir === 1) return classifyToken(text, tokenStart(text, i), tokenEnd(text, i)) !== K_TEXT;
  const te = tokenEnd(text, i);
  return classifyToken(text, tokenStart(text, te), te) !== K_TEXT;
}

/** True when original text [a, b) is a short run of separators joining two parts of a digit run. */
function gapJoins(text: string, a: number, b: number): boolean {
  let visible = 0;
  for (let i = a; i < b; i++) {
    const c = text.charCodeAt(i);
    if (isInvisible(c)) continue;
    if (!isRunGapChar(c)) return false;
    if (++visible > MAX_GAP) return false;
  }
  return visible > 0;
}

// ---------------------------------------------------------------------------------------------
// Tokens.

// Token kinds: ordinary text; all digits; digits mixed with words or look-alike letters; digit
// words or O/o only (folded in long runs); a lone l/I (folded between digit tokens); and tokens
// with exotic or invisible characters, classified once cleaned.
const K_TEXT = 0;
const K_NUM = 1;
const K_MIX = 2;
const K_COND = 3;
const K_SANDWICH = 4;
const K_HEAVY = 5;
// Element types inside a token.
const E_DIGIT = 0;
const E_WORD = 1;
const E_LETTER_O = 2;
const E_LETTER_L = 3;
const E_MULTIPLIER = 4;

/**
 * A recorded token. `clean` has invisible characters removed and exotic digits as ASCII; for an
 * ASCII token it is the original slice and os/oe/fl stay empty (unit q is original start + q).
 */
interface Token {
  start: number;
  end: number;
  clean: string;
  os: readonly number[];
  oe: readonly number[];
  fl: readonly number[];
  kind: number;
  // Elements: type, digit value (or repeat count for multipliers), clean start/end.
  elType: number[];
  elVal: number[];
  elStart: number[];
  elEnd: number[];
  /** Value a trailing multiplier repeats (the next token's first digit), or -1. */
  trailingValue: number;
  digits: number;
  convert: boolean;
  trailingZeroWidth: boolean;
  /** A lone "o" in a run with digit words: the spoken "oh", reported as a digit word. */
  spoken: boolean;
}

// Kind found by the last parseElements call.
let parsedKind = K_TEXT;

/**
 * Parses s[from..to) as digits, digit words, O/o (zero), l/I (one) and multipliers; returns the
 * digit count (kind in parsedKind) or -1 when the stretch is ordinary text. Fills `tok` if given.
 */
function parseElements(s: string, from: number, to: number, tok: Token | null): number {
  let hasDigit = false;
  let hasL = false;
  let hasO = false;
  let hasWord = false;
  let hasLookalike = false;
  let digits = 0;
  let prevMultiplier = false;
  let p = from;
  while (p < to) {
    const c = s.charCodeAt(p);
    let type: number;
    let val: number;
    let len = 1;
    if (c >= 0x30 && c <= 0x39) {
      type = E_DIGIT;
      val = c - 0x30;
      hasDigit = true;
    } else if ((len = matchWord(s, p, to)) > 0) {
      type = matchedValue < 0 ? E_MULTIPLIER : E_WORD;
      val = matchedValue < 0 ? -matchedValue : matchedValue;
      hasWord = true;
    } else if (c === 0x4f || c === 0x6f || isLookalikeZero(c)) {
      len = 1;
      type = E_LETTER_O;
      val = 0;
      if (c === 0x4f || c === 0x6f) hasO = true;
      else hasLookalike = true;
    } else if (c === 0x6c || c === 0x49 || c === 0x04c0) {
      len = 1;
      type = E_LETTER_L;
      val = 1;
      hasL = true;
    } else return -1;
    // "double double" is not a number.
    if (type === E_MULTIPLIER && prevMultiplier) return -1;
    prevMultiplier = type === E_MULTIPLIER;
    digits += type === E_MULTIPLIER ? val - 1 : 1;
    if (tok !== null) {
      tok.elType.push(type);
      tok.elVal.push(val);
      tok.elStart.push(p);
      tok.elEnd.push(p + len);
    }
    p += len;
  }
  if (p === from) return -1;
  if (hasDigit) parsedKind = hasWord || hasO || hasL || hasLookalike ? K_MIX : K_NUM;
  else if (hasLookalike) parsedKind = K_TEXT;
  else if (hasL) {
    // "l"/"I" alone is the pronoun unless sandwiched; with O's ("OOOl") it may be digits; with
    // digit words it is not a number.
    parsedKind = hasWord ? K_TEXT : hasO ? K_COND : K_SANDWICH;
  } else parsedKind = K_COND;
  return parsedKind === K_TEXT ? -1 : digits;
}

function newToken(start: number, end: number, clean: string): Token {
  return {
    start,
    end,
    clean,
    // ASCII tokens keep these empty (shared; a heavy token gets its own lists).
    os: NO_SEGMENTS,
    oe: NO_SEGMENTS,
    fl: NO_SEGMENTS,
    kind: K_TEXT,
    elType: [],
    elVal: [],
    elStart: [],
    elEnd: [],
    trailingValue: -1,
    digits: 0,
    convert: false,
    trailingZeroWidth: false,
    spoken: false,
  };
}

/** Builds a token with exotic or invisible characters: cleans it unit by unit, then parses it. */
function buildHeavyToken(text: string, start: number, end: number): Token {
  let clean = '';
  const os: number[] = [];
  const oe: number[] = [];
  const fl: number[] = [];
  let pendingZw = false;
  let i = start;
  while (i < end) {
    const cp = text.codePointAt(i) ?? 0;
    const w = cp > 0xffff ? 2 : 1;
    if (isInvisible(cp)) {
      pendingZw = true;
      i += w;
      continue;
    }
    const zw = pendingZw ? FOLD_ZERO_WIDTH_BEFORE : 0;
    pendingZw = false;
    if (cp === 0x1f51f) {
      // Keycap ten: two folded units, both pointing at the emoji.
      clean += '10';
      os.push(i, i);
      oe.push(i + 2, i + 2);
      fl.push(FOLD_EMOJI_KEYCAPS | zw, FOLD_EMOJI_KEYCAPS);
      i += 2;
      continue;
    }
    const v = cp >= 0x30 && cp <= 0x39 ? cp - 0x30 : cp >= 0x80 ? unicodeDigitValue(cp) : -1;
    if (v >= 0) {
      // A keycap (digit, optional VS16, U+20E3) is one digit.
      let j = i + w;
      if (text.charCodeAt(j) === 0xfe0f) j++;
      const keycap = text.charCodeAt(j) === 0x20e3;
      const last = keycap ? j + 1 : i + w;
      clean += String.fromCharCode(0x30 + v);
      os.push(i);
      oe.push(last);
      fl.push((keycap ? FOLD_EMOJI_KEYCAPS : 0) | (cp >= 0x80 ? FOLD_UNICODE_DIGITS : 0) | zw);
      i = last;
      continue;
    }
    // Any other unit is kept verbatim, one folded unit per original unit.
    for (let k = 0; k < w; k++) {
      clean += text[i + k] ?? '';
      os.push(i + k);
      oe.push(i + k + 1);
      fl.push(k === 0 ? zw : 0);
    }
    i += w;
  }
  const tok = newToken(start, end, clean);
  tok.os = os;
  tok.oe = oe;
  tok.fl = fl;
  tok.trailingZeroWidth = pendingZw;
  parseTokenElements(tok);
  return tok;
}

function buildAsciiToken(text: string, start: number, end: number): Token {
  const tok = newToken(start, end, text.slice(start, end));
  parseTokenElements(tok);
  return tok;
}

function parseTokenElements(tok: Token): void {
  const digits = parseElements(tok.clean, 0, tok.clean.length, tok);
  if (digits < 0) {
    tok.elType.length = 0;
    tok.kind = K_TEXT;
    return;
  }
  tok.digits = digits;
  tok.kind = parsedKind;
}

function firstValue(tok: Token): number {
  const t = tok.elType[0];
  if (t === undefined || t === E_MULTIPLIER) return -1;
  return tok.elVal[0] ?? -1;
}

function adjacent(text: string, a: Token, b: Token): boolean {
  return gapJoins(text, a.end, b.start);
}

// ---------------------------------------------------------------------------------------------
// Full fold.

function isTokenCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c < 0x80 ? isAsciiAlnum(c) : isTokenCodePoint(text.codePointAt(i) ?? 0);
}

/** End of the token that continues at i. */
function tokenEnd(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (!isAsciiAlnum(c)) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    if (!isTokenCodePoint(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Start of the token that ends at i. */
function tokenStart(text: string, i: number): number {
  while (i > 0) {
    const c = text.charCodeAt(i - 1);
    if (c < 0x80) {
      if (!isAsciiAlnum(c)) break;
      i--;
      continue;
    }
    // A low surrogate belongs to the code point starting one unit earlier.
    const pair = c >= 0xdc00 && c <= 0xdfff && i >= 2;
    const cp = pair ? (text.codePointAt(i - 2) ?? 0) : c;
    const w = cp > 0xffff ? 2 : 1;
    if (!isTokenCodePoint(cp)) break;
    i -= w;
  }
  return i;
}

/** Kind of token [ts, te): K_TEXT when it can never be part of a digit run. */
function classifyToken(text: string, ts: number, te: number): number {
  let asciiDigits = 0;
  let asciiLetters = 0;
  let other = 0;
  let special = false;
  for (let i = ts; i < te;) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c <= 0x39) asciiDigits++;
      else asciiLetters++;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) ?? 0;
    if (isInvisible(cp) || cp === 0x20e3 || cp === 0x1f51f || unicodeDigitValue(cp) >= 0) {
      special = true;
    } else other++;
    i += cp > 0xffff ? 2 : 1;
  }
  if (special) return K_HEAVY;
  // Look-alike letters (Cyrillic О) only matter next to real digits.
  if (other > 0) return asciiDigits > 0 ? K_HEAVY : K_TEXT;
  if (asciiLetters === 0) return K_NUM;
  if (asciiDigits === 0 && !canStartElement(text.charCodeAt(ts))) return K_TEXT;
  return parseElements(text, ts, te, null) < 0 ? K_TEXT : parsedKind;
}

/** End of the token joined to `pos` from the left by a short separator gap, or -1. */
function joinedLeft(text: string, pos: number): number {
  let i = pos;
  let visible = 0;
  while (i > 0 && isRunGapChar(text.charCodeAt(i - 1))) {
    if (++visible > MAX_GAP) return -1;
    i--;
  }
  return visible > 0 && i > 0 && isTokenCharAt(text, i - 1) ? i : -1;
}

/** Start of the token joined to `pos` from the right by a short separator gap, or -1. */
function joinedRight(text: string, pos: number): number {
  let i = pos;
  let visible = 0;
  while (i < text.length && isRunGapChar(text.charCodeAt(i))) {
    if (++visible > MAX_GAP) return -1;
    i++;
  }
  return visible > 0 && i < text.length && isTokenCharAt(text, i) ? i : -1;
}

const byValue = (x: number, y: number): number => x - y;

/** Sorts in place: insertion sort for the usual handful (Array#sort allocates), else Array#sort. */
function sortNumbers(list: number[], cmp: (x: number, y: number) => number): void {
  if (list.length > 32) {
    list.sort(cmp);
    return;
  }
  for (let i = 1; i < list.length; i++) {
    const v = list[i] as number;
    let j = i - 1;
    while (j >= 0 && cmp(list[j] as number, v) > 0) {
      list[j + 1] = list[j] as number;
      j--;
    }
    list[j + 1] = v;
  }
}

/**
 * Regions [start, end) (flat pairs, sorted, disjoint) to fold: for each seed, the whole chain of
 * digit-part tokens joined to it, since whether a digit word folds depends on its run.
 */
function regionsAround(text: string, seeds: number[]): number[] {
  const spans: number[] = [];
  // Seeds come from several scans; in order, a seed inside the chain just built adds nothing.
  sortNumbers(seeds, byValue);
  let covered = -1;
  for (const p of seeds) {
    if (p < covered) continue;
    if (!isTokenCharAt(text, p)) {
      spans.push(p, p + 1);
      continue;
    }
    let l = tokenStart(text, p);
    let r = tokenEnd(text, p);
    for (let j = joinedLeft(text, l); j >= 0; j = joinedLeft(text, l)) {
      const ts = tokenStart(text, j);
      if (classifyToken(text, ts, j) === K_TEXT) break;
      l = ts;
    }
    for (let j = joinedRight(text, r); j >= 0; j = joinedRight(text, r)) {
      const te = tokenEnd(text, j);
      if (classifyToken(text, j, te) === K_TEXT) break;
      r = te;
    }
    spans.push(l, r);
    covered = r;
  }
  // Sort by start and merge overlaps.
  const order = [];
  for (let k = 0; k < spans.length; k += 2) order.push(k);
  sortNumbers(order, (x, y) => (spans[x] as number) - (spans[y] as number));
  const out: number[] = [];
  for (const k of order) {
    const a = spans[k] as number;
    const b = spans[k + 1] as number;
    const last = out.length - 1;
    if (last > 0 && a <= (out[last] as number)) out[last] = Math.max(out[last] as number, b);
    else out.push(a, b);
  }
  return out;
}

function foldRegions(text: string, regions: readonly number[]): FoldedText {
  const tokens: Token[] = [];
  for (let k = 0; k < regions.length; k += 2) {
    const end = regions[k + 1] as number;
    let i = regions[k] as number;
    while (i < end) {
      if (!isTokenCharAt(text, i)) {
        i++;
        continue;
      }
      const te = tokenEnd(text, i);
      const kind = classifyToken(text, i, te);
      if (kind !== K_TEXT) {
        const tok = kind === K_HEAVY ? buildHeavyToken(text, i, te) : buildAsciiToken(text, i, te);
        // Invisible-only tokens are part of the gap around them.
        if (tok.clean.length > 0) tokens.push(tok);
      }
      i = te;
    }
  }
  decideConversions(text, tokens);
  return emit(text, tokens, regions);
}

function decideConversions(text: string, tokens: readonly Token[]): void {
  // A trailing "double"/"triple" repeats the first digit of the next adjacent token; a lone
  // "l"/"I" is a one only when sandwiched between real digit tokens. Resolving one can undo the
  // other, so multipliers are checked again after sandwiches.
  resolveMultipliers(text, tokens);
  resolveSandwiches(text, tokens);
  resolveMultipliers(text, tokens);
  // Runs of adjacent digit-part tokens; words and lone letters fold only in long runs.
  const nt = tokens.length;
  let k = 0;
  while (k < nt) {
    const first = tokens[k] as Token;
    if (first.kind === K_TEXT) {
      k++;
      continue;
    }
    let e = k + 1;
    let total = first.digits;
    while (e < nt) {
      const t = tokens[e] as Token;
      if (t.kind === K_TEXT || !adjacent(text, tokens[e - 1] as Token, t)) break;
      total += t.digits;
      e++;
    }
    // Letters alone ("OOO lol", "Ooooh") are never a number: the run needs a real digit, or
    // digit words in more than one place.
    let anchored = false;
    let wordTokens = 0;
    for (let j = k; j < e; j++) {
      const t = tokens[j] as Token;
      if (t.kind === K_NUM || t.kind === K_MIX) anchored = true;
      else if (hasWord(t)) wordTokens += t.elType.filter(isWordElement).length;
    }
    const long = total >= MIN_RUN_DIGITS && (anchored || wordTokens >= 2);
    for (let j = k; j < e; j++) {
      const t = tokens[j] as Token;
      t.convert = t.kind === K_NUM || t.kind === K_MIX || long;
      t.spoken = wordTokens > 0 && t.clean.length === 1 && t.elType[0] === E_LETTER_O;
    }
    k = e;
  }
}

function isWordElement(type: number): boolean {
  return type === E_WORD || type === E_MULTIPLIER;
}

function hasWord(t: Token | undefined): boolean {
  return t !== undefined && (t.elType.includes(E_WORD) || t.elType.includes(E_MULTIPLIER));
}

function resolveMultipliers(text: string, tokens: readonly Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind === K_TEXT || t.elType[t.elType.length - 1] !== E_MULTIPLIER) continue;
    const next = tokens[k + 1];
    const joined = next !== undefined && next.kind !== K_TEXT && adjacent(text, t, next);
    const v = joined ? firstValue(next) : -1;
    if (v >= 0) {
      t.trailingValue = v;
      continue;
    }
    t.kind = K_TEXT;
    // "triple triple0" is not a number either way round (keeps folding idempotent).
    if (joined && next.elType[0] === E_MULTIPLIER) next.kind = K_TEXT;
  }
}

function isDigitPart(kind: number): boolean {
  return kind === K_NUM || kind === K_MIX || kind === K_COND;
}

function resolveSandwiches(text: string, tokens: readonly Token[]): void {
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.kind !== K_SANDWICH) continue;
    const prev = tokens[k - 1];
    const next = tokens[k + 1];
    const ok =
      prev !== undefined &&
      next !== undefined &&
      isDigitPart(prev.kind) &&
      isDigitPart(next.kind) &&
      adjacent(text, prev, t) &&
      adjacent(text, t, next);
    if (!ok) t.kind = K_TEXT;
  }
}

/** Accumulates the folded text and its segment map. */
class Builder {
  readonly parts: string[] = [];
  readonly fStart: number[] = [];
  readonly oStart: number[] = [];
  readonly oEnd: number[] = [];
  readonly flags: number[] = [];
  out = 0;
  pendingZw = false;
  changed = false;

  /** Copies original [from, to) unchanged. */
  verbatim(text: string, from: number, to: number): void {
    if (to <= from) return;
    this.parts.push(text.slice(from, to));
    this.segment(from, -1, 0, to - from);
  }

  /** Emits `s`, all of whose units come from original [os, oe). */
  mapped(s: string, os: number, oe: number, f: number): void {
    if (s.length === 0) return;
    this.parts.push(s);
    this.segment(os, oe, f, s.length);
    this.changed = true;
  }

  segment(os: number, oe: number, f: number, len: number): void {
    this.fStart.push(this.out);
    this.oStart.push(os);
    this.oEnd.push(oe);
    this.flags.push(f | (this.pendingZw ? FOLD_ZERO_WIDTH_BEFORE : 0));
    if (this.pendingZw) this.changed = true;
    this.pendingZw = false;
    this.out += len;
  }

  finish(text: string): FoldedText {
    if (!this.changed && this.out === text.length) return unchangedText(text);
    return new FoldedText(
      text,
      this.parts.join(''),
      this.fStart,
      this.oStart,
      this.oEnd,
      this.flags,
    );
  }
}

/** Copies original text between tokens, mapping full-width punctuation and dropping invisibles. */
function emitPlain(b: Builder, text: string, from: number, to: number): void {
  let run = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (isInvisible(c)) {
      b.verbatim(text, run, i);
      b.pendingZw = true;
      run = i + 1;
    } else if (isWidePunctuation(c)) {
      b.verbatim(text, run, i);
      b.mapped(String.fromCharCode(c === 0x3000 ? 0x20 : c - 0xfee0), i, i + 1, FOLD_ODD_SEPARATOR);
      run = i + 1;
    }
  }
  b.verbatim(text, run, to);
}

function emitToken(b: Builder, text: string, t: Token): void {
  const ascii = t.os.length === 0;
  if (t.convert) {
    const nel = t.elType.length;
    for (let e = 0; e < nel; e++) {
      const type = t.elType[e] as number;
      const cs = t.elStart[e] as number;
      const ce = t.elEnd[e] as number;
      const os = ascii ? t.start + cs : (t.os[cs] as number);
      const oe = ascii ? t.start + ce : (t.oe[ce - 1] as number);
      let f = 0;
      if (!ascii) for (let q = cs; q < ce; q++) f |= t.fl[q] as number;
      if (type === E_DIGIT) {
        if (f === 0 && oe - os === 1) b.verbatim(text, os, oe);
        else b.mapped(t.clean[cs] ?? '', os, oe, f);
      } else if (type === E_WORD) {
        b.mapped(String(t.elVal[e]), os, oe, f | FOLD_DIGIT_WORDS);
      } else if (type === E_LETTER_O || type === E_LETTER_L) {
        const technique = t.spoken ? FOLD_DIGIT_WORDS : FOLD_LETTER_FOR_DIGIT;
        b.mapped(String(t.elVal[e]), os, oe, f | technique);
      } else {
        const v = e + 1 < nel ? (t.elVal[e + 1] as number) : t.trailingValue;
        b.mapped(String(v).repeat((t.elVal[e] as number) - 1), os, oe, f | FOLD_DIGIT_WORDS);
      }
    }
  } else if (ascii) {
    b.verbatim(text, t.start, t.end);
  } else {
    // Unconverted tokens still lose invisibles and get exotic digits mapped.
    const len = t.clean.length;
    for (let q = 0; q < len; q++) {
      const os = t.os[q] as number;
      const oe = t.oe[q] as number;
      const f = t.fl[q] as number;
      if (f === 0 && oe - os === 1 && t.clean.charCodeAt(q) === text.charCodeAt(os)) {
        b.verbatim(text, os, oe);
      } else if (f === FOLD_ZERO_WIDTH_BEFORE && oe - os === 1) {
        b.pendingZw = true;
        b.verbatim(text, os, oe);
      } else b.mapped(t.clean[q] ?? '', os, oe, f);
    }
  }
  if (t.trailingZeroWidth) b.pendingZw = true;
}

/** Text outside the regions is copied as is; inside, gaps are cleaned and tokens folded. */
function emit(text: string, tokens: readonly Token[], regions: readonly number[]): FoldedText {
  const b = new Builder();
  let pos = 0;
  let t = 0;
  for (let k = 0; k < regions.length; k += 2) {
    const start = regions[k] as number;
    const end = regions[k + 1] as number;
    b.verbatim(text, pos, start);
    pos = start;
    for (; t < tokens.length && (tokens[t] as Token).start < end; t++) {
      const tok = tokens[t] as Token;
      emitPlain(b, text, pos, tok.start);
      emitToken(b, text, tok);
      pos = tok.end;
    }
    emitPlain(b, text, pos, end);
    pos = end;
  }
  b.verbatim(text, pos, text.length);
  return b.finish(text);
}
