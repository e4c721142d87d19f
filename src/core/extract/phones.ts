import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js/max';
import {
  FOLD_DIGIT_WORDS,
  FOLD_ODD_SEPARATOR,
  fold,
  foldAlways,
  techniquesFromFlags,
} from './fold.ts';
import type { FoldedText } from './fold.ts';
import { scanText } from './scan.ts';
import type { PhoneHit } from './types.ts';

/*
 * Phone numbers are searched in the folded text (see fold.ts): a candidate is a run of digits
 * joined by short separator gaps. A run may hold several numbers, or a number plus stray digits,
 * so numbers are read from windows that start and end on digit-group boundaries (never inside a
 * group, so a long id is never sliced into a "phone"). Validation is libphonenumber-js/max, with
 * two UK shortcuts: every 07 + 9 digits is accepted by shape (mobiles are the common case and
 * libphonenumber takes ~15 µs per +44 parse), and Ofcom's drama ranges are accepted although
 * libphonenumber calls them invalid, because demo data and training material use them.
 */

/** Ofcom drama ranges (national significant numbers, without the leading 0). */
const UK_DRAMA_RE =
  /^(?:7700900\d{3}|1(?:1[3-8]|[2-6]1)4960\d{3}|1914980\d{3}|2079460\d{3}|2896496\d{3}|2920180\d{3}|1632960\d{3}|8081570\d{3}|9098790\d{3}|3069990\d{3})$/;
const UK_MOBILE_SHAPE_RE = /^7\d{9}$/;

// libphonenumber is slow for some countries, and the same numbers recur across adverts.
const LIB_CACHE_LIMIT = 8192;
const libCache = new Map<string, string | null>();

function libValidate(digits: string, country: CountryCode | undefined): string | null {
  const key = country === undefined ? digits : `${country}:${digits}`;
  const hit = libCache.get(key);
  if (hit !== undefined) return hit;
  let result: string | null = null;
  try {
    const p =
      country === undefined
        ? parsePhoneNumberFromString(`+${digits}`)
        : parsePhoneNumberFromString(digits, country);
    if (p !== undefined && p.isValid()) result = p.number;
  } catch {
    result = null;
  }
  if (libCache.size >= LIB_CACHE_LIMIT) libCache.clear();
  libCache.set(key, result);
  return result;
}

/** E.164 for a UK national significant number (no trunk 0), or null. */
function ukFromNsn(nsn: string): string | null {
  if (nsn.length < 9 || nsn.length > 10) return null;
  const c = nsn.charCodeAt(0);
  if (c < 0x31 || c > 0x39) return null;
  if (UK_MOBILE_SHAPE_RE.test(nsn) || UK_DRAMA_RE.test(nsn)) return `+44${nsn}`;
  return libValidate(`44${nsn}`, undefined);
}

/** E.164 for digits written after "+" or "00" (country code first), or null. */
function fromInternational(digits: string): string | null {
  if (digits.length < 8 || digits.length > 16) return null;
  if (digits.startsWith('44')) {
    let nsn = digits.slice(2);
    // "+44 (0) 7700 ..." keeps the trunk zero that E.164 drops.
    if (nsn.startsWith('0')) nsn = nsn.slice(1);
    return ukFromNsn(nsn);
  }
  if (digits.length > 15 || digits.charCodeAt(0) === 0x30) return null;
  return libValidate(digits, undefined);
}

/** E.164 for digits written without "+": national format of the default country, "00…" or "44…". */
function fromUnprefixed(digits: string, country: CountryCode): string | null {
  if (digits.startsWith('00')) return fromInternational(digits.slice(2));
  if (country === 'GB') {
    if (digits.charCodeAt(0) === 0x30) return ukFromNsn(digits.slice(1));
    // "44 7700 900123" without the plus.
    if (digits.length === 12 && digits.startsWith('44')) return ukFromNsn(digits.slice(2));
    return null;
  }
  if (digits.length < 6 || digits.length > 13) return null;
  return libValidate(digits, country);
}

/** Normalises one phone number (possibly obscured) to E.164, or null when it is not a valid number. */
export function normalisePhone(raw: string, defaultCountry: CountryCode = 'GB'): string | null {
  if (typeof raw !== 'string' || raw.length > 200) return null;
  // A "(0)" trunk after a country code is dropped before reading the digits.
  const text = fold(raw).text.replace(TRUNK_RE, ' ');
  let digits = '';
  let plus = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) digits += text[i];
    else if (c === 0x2b && digits.length === 0) plus = true;
  }
  if (digits.length < 6 || digits.length > 17) return null;
  return plus ? fromInternational(digits) : fromUnprefixed(digits, defaultCountry);
}

