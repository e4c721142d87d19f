import { KIND_DURATION, isJsSpace, registerWordKind, scanText } from './scan.ts';
import type { TextScan } from './scan.ts';
import type { PriceHit } from './types.ts';

/*
 * Prices in adverts come as an amount (with or without a currency) next to a duration, in either
 * order: "£150/hr", "£80 30 mins", "half hour £80", "1hr 150", "150 roses overnight".
 *
 * Currency decisions:
 * - "£", "gbp", "quid", "pound(s)" → GBP; "€", "eur", "euro(s)" → EUR; "$", "usd", "dollar(s)" → USD.
 * - "roses" → GBP. It is the sites' euphemism for money; on the UK sites Beacon serves it stands
 *   for pounds. (On US sites it would mean dollars: revisit if Beacon screens those.)
 * - A bare number is only read as a price when a duration sits right next to it ("1hr 150",
 *   "150 per hour"), and its currency is 'unknown': it is almost always pounds on a UK site, but
 *   the text does not say so, and the consumer should decide.
 * Anything else that looks numeric (phone numbers, ages, "24/7", "100%") is not a price because it
 * has neither a currency nor an adjacent duration.
 */

interface Amount {
  readonly start: number;
  readonly end: number;
  readonly amount: number;
  readonly currency: PriceHit['currency'];
  readonly bare: boolean;
}

interface Duration {
  readonly start: number;
  readonly end: number;
  readonly minutes: number;
}

// Currency just before a number ("£150", "GBP 150", "€ 100"), read from the few characters before it.
const PREFIX = /(?:([£€$])|(?<![a-z\u00c0-\u024f])(gbp|eur|usd)\s?)\s?$/i;
// Currency just after a number ("150£", "150 GBP", "100 quid", "150 roses", "100 euros").
const SUFFIX =
  /^\s?([£€$]|(?:gbp|eur|euros?|usd|dollars?|quid|pounds?|roses?)(?![a-z\u00c0-\u024f]))/i;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * One pass over the digit runs of the text (cheaper than three regexes over the whole text):
 * explicit amounts go to `amounts`, bare 2–4 digit numbers that could be prices go to `bare`.
 */
function scanNumbers(text: string, amounts: Amount[], bare: Amount[], fast: boolean): void {
  // The digit runs come from the scan every extractor shares.
  const scan = scanText(text);
  let next = 0;
  for (let r = 0; r < scan.nRuns; r++) {
    const s = scan.runStart[r] as number;
    // A run already read as the ",000" group or the decimals of the previous number.
    if (s < next) continue;
    const j = scan.runEnd[r] as number;
    const runLen = j - s;
    // The number grammar: \d{1,3}(,\d{3})+ or \d{1,5}, then optionally .\d{1,2}.
    let end = j;
    let valid = runLen <= 5;
    if (runLen <= 3) {
      let k = j;
      while (
        text.charCodeAt(k) === 44 &&
        isDigit(text.charCodeAt(k + 1)) &&
        isDigit(text.charCodeAt(k + 2)) &&
        isDigit(text.charCodeAt(k + 3)) &&
        !isDigit(text.charCodeAt(k + 4))
      ) {
        k += 4;
      }
      if (k > j) {
        end = k;
        valid = true;
      }
    }
    const intEnd = end;
    let fracStart = -1;
    if (valid && text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
      const k = isDigit(text.charCodeAt(end + 2)) ? end + 3 : end + 2;
      if (!isDigit(text.charCodeAt(k))) {
        fracStart = end + 1;
        end = k;
      }
    }
    next = Math.max(j, end);
    if (!valid) continue;
    const amount = amountAt(text, s, intEnd, fracStart, end);
    // The regexes run on a few characters around the number, and only when the character next
    // to it could begin a match (most numbers have neither a currency nor a unit).
    let prefixLength = 0;
    let prefixCurrency: PriceHit['currency'] = 'unknown';
    const sign = fast ? currencySignBefore(text, s) : 0;
    if (sign > 0) {
      // "£150" or "£ 150": PREFIX's only match is the sign (and the space).
      prefixLength = sign;
      prefixCurrency = signCurrency(text.charCodeAt(s - sign));
    } else if (!fast || mayEndWithCurrency(text, s)) {
      const prefix = PREFIX.exec(text.slice(Math.max(0, s - 6), s));
      if (prefix) {
        prefixLength = prefix[0].length;
        prefixCurrency = currencyOf(prefix[1] ?? prefix[2] ?? '');
      }
    }
    if (prefixLength > 0) {
      const start = s - prefixLength;
      // "1£1": the "£" already ended the previous amount.
      if (amount > 0 && start >= (amounts[amounts.length - 1]?.end ?? 0)) {
        amounts.push({ start, end, amount, currency: prefixCurrency, bare: false });
      }
      continue;
    }
    const prev = s > 0 ? text.charCodeAt(s - 1) : -1;
    // . , £ € $
    if (prev === 46 || prev === 44 || prev === 0xa3 || prev === 0x20ac || prev === 36) continue;
    const suffix =
      !fast || mayStartCurrency(text, end) ? SUFFIX.exec(text.slice(end, end + 10)) : null;
    if (suffix) {
      if (amount > 0) {
        const currency = currencyOf(suffix[1] ?? '');
        amounts.push({ start: s, end: end + suffix[0].length, amount, currency, bare: false });
      }
      continue;
    }
    // Bare: a whole run of 2–4 digits, not glued to a time, date, percentage or phone number.
    if (runLen < 2 || runLen > 4 || end !== j || amount < 20) continue;
    // : / +
    if (prev === 58 || prev === 47 || prev === 43) continue;
    // "07700 900 150": a number right after other digits is part of a phone number (\d[\s-]?$).
    if ((isJsSpace(prev) || prev === 45) && isDigit(text.charCodeAt(s - 2))) continue;
    if (badBareTail(text, j)) continue;
    bare.push({ start: s, end: j, amount, currency: 'unknown', bare: true });
  }
}

