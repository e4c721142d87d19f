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
// After a bare number: these make it a percentage, a time, a date, "24/7" or a priced amount.
const DIGITS = /\d+/g;
const BARE_BAD_TAIL = /^(?:[\d%+]|[.,:/]\d|\s*[£€$])/;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * One pass over the digit runs of the text (cheaper than three regexes over the whole text):
 * explicit amounts go to `amounts`, bare 2–4 digit numbers that could be prices go to `bare`.
 */
function scanNumbers(text: string, amounts: Amount[], bare: Amount[]): void {
  // The regex engine finds digit runs faster than a character loop in JS.
  DIGITS.lastIndex = 0;
  for (let m = DIGITS.exec(text); m !== null; m = DIGITS.exec(text)) {
    const s = m.index;
    const j = s + m[0].length;
    const runLen = j - s;
    // The number grammar: \d{1,3}(,\d{3})+ or \d{1,5}, then optionally .\d{1,2}.
    let end = j;
    let intPart = text.slice(s, j);
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
        intPart = text.slice(s, k).replace(/,/g, '');
        valid = true;
      }
    }
    let frac: string | undefined;
    if (valid && text.charCodeAt(end) === 46 && isDigit(text.charCodeAt(end + 1))) {
      const k = isDigit(text.charCodeAt(end + 2)) ? end + 3 : end + 2;
      if (!isDigit(text.charCodeAt(k))) {
        frac = text.slice(end + 1, k);
        end = k;
      }
    }
    DIGITS.lastIndex = Math.max(j, end);
    if (!valid) continue;
    const amount = parseAmount(intPart, frac);
    const prefix = PREFIX.exec(text.slice(Math.max(0, s - 6), s));
    if (prefix) {
      const start = s - prefix[0].length;
      // "1£1": the "£" already ended the previous amount.
      if (amount > 0 && start >= (amounts[amounts.length - 1]?.end ?? 0)) {
        const currency = currencyOf(prefix[1] ?? prefix[2] ?? '');
        amounts.push({ start, end, amount, currency, bare: false });
      }
      continue;
    }
    const prev = s > 0 ? text[s - 1] : '';
    if (prev === '.' || prev === ',' || prev === '£' || prev === '€' || prev === '$') continue;
    const suffix = SUFFIX.exec(text.slice(end, end + 10));
    if (suffix) {
      if (amount > 0) {
        const currency = currencyOf(suffix[1] ?? '');
        amounts.push({ start: s, end: end + suffix[0].length, amount, currency, bare: false });
      }
      continue;
    }
    // Bare: a whole run of 2–4 digits, not glued to a time, date, percentage or phone number.
    if (runLen < 2 || runLen > 4 || end !== j || amount < 20) continue;
    if (prev === ':' || prev === '/' || prev === '+') continue;
    // "07700 900 150": a number right after other digits is part of a phone number.
    if (/\d[\s-]?$/.test(text.slice(Math.max(0, s - 2), s))) continue;
    if (BARE_BAD_TAIL.test(text.slice(j, j + 4))) continue;
    bare.push({ start: s, end: j, amount, currency: 'unknown', bare: true });
  }
}

// Durations, longest alternatives first.
const DURATION =
  /(?=[hoatfp\d½/])(?<![a-z\u00c0-\u024f])(?:(half\s*(?:an?\s*)?(?:hour|hr|h)(?![a-z\u00c0-\u024f])|(?<![\d.,])(?:1\/2|½)\s*(?:hours?|hrs?|h)(?![a-z\u00c0-\u024f])|hh(?![a-z\u00c0-\u024f]))|(over\s*night|all\s*night)|((?<![\d.,])\d{1,2}(?:\.\d)?\s*-?\s*(?:hours?|hrs?|h)|(?:one|two|three|four|an?)\s+(?:hours?|hrs?))(?![a-z\u00c0-\u024f])|(?<![\d.,])(\d{1,3})\s*-?\s*(mins?|minutes?|mns?|m)(?![a-z\u00c0-\u024f])|((?:per|p|\/)\s*(?:hour|hr|h)(?![a-z\u00c0-\u024f])|ph(?![a-z\u00c0-\u024f])|hourly(?![a-z\u00c0-\u024f])|hours?(?![a-z\u00c0-\u024f])|hrs?(?![a-z\u00c0-\u024f])))/gi;

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

function parseAmount(intPart: string, frac: string | undefined): number {
  const whole = Number(intPart.includes(',') ? intPart.replace(/,/g, '') : intPart);
  return frac === undefined ? whole : whole + Number(frac) / 10 ** frac.length;
}

