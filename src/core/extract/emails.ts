import { FOLD_ZERO_WIDTH_BEFORE, stripInvisible } from './fold.ts';
import type { FoldedText } from './fold.ts';
import { KIND_AT, registerWordKind, scanText } from './scan.ts';
import type { EmailHit, ObfuscationTechnique } from './types.ts';

/*
 * Emails are found from their "at": a real @ (ASCII, full-width or small), a bracketed "[at]" /
 * "(at)", or a bare word "at". From there the local part is read backwards and the domain forwards
 * as labels joined by dots that may themselves be spelled ("dot", "[dot]") or spaced. Spelled forms
 * must end in a known TLD. A bare "at" is common English, so there the word before it must not be
 * a common word and the address must look deliberate (a well-known provider, a multi-label
 * domain, an identifier-like local part, or a spelled dot): "anna at gmail.com" and "amber at
 * example dot com" are emails, "look at me dot com" and "meet at the hotel" are not.
 */

const ANCHOR_RE = /[@\uFF20\uFE6B]|\bat\b/gi;
// Cheap test that a bare "at" is followed by something domain-like ("gmail dot", "gmail.", "(dot)").
const AFTER_AT_RE =
  /[ \t]*[\])}>]?[ \t]*[A-Za-z0-9][A-Za-z0-9-]*(?:[ \t]{0,2}[.\uFF0E\u3002][ \t]{0,2}[A-Za-z0-9]|[ \t]*[[({<][ \t]?dot[ \t]?[\])}>]|[ \t]{1,2}dot[ \t]{1,2}[A-Za-z0-9])/iy;
const LABEL_RE = /[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?/y;
// Dot forms: "." (ASCII, full-width, ideographic) optionally spaced, "[dot]" style, or " dot ".
const DOT_RE =
  /[ \t]{0,2}(?:([.\uFF0E\u3002])|[[({<][ \t]?dot[ \t]?[\])}>])[ \t]{0,2}|[ \t]{1,2}dot[ \t]{1,2}/iy;
/** A local-part word and a spelled dot, just before the rest of the local part. */
const LOCAL_DOT_RE =
  /(?<![A-Za-z0-9._%+-])([A-Za-z0-9_%+-]+)(?:[ \t]{1,2}dot[ \t]{1,2}|[ \t]*[[({<][ \t]?dot[ \t]?[\])}>][ \t]*)$/i;
const OPEN_BRACKETS = '[({<';
const CLOSE_BRACKETS = '])}>';

/** TLDs accepted after a spelled or spaced dot (a plain address may use any alphabetic TLD). */
const KNOWN_TLDS = new Set(
  (
    'com net org info biz co uk io me eu de fr es it nl be pl ro bg cz sk hu lt lv ee ru ua by md ' +
    'al rs hr si ba mk gr pt ie se no dk fi at ch li lu tr cy mt is cn jp kr th vn ph my sg id in ' +
    'pk bd ng gh ke za eg ma br ar mx cl pe us ca au nz xyz online site club top app dev email ' +
    'live store shop tv cc ws pro name mobi ac edu gov sch ltd plc london wales scot cymru ' +
    // RFC 2606 reserved names, used by demo data and training material.
    'example test'
  ).split(' '),
);

/** Mail providers that make a bare "name at provider dot com" believable. */
const PROVIDERS = new Set(
  (
    'gmail googlemail hotmail outlook live msn yahoo ymail rocketmail icloud aol protonmail proton ' +
    'pm gmx yandex mail btinternet sky virginmedia talktalk tutanota tuta zoho web wp o2 onet ' +
    'interia abv seznam libero orange wanadoo free laposte qq 163 inbox ukr'
  ).split(' '),
);

/** Words that often precede a bare "at" in prose; never a local part of a bare-"at" email. */
const STOPWORDS = new Set(
  (
    'me us you him her them it is am are was be here there look looking meet meeting see call ' +
    'text ring arrive arrived stay staying available based located live living work working ' +
    'i we they she he and or but a an the my your our just only also now then come cum ' +
    'email mail message whatsapp contact reach find book booking girls girl lady ladies boys ' +
    'guys gents gentlemen men man woman women time place home hotel flat apartment incall ' +
    'outcall incalls outcalls rates price prices'
  ).split(' '),
);

const EMAIL_SHAPE_RE =
  /^[a-z0-9_%+-](?:[a-z0-9._%+-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;
const INVISIBLE_RE = /[\u00AD\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;

/** Canonical lower-case email, or null when `raw` is not shaped like one address. */
export function normaliseEmail(raw: string): string | null {
  if (typeof raw !== 'string') return null;
  let s = raw.trim();
  if (s.length > 300) return null;
  if (/^mailto:/i.test(s)) s = s.slice(7).trim();
  s = s
    .replace(INVISIBLE_RE, '')
    .replace(/[\uFF20\uFE6B]/g, '@')
    .toLowerCase();
  if (s.length > 254 || s.includes('..') || !EMAIL_SHAPE_RE.test(s)) return null;
  return s;
}

function isLocalChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) ||
    ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) ||
    c === 0x2e || // .
    c === 0x5f || // _
    c === 0x25 || // %
    c === 0x2b || // +
    c === 0x2d // -
  );
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0xa0;
}