function isCurrencySign(c: number): boolean {
  return c === 0xa3 || c === 0x20ac || c === 36;
}

function signCurrency(c: number): PriceHit['currency'] {
  return c === 0xa3 ? 'GBP' : c === 0x20ac ? 'EUR' : 'USD';
}

/** Length of a currency sign, and a space after it, just before s ("£", "£ "), or 0. */
function currencySignBefore(text: string, s: number): number {
  if (isCurrencySign(text.charCodeAt(s - 1))) return 1;
  if (isJsSpace(text.charCodeAt(s - 1)) && isCurrencySign(text.charCodeAt(s - 2))) return 2;
  return 0;
}

/** Whether PREFIX can match before s: after at most two spaces, "£", "€", "$" or the end of gbp/eur/usd. */
function mayEndWithCurrency(text: string, s: number): boolean {
  let k = s - 1;
  if (isJsSpace(text.charCodeAt(k))) k--;
  if (isJsSpace(text.charCodeAt(k))) k--;
  const c = text.charCodeAt(k);
  const l = c | 32;
  return c === 0xa3 || c === 0x20ac || c === 36 || l === 112 || l === 114 || l === 100;
}

/** Whether SUFFIX can match at `end`: after at most a space, a currency sign or a unit's first letter. */
function mayStartCurrency(text: string, end: number): boolean {
  let k = end;
  if (isJsSpace(text.charCodeAt(k))) k++;
  const c = text.charCodeAt(k);
  const l = c | 32;
  return (
    c === 0xa3 ||
    c === 0x20ac ||
    c === 36 ||
    // g(bp) e(ur, uro) u(sd) d(ollar) q(uid) p(ound) r(ose)
    l === 103 ||
    l === 101 ||
    l === 117 ||
    l === 100 ||
    l === 113 ||
    l === 112 ||
    l === 114
  );
}

/**
 * After a bare number: these make it a percentage, a time, a date, "24/7" or a priced amount
 * (what /^(?:[\d%+]|[.,:/]\d|\s*[£€$])/ matched on the four characters from j).
 */
function badBareTail(text: string, j: number): boolean {
  const c = text.charCodeAt(j);
  if (isDigit(c) || c === 37 || c === 43) return true;
  if ((c === 46 || c === 44 || c === 58 || c === 47) && isDigit(text.charCodeAt(j + 1))) {
    return true;
  }
  const stop = Math.min(j + 4, text.length);
  let k = j;
  while (k < stop && isJsSpace(text.charCodeAt(k))) k++;
  if (k >= stop) return false;
  const d = text.charCodeAt(k);
  return d === 0xa3 || d === 0x20ac || d === 36;
}