const TRUNK_RE = /\(\s*0\s*\)/g;

// Separators allowed inside one run of a phone number (the same set fold.ts joins digit words
// with). The colon is excluded so times ("10:00-22:00") never join; a comma may join ("seven,
// seven, oh"), and windows on group boundaries keep lists of small numbers from making a phone.
const SEP = String.raw`[\s.,\-\u2010-\u2015\u2212/\\()\[\]_*|~=\u2022\u00B7]`;
// Runs of at least 7 digits (shorter ones can never hold a number here, so prices and times are
// skipped inside the regex engine). Starts at a digit (an optional leading part would make the
// engine try every position); a "+" just before the run is checked by hand.
const RUN_RE = new RegExp(String.raw`[0-9](?:${SEP}{0,4}[0-9]){6,}`, 'g');

/** RUN_RE's matches in t, as flat [start, end) pairs. */
// Scratch lists reused by every call (extractPhones is not re-entrant): fewer allocations. They
// are written by index up to a count, never truncated (setting `length` is a slow call).
const runsBuf: number[] = [];
const gsBuf: number[] = [];
const geBuf: number[] = [];
const cumBuf: number[] = [];
const groupLens: number[] = [];
const groupStarts: number[] = [];

/** Writes RUN_RE's matches in t into runsBuf as flat [start, end) pairs; returns 2 * their count. */
function runsByRegex(t: string): number {
  const out = runsBuf;
  let n = 0;
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(t); m !== null; m = RUN_RE.exec(t)) {
    out[n++] = m.index;
    out[n++] = m.index + m[0].length;
  }
  return n;
}

/**
 * RUN_RE's matches, from the digit runs of the shared scan: SEP and digits never overlap, so a
 * match is a chain of digit runs joined by gaps of one to four SEP characters, holding at least
 * seven digits, and running to the chain's last digit.
 */
function runsFromScan(t: string): number {
  const out = runsBuf;
  let n = 0;
  const scan = scanText(t);
  let k = 0;
  while (k < scan.nRuns) {
    const start = scan.runStart[k] as number;
    let end = scan.runEnd[k] as number;
    let digits = end - start;
    k++;
    while (k < scan.nRuns) {
      const next = scan.runStart[k] as number;
      if (next - end > 4 || !allSep(t, end, next)) break;
      end = scan.runEnd[k] as number;
      digits += end - next;
      k++;
    }
    if (digits >= 7) {
      out[n++] = start;
      out[n++] = end;
    }
  }
  return n;
}

const SEP_RE = new RegExp(`^${SEP}+$`);

function allSep(t: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = t.charCodeAt(i);
    // Common separators first; anything else is checked against SEP itself.
    if (c === 0x20 || c === 0x2d || c === 0x2e) continue;
    if (!SEP_RE.test(t[i] ?? '')) return false;
  }
  return true;
}

function isSpaceChar(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f;
}

/**
 * Works out which formatting tricks a window of digit groups [first, last] used: SPACING_BIT and
 * FOLD_ODD_SEPARATOR. `prefixDigits`
 * is how many leading digits are an international prefix and country code ("+44" 2, "0044" 4).
 */
function formatBits(
  f: FoldedText,
  gs: readonly number[],
  ge: readonly number[],
  first: number,
  last: number,
  prefixDigits: number,
  e164: string,
): number {
  const uk = e164.startsWith('+44');
  const twoDigitArea = e164.startsWith('+442');
  const t = f.text;
  let separators = false;
  let spacing = false;
  let punctType = 0;
  let spaceGaps = 0;
  let punctGaps = 0;
  for (let g = first; g < last; g++) {
    const a = ge[g] as number;
    const b = gs[g + 1] as number;
    // Gaps next to spelled digits are ordinary word spacing, already reported as digit-words.
    if ((f.flagsAt(a - 1) | f.flagsAt(b)) & FOLD_DIGIT_WORDS) continue;
    let spaces = 0;
    let newline = false;
    let punct = 0;
    let punctCount = 0;
    for (let i = a; i < b; i++) {
      const c = t.charCodeAt(i);
      if (isSpaceChar(c)) spaces++;
      else if (c === 0x0a || c === 0x0d || c === 0x0b || c === 0x0c) newline = true;
      else if (c !== 0x28 && c !== 0x29) {
        punct = c === 0x2013 || c === 0x2010 || c === 0x2011 ? 0x2d : c;
        punctCount++;
      }
    }
    if (newline || spaces > 2) spacing = true;
    if (punctCount > 0) punctGaps++;
    else spaceGaps++;
    if (punctCount === 1 && (punct === 0x2d || punct === 0x2e || punct === 0x2f)) {
      // One kind of ordinary punctuation throughout is normal formatting.
      if (punctType !== 0 && punctType !== punct) separators = true;
      punctType = punct;
    } else if (punctCount > 0) separators = true;
  }
  // An odd grouping is reported as the trick most of its gaps use.
  if (oddGrouping(f, gs, ge, first, last, prefixDigits, uk, twoDigitArea)) {
    if (spaceGaps >= punctGaps) spacing = true;
    else separators = true;
  }
  return (spacing ? SPACING_BIT : 0) | (separators ? FOLD_ODD_SEPARATOR : 0);
}

