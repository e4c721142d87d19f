import { GAZETTEER } from './gazetteer/uk-towns.ts';
import type { GazetteerTown } from './gazetteer/uk-towns.ts';
import {
  F_ACCENT,
  F_AND,
  F_FOLD,
  F_TOWN,
  KIND_TOWN,
  registerWordKind,
  scanText,
  tokenCapital,
  tokenSeparation,
} from './scan.ts';
import type { TextScan } from './scan.ts';
import type { TownHit } from './types.ts';

export { GAZETTEER } from './gazetteer/uk-towns.ts';
export type { GazetteerTown, UkRegion } from './gazetteer/uk-towns.ts';

// ---------------------------------------------------------------------------------------------
// Normalisation
// ---------------------------------------------------------------------------------------------

const MARKS = /\p{M}+/gu;
const APOSTROPHES = /['\u2018\u2019\u02bc`\u00b4]/g;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

function normaliseOnce(s: string): string {
  const folded = s
    .normalize('NFKD')
    .replace(MARKS, '')
    .toLowerCase()
    .normalize('NFKD')
    .replace(MARKS, '')
    .replace(/&/g, ' and ')
    // "King's Lynn" and "Kings Lynn" are the same place; dropping the apostrophe makes them agree.
    .replace(APOSTROPHES, '')
    .replace(NON_WORD, ' ')
    .trim();
  if (folded === '') return '';
  // "St", "St." and "Saint" are written interchangeably in place names.
  return folded
    .split(' ')
    .map((w) => (w === 'saint' ? 'st' : w))
    .join(' ');
}

/** Folds a place name to its comparison key: lower case, no accents or punctuation, "Saint" → "st" (idempotent). */
export function normaliseTownName(s: string): string {
  // Unicode case folding and decomposition can expose new marks or capitals; iterate to a fixed point.
  let cur = normaliseOnce(s);
  for (let i = 0; i < 4; i++) {
    const next = normaliseOnce(cur);
    if (next === cur) return cur;
    cur = next;
  }
  return cur;
}

// ---------------------------------------------------------------------------------------------
// Index
// ---------------------------------------------------------------------------------------------

/** Key (normalised name or alias) → town. Canonical names win over aliases; larger towns win ties. */
const INDEX: ReadonlyMap<string, GazetteerTown> = (() => {
  const m = new Map<string, GazetteerTown>();
  for (const t of GAZETTEER) {
    const k = normaliseTownName(t.name);
    if (!m.has(k)) m.set(k, t);
  }
  for (const t of GAZETTEER) {
    for (const a of t.aliases) {
      const k = normaliseTownName(a);
      if (!m.has(k)) m.set(k, t);
    }
  }
  return m;
})();

/** First token of any key → the most tokens a key starting with it has; gates the window search. */
const FIRST_TOKEN_MAX: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>();
  for (const k of INDEX.keys()) {
    const parts = k.split(' ');
    const first = parts[0] ?? '';
    m.set(first, Math.max(m.get(first) ?? 0, parts.length));
  }
  return m;
})();

// ---------------------------------------------------------------------------------------------
// Lookup of a location field
// ---------------------------------------------------------------------------------------------