/** The value of the number with integer digits (and commas) [s, intEnd) and decimals [fracStart, end). */
function amountAt(text: string, s: number, intEnd: number, fracStart: number, end: number): number {
  let whole = 0;
  let digits = 0;
  for (let i = s; i < intEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) continue;
    whole = whole * 10 + (c - 48);
    digits++;
  }
  // Beyond 15 digits the sum may round differently from Number(): parse the string as before.
  if (digits > 15) whole = Number(text.slice(s, intEnd).replace(/,/g, ''));
  if (fracStart < 0) return whole;
  let frac = 0;
  for (let i = fracStart; i < end; i++) frac = frac * 10 + (text.charCodeAt(i) - 48);
  return whole + frac / 10 ** (end - fracStart);
}

// Durations, longest alternatives first. The slow path (extractPricesAlways) searches with it;
// the fast path tries DURATION_AT only where a duration can start.
const DURATION =
  /(?=[hoatfp\d½/])(?<![a-z\u00c0-\u024f])(?:(half\s*(?:an?\s*)?(?:hour|hr|h)(?![a-z\u00c0-\u024f])|(?<![\d.,])(?:1\/2|½)\s*(?:hours?|hrs?|h)(?![a-z\u00c0-\u024f])|hh(?![a-z\u00c0-\u024f]))|(over\s*night|all\s*night)|((?<![\d.,])\d{1,2}(?:\.\d)?\s*-?\s*(?:hours?|hrs?|h)|(?:one|two|three|four|an?)\s+(?:hours?|hrs?))(?![a-z\u00c0-\u024f])|(?<![\d.,])(\d{1,3})\s*-?\s*(mins?|minutes?|mns?|m)(?![a-z\u00c0-\u024f])|((?:per|p|\/)\s*(?:hour|hr|h)(?![a-z\u00c0-\u024f])|ph(?![a-z\u00c0-\u024f])|hourly(?![a-z\u00c0-\u024f])|hours?(?![a-z\u00c0-\u024f])|hrs?(?![a-z\u00c0-\u024f])))/gi;

// The same pattern, tried only where a duration can start (see durationStarts).
const DURATION_AT = new RegExp(DURATION.source, 'iy');
// Words a duration can start with ("half", "hh", "hour(s|ly)", "hr(s)", "over", "all", "one" to
// "four", "a(n)", "per", "p", "ph", "phour", "phr"): the shared scan tags them.
registerWordKind(KIND_DURATION, [
  'half',
  'hh',
  'hour',
  'hr',
  'hrs',
  'over',
  'all',
  'one',
  'two',
  'three',
  'four',
  'a',
  'an',
  'per',
  'p',
  'ph',
  'phour',
  'phr',
]);

const HOUR_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  a: 1,
  an: 1,
};
// "150m" is usually metres or millions; only common booking lengths are read as minutes.
const BARE_M_MINUTES: ReadonlySet<number> = new Set([10, 15, 20, 30, 40, 45, 60, 90, 120]);

// What may stand between an amount and its duration: "£150/hr", "£80 for 30 mins", "150 per hour".
const GAP =
  /^[\s\-\u2013=:@/(),.|]*(?:(?:for|per|a|an|each|x)(?![a-z\u00c0-\u024f])[\s\-\u2013=:@/(),.|]*)?$/i;
const MAX_GAP = 12;

function currencyOf(token: string): PriceHit['currency'] {
  const t = token.trim().toLowerCase();
  if (t === '£' || t === 'gbp' || t === 'quid' || t.startsWith('pound') || t.startsWith('rose')) {
    return 'GBP';
  }
  if (t === '€' || t === 'eur' || t.startsWith('euro')) return 'EUR';
  if (t === '$' || t === 'usd' || t.startsWith('dollar')) return 'USD';
  return 'unknown';
}

// A duration can only pair with an amount within MAX_GAP characters of it, and no duration is
// longer than this, so only these windows around amounts need scanning.
const MAX_DURATION_CHARS = 24;
const WINDOW = MAX_GAP + MAX_DURATION_CHARS;

