import { stripInvisible } from './fold.ts';
import { KIND_LABEL, registerWordKind, scanText, wordIs } from './scan.ts';
import type { TextScan } from './scan.ts';
import type { HandleHit, SocialPlatform } from './types.ts';

/*
 * Three sources, in order of trust: profile links ("instagram.com/anna", "t.me/anna",
 * "wa.me/447700900123"), labelled handles ("IG: anna_xo", "snapchat - annaxo", "👻 annaxo"), and bare
 * "@anna_xo" (platform 'other' unless followed by "on insta" etc.). A later source never overlaps an
 * earlier one. An @ that is part of an email (letters before it, or a domain after it) is never a
 * handle.
 */

// Profile links, found from their host (the scheme and "www." before it are picked up after).
const HOST_RE =
  /(instagram\.com|instagr\.am|twitter\.com|x\.com|tiktok\.com|t\.me|telegram\.me|telegram\.dog|wa\.me|onlyfans\.com|snapchat\.com|kik\.me)\/(?:add\/)?(@?\+?[A-Za-z0-9._-]{1,40})/gi;
const URL_HINT_RE = /\.(?:com|am|me|dog)\//i;
const URL_PREFIX_RE = /(?:https?:\/\/)?(?:(?:www|m|mobile|vm)\.)?$/i;

// Labels are found by a cheap scan, then read with a sticky pattern from the label onwards.
const LABEL_HINT_RE =
  /\b(?:i(?:nsta(?:gram)?|g)|s(?:nap(?:chat)?|c)|t(?:elegram|g|iktok|witter)|kik|onlyfans)\b|\uD83D\uDC7B/gi;
const LABEL_RE =
  /(instagram|insta|ig|snapchat|snap|sc|telegram|tg|tiktok|kik|twitter|onlyfans|\uD83D\uDC7B)[ \t]*(?:(?:id|name|handle|username|user|acc|account)(?![A-Za-z0-9])[ \t]*)?(is(?![A-Za-z0-9])|(?:[:=>\-\u2013\u2014\u2192\u27A1]\uFE0F?)+)?[ \t]*(@)?([A-Za-z0-9._]{2,40})/iy;

