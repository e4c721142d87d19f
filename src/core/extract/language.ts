import { eld } from 'eld/extrasmall';
import type { LanguageGuess } from './types.ts';

/*
 * Language of an advert, cheaply.
 *
 * Library: `eld` (Efficient Language Detector, Apache-2.0), with its 'extrasmall' n-gram table
 * (60 languages, ~1 MB, loaded at import, no IO). Compared on 50 advert-like texts in 18
 * languages (the corpus in language.test.ts, ~100 characters each; CPU time on one core):
 *   eld/extrasmall 50/50 correct, ~29 µs/call (~57 µs at 400 chars);
 *   eld/small      50/50, ~43 µs (~79 µs);
 *   tinyld         48/50, ~280 µs (~370 µs);
 *   franc-min      44/50, ~160 µs (~390 µs).
 * Even eld is too dear for a pipeline with ~50 µs per advert for everything, so it only runs
 * when needed:
 * 1. Only the first 400 characters are read.
 * 2. Too few letters to say anything → 'und'.
 * 3. A text in a script that belongs to one language (Thai, Han without kana, kana, Hangul, Greek,
 *    Hebrew) is decided by the script alone.
 * 4. Latin-script text whose words are mostly distinctively English function or advert words, with
 *    no diacritics and no foreign function words, is English. Most adverts on UK sites are, so
 *    this path is the common one; when the sample has no letter outside ASCII (one regex test),
 *    it runs in one character loop over the first 200 characters, words looked up in a trie
 *    (about 1 µs), without counting scripts or building strings.
 * 5. Everything else (other Latin languages, Cyrillic, Arabic, mixed) goes to eld, whose answers
 *    are kept for the last few thousand samples (re-posted adverts repeat them word for word).
 */

const MAX_CHARS = 400;
const MIN_LETTERS = 10;
const FAST_PATH_CHARS = 200;
// eld's cost grows with length; 240 characters were as accurate as 400 on the comparison texts.
const ELD_CHARS = 240;

// Scripts as small integers so counting is an array increment per character.
const LATIN = 0;
const CYRILLIC = 1;
const GREEK = 2;
const THAI = 3;
const HAN = 4;
const KANA = 5;
const HANGUL = 6;
const ARABIC = 7;
const HEBREW = 8;
const OTHER = 9;
const NONE = -1;
const SCRIPTS = 10;

function scriptOf(c: number): number {
  if (c < 0x80) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? LATIN : NONE;
  if (c >= 0xc0 && c <= 0x24f) return c === 0xd7 || c === 0xf7 ? NONE : LATIN;
  if (c >= 0x1e00 && c <= 0x1eff) return LATIN;
  if (c >= 0x400 && c <= 0x4ff) return CYRILLIC;
  if (c >= 0x370 && c <= 0x3ff) return GREEK;
  if (c >= 0xe00 && c <= 0xe7f) return THAI;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf)) return HAN;
  if (c >= 0x3040 && c <= 0x30ff) return KANA;
  if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) return HANGUL;
  if (c >= 0x600 && c <= 0x6ff) return ARABIC;
  if (c >= 0x590 && c <= 0x5ff) return HEBREW;
  // Devanagari, Georgian, Armenian: letters left to eld. Symbols and emoji are not letters.
  if ((c >= 0x900 && c <= 0x97f) || (c >= 0x10a0 && c <= 0x10ff) || (c >= 0x530 && c <= 0x58f)) {
    return OTHER;
  }
  return NONE;
}

// Scripts used by one language only, so the script decides.
const SCRIPT_LANGUAGE: readonly (string | undefined)[] = [
  undefined,
  undefined,
  'el',
  'th',
  'zh',
  'ja',
  'ko',
  undefined,
  'he',
  undefined,
];

// Distinctively English words: common in adverts, rare as words of the other languages adverts
// use. Words shared with them ("a", "in", "me", "no", "to", "is", "i", "massage") are left out.
const ENGLISH: ReadonlySet<string> = new Set(
  (
    "the and you your yours with for are am im i'm i'll i've ive my of this that will can call " +
    'text new town available please only not girl girls lady ladies hello hi hey sexy come see ' +
    'we our us be been have has here there what who when all any just very time fun good nice ' +
    'real genuine photos pics discreet discrete book booking gentlemen gents guys incall incalls ' +
    'outcall outcalls hour hours night day days week love kisses sweet friendly open minded young ' +
    'hot beautiful busty blonde brunette experience service services meet looking enjoy relax ' +
    "relaxing clean safe place parking near from it it's its so do don't dont by at on up out get " +
    "make want like let treat give won't can't number numbers withheld private tonight today now " +
    'babe baby honey naughty fit curvy slim petite mature sorry thanks thank'
  ).split(' '),
);