// A duration can only pair with an amount within MAX_GAP characters of it, and no duration is
// longer than this, so only these windows around amounts need scanning.
const MAX_DURATION_CHARS = 24;
const WINDOW = MAX_GAP + MAX_DURATION_CHARS;

function findDurations(text: string, near: readonly { start: number; end: number }[]): Duration[] {
  const out: Duration[] = [];
  let scanned = 0;
  for (const a of near) {
    const from = Math.max(scanned, a.start - WINDOW);
    const to = Math.min(text.length, a.end + WINDOW);
    if (from >= to) continue;
    scanned = scanDurations(text, from, to, out);
  }
  return out;
}

/** Appends durations starting in [from, to) and returns where scanning stopped. */
function scanDurations(text: string, from: number, to: number, out: Duration[]): number {
  // Scan a slice, not the whole text from `from`: exec would otherwise run on to the end looking
  // for the next match. One character before is kept for the lookbehinds; no duration is longer
  // than MAX_DURATION_CHARS, so one starting before `to` ends inside the slice.
  const base = Math.max(0, from - 1);
  const slice = text.slice(base, Math.min(text.length, to + MAX_DURATION_CHARS));
  let stop = to;
  DURATION.lastIndex = from - base;
  for (let m = DURATION.exec(slice); m !== null && base + m.index < to; m = DURATION.exec(slice)) {
    const [all, half, night, hours, mins, minUnit, perHour] = m;
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
    const start = base + m.index;
    if (minutes !== null) out.push({ start, end: start + all.length, minutes });
    stop = Math.max(stop, start + all.length);
  }
  return stop;
}

function overlaps(a: { start: number; end: number }, list: readonly Duration[]): boolean {
  return list.some((d) => a.start < d.end && d.start < a.end);
}

/** Finds prices ("£150/hr", "half hour £80", "1hr 150", "150 roses") with their currency and duration. */
export function extractPrices(text: string): PriceHit[] {
  // Cheap exit: no digit, no price.
  if (!/\d/.test(text)) return [];
  const amounts: Amount[] = [];
  // Bare numbers are only candidates here; they stay only if a duration is adjacent.
  const bare: Amount[] = [];
  scanNumbers(text, amounts, bare);
  if (amounts.length === 0 && bare.length === 0) return [];
  const near = [...amounts, ...bare].sort((x, y) => x.start - y.start);
  // An explicit amount wins over a duration read from the same digits ("£30 mins").
  const durations = findDurations(text, near).filter(
    (d) => !amounts.some((a) => a.start < d.end && d.start < a.end),
  );
  for (const b of bare) if (!overlaps(b, durations)) amounts.push(b);
  if (amounts.length === 0) return [];

  // Candidate pairings: an amount with a duration directly before or after it. A gap with a
  // list separator (",", "|", new line) is a weaker bond than one without, so "30 mins 80, 1 hour
  // 150" pairs 80 with 30 mins, not with 1 hour.
  interface Pair {
    readonly a: number;
    readonly d: number;
    readonly score: number;
  }
  const pairs: Pair[] = [];
  amounts.forEach((am, ai) => {
    durations.forEach((du, di) => {
      // Positions first: most amount/duration pairs are far apart and need no string work.
      const gapStart = du.start >= am.end ? am.end : du.end;
      const gapEnd = du.start >= am.end ? du.start : am.start;
      if (gapEnd < gapStart || gapEnd - gapStart > MAX_GAP) return;
      const gap = text.slice(gapStart, gapEnd);
      if (!GAP.test(gap)) return;
      const separated = /[,;|\n.]/.test(gap) ? 1 : 0;
      pairs.push({ a: ai, d: di, score: separated * 100 + gap.length });
    });
  });
  pairs.sort((x, y) => x.score - y.score || x.a - y.a || x.d - y.d);
  const durationOf = new Map<number, number>();
  const usedDurations = new Set<number>();
  for (const p of pairs) {
    if (durationOf.has(p.a) || usedDurations.has(p.d)) continue;
    durationOf.set(p.a, p.d);
    usedDurations.add(p.d);
  }

  const hits: PriceHit[] = [];
  amounts.forEach((am, ai) => {
    const di = durationOf.get(ai);
    const du = di === undefined ? undefined : durations[di];
    if (am.bare && du === undefined) return;
    const start = du ? Math.min(am.start, du.start) : am.start;
    const end = du ? Math.max(am.end, du.end) : am.end;
    hits.push({
      amount: am.amount,
      currency: am.currency,
      minutes: du ? du.minutes : null,
      span: [start, end],
      raw: text.slice(start, end),
    });
  });
  hits.sort((x, y) => x.span[0] - y.span[0]);
  return hits;
}