// Trailing words a location field often carries that are not part of the town's name.
const FIELD_QUALIFIERS: ReadonlySet<string> = new Set([
  'uk',
  'gb',
  'england',
  'scotland',
  'wales',
  'ni',
  'northern',
  'ireland',
  'city',
  'centre',
  'center',
  'town',
  'central',
  'area',
  'north',
  'south',
  'east',
  'west',
  'greater',
  'county',
  'co',
  'and',
  'upon',
  'berkshire',
  'bedfordshire',
  'buckinghamshire',
  'cambridgeshire',
  'cheshire',
  'cornwall',
  'cumbria',
  'derbyshire',
  'devon',
  'dorset',
  'durham',
  'essex',
  'gloucestershire',
  'hampshire',
  'herefordshire',
  'hertfordshire',
  'kent',
  'lancashire',
  'leicestershire',
  'lincolnshire',
  'manchester',
  'merseyside',
  'middlesex',
  'midlands',
  'norfolk',
  'northamptonshire',
  'northumberland',
  'nottinghamshire',
  'oxfordshire',
  'rutland',
  'shropshire',
  'somerset',
  'staffordshire',
  'suffolk',
  'surrey',
  'sussex',
  'tyne',
  'wear',
  'warwickshire',
  'wiltshire',
  'worcestershire',
  'yorkshire',
  'humber',
  'riding',
  'glamorgan',
  'gwent',
  'powys',
  'gwynedd',
  'dyfed',
  'clwyd',
  'flintshire',
  'fife',
  'lothian',
  'ayrshire',
  'lanarkshire',
  'renfrewshire',
  'aberdeenshire',
  'highlands',
  'highland',
  'antrim',
  'down',
  'armagh',
  'tyrone',
  'fermanagh',
  'londonderry',
]);

// Outward code of a UK postcode ("RG1", "W1", "SW1A", "EH12"): a field like "London W1" names London.
const POSTCODE_DISTRICT = /^[a-z]{1,2}\d[a-z\d]?$/;

