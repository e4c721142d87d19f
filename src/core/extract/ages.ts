import { KIND_NUMBER_WORD, isJsSpace, registerWordKind, scanText } from './scan.ts';
import type { AgeHit } from './types.ts';

// Ages outside this range are not an advertiser stating their age ("I'm 5ft", "I'm 100% real").
// 16 and 17 are kept on purpose: a stated under-18 age is exactly what a reviewer must see.
const MIN_AGE = 16;
const MAX_AGE = 80;

/*
 * How it works, and why this way: scanning a whole advert with several context-heavy regexes
 * costs ~10 µs, a fifth of the per-advert budget. Instead the number candidates (a run of exactly
 * two digits, or a number word such as "nineteen") come from the scan the extractors share
 * (scan.ts), and only the few candidates in 16–80 have their left and right context checked with
 * small anchored regexes, each run only when the characters next to the number allow a match:
 * - before: "I'm", "I am (only|just|a)", "age", "age:", "aged", "(just) turned";
 * - after: "years old|young|of age", "yo", "y.o.", "y/o".
 */

const UNITS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
};
const TEENS: Readonly<Record<string, number>> = {
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Readonly<Record<string, number>> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fourty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
};

// "twenty one", "twenty-one", "twentyone", "nineteen": only words that can make 16–80. Sticky:
// it is tried only where the shared scan found a word that may begin one (a match always starts
// a run of ASCII letters, after the lookbehind).
const NUMBER_WORDS =
  /(?<![a-z])(?:(?:twenty|thirty|fou?rty|fifty|sixty|seventy|eighty)(?:[ -]?(?:one|two|three|four|five|six|seven|eight|nine))?|sixteen|seventeen|eighteen|nineteen)(?![a-z])/iy;
registerWordKind(KIND_NUMBER_WORD, [...Object.keys(TENS), ...Object.keys(TEENS)]);