// The shared scan tags every ASCII word "at", so the common text without an @ sign is read
// word by word instead of searched with ANCHOR_RE.
registerWordKind(KIND_AT, ['at']);

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x5f || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** Finds email addresses, including spelled-out ones ("anna at gmail dot com"), in free text. */
export function extractEmails(text: string): EmailHit[] {
  return findEmails(text, true);
}

/** extractEmails without the fast path (exported so tests can check both paths agree). */
export function extractEmailsAlways(text: string): EmailHit[] {
  return findEmails(text, false);
}

function findEmails(text: string, fast: boolean): EmailHit[] {
  const hits: EmailHit[] = [];
  if (typeof text !== 'string' || text.length < 5) return hits;
  const f = stripInvisible(text);
  const t = f.text;
  let consumed = 0;
  if (fast && !f.changed && !hasAtSign(text)) {
    // Fast path: with no @ sign (of any width) the only anchors are the words "at" (\bat\b).
    const scan = scanText(text);
    if ((scan.kinds & KIND_AT) === 0) return hits;
    for (let k = 0; k < scan.nWords; k++) {
      if (((scan.wordKinds[k] as number) & KIND_AT) === 0) continue;
      const a = scan.wordStart[k] as number;
      if (a < consumed || scan.wordEnd[k] !== a + 2) continue;
      if (isWordChar(t.charCodeAt(a - 1)) || isWordChar(t.charCodeAt(a + 2))) continue;
      consumed = tryAnchor(text, f, a, 2, hits, consumed);
    }
    return hits;
  }
  ANCHOR_RE.lastIndex = 0;
  for (let m = ANCHOR_RE.exec(t); m !== null; m = ANCHOR_RE.exec(t)) {
    const a = m.index;
    if (a < consumed) continue;
    const before = consumed;
    consumed = tryAnchor(text, f, a, m[0].length, hits, consumed);
    if (consumed !== before) ANCHOR_RE.lastIndex = consumed;
  }
  return hits;
}

/** True when the text holds an @ sign: ASCII, full-width or small. */
function hasAtSign(text: string): boolean {
  const scan = scanText(text);
  if (scan.atSign) return true;
  for (let k = 0; k < scan.nNonAscii; k++) {
    const c = text.charCodeAt(scan.nonAscii[k] as number);
    if (c === 0xff20 || c === 0xfe6b) return true;
  }
  return false;
}

/**
 * Reads the address around the anchor at [a, a+len) of the stripped text and records it; returns
 * the offset that later anchors must start from.
 */
function tryAnchor(
  text: string,
  f: FoldedText,
  a: number,
  len: number,
  hits: EmailHit[],
  consumed: number,
): number {
  const t = f.text;
  if (len === 2) {
    AFTER_AT_RE.lastIndex = a + 2;
    if (!AFTER_AT_RE.test(t)) return consumed;
  }
  const hit = readEmailAt(t, a, len);
  if (hit === null) return consumed;
  const [start, end, email, spelled] = hit;
  const span = f.toOriginal(start, end);
  const techniques: ObfuscationTechnique[] = [];
  if (spelled) techniques.push('spelled-symbols');
  if (f.changed && f.flagsIn(start, end) & FOLD_ZERO_WIDTH_BEFORE) techniques.push('zero-width');
  hits.push({
    email,
    span,
    raw: text.slice(span[0], span[1]),
    obfuscated: techniques.length > 0,
    techniques,
  });
  return end;
}