/** Finds a gazetteer town by name or alias, ignoring case, accents, punctuation, "St"/"Saint" and trailing county or postcode. */
export function findTown(name: string): GazetteerTown | null {
  const key = normaliseTownName(name);
  if (key === '') return null;
  const exact = INDEX.get(key);
  if (exact) return exact;
  // A location field is explicit, so qualifiers may be peeled off ("Leeds, West Yorkshire",
  // "Manchester city centre", "London W1") until a known name is left.
  const parts = key.split(' ');
  let start = 0;
  let end = parts.length;
  while (end - start > 1) {
    const last = parts[end - 1] ?? '';
    const first = parts[start] ?? '';
    if (FIELD_QUALIFIERS.has(last) || POSTCODE_DISTRICT.test(last)) end--;
    else if (first === 'central' || first === 'greater') start++;
    else break;
    const hit = INDEX.get(parts.slice(start, end).join(' '));
    if (hit) return hit;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Ambiguous names in free text
// ---------------------------------------------------------------------------------------------

/**
 * How much evidence a name needs before it counts as a place in free text.
 * - 'word': an ordinary English word ("reading a book", "bath time", "great deal"): it must be
 *   capitalised AND have a location cue next to it ("in Bath", "Reading town centre").
 * - 'case': a word that is rarely meant as one when capitalised ("Oxford", "Slough",
 *   "Chesterfield"): it must be capitalised OR have a cue.
 * - 'name': a first name or a well-known place abroad ("Chelsea", "Paisley", "Perth"): capitals
 *   prove nothing, so it needs a strong cue ("in Chelsea", "Chelsea area"); "love from Chelsea"
 *   is a signature, not a place.
 * Every other name in the gazetteer matches in any case with no cue.
 */
export type Ambiguity = 'word' | 'case' | 'name';

/** Normalised names that need extra evidence in free text, by tier (see `Ambiguity`). */
export const AMBIGUOUS_TOWN_NAMES: ReadonlyMap<string, Ambiguity> = new Map<string, Ambiguity>([
  ...[
    'reading',
    'bath',
    'street',
    'sale',
    'wells',
    'march',
    'deal',
    'ware',
    'fleet',
    'flint',
    'mold',
    'leek',
    'bury',
    'wick',
    'cardigan',
    'rugby',
    'harrow',
    'barking',
    'grays',
    'welling',
    'lancing',
    'hull',
    'stoke',
    'barrow',
    'comber',
  ].map((k) => [k, 'word'] as const),
  ...[
    'oxford',
    'derby',
    'slough',
    'chesterfield',
    'maidenhead',
    'hackney',
    'hove',
    'neath',
    'wellington',
    'ascot',
    'hyde',
    'kew',
    'new cross',
    'mill hill',
    'forest hill',
  ].map((k) => [k, 'case'] as const),
  ...[
    'chelsea',
    'paisley',
    'beverley',
    'leigh',
    'victoria',
    'harlow',
    'ripley',
    'marlow',
    'kendal',
    'ashton',
    'kingston',
    'burton',
    'henley',
    'nelson',
    'hamilton',
    'washington',
    'barry',
  ].map((k) => [k, 'name'] as const),
]);

// A word just before the name that says "this is where": "in Bath", "near Reading".
const CUE_BEFORE_STRONG: ReadonlySet<string> = new Set([
  'in',
  'near',
  'nr',
  'around',
  'visiting',
  'visit',
  'touring',
  'central',
  'outcall',
  'outcalls',
  'incall',
  'incalls',
  'covering',
  'serving',
  'located',
  'based',
]);
// Weaker cues: fine for capitalised common words, but "love from Chelsea" is a signature.
const CUE_BEFORE_WEAK: ReadonlySet<string> = new Set(['to', 'at', 'from', 'nearby', 'of']);

// A word just after the name that says "this is a place": "Bath city centre", "Reading area".
const CUE_AFTER_PLACE: ReadonlySet<string> = new Set([
  'centre',
  'center',
  'city',
  'town',
  'area',
  'areas',
  'station',
  'based',
  'incall',
  'incalls',
  'outcall',
  'outcalls',
  'uk',
  'england',
  'wales',
  'scotland',
  'berkshire',
  'somerset',
  'kent',
  'essex',
  'surrey',
  'sussex',
  'hampshire',
  'lancashire',
  'yorkshire',
  'cheshire',
  'cumbria',
  'derbyshire',
  'warwickshire',
  'staffordshire',
  'shropshire',
  'flintshire',
  'middlesex',
  'london',
  'norfolk',
  'suffolk',
  'devon',
  'cornwall',
  'dorset',
  'wiltshire',
  'cambridgeshire',
  'hertfordshire',
  'lincolnshire',
  'ayrshire',
  'lanarkshire',
  'renfrewshire',
  'tayside',
  'fife',
  'gwent',
  'glamorgan',
  'down',
  'antrim',
]);
// "Bath escorts" is a place, "Chelsea escort" is probably a persona: only for 'word' and 'case'.
const CUE_AFTER_WEAK: ReadonlySet<string> = new Set(['escort', 'escorts', 'massage', 'girls']);

// A following street word means a street named after the town ("Oxford Street", "London Road",
// "Hyde Park"), not the town itself. Applies to every name, ambiguous or not.
const STREET_WORDS: ReadonlySet<string> = new Set([
  'street',
  'st',
  'road',
  'rd',
  'lane',
  'avenue',
  'ave',
  'way',
  'circus',
  'park',
  'square',
  'sq',
  'drive',
  'close',
  'crescent',
  'terrace',
  'place',
  'gardens',
  'grove',
  'row',
  'gate',
]);

// Specific words that turn a town name into something else ("New York", "New Brighton").
const VETO_BEFORE: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  ['york', new Set(['new'])],
  ['brighton', new Set(['new'])],
  ['derby', new Set(['the'])],
  // "in March", "by March", "end of March": the month.
  ['march', new Set(['in', 'by', 'of', 'from', 'until', 'till', 'since', 'early', 'mid', 'late'])],
]);

// Small joining words allowed in lower case inside a capitalised multi-word name.
const CONNECTORS: ReadonlySet<string> = new Set([
  'on',
  'upon',
  'in',
  'under',
  'le',
  'by',
  'the',
  'of',
  'and',
  'super',
  'de',
  'la',
  'st',
]);

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------
//
// Speed matters (the whole screening pipeline has ~50 µs per advert), so tokens come from the
// scan every extractor shares (scan.ts) as offsets in typed arrays, and a token's string key is
// only built when a cheap filter on its first three letters and length says it could start a
// town name, or when a cue is checked.