// A bare @handle starts the text or follows a space or opening punctuation; anything else before
// the @ may be the end of an email's local part (which can hold almost any ASCII symbol).
const BARE_RE = /(?<=^|[\s([,;:>])@([A-Za-z0-9._]{2,40})/g;
const ON_PLATFORM_RE =
  /^[ \t]*(?:on|via|at|@)[ \t]+(instagram|insta|ig|snapchat|snap|sc|telegram|tg|tiktok|kik|twitter|onlyfans)(?![A-Za-z0-9])/i;

const PLATFORM_BY_LABEL: Readonly<Record<string, SocialPlatform>> = {
  instagram: 'instagram',
  insta: 'instagram',
  ig: 'instagram',
  snapchat: 'snapchat',
  snap: 'snapchat',
  sc: 'snapchat',
  '\u{1F47B}': 'snapchat',
  telegram: 'telegram',
  tg: 'telegram',
  tiktok: 'tiktok',
  kik: 'kik',
  twitter: 'twitter',
  onlyfans: 'onlyfans',
};

const PLATFORM_BY_HOST: Readonly<Record<string, SocialPlatform>> = {
  'instagram.com': 'instagram',
  'instagr.am': 'instagram',
  'twitter.com': 'twitter',
  'x.com': 'twitter',
  'tiktok.com': 'tiktok',
  't.me': 'telegram',
  'telegram.me': 'telegram',
  'telegram.dog': 'telegram',
  'wa.me': 'whatsapp',
  'onlyfans.com': 'onlyfans',
  'snapchat.com': 'snapchat',
  'kik.me': 'kik',
};

// Every label word LABEL_HINT_RE looks for; the shared scan tags words that may be one.
const LABEL_WORDS = Object.keys(PLATFORM_BY_LABEL).filter((k) => /^[a-z]+$/.test(k));
registerWordKind(KIND_LABEL, LABEL_WORDS);

/** Labels short or common enough that a separator (":", "-", "@") is required after them. */
const NEEDS_SEPARATOR = new Set(['ig', 'insta', 'sc', 'snap', 'tg', 'kik', 'twitter', 'onlyfans']);

/** Path segments that are site pages, not profiles. */
const RESERVED_PATHS = new Set(
  (
    'p reel reels explore stories accounts tv i home intent share search hashtag settings tag ' +
    'discover music video joinchat s addstickers login signup about help privacy terms'
  ).split(' '),
);

/** Words that follow a label in prose ("snap me", "insta for more") and are never handles. */
const STOPWORDS = new Set(
  (
    'me my is at on for only and the please pls plz here same below above link links bio dm add ' +
    'follow available name handle account too also or to in with no not yes just now more pics ' +
    'photos videos pic page profile story stories us you it of if by from via are am was'
  ).split(' '),
);

const EMAIL_TLD_RE = /\.(?:com|co|uk|net|org|ru|ro|pl|de|fr|it|es|eu|info|me|io)$/i;

function isAsciiAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

function cleanHandle(raw: string): string {
  let h = raw;
  // A sentence full stop or trailing punctuation is not part of the handle.
  while (h.length > 0 && (h.endsWith('.') || h.endsWith('-'))) h = h.slice(0, -1);
  return h.toLowerCase();
}

function plausible(handle: string): boolean {
  return (
    handle.length >= 2 &&
    handle.length <= 30 &&
    /[a-z]/.test(handle) &&
    !STOPWORDS.has(handle) &&
    !EMAIL_TLD_RE.test(handle)
  );
}

function overlaps(hits: readonly HandleHit[], s: number, e: number): boolean {
  for (const h of hits) if (s < h.span[1] && e > h.span[0]) return true;
  return false;
}

/** Finds social-media handles and profile links in free text. */
export function extractHandles(text: string): HandleHit[] {
  return handlesIn(text, true);
}

/** extractHandles without the fast path (exported so tests can check both paths agree). */
export function extractHandlesAlways(text: string): HandleHit[] {
  return handlesIn(text, false);
}

function handlesIn(text: string, fast: boolean): HandleHit[] {
  if (typeof text !== 'string' || text.length < 3) return [];
  // Zero-width characters hidden inside a handle are dropped; spans still index the original.
  const f = stripInvisible(text);
  const hits = findHandles(f.text, fast && !f.changed);
  if (!f.changed) return hits;
  return hits.map((h) => {
    const span = f.toOriginal(h.span[0], h.span[1]);
    return { ...h, span, raw: text.slice(span[0], span[1]) };
  });
}

/** With `useScan`, candidates come from the shared scan of `text`; without, from searching it. */
function findHandles(text: string, useScan: boolean): HandleHit[] {
  const hits: HandleHit[] = [];
  // The shared scan is of the original text; after invisibles were stripped, search instead.
  const scan = useScan ? scanText(text) : null;

  // A profile link has a '/' after its host.
  if ((scan === null || scan.slash) && URL_HINT_RE.test(text)) {
    HOST_RE.lastIndex = 0;
    for (let m = HOST_RE.exec(text); m !== null; m = HOST_RE.exec(text)) {
      // "inbox.com/x" is not "x.com/x".
      const before = text.charCodeAt(m.index - 1);
      if (m.index > 0 && (isAsciiAlnum(before) || before === 0x2d || before === 0x40)) continue;
      const host = (m[1] ?? '').toLowerCase();
      const platform = PLATFORM_BY_HOST[host] ?? 'other';
      const rawPath = m[2] ?? '';
      let path = rawPath;
      if (path.startsWith('@')) path = path.slice(1);
      if (path.startsWith('+')) path = path.slice(1);
      const handle = cleanHandle(path);
      const ok =
        platform === 'whatsapp'
          ? /^[0-9]{7,15}$/.test(handle)
          : /^[a-z0-9._-]{2,30}$/.test(handle) && /[a-z0-9]/.test(handle);
      if (!ok || RESERVED_PATHS.has(handle)) continue;
      const prefix = URL_PREFIX_RE.exec(text.slice(Math.max(0, m.index - 20), m.index));
      const start = m.index - (prefix?.[0].length ?? 0);
      const end = m.index + m[0].length - rawPath.length + rawPath.indexOf(path) + handle.length;
      hits.push({ platform, handle, span: [start, end], raw: text.slice(start, end) });
    }
  }

  if (scan === null) {
    LABEL_HINT_RE.lastIndex = 0;
    for (let h = LABEL_HINT_RE.exec(text); h !== null; h = LABEL_HINT_RE.exec(text)) {
      const end = readLabelled(text, h.index, hits);
      if (end >= 0) LABEL_HINT_RE.lastIndex = end;
    }
  } else {
    // The places LABEL_HINT_RE would find: tagged words that are a label standing alone (\b on
    // both sides), and the ghost emoji, in text order.
    let from = 0;
    let w = 0;
    let g = nextGhost(text, scan, 0);
    for (;;) {
      while (w < scan.nWords && !isLabelWord(text, scan, w)) w++;
      const ws = w < scan.nWords ? (scan.wordStart[w] as number) : -1;
      let at: number;
      if (ws >= 0 && (g < 0 || ws < (scan.nonAscii[g] as number))) {
        at = ws;
        w++;
      } else if (g >= 0) {
        at = scan.nonAscii[g] as number;
        g = nextGhost(text, scan, g + 1);
      } else break;
      if (at < from) continue;
      const end = readLabelled(text, at, hits);
      if (end >= 0) from = end;
    }
  }

  BARE_RE.lastIndex = 0;
  const hasAt = scan === null ? text.includes('@') : scan.atSign;
  for (let m = hasAt ? BARE_RE.exec(text) : null; m !== null; m = BARE_RE.exec(text)) {
    const rawHandle = m[1] ?? '';
    const after = m.index + m[0].length;
    if (text[after] === '@') continue;
    const handle = cleanHandle(rawHandle);
    if (!plausible(handle) || handle.includes('..')) continue;
    const start = m.index;
    const end = after - rawHandle.length + handle.length;
    if (overlaps(hits, start, end)) continue;
    const on = ON_PLATFORM_RE.exec(text.slice(after, after + 24));
    const platform: SocialPlatform =
      on === null ? 'other' : (PLATFORM_BY_LABEL[(on[1] ?? '').toLowerCase()] ?? 'other');
    hits.push({ platform, handle, span: [start, end], raw: text.slice(start, end) });
  }

  if (hits.length > 1) hits.sort((x, y) => x.span[0] - y.span[0]);
  return hits;
}

/** Reads a labelled handle at a label hint; records it and returns its end, or -1. */
/** A domain name (labels of letters, digits and hyphens, then a dot and a TLD) at the start. */
const DOMAIN_AFTER_AT =
  /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}(?![A-Za-z0-9])/;

function readLabelled(text: string, index: number, hits: HandleHit[]): number {
  LABEL_RE.lastIndex = index;
  const m = LABEL_RE.exec(text);
  if (m === null) return -1;
  const label = (m[1] ?? '').toLowerCase();
  const platform = PLATFORM_BY_LABEL[label];
  if (platform === undefined) return -1;
  const sep = m[2];
  const at = m[3];
  const rawHandle = m[4] ?? '';
  const after = m.index + m[0].length;
  // "insta: anna@gmail.com" is an email, not a handle; so is "sc@host.net" (label glued to @).
  if (text[after] === '@') return -1;
  // "sc@host.net", "ig-@a.co": label, separator and @ written without a space read as an email.
  const between = text.slice(m.index + (m[1] ?? '').length, after - rawHandle.length);
  if (at !== undefined && !/\s/.test(between)) {
    // The handle may stop at a character a domain allows ("sc@aa-a.aa"): read on to decide.
    if (
      rawHandle.includes('.') ||
      DOMAIN_AFTER_AT.test(text.slice(after - rawHandle.length, after + 253))
    ) {
      return -1;
    }
  }
  const handle = cleanHandle(rawHandle);
  if (!plausible(handle)) return -1;
  // "is" alone is prose ("insta is amazing"); a colon, dash or @ marks a handle.
  const marked = (sep !== undefined && sep.toLowerCase() !== 'is') || at !== undefined;
  // Without a mark, only an identifier-looking handle counts, and short labels also need "is".
  const weakOk =
    /[0-9_.]/.test(handle) && (!NEEDS_SEPARATOR.has(label) || sep?.toLowerCase() === 'is');
  if (!marked && !weakOk) return -1;
  const start = m.index;
  const end = after - rawHandle.length + handle.length;
  if (overlaps(hits, start, end)) return -1;
  hits.push({ platform, handle, span: [start, end], raw: text.slice(start, end) });
  return end;
}

function isIdentChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 0x5f;
}

/** True when tagged word w is a whole label word, with no digit or '_' glued to it. */
function isLabelWord(text: string, scan: TextScan, w: number): boolean {
  if (((scan.wordKinds[w] as number) & KIND_LABEL) === 0) return false;
  const s = scan.wordStart[w] as number;
  const e = scan.wordEnd[w] as number;
  if (isIdentChar(text.charCodeAt(s - 1)) || isIdentChar(text.charCodeAt(e))) return false;
  for (const label of LABEL_WORDS) if (wordIs(text, s, e, label)) return true;
  return false;
}

/** Index into scan.nonAscii of the next ghost emoji (U+1F47B) from index k, or -1. */
function nextGhost(text: string, scan: TextScan, k: number): number {
  for (; k < scan.nNonAscii; k++) {
    const i = scan.nonAscii[k] as number;
    if (text.charCodeAt(i) === 0xd83d && text.charCodeAt(i + 1) === 0xdc7b) return k;
  }
  return -1;
}