/** Durations near the amounts and bare numbers (each list in text order), windows in text order. */
function findDurations(
  text: string,
  amounts: readonly Amount[],
  bare: readonly Amount[],
  fast: boolean,
): Duration[] {
  const out: Duration[] = [];
  resetDurationStarts();
  let scanned = 0;
  let i = 0;
  let j = 0;
  while (i < amounts.length || j < bare.length) {
    // Merge the two lists by start (a number is never in both, so starts never tie).
    const x = amounts[i];
    const y = bare[j];
    let a: Amount;
    if (y === undefined || (x !== undefined && x.start < y.start)) {
      a = x as Amount;
      i++;
    } else {
      a = y;
      j++;
    }
    const from = Math.max(scanned, a.start - WINDOW);
    const to = Math.min(text.length, a.end + WINDOW);
    if (from >= to) continue;
    const starts = fast ? durationStartsWithin(text, from, to) : -1;
    scanned = scanDurations(text, from, to, starts, out);
  }
  return out;
}

/**
 * Offsets where DURATION can match, window by window (windows come in text order and never
 * overlap, so each source is read once, through these cursors). Its lookbehinds mean a match
 * starts a run of ASCII letters (a word the scan tagged), starts a run of at most three digits,
 * or is at a "/" or "½"; trying the pattern only there, and only when the next few characters
 * allow a match, is much cheaper than letting it search.
 */
let startWord = 0;
let startRun = 0;
let startNonAscii = 0;

// Whether the current text holds a "½" (-1: not looked yet), so emoji are not checked per window.
let halfSign = -1;

function resetDurationStarts(): void {
  startWord = 0;
  startRun = 0;
  startNonAscii = 0;
  halfSign = -1;
}

function hasHalfSign(text: string, scan: TextScan): boolean {
  if (halfSign < 0) {
    halfSign = 0;
    for (let k = 0; k < scan.nNonAscii; k++) {
      if (text.charCodeAt(scan.nonAscii[k] as number) === 0xbd) {
        halfSign = 1;
        break;
      }
    }
  }
  return halfSign === 1;
}

// The offsets of the current window, in a list reused across windows and texts (written by
// index up to a count: no allocation per window).
const startsBuf: number[] = [];

/** Writes the offsets in [from, to), ascending, into startsBuf; returns how many. */
function durationStartsWithin(text: string, from: number, to: number): number {
  const scan = scanText(text);
  const out = startsBuf;
  let n = 0;
  if (scan.kinds & KIND_DURATION) {
    let k = startWord;
    for (; k < scan.nWords && (scan.wordStart[k] as number) < to; k++) {
      const s = scan.wordStart[k] as number;
      if (s < from || ((scan.wordKinds[k] as number) & KIND_DURATION) === 0) continue;
      if (mayStartDuration(text, s, scan.wordEnd[k] as number)) out[n++] = s;
    }
    startWord = k;
  }
  let k = startRun;
  for (; k < scan.nRuns && (scan.runStart[k] as number) < to; k++) {
    const s = scan.runStart[k] as number;
    const e = scan.runEnd[k] as number;
    if (s >= from && e - s <= 3 && unitFollows(text, s, e)) out[n++] = s;
  }
  startRun = k;
  if (scan.slash) {
    for (let i = text.indexOf('/', from); i >= 0 && i < to; i = text.indexOf('/', i + 1)) {
      if (isH(text.charCodeAt(skipSpaces(text, i + 1)))) out[n++] = i;
    }
  }
  if (hasHalfSign(text, scan)) {
    k = startNonAscii;
    for (; k < scan.nNonAscii && (scan.nonAscii[k] as number) < to; k++) {
      const i = scan.nonAscii[k] as number;
      if (i >= from && text.charCodeAt(i) === 0xbd) out[n++] = i;
    }
    startNonAscii = k;
  }
  // Insertion sort: a handful of offsets, mostly in order already.
  for (let i = 1; i < n; i++) {
    const v = out[i] as number;
    let j = i - 1;
    while (j >= 0 && (out[j] as number) > v) {
      out[j + 1] = out[j] as number;
      j--;
    }
    out[j + 1] = v;
  }
  return n;
}

function isH(c: number): boolean {
  return (c | 32) === 104;
}