/** Separation before a token: 0 joinable (spaces, hyphens), 1 soft punctuation, 2 sentence break. */
type Sep = 0 | 1 | 2;

interface Tokens {
  readonly text: string;
  /** The shared scan the tokens come from (used straight away, never kept). */
  readonly scan: TextScan;
  readonly n: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly flags: Uint8Array;
}

// Prefilter: for each first-three-letters triple (a-z, or 26 for "no letter"), a bit mask of the
// lengths (capped at 31) of first tokens of keys starting with it.
function triple(a: number, b: number, c: number): number {
  return (a * 27 + b) * 27 + c;
}
function letterIndex(c: number): number {
  const l = c | 32;
  return l >= 97 && l <= 122 ? l - 97 : 26;
}
const PREFIX: Uint32Array = (() => {
  const m = new Uint32Array(27 * 27 * 27);
  const add = (w: string): void => {
    const idx = triple(
      letterIndex(w.charCodeAt(0) || 0),
      letterIndex(w.charCodeAt(1) || 0),
      letterIndex(w.charCodeAt(2) || 0),
    );
    m[idx] = (m[idx] ?? 0) | (1 << Math.min(w.length, 31));
  };
  for (const first of FIRST_TOKEN_MAX.keys()) add(first);
  add('saint'); // read as "st"
  return m;
})();
// The shared scan flags (F_TOWN) ASCII tokens with the first three letters of a first token, so
// the loop below skips the rest of the text's tokens with one read each.
registerWordKind(KIND_TOWN, [...FIRST_TOKEN_MAX.keys(), 'saint'], true);

// First tokens (and "saint") by first-three-letters triple: an ASCII token is matched
// against these by comparing characters, so no string is built for the words that only share a
// prefix with a town ("welcome", "warm").
const FIRST_BY_TRIPLE: readonly (readonly string[] | undefined)[] = (() => {
  const lists: string[][] = [];
  for (const w of [...FIRST_TOKEN_MAX.keys(), 'saint']) {
    const idx = triple(
      letterIndex(w.charCodeAt(0) || 0),
      letterIndex(w.charCodeAt(1) || 0),
      letterIndex(w.charCodeAt(2) || 0),
    );
    (lists[idx] ??= []).push(w);
  }
  // A dense array (holes read as undefined), indexed like PREFIX.
  return Array.from({ length: 27 * 27 * 27 }, (_, k) => lists[k]);
})();

// Second tokens of the keys of two or more tokens, by first token: a name is only built from
// several tokens when the second can continue one.
const SECOND_TOKENS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const m = new Map<string, Set<string>>();
  for (const k of INDEX.keys()) {
    const parts = k.split(' ');
    if (parts.length < 2) continue;
    const first = parts[0] ?? '';
    let set = m.get(first);
    if (set === undefined) m.set(first, (set = new Set()));
    set.add(parts[1] ?? '');
  }
  return m;
})();

/** The first-token key an all-ASCII token reads as, or undefined when it starts no name. */
function asciiFirstKey(t: Tokens, i: number): string | undefined {
  const text = t.text;
  const s = t.start[i] ?? 0;
  const len = (t.end[i] ?? 0) - s;
  const idx = triple(
    letterIndex(text.charCodeAt(s)),
    len > 1 ? letterIndex(text.charCodeAt(s + 1)) : 26,
    len > 2 ? letterIndex(text.charCodeAt(s + 2)) : 26,
  );
  if (((PREFIX[idx] ?? 0) & (1 << Math.min(len, 31))) === 0) return undefined;
  const list = FIRST_BY_TRIPLE[idx];
  if (list === undefined) return undefined;
  for (const w of list) {
    if (w.length !== len) continue;
    // The first three letters already matched through the triple.
    let j = Math.min(len, 3);
    while (j < len && (text.charCodeAt(s + j) | 32) === w.charCodeAt(j)) j++;
    if (j === len) return w === 'saint' ? 'st' : w;
  }
  return undefined;
}