/**
 * True when the digit groups are split in a way ordinary formatting never is. UK numbers, counting
 * the trunk zero, are written whole, in two groups ("07700 900123", "0113 4960123") or in one of
 * the usual three-group shapes ("07700 900 123", "0113 496 0123", "0800 123 456", and "020 7946
 * 0123" for the 02 areas). Other countries vary, so there only several single digits or very many
 * groups count.
 */
function oddGrouping(
  f: FoldedText,
  gs: readonly number[],
  ge: readonly number[],
  first: number,
  last: number,
  prefixDigits: number,
  uk: boolean,
  twoDigitArea: boolean,
): boolean {
  // Group lengths and starts in scratch arrays, from index h on (dropping a group moves h).
  const lens = groupLens;
  const starts = groupStarts;
  let n = 0;
  for (let g = first; g <= last; g++) {
    const a = gs[g] as number;
    const b = ge[g] as number;
    // Spelled digits have no grouping of their own (and are reported as digit-words).
    if (f.flagsIn(a, b) & FOLD_DIGIT_WORDS) return false;
    lens[n] = b - a;
    starts[n] = a;
    n++;
  }
  let h = 0;
  // Drop the international prefix and country code, then a "(0)" trunk written after them.
  let skip = prefixDigits;
  while (skip > 0 && h < n) {
    const l = lens[h] as number;
    if (l <= skip) {
      h++;
      skip -= l;
    } else {
      lens[h] = l - skip;
      starts[h] = (starts[h] as number) + skip;
      skip = 0;
    }
  }
  const trunkGroup = h < n && lens[h] === 1 && f.text.charCodeAt(starts[h] as number) === 0x30;
  if (prefixDigits > 0 && trunkGroup) h++;
  if (!uk) {
    let singles = 0;
    for (let k = h; k < n; k++) if (lens[k] === 1) singles++;
    return singles > 1 || n - h > 6;
  }
  if (prefixDigits > 0 && !trunkGroup && h < n) {
    if (f.text.charCodeAt(starts[h] as number) !== 0x30) lens[h] = (lens[h] as number) + 1; // the trunk zero E.164 leaves out
  }
  const count = n - h;
  if (count <= 1) return false;
  const a = lens[h] as number;
  const b = lens[h + 1] as number;
  if (count === 2) return a < 3 || a > 6 || b < 4;
  if (count > 3) return true;
  const c = lens[h + 2] as number;
  // The usual shapes: 5,3,3 / 4,3,4 / 4,3,3, and 3,4,4 for the 02 areas.
  return !(
    (a === 5 && b === 3 && c === 3) ||
    (a === 4 && b === 3 && (c === 4 || c === 3)) ||
    (a === 3 && b === 4 && c === 4 && twoDigitArea)
  );
}

/** Finds phone numbers in free text, including obscured ones, with spans into the original text. */
export function extractPhones(text: string, defaultCountry: CountryCode = 'GB'): PhoneHit[] {
  return phonesIn(text, defaultCountry, true);
}

/** extractPhones without the fast paths (exported so tests can check both paths agree). */
export function extractPhonesAlways(text: string, defaultCountry: CountryCode = 'GB'): PhoneHit[] {
  return phonesIn(text, defaultCountry, false);
}