// Left context, anchored at the number: "I'm ", "I am only ", "Age: ", "aged ", "just turned ".
const BEFORE =
  /(?:^|[^a-z\d])(i\s*['\u2019`]?\s*m|i\s+am|age\s*(?:is|[:=\-\u2013])?|aged|(?:(?:just|recently|only\s+just)\s+)?turned)\s*[:\-\u2013]?\s*(?:(?:only|just|now|currently|a|an)\s+)?$/i;
// Right context, anchored after the number: " years old", "-year-old", "yo", " y.o.".
const AFTER =
  /^(?:\s*-?\s*(?:years?|yrs?|yr)\s*-?\s*(?:old|young|of\s+age)|\s*(?:yo|y\.\s?o\.?|y\/o))(?![a-z\d])/i;
// After "I'm 21" these say the number is a measurement, a time, a price or a range, not an age.
const BAD_TAIL =
  /^(?:\s*(?:['\u2019"\u2032\u2033%+/]|[.,:]\d|[-\u2013]\s*\d|to\s+\d|x\s*\d)|\s*(?:ft|feet|foot|cm|mm|kg|kilos?|st|stone|lbs?|mins?|minutes?|miles?|mi|km|hours?|hrs?|h|pounds|quid|roses|gbp|am|pm|dd?|[a-h]{1,2}|inch|inches|mph|percent|cup|size|min|days?|weeks?|months?)(?![a-z\d]))/i;
// Before "21 years old": a range ("18-25 years old", "18 to 25") is about clients or a preference,
// and a run of digits means the number is the tail of a phone number.
const BAD_HEAD = /(?:\d\s*[-\u2013]\s*|(?:^|[^a-z])(?:to|or)\s+|\d{3,}\s?)$/i;

const LETTER = /\p{L}/u;

/** Whether BAD_HEAD can match before `start`: spaces aside, a digit, a dash, or "to"/"or". */
function mayHaveBadHead(text: string, start: number): boolean {
  let k = start;
  while (isSpaceBefore(text, k)) k--;
  const c = text.charCodeAt(k - 1);
  const l = c | 32;
  return (c >= 48 && c <= 57) || c === 45 || c === 0x2013 || l === 111 || l === 114;
}

/** Whether AFTER can match at `end`: after spaces and at most one hyphen, a "y" (years, yo, y/o). */
function mayHaveAgeUnitAfter(text: string, end: number): boolean {
  let k = end;
  while (isJsSpace(text.charCodeAt(k))) k++;
  if (text.charCodeAt(k) === 45) {
    k++;
    while (isJsSpace(text.charCodeAt(k))) k++;
  }
  return (text.charCodeAt(k) | 32) === 121;
}

// BEFORE ends, just before the number (spaces and up to two of ":=-–" aside), with a cue (I'm,
// I am, age, age is, aged, turned: its last word is one of CUE_PIECES) then perhaps one of
// FILLERS; "\s*" lets them share one word ("I'ma 21", "amcurrently").
const CUE_PIECES = ['', 'm', 'im', 'am', 'age', 'ageis', 'is', 'aged', 'turned'];
const FILLERS = ['', 'only', 'just', 'now', 'currently', 'a', 'an'];

/** True when text[from, to) is `word`, ignoring ASCII case. */
function isWordAt(text: string, from: number, to: number, word: string): boolean {
  if (to - from !== word.length) return false;
  for (let j = 0; j < word.length; j++) {
    if ((text.charCodeAt(from + j) | 32) !== word.charCodeAt(j)) return false;
  }
  return true;
}

function isSpaceBefore(text: string, k: number): boolean {
  return k > 0 && isJsSpace(text.charCodeAt(k - 1));
}

/** Whether BEFORE can match before `start`: the ASCII word there is a cue piece and a filler. */
function mayHaveCueBefore(text: string, start: number): boolean {
  let k = start;
  while (isSpaceBefore(text, k)) k--;
  for (let p = 0; p < 2; p++) {
    const c = text.charCodeAt(k - 1);
    if (c !== 58 && c !== 61 && c !== 45 && c !== 0x2013) break;
    k--;
    while (isSpaceBefore(text, k)) k--;
  }
  let w = k;
  while (w > 0 && ((text.charCodeAt(w - 1) | 32) - 97) >>> 0 < 26) w--;
  if (w === k) return false;
  for (const filler of FILLERS) {
    const split = k - filler.length;
    if (split < w || !isWordAt(text, split, k, filler)) continue;
    for (const piece of CUE_PIECES) {
      if ((piece.length > 0 || filler.length > 0) && isWordAt(text, w, split, piece)) return true;
    }
  }
  return false;
}

function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (Number.isNaN(c)) return false;
  if (c < 0x80) return (c >= 48 && c <= 57) || ((c | 32) >= 97 && (c | 32) <= 122);
  return LETTER.test(text[i] ?? '');
}

function wordValue(w: string): number | null {
  const s = w.toLowerCase().replace(/[\s-]+/g, '');
  const teen = TEENS[s];
  if (teen !== undefined) return teen;
  for (const [tw, tv] of Object.entries(TENS)) {
    if (s === tw) return tv;
    if (s.startsWith(tw)) {
      const u = UNITS[s.slice(tw.length)];
      if (u !== undefined) return tv + u;
    }
  }
  return null;
}

const NUMBER_WORD_LIST = [...Object.keys(TENS), ...Object.keys(TEENS)];

/** True when the ASCII word [s, e) starts with a tens or teens word, in any case. */
function startsWithNumberWord(text: string, s: number, e: number): boolean {
  for (const w of NUMBER_WORD_LIST) {
    if (e - s < w.length) continue;
    let j = 0;
    while (j < w.length && (text.charCodeAt(s + j) | 32) === w.charCodeAt(j)) j++;
    if (j === w.length) return true;
  }
  return false;
}

interface Candidate {
  readonly value: number;
  readonly start: number;
  readonly end: number;
  readonly word: boolean;
}

// NUMBER_WORDS searching the whole text: the slow path (extractAgesAlways).
const NUMBER_WORDS_SEARCH = new RegExp(NUMBER_WORDS.source, 'gi');

function candidates(text: string, fast: boolean): Candidate[] {
  const out: Candidate[] = [];
  // Numbers: runs of exactly two digits, from the shared scan.
  const scan = scanText(text);
  for (let k = 0; k < scan.nRuns; k++) {
    const i = scan.runStart[k] as number;
    if ((scan.runEnd[k] as number) - i !== 2) continue;
    const value = (text.charCodeAt(i) - 48) * 10 + (text.charCodeAt(i + 1) - 48);
    if (value >= MIN_AGE && value <= MAX_AGE)
      out.push({ value, start: i, end: i + 2, word: false });
  }
  if (!fast) {
    NUMBER_WORDS_SEARCH.lastIndex = 0;
    const before = out.length;
    for (let m = NUMBER_WORDS_SEARCH.exec(text); m !== null; m = NUMBER_WORDS_SEARCH.exec(text)) {
      const value = wordValue(m[0]);
      if (value !== null && value >= MIN_AGE && value <= MAX_AGE) {
        out.push({ value, start: m.index, end: m.index + m[0].length, word: true });
      }
    }
    if (out.length > before) out.sort((a, b) => a.start - b.start);
    return out;
  }
  if ((scan.kinds & KIND_NUMBER_WORD) === 0) return out;
  let words = false;
  let matchedTo = 0;
  for (let k = 0; k < scan.nWords; k++) {
    if (((scan.wordKinds[k] as number) & KIND_NUMBER_WORD) === 0) continue;
    const start = scan.wordStart[k] as number;
    // Matches do not overlap ("twenty seven" is one); a match begins with a whole tens or teens
    // word, so "for" or "sevens" need no regex.
    if (start < matchedTo || !startsWithNumberWord(text, start, scan.wordEnd[k] as number))
      continue;
    NUMBER_WORDS.lastIndex = start;
    const m = NUMBER_WORDS.exec(text);
    if (m === null) continue;
    matchedTo = start + m[0].length;
    const value = wordValue(m[0]);
    if (value !== null && value >= MIN_AGE && value <= MAX_AGE) {
      out.push({ value, start, end: matchedTo, word: true });
      words = true;
    }
  }
  if (words) out.sort((a, b) => a.start - b.start);
  return out;
}

/** Finds ages the advertiser states ("I'm 21", "21yo", "aged 19", "just turned 18"), 16–80 only. */
export function extractAges(text: string): AgeHit[] {
  return agesIn(text, true);
}

/** extractAges without the fast paths (exported so tests can check both paths agree). */
export function extractAgesAlways(text: string): AgeHit[] {
  return agesIn(text, false);
}

function agesIn(text: string, fast: boolean): AgeHit[] {
  const hits: AgeHit[] = [];
  let lastEnd = 0;
  for (const c of candidates(text, fast)) {
    if (c.start < lastEnd) continue;
    // A digit or letter glued to the number makes it something else ("34DD", "a21"); "21yo" is
    // the one glued form allowed, and AFTER checks it.
    if (c.start > 0 && isWordChar(text, c.start - 1)) continue;
    const from = Math.max(0, c.start - 40);
    // The patterns run on short slices around the number (24 characters after it, 40 before),
    // and only when the characters next to it allow a match: most two-digit numbers in an advert
    // are times, prices or sizes.
    const after =
      !fast || mayHaveAgeUnitAfter(text, c.end) ? AFTER.exec(text.slice(c.end, c.end + 24)) : null;
    // Without a right-hand cue, a glued word or a unit after the number rules it out whatever
    // comes before, so the costlier left-hand pattern is not run ("10am", "5ft", "£80 for").
    if (!after && (isWordChar(text, c.end) || BAD_TAIL.test(text.slice(c.end, c.end + 12)))) {
      continue;
    }
    let before =
      !fast || mayHaveCueBefore(text, c.start) ? BEFORE.exec(text.slice(from, c.start)) : null;
    // The window may begin inside a word ("...xim 21"): "^" only counts at a real word start.
    if (before && before.index === 0 && from > 0 && isWordChar(text, from - 1)) before = null;
    let start = c.start;
    let end: number;
    if (after) {
      if (!before && !c.word && (!fast || mayHaveBadHead(text, c.start))) {
        if (BAD_HEAD.test(text.slice(from, c.start))) continue;
      }
      end = c.end + after[0].length;
    } else if (before) {
      // (A glued word or a unit after the number was ruled out above.)
      end = c.end;
    } else continue;
    if (before) {
      // Start the span at the cue word, not at the separator the regex needed before it.
      const cueStart = from + before.index + before[0].indexOf(before[1] ?? '');
      if (cueStart >= lastEnd) start = cueStart;
    }
    hits.push({ age: c.value, span: [start, end], raw: text.slice(start, end) });
    lastEnd = end;
  }
  return hits;
}