function mayStartName(t: Tokens, i: number): boolean {
  const f = t.flags[i] ?? 0;
  if (f & F_AND) return false;
  const text = t.text;
  const s = t.start[i] ?? 0;
  const e = t.end[i] ?? 0;
  if (f & F_FOLD) {
    // Non-ASCII letters need the full key; ASCII letters with apostrophes ("I'm", "King's") are
    // filtered on their letters alone, which is what their key keeps.
    if (f & F_ACCENT) return true;
    let a = 26;
    let b = 26;
    let c = 26;
    let len = 0;
    for (let j = s; j < e; j++) {
      const l = letterIndex(text.charCodeAt(j));
      if (l === 26) continue;
      if (len === 0) a = l;
      else if (len === 1) b = l;
      else if (len === 2) c = l;
      len++;
    }
    return ((PREFIX[triple(a, b, c)] ?? 0) & (1 << Math.min(len, 31))) !== 0;
  }
  const len = e - s;
  const idx = triple(
    letterIndex(text.charCodeAt(s)),
    len > 1 ? letterIndex(text.charCodeAt(s + 1)) : 26,
    len > 2 ? letterIndex(text.charCodeAt(s + 2)) : 26,
  );
  return ((PREFIX[idx] ?? 0) & (1 << Math.min(len, 31))) !== 0;
}

// Keys built during one extractTowns call, by token index: keyGen[i] === gen marks keyOf[i] as
// current, so nothing is cleared or allocated per call.
let keyOf: string[] = new Array<string>(256).fill('');
let keyGen = new Int32Array(256);
let gen = 0;