// Function words of the other languages seen on UK sites; two of them send the text to eld.
const FOREIGN: ReadonlySet<string> = new Set(
  (
    'si și sunt eu de la pe cu nu te mă ma sa să fata fată noua nouă pentru foarte ' +
    'jestem nie się sie na dla tylko zapraszam jak jsem som je se pro jen pouze ve ahoj ' +
    'sou uma um com não nao para muito que soy una con muy el los las y en mi hola ' +
    'sono per molto che il di ciao vagyok és egy az nem csak szia aš esu ir labas tik ' +
    'je suis une et les avec pour très bonjour ich bin und die der das mit für sehr hallo ' +
    'ik ben een het en met voor jam një dhe në të'
  ).split(' '),
);

// The fast path only runs on (almost) pure ASCII text, so ASCII words are enough.
const WORD = /[a-z']+/g;

// The same word lists as a trie over a-z and "'", so the common all-ASCII advert is read in one
// pass with no strings built: node * 27 + symbol gives the next node (0: none), and WORD_CLASS
// says whether a node ends an English (1) or a foreign (2) word. English wins, as in the sets.
const TRIE_NEXT: Int32Array = new Int32Array(27 * 2048);
const WORD_CLASS = new Uint8Array(2048);
let trieNodes = 1;

function symbolOf(c: number): number {
  return c === 39 ? 26 : c - 97;
}

function addWord(word: string, cls: number): void {
  if (!/^[a-z']+$/.test(word)) return; // the fast path never sees other words
  let node = 0;
  for (let i = 0; i < word.length; i++) {
    const slot = node * 27 + symbolOf(word.charCodeAt(i));
    let next = TRIE_NEXT[slot] as number;
    if (next === 0) {
      next = trieNodes++;
      TRIE_NEXT[slot] = next;
    }
    node = next;
  }
  if (WORD_CLASS[node] === 0) WORD_CLASS[node] = cls;
}
for (const w of ENGLISH) addWord(w, 1);
for (const w of FOREIGN) addWord(w, 2);

// Every character scriptOf counts as a letter, except ASCII ones; and the two characters that
// lower-case to ASCII letters (U+0130 İ is in the Latin range already, U+212A is the Kelvin sign).
// Without any of these in the sample, every letter is an ASCII letter. (Devanagari comes first:
// after another character, its first code point, a combining mark, reads as a combined pair.)
const NON_ASCII_LETTER_RE =
  /[\u0900-\u097F\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F\u0370-\u04FF\u0530-\u06FF\u0E00-\u0E7F\u10A0-\u10FF\u1100-\u11FF\u1E00-\u1EFF\u3040-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\uAC00-\uD7AF\u212A]/;

/**
 * detectLanguage for a sample whose letters are all ASCII: the same answer without counting
 * scripts (Latin is the whole of it) or building word strings.
 */
function asciiSample(sample: string): LanguageGuess {
  const n = sample.length;
  const fastEnd = Math.min(n, FAST_PATH_CHARS);
  let letters = 0;
  let words = 0;
  let en = 0;
  let foreign = 0;
  let i = 0;
  while (i < fastEnd) {
    let c = sample.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (!((c >= 97 && c <= 122) || c === 39)) {
      i++;
      continue;
    }
    // A word: a maximal run of [a-z'] in the lower-cased sample, as WORD matches it.
    let node = 0;
    while (i < fastEnd) {
      c = sample.charCodeAt(i);
      if (c >= 65 && c <= 90) c += 32;
      if (c >= 97 && c <= 122) letters++;
      else if (c !== 39) break;
      if (node >= 0) {
        const next = TRIE_NEXT[node * 27 + symbolOf(c)] as number;
        node = next === 0 ? -1 : next;
      }
      i++;
    }
    words++;
    if (node > 0) {
      const cls = WORD_CLASS[node] as number;
      if (cls === 1) en++;
      else if (cls === 2) foreign++;
    }
  }
  // Letters past the fast-path window only matter when there are too few so far.
  for (let j = fastEnd; j < n && letters < MIN_LETTERS; j++) {
    const c = sample.charCodeAt(j) | 32;
    if (c >= 97 && c <= 122) letters++;
  }
  if (letters < MIN_LETTERS) return { code: 'und', confidence: 0 };
  if (words >= 2) {
    const score = en / words;
    if (!(score < 0.25 || foreign >= 2 || foreign * 2 > en)) {
      return { code: 'en', confidence: round2(Math.min(0.95, 0.5 + score)) };
    }
  }
  return fromEld(sample.length > ELD_CHARS ? sample.slice(0, ELD_CHARS) : sample);
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function englishFastPath(sample: string, latinNonAscii: number): LanguageGuess | null {
  if (latinNonAscii >= 2) return null;
  // 200 characters (30-40 words) settle it; reading more only costs time.
  const words = sample.slice(0, FAST_PATH_CHARS).toLowerCase().match(WORD);
  if (!words || words.length < 2) return null;
  let en = 0;
  let foreign = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) en++;
    else if (FOREIGN.has(w)) foreign++;
  }
  const score = en / words.length;
  if (score < 0.25 || foreign >= 2 || foreign * 2 > en) return null;
  return { code: 'en', confidence: round2(Math.min(0.95, 0.5 + score)) };
}

// eld costs 30–50 µs a call, and adverts are re-posted word for word, so its answers are kept
// for the samples seen last (bounded; eld is deterministic, so this changes no answer).
const ELD_CACHE_LIMIT = 2048;
const eldCache = new Map<string, LanguageGuess>();

function fromEld(sample: string): LanguageGuess {
  const hit = eldCache.get(sample);
  if (hit !== undefined) return { code: hit.code, confidence: hit.confidence };
  const guess = fromEldUncached(sample);
  if (eldCache.size >= ELD_CACHE_LIMIT) eldCache.clear();
  eldCache.set(sample, guess);
  return { code: guess.code, confidence: guess.confidence };
}

function fromEldUncached(sample: string): LanguageGuess {
  const r = eld.detect(sample);
  if (!r.language) return { code: 'und', confidence: 0 };
  const scores = Object.values(r.getScores()).sort((a, b) => b - a);
  const top = scores[0] ?? 0;
  const second = scores[1] ?? 0;
  // eld's raw scores are similarity values, not probabilities; the margin over the runner-up is
  // what says how sure it is. Unreliable results (too few n-grams) are capped low.
  const margin = top > 0 ? (top - second) / top : 0;
  const confidence = Math.min(0.95, 0.4 + margin * 2);
  return {
    code: r.language,
    confidence: round2(r.isReliable() ? confidence : Math.min(0.35, confidence)),
  };
}

/** Guesses the language of an advert from its first 400 characters; 'und' when there is too little text. */
export function detectLanguage(text: string): LanguageGuess {
  return languageOf(text, true);
}

/** detectLanguage without the all-ASCII fast path (exported so tests can check both agree). */
export function detectLanguageAlways(text: string): LanguageGuess {
  return languageOf(text, false);
}

function languageOf(text: string, fast: boolean): LanguageGuess {
  const sample = text.length > MAX_CHARS ? text.slice(0, MAX_CHARS) : text;
  // Most adverts on UK sites: only ASCII letters.
  if (fast && !NON_ASCII_LETTER_RE.test(sample)) return asciiSample(sample);
  const counts = new Int32Array(SCRIPTS);
  let letters = 0;
  let latinNonAscii = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    const s = scriptOf(c);
    if (s === NONE) continue;
    letters++;
    if (s === LATIN && c >= 0x80) latinNonAscii++;
    counts[s] = (counts[s] ?? 0) + 1;
  }
  const han = counts[HAN] ?? 0;
  const kana = counts[KANA] ?? 0;
  // CJK packs a word into one or two characters, so it needs fewer letters to be readable.
  const cjk = han + kana + (counts[HANGUL] ?? 0);
  if (letters < MIN_LETTERS && cjk < 4) return { code: 'und', confidence: 0 };

  let main = LATIN;
  let mainCount = 0;
  for (let s = 0; s < SCRIPTS; s++) {
    const n = counts[s] ?? 0;
    if (n > mainCount) {
      main = s;
      mainCount = n;
    }
  }
  // Japanese mixes kanji with kana: any real share of kana makes Han text Japanese.
  if (main === HAN && kana >= mainCount * 0.1) main = KANA;
  const share = (main === KANA ? han + kana : mainCount) / letters;
  const byScript = SCRIPT_LANGUAGE[main];
  if (byScript !== undefined && share >= 0.6) {
    return { code: byScript, confidence: round2(Math.min(0.95, share)) };
  }
  if (main === LATIN && share >= 0.9) {
    const en = englishFastPath(sample, latinNonAscii);
    if (en) return en;
  }
  return fromEld(sample.length > ELD_CHARS ? sample.slice(0, ELD_CHARS) : sample);
}