function skipSpaces(text: string, i: number): number {
  while (isJsSpace(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Whether a duration can start at the tagged word [s, e). Most tagged words are common ones ("a",
 * "all", "one"): those begin a duration only before spaces and "h(ours)" or "n(ight)".
 */
function mayStartDuration(text: string, s: number, e: number): boolean {
  const len = e - s;
  const c = text.charCodeAt(s) | 32;
  // a, an, one, two, three, four: (…)\s+(?:hours?|hrs?)
  if (
    len === 1 ||
    (len === 2 && c === 97) ||
    (len === 3 && (c === 111 || c === 116)) ||
    (len === 5 && c === 116) ||
    (len === 4 && c === 102)
  ) {
    if (c === 97 || c === 111 || c === 116 || c === 102) {
      return isJsSpace(text.charCodeAt(e)) && isH(text.charCodeAt(skipSpaces(text, e)));
    }
  }
  // all, over: (all|over)\s*night, spaced (a word "allnight" or "overnight" is let through).
  if ((len === 3 && c === 97) || (len === 4 && c === 111)) {
    return (text.charCodeAt(skipSpaces(text, e)) | 32) === 110;
  }
  return true;
}

/** Whether a unit can follow the digits [s, e): (\.\d)?, spaces or a hyphen, then h or m; or "1/2". */
function unitFollows(text: string, s: number, e: number): boolean {
  let k = e;
  if (text.charCodeAt(k) === 47) return e - s === 1 && text.charCodeAt(s) === 49;
  if (text.charCodeAt(k) === 46 && isDigit(text.charCodeAt(k + 1))) k += 2;
  k = skipSpaces(text, k);
  if (text.charCodeAt(k) === 45) k = skipSpaces(text, k + 1);
  const l = text.charCodeAt(k) | 32;
  return l === 104 || l === 109;
}

/**
 * Appends durations starting in [from, to) and returns where scanning stopped. `starts` is how
 * many offsets in startsBuf a duration can start at (durationStartsWithin), or -1 to search.
 */
function scanDurations(
  text: string,
  from: number,
  to: number,
  starts: number,
  out: Duration[],
): number {
  // Match in a slice, not the whole text: the lookarounds see exactly what they always saw. One
  // character before is kept for the lookbehinds; no duration is longer than
  // MAX_DURATION_CHARS, so one starting before `to` ends inside the slice.
  const base = Math.max(0, from - 1);
  const slice = text.slice(base, Math.min(text.length, to + MAX_DURATION_CHARS));
  let stop = to;
  // Matches do not overlap: after one, the next may only start at its end.
  let next = from;
  let c = 0;
  DURATION.lastIndex = from - base;
  for (;;) {
    let m: RegExpExecArray | null;
    let p: number;
    if (starts < 0) {
      // The slow path: the pattern searches the slice.
      m = DURATION.exec(slice);
      if (m === null || base + m.index >= to) break;
      p = base + m.index;
    } else {
      if (c >= starts) break;
      p = startsBuf[c++] as number;
      if (p < next) continue;
      DURATION_AT.lastIndex = p - base;
      m = DURATION_AT.exec(slice);
      if (m === null) continue;
    }
    const all = m[0];
    const half = m[1];
    const night = m[2];
    const hours = m[3];
    const mins = m[4];
    const minUnit = m[5];
    const perHour = m[6];
    let minutes: number | null = null;
    if (half !== undefined) minutes = 30;
    else if (night !== undefined) minutes = 720;
    else if (hours !== undefined) {
      const count = /^[\d.]+/.exec(hours)?.[0] ?? hours.split(/\s/)[0] ?? '';
      const n = HOUR_WORDS[count.toLowerCase()] ?? Number(count);
      // "24 hours" next to a price is availability ("available 24 hours £150"), not a booking.
      minutes = n > 0 && n <= 12 ? Math.round(n * 60) : null;
    } else if (mins !== undefined) {
      const n = Number(mins);
      const unitIsM = (minUnit ?? '').toLowerCase() === 'm';
      minutes = n > 0 && n <= 600 && (!unitIsM || BARE_M_MINUTES.has(n)) ? n : null;
    } else if (perHour !== undefined) minutes = 60;
    const start = p;
    if (minutes !== null) out.push({ start, end: start + all.length, minutes });
    stop = Math.max(stop, start + all.length);
    next = start + all.length;
  }
  return stop;
}

interface Pair {
  readonly a: number;
  readonly d: number;
  readonly score: number;
}

// Comparators made once (a closure written inline is a new object at every call).
const byScore = (x: Pair, y: Pair): number => x.score - y.score || x.a - y.a || x.d - y.d;
const bySpanStart = (x: PriceHit, y: PriceHit): number => x.span[0] - y.span[0];

/** Stable in-place insertion sort: these lists hold a few items, and Array#sort allocates. */
function sortSmall<T>(list: T[], cmp: (x: T, y: T) => number): void {
  for (let i = 1; i < list.length; i++) {
    const v = list[i] as T;
    let j = i - 1;
    while (j >= 0 && cmp(list[j] as T, v) > 0) {
      list[j + 1] = list[j] as T;
      j--;
    }
    list[j + 1] = v;
  }
}

/** Array#some callback (this: the amounts), defined once. */
function overlapsAnAmount(this: readonly Amount[], d: Duration): boolean {
  return overlapsAny(d, this);
}

function overlapsAny(
  a: { start: number; end: number },
  list: readonly { start: number; end: number }[],
): boolean {
  for (const d of list) if (a.start < d.end && d.start < a.end) return true;
  return false;
}

/** Finds prices ("£150/hr", "half hour £80", "1hr 150", "150 roses") with their currency and duration. */
export function extractPrices(text: string): PriceHit[] {
  return pricesIn(text, true);
}

/** extractPrices without the fast paths (exported so tests can check both paths agree). */
export function extractPricesAlways(text: string): PriceHit[] {
  return pricesIn(text, false);
}

function pricesIn(text: string, fast: boolean): PriceHit[] {
  // Cheap exit: no digit, no price.
  if (scanText(text).nRuns === 0) return [];
  const amounts: Amount[] = [];
  // Bare numbers are only candidates here; they stay only if a duration is adjacent.
  const bare: Amount[] = [];
  scanNumbers(text, amounts, bare, fast);
  if (amounts.length === 0 && bare.length === 0) return [];
  // An explicit amount wins over a duration read from the same digits ("£30 mins"). (Loops, not
  // closures, here and below: this runs for most adverts, and every allocation costs.)
  let durations = findDurations(text, amounts, bare, fast);
  if (durations.some(overlapsAnAmount, amounts)) {
    durations = durations.filter((d) => !overlapsAny(d, amounts));
  }
  if (durations.length === 0) {
    // Nothing to pair: the explicit amounts, already in text order, are the prices (a bare
    // number only counts next to a duration).
    const hits: PriceHit[] = [];
    for (const am of amounts) {
      hits.push({
        amount: am.amount,
        currency: am.currency,
        minutes: null,
        span: [am.start, am.end],
        raw: text.slice(am.start, am.end),
      });
    }
    return hits;
  }
  for (const b of bare) if (!overlapsAny(b, durations)) amounts.push(b);
  if (amounts.length === 0) return [];

  // Candidate pairings: an amount with a duration directly before or after it. A gap with a
  // list separator (",", "|", new line) is a weaker bond than one without, so "30 mins 80, 1 hour
  // 150" pairs 80 with 30 mins, not with 1 hour.
  const pairs: Pair[] = [];
  for (let ai = 0; ai < amounts.length; ai++) {
    const am = amounts[ai] as Amount;
    for (let di = 0; di < durations.length; di++) {
      const du = durations[di] as Duration;
      // Positions first: most amount/duration pairs are far apart and need no string work.
      const gapStart = du.start >= am.end ? am.end : du.end;
      const gapEnd = du.start >= am.end ? du.start : am.start;
      if (gapEnd < gapStart || gapEnd - gapStart > MAX_GAP) continue;
      const gap = text.slice(gapStart, gapEnd);
      if (!GAP.test(gap)) continue;
      const separated = /[,;|\n.]/.test(gap) ? 1 : 0;
      pairs.push({ a: ai, d: di, score: separated * 100 + gap.length });
    }
  }
  sortSmall(pairs, byScore);
  const durationOf = new Array<number>(amounts.length).fill(-1);
  const usedDurations = new Array<boolean>(durations.length).fill(false);
  for (const p of pairs) {
    if (durationOf[p.a] !== -1 || usedDurations[p.d] === true) continue;
    durationOf[p.a] = p.d;
    usedDurations[p.d] = true;
  }

  const hits: PriceHit[] = [];
  for (let ai = 0; ai < amounts.length; ai++) {
    const am = amounts[ai] as Amount;
    const di = durationOf[ai] as number;
    const du = di < 0 ? undefined : durations[di];
    if (am.bare && du === undefined) continue;
    const start = du ? Math.min(am.start, du.start) : am.start;
    const end = du ? Math.max(am.end, du.end) : am.end;
    hits.push({
      amount: am.amount,
      currency: am.currency,
      minutes: du ? du.minutes : null,
      span: [start, end],
      raw: text.slice(start, end),
    });
  }
  sortSmall(hits, bySpanStart);
  return hits;
}