function keyAt(t: Tokens, i: number): string {
  if (keyGen[i] === gen) return keyOf[i] as string;
  const f = t.flags[i] ?? 0;
  let k: string;
  if (f & F_AND) k = 'and';
  else {
    // Lower-casing the token alone (not the whole text) only differs for a Greek final sigma,
    // which no key or cue word contains.
    k = t.text.slice(t.start[i] ?? 0, t.end[i] ?? 0).toLowerCase();
    if (f & F_FOLD) {
      k = k
        .replace(/['\u2019]/g, '')
        .normalize('NFKD')
        .replace(MARKS, '')
        .toLowerCase();
    }
    if (k === 'saint') k = 'st';
  }
  setKey(i, k);
  return k;
}

function setKey(i: number, k: string): void {
  keyOf[i] = k;
  keyGen[i] = gen;
}

function sepAt(t: Tokens, i: number): Sep {
  return tokenSeparation(t.scan, i) as Sep;
}

// The token view of the current text, refilled per call (extractTowns is not re-entrant).
const tokens: { -readonly [K in keyof Tokens]: Tokens[K] } = {
  text: '',
  scan: scanText(''),
  n: 0,
  start: new Int32Array(0),
  end: new Int32Array(0),
  flags: new Uint8Array(0),
};

function tokenise(text: string): Tokens {
  const s = scanText(text);
  gen = (gen + 1) | 0;
  if (keyGen.length < s.nTokens || gen === 0) {
    keyGen = new Int32Array(Math.max(keyGen.length, s.tokStart.length));
    keyOf = new Array<string>(keyGen.length).fill('');
    gen = 1;
  }
  const t = tokens;
  t.text = text;
  t.scan = s;
  t.n = s.nTokens;
  t.start = s.tokStart;
  t.end = s.tokEnd;
  t.flags = s.tokFlags;
  return t;
}

// ---------------------------------------------------------------------------------------------
// Free-text extraction
// ---------------------------------------------------------------------------------------------

const POSTCODE_AFTER = /^[\s,(]{1,3}[A-Za-z]{1,2}\d[A-Za-z\d]?\b/;

function isCapitalised(t: Tokens, from: number, to: number): boolean {
  for (let j = from; j <= to; j++) {
    if (!tokenCapital(t.scan, j) && !(j > from && CONNECTORS.has(keyAt(t, j)))) {
      return false;
    }
  }
  return true;
}

function hasCue(t: Tokens, from: number, to: number, strongOnly: boolean): boolean {
  if (from > 0 && sepAt(t, from) <= 1) {
    const prev = keyAt(t, from - 1);
    if (CUE_BEFORE_STRONG.has(prev) || (!strongOnly && CUE_BEFORE_WEAK.has(prev))) return true;
  }
  const next = to + 1;
  if (next < t.n && sepAt(t, next) <= 1) {
    const k = keyAt(t, next);
    if (CUE_AFTER_PLACE.has(k) || (!strongOnly && CUE_AFTER_WEAK.has(k))) return true;
  }
  const endAt = t.end[to] ?? 0;
  return POSTCODE_AFTER.test(t.text.slice(endAt, endAt + 8));
}

function accept(t: Tokens, key: string, from: number, to: number): boolean {
  const next = to + 1;
  if (next < t.n && sepAt(t, next) === 0 && STREET_WORDS.has(keyAt(t, next))) return false;
  const veto = VETO_BEFORE.get(key);
  if (veto && from > 0 && sepAt(t, from) <= 1 && veto.has(keyAt(t, from - 1))) return false;
  const tier = AMBIGUOUS_TOWN_NAMES.get(key);
  if (tier === undefined) return true;
  if (tier === 'word') return isCapitalised(t, from, to) && hasCue(t, from, to, false);
  if (tier === 'case') return isCapitalised(t, from, to) || hasCue(t, from, to, false);
  return hasCue(t, from, to, true);
}

/** Finds UK towns named in free text; ordinary words ("reading", "bath") need a capital and a location cue. */
export function extractTowns(text: string): TownHit[] {
  return townsIn(text, true);
}

/** extractTowns without the fast paths (exported so tests can check both paths agree). */
export function extractTownsAlways(text: string): TownHit[] {
  return townsIn(text, false);
}

function townsIn(text: string, fast: boolean): TownHit[] {
  const hits: TownHit[] = [];
  if (text.length === 0) return hits;
  const t = tokenise(text);
  const n = t.n;
  const flags = t.flags;
  for (let i = 0; i < n; i++) {
    const f = flags[i] as number;
    let first: string | undefined;
    if (!fast) {
      // The slow path: every token's key is built and looked up.
      if (f & F_AND) continue;
      first = keyAt(t, i);
    } else if ((f & (F_TOWN | F_FOLD)) === 0) {
      continue;
    } else if (f & F_FOLD) {
      if (!mayStartName(t, i)) continue;
      first = keyAt(t, i);
    } else {
      first = asciiFirstKey(t, i);
      if (first === undefined) continue;
      setKey(i, first);
    }
    const maxLen = FIRST_TOKEN_MAX.get(first);
    if (maxLen === undefined) continue;
    // Only tokens joined by spaces or hyphens can form one name.
    let joinable = 1;
    while (joinable < maxLen && i + joinable < n && sepAt(t, i + joinable) === 0) joinable++;
    if (fast && joinable > 1) {
      // Skip the longer keys when the next token continues none ("new in town"). A key holding a
      // space (NFKD of a few rare letters) could still line up, so it is always tried.
      const second = keyAt(t, i + 1);
      if (!second.includes(' ') && SECOND_TOKENS.get(first)?.has(second) !== true) joinable = 1;
    }
    for (let len = joinable; len >= 1; len--) {
      let key = first;
      for (let j = 1; j < len; j++) key += ' ' + keyAt(t, i + j);
      const town = INDEX.get(key);
      if (!town) continue;
      const to = i + len - 1;
      if (!accept(t, key, i, to)) continue;
      const s = t.start[i] ?? 0;
      const e = t.end[to] ?? s;
      hits.push({ town: town.name, region: town.region, span: [s, e], raw: text.slice(s, e) });
      i = to;
      break;
    }
  }
  return hits;
}