/** Reads an address around the "at" found at [a, a+len): [start, end, email, spelled] or null. */
function readEmailAt(t: string, a: number, len: number): [number, number, string, boolean] | null {
  const word = len === 2; // "at" rather than an @ sign
  const sign = t.charCodeAt(a);
  // Left side of the at-form: spaces, then an optional opening bracket, then spaces.
  let l = a;
  let leftSpaces = 0;
  while (l > 0 && isSpace(t.charCodeAt(l - 1)) && leftSpaces < 3) {
    l--;
    leftSpaces++;
  }
  let bracket = -1;
  if (l > 0 && OPEN_BRACKETS.includes(t[l - 1] ?? '')) {
    bracket = OPEN_BRACKETS.indexOf(t[l - 1] ?? '');
    l--;
    while (l > 0 && isSpace(t.charCodeAt(l - 1)) && leftSpaces < 6) {
      l--;
      leftSpaces++;
    }
  }
  let r = a + len;
  let rightSpaces = 0;
  while (r < t.length && isSpace(t.charCodeAt(r)) && rightSpaces < 3) {
    r++;
    rightSpaces++;
  }
  if (bracket >= 0) {
    if (t[r] !== CLOSE_BRACKETS[bracket]) return null;
    r++;
    while (r < t.length && isSpace(t.charCodeAt(r)) && rightSpaces < 6) {
      r++;
      rightSpaces++;
    }
  }
  if (word && bracket < 0 && (leftSpaces === 0 || rightSpaces === 0)) return null;
  const bareWord = word && bracket < 0;

  // Local part, read backwards.
  let ls = l;
  while (ls > 0 && isLocalChar(t.charCodeAt(ls - 1)) && l - ls < 64) ls--;
  // Part of a longer token (e.g. a URL path): not an address.
  if (ls > 0 && l - ls >= 64) return null;
  while (ls < l && '._%+-'.includes(t[ls] ?? '')) ls++;
  let le = l;
  while (le > ls && t[le - 1] === '.') le--;
  if (le <= ls || le !== l) return null;
  let local = t.slice(ls, le);
  // A spelled dot inside the local part ("anna dot smith at gmail dot com").
  if (!(sign === 0x40 && !word && bracket < 0 && leftSpaces === 0)) {
    for (let k = 0; k < 3 && ls > 0; k++) {
      const m = LOCAL_DOT_RE.exec(t.slice(Math.max(0, ls - 48), ls));
      if (m === null || STOPWORDS.has((m[1] ?? '').toLowerCase())) break;
      local = `${m[1] ?? ''}.${local}`;
      ls -= m[0].length;
    }
  }

  // Domain labels, read forwards.
  const labels: string[] = [];
  const labelEnds: number[] = [];
  let plainDots = true; // every dot so far is an unspaced ASCII "."
  const plainUpTo: boolean[] = [];
  LABEL_RE.lastIndex = r;
  let lm = LABEL_RE.exec(t);
  if (lm === null) return null;
  labels.push(lm[0]);
  labelEnds.push(r + lm[0].length);
  plainUpTo.push(true);
  let pos = r + lm[0].length;
  while (labels.length < 8) {
    DOT_RE.lastIndex = pos;
    const dm = DOT_RE.exec(t);
    if (dm === null) break;
    const afterDot = pos + dm[0].length;
    LABEL_RE.lastIndex = afterDot;
    lm = LABEL_RE.exec(t);
    if (lm === null) break;
    if (dm[0] !== '.') plainDots = false;
    labels.push(lm[0]);
    labelEnds.push(afterDot + lm[0].length);
    plainUpTo.push(plainDots);
    pos = afterDot + lm[0].length;
  }
  if (labels.length < 2) return null;
  const plainAt = !word && bracket < 0 && leftSpaces === 0 && rightSpaces === 0 && sign === 0x40;

  // Longest domain that ends in a known TLD; a fully plain address may end in any letters-only TLD.
  let k = -1;
  for (let i = labels.length - 1; i >= 1; i--) {
    if (KNOWN_TLDS.has((labels[i] as string).toLowerCase())) {
      k = i;
      break;
    }
  }
  if (k < 0 && plainAt) {
    for (let i = labels.length - 1; i >= 1; i--) {
      if (plainUpTo[i] === true && /^[A-Za-z]{2,24}$/.test(labels[i] as string)) {
        k = i;
        break;
      }
    }
  }
  if (k < 0) return null;
  // A label glued to more letters after the TLD ("gmail.community") is not this address.
  const end = labelEnds[k] as number;
  if (k === labels.length - 1 && /[A-Za-z0-9_]/.test(t[end] ?? '')) return null;

  const spelled = !plainAt || !(plainUpTo[k] as boolean);
  if (bareWord) {
    // A bare "at" is everyday English: the address must also look deliberate.
    const lower = local.toLowerCase();
    if (STOPWORDS.has(lower)) return null;
    const provider = PROVIDERS.has((labels[0] as string).toLowerCase());
    const spelledDot = !(plainUpTo[k] as boolean);
    const deliberate =
      provider || k >= 2 || /[0-9_.]/.test(local) || (spelledDot && local.length >= 3);
    if (!deliberate) return null;
  }
  const email = normaliseEmail(`${local}@${labels.slice(0, k + 1).join('.')}`);
  if (email === null) return null;
  return [ls, end, email, spelled];
}