function phonesIn(text: string, defaultCountry: CountryCode, fast: boolean): PhoneHit[] {
  const hits: PhoneHit[] = [];
  if (typeof text !== 'string' || text.length === 0) return hits;
  const f = fast ? fold(text) : foldAlways(text);
  const t = f.text;
  // Runs from the shared scan when folding changed nothing (the scan is of the original text).
  const nRuns = fast && !f.changed ? runsFromScan(t) : runsByRegex(t);
  const runs = runsBuf;
  const gs = gsBuf;
  const ge = geBuf;
  for (let r = 0; r < nRuns; r += 2) {
    const base = runs[r] as number;
    const runEnd = runs[r + 1] as number;
    // "+44…" or "+ 44…".
    let plusAt = -1;
    if (t.charCodeAt(base - 1) === 0x2b) plusAt = base - 1;
    else if (t.charCodeAt(base - 2) === 0x2b && isSpaceChar(t.charCodeAt(base - 1)))
      plusAt = base - 2;
    const plus = plusAt >= 0;
    // Digit groups [gs[g], ge[g]) for g < ng.
    let ng = 0;
    for (let i = base; i < runEnd; i++) {
      const c = t.charCodeAt(i);
      if (c < 0x30 || c > 0x39) continue;
      if (ng === 0 || ge[ng - 1] !== i) {
        gs[ng] = i;
        ge[ng] = i + 1;
        ng++;
      } else ge[ng - 1] = i + 1;
    }
    // The run's digits, one slice per group rather than one string per digit.
    let digits = '';
    for (let g = 0; g < ng; g++) digits += t.slice(gs[g], ge[g]);
    // Digit offsets of each group inside `digits`.
    const cum = cumBuf;
    cum[0] = 0;
    for (let g = 0; g < ng; g++)
      cum[g + 1] = (cum[g] as number) + (ge[g] as number) - (gs[g] as number);
    let s = 0;
    while (s < ng) {
      let found = -1;
      let e164: string | null = null;
      for (let e = ng - 1; e >= s; e--) {
        const len = (cum[e + 1] as number) - (cum[s] as number);
        if (len > 17) continue;
        if (len < 7) break;
        const d = digits.slice(cum[s], cum[e + 1]);
        const intl = plus && s === 0;
        e164 = intl ? fromInternationalWindow(d, gs, ge, s, e) : fromUnprefixed(d, defaultCountry);
        if (e164 !== null) {
          found = e;
          break;
        }
      }
      if (found < 0 || e164 === null) {
        s++;
        continue;
      }
      // Leading digits that are an international prefix and country code, for the shape check.
      const from = cum[s] as number;
      let prefixDigits = 0;
      if (plus && s === 0) prefixDigits = e164.startsWith('+44') ? 2 : countryCodeLength(e164);
      else if (digits.startsWith('00', from)) {
        prefixDigits = 2 + (e164.startsWith('+44') ? 2 : countryCodeLength(e164));
      } else if (digits.startsWith('44', from)) prefixDigits = 2;
      let start = plus && s === 0 ? plusAt : (gs[s] as number);
      const end = ge[found] as number;
      // Include an opening parenthesis before an area code when the window closes it.
      const close = t.indexOf(')', start);
      if (start > 0 && t.charCodeAt(start - 1) === 0x28 && close >= 0 && close < end) start--;
      let bits = f.flagsIn(start, end);
      bits |= formatBits(f, gs, ge, s, found, prefixDigits, e164);
      const span = f.toOriginal(start, end);
      const techniques = phoneTechniques(bits);
      hits.push({
        e164,
        span,
        raw: text.slice(span[0], span[1]),
        obfuscated: techniques.length > 0,
        techniques,
      });
      s = found + 1;
    }
  }
  return hits;
}

const SPACING_BIT = 1 << 8;

/** Length of the country calling code of an E.164 number (1–3 digits). */
function countryCodeLength(e164: string): number {
  const p = parsePhoneNumberFromString(e164);
  return p === undefined ? 1 : p.countryCallingCode.length;
}

function phoneTechniques(bits: number): PhoneHit['techniques'] {
  const list = techniquesFromFlags(bits & 0xff);
  if (bits & SPACING_BIT) {
    // Keep the declared order: spacing comes before separators.
    const i = list.indexOf('separators');
    if (i >= 0) list.splice(i, 0, 'spacing');
    else list.push('spacing');
  }
  return list;
}

/** International window: also tries without a "(0)" trunk group written after the country code. */
function fromInternationalWindow(
  d: string,
  gs: readonly number[],
  ge: readonly number[],
  s: number,
  e: number,
): string | null {
  const direct = fromInternational(d);
  if (direct !== null || e <= s) return direct;
  const firstLen = (ge[s] as number) - (gs[s] as number);
  const secondLen = (ge[s + 1] as number) - (gs[s + 1] as number);
  if (secondLen === 1 && d.charCodeAt(firstLen) === 0x30 && firstLen <= 3) {
    return fromInternational(d.slice(0, firstLen) + d.slice(firstLen + 1));
  }
  return null;
}
