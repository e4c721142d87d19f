/**
 * Near-duplicate and templated advert text (InfoShield-style): organised operations reuse one text
 * with slots swapped (name, age, town, prices, contacts). Slots are masked to placeholders, the
 * masked tokens are cut into 4-word shingles, MinHash + LSH banding finds candidates, and each
 * candidate is verified by an IDF-weighted Jaccard so that boilerplate shared by independent
 * advertisers ("no withheld numbers", "discreet and clean") weighs little and cannot link them.
 */
import { extractText } from '../extract/extract-text.ts';
import type { Span, TextExtraction } from '../extract/types.ts';

/** What a placeholder stands for. */
export type SlotKind = 'name' | 'town' | 'age' | 'number' | 'price' | 'phone' | 'email' | 'handle';

/** One token of masked text: a lower-cased word, or a placeholder such as `<name>`. */
export interface MaskedToken {
  /** The token as compared: a lower-cased word without apostrophes, or `<name>`, `<num>`… */
  readonly text: string;
  /** The slot it stands for; null for an ordinary word. */
  readonly slot: SlotKind | null;
  /** Where it came from in the original text. */
  readonly span: Span;
  /** The original characters. */
  readonly original: string;
  /** The slot's value as compared: E.164 phone, canonical email or town, the age; else `original`. */
  readonly value: string;
}

/** The advert's own name(s) and town(s), when the site has fields for them. */
export interface TextSlots {
  readonly names?: readonly string[];
  readonly towns?: readonly string[];
}

/** One slot whose value differs between two adverts; null when one of them has no such value. */
export interface SlotDifference {
  readonly slot: SlotKind;
  /** Value in the earlier advert. */
  readonly a: string | null;
  /** Value in the later advert. */
  readonly b: string | null;
}

/** A link from a newly added advert to an earlier one. */
export interface TextMatch {
  /** The earlier advert. */
  readonly id: string;
  /** IDF-weighted Jaccard over shingles, 0..1; 1 for identical masked text. */
  readonly similarity: number;
  /** The tokens both texts share, in order, with placeholders; "…" marks a gap. */
  readonly template: string;
  /** Slot values that differ: `a` is the earlier advert's, `b` the new one's. */
  readonly differences: readonly SlotDifference[];
}

/** An edge between two adverts written from one template; `a` was added before `b`. */
export interface TextLink {
  readonly a: string;
  readonly b: string;
  readonly similarity: number;
  readonly template: string;
  readonly differences: readonly SlotDifference[];
}

/** Tuning knobs; the defaults are argued for next to DEFAULT_TEXT_LINKER_OPTIONS. */
export interface TextLinkerOptions {
  /** Weighted similarity a candidate needs to link. */
  readonly threshold: number;
  /** Texts with fewer non-slot words never link by text. */
  readonly minWords: number;
  /** Shingles seen in at least this share of adverts are boilerplate… */
  readonly boilerplateShare: number;
  /** …but never below this many adverts (small corpora)… */
  readonly boilerplateMinCount: number;
  /** …and always at this many adverts (large corpora). */
  readonly boilerplateMaxCount: number;
  /** An LSH bucket this full is boilerplate: it stops taking adverts and producing candidates. */
  readonly bucketCap: number;
  /** Candidates verified per added advert, newest first. */
  readonly maxCandidates: number;
  /** Matches returned per added advert, most similar first. */
  readonly maxMatches: number;
  /** Tokens of one text considered (texts are ~80 tokens; this bounds abuse). */
  readonly maxTokens: number;
  /** log2 of the width of each document-frequency sketch row (2 rows of 16-bit counters). */
  readonly sketchBits: number;
}

/*
 * Why these defaults:
 * - threshold 0.6: a weighted Jaccard of 0.6 means ~75% of each text's (rarity-weighted) shingles
 *   are shared (J = s / (2 - s)). A template with slots swapped keeps ~100%; a sentence added to a
 *   ten-sentence text or a few typos (each costs 4 shingles) keep 80–90%. Independents sharing
 *   stock phrases share only low-weight shingles and land well under 0.3.
 * - boilerplate: a shingle in ≥1% of adverts (≥20 adverts in small corpora, ≥5,000 in huge ones)
 *   is too common to be evidence of one author; it is left out of LSH banding.
 * - bucketCap 1,000 and maxCandidates 64 bound the work per advert whatever the data.
 */
/** Default options for TextLinker. */
export const DEFAULT_TEXT_LINKER_OPTIONS: TextLinkerOptions = {
  threshold: 0.6,
  minWords: 8,
  boilerplateShare: 0.01,
  boilerplateMinCount: 20,
  boilerplateMaxCount: 5_000,
  bucketCap: 1_000,
  maxCandidates: 64,
  maxMatches: 10,
  maxTokens: 1_000,
  sketchBits: 22,
};

/** Words per shingle: 3 makes common phrases collide, 5 lets each typo erase too much. */
export const SHINGLE_SIZE = 4;
/** LSH bands × rows = MinHash signature size; 3 rows puts the S-curve midpoint near Jaccard 0.35. */
export const LSH_BANDS = 24;
export const LSH_ROWS = 3;
const SIGNATURE_SIZE = LSH_BANDS * LSH_ROWS;
/** Pseudo-adverts added to N in IDF, so weights are near-uniform until the corpus says more. */
const IDF_PRIOR = 100;

// ---------------------------------------------------------------------------------------------
// Hashing (fixed seeds, 32-bit, deterministic)
// ---------------------------------------------------------------------------------------------

/** murmur3's finaliser: a cheap full-avalanche mix of a 32-bit value. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised so short words spread over all 32 bits. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return fmix32(h);
}

const MINHASH_A = new Uint32Array(SIGNATURE_SIZE);
const MINHASH_B = new Uint32Array(SIGNATURE_SIZE);
for (let i = 0; i < SIGNATURE_SIZE; i++) {
  MINHASH_A[i] = (fmix32(0x9e3779b9 + i * 2) | 1) >>> 0; // odd: multiplication is a bijection
  MINHASH_B[i] = fmix32(0x7f4a7c15 + i * 2 + 1);
}

// ---------------------------------------------------------------------------------------------
// Masking
// ---------------------------------------------------------------------------------------------

const PLACEHOLDER: Readonly<Record<SlotKind, string>> = {
  name: '<name>',
  town: '<town>',
  age: '<num>',
  number: '<num>',
  price: '<price>',
  phone: '<phone>',
  email: '<email>',
  handle: '<handle>',
};
const SLOT_CODE: readonly SlotKind[] = [
  'name',
  'town',
  'age',
  'number',
  'price',
  'phone',
  'email',
  'handle',
];
const CODE_OF: Readonly<Record<SlotKind, number>> = Object.fromEntries(
  SLOT_CODE.map((k, i) => [k, i]),
) as Record<SlotKind, number>;

// Letters, digits and marks, with apostrophes inside words ("don't"); everything else separates.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019][\p{L}\p{N}\p{M}]+)*/gu;
const APOSTROPHE = /['\u2019]/g;
const DIGITS = /\p{N}+/u;

interface SlotSpan {
  start: number;
  end: number;
  kind: SlotKind;
  value: string;
}

// Earlier in this list wins when two detections overlap (an email can contain a town).
const PRIORITY: readonly SlotKind[] = ['email', 'handle', 'phone', 'price', 'town', 'age'];

function detectedSlots(text: string, extraction?: TextExtraction): SlotSpan[] {
  const x = extraction ?? extractText(text);
  const found: SlotSpan[] = [];
  for (const h of x.emails)
    found.push({ start: h.span[0], end: h.span[1], kind: 'email', value: h.email });
  for (const h of x.handles)
    found.push({ start: h.span[0], end: h.span[1], kind: 'handle', value: h.handle });
  for (const h of x.phones)
    found.push({ start: h.span[0], end: h.span[1], kind: 'phone', value: h.e164 });
  for (const h of x.prices)
    found.push({ start: h.span[0], end: h.span[1], kind: 'price', value: h.raw.trim() });
  for (const h of x.towns)
    found.push({ start: h.span[0], end: h.span[1], kind: 'town', value: h.town });
  for (const h of x.ages) {
    // Only the number is the slot: "I'm" and "years old" are template words.
    const m = DIGITS.exec(h.raw);
    const start = m ? h.span[0] + m.index : h.span[0];
    const end = m ? start + m[0].length : h.span[1];
    found.push({ start, end, kind: 'age', value: String(h.age) });
  }
  const accepted: SlotSpan[] = [];
  for (const kind of PRIORITY) {
    for (const s of found) {
      if (s.kind !== kind || s.end <= s.start) continue;
      if (accepted.some((a) => a.start < s.end && s.start < a.end)) continue;
      accepted.push(s);
    }
  }
  return accepted.sort((a, b) => a.start - b.start);
}

function slotWords(values: readonly string[] | undefined): string[][] {
  const out: string[][] = [];
  for (const v of values ?? []) {
    const words = (v.match(WORD) ?? []).map(lowerWord);
    if (words.length > 0) out.push(words);
  }
  // Longest first, so "Milton Keynes" wins over a one-word name inside it.
  return out.sort((a, b) => b.length - a.length);
}

interface RawWord {
  start: number;
  end: number;
  word: string;
  /** Lower case, apostrophes removed ("I'm" and the typo "Im" agree). */
  lower: string;
  /** Contains a digit of any script. */
  digit: boolean;
}

function lowerWord(w: string): string {
  const l = w.toLowerCase();
  return l.includes("'") || l.includes('\u2019') ? l.replace(APOSTROPHE, '') : l;
}

/** Masks slots in an advert text and tokenises it: lower-cased words and placeholders with spans. */
export function maskSlots(
  text: string,
  slots: TextSlots = {},
): { masked: string; tokens: MaskedToken[] } {
  const tokens = maskTokens(text, slots, Number.MAX_SAFE_INTEGER);
  return { masked: tokens.map((t) => t.text).join(' '), tokens };
}

function maskTokens(
  text: string,
  slots: TextSlots,
  maxTokens: number,
  extraction?: TextExtraction,
): MaskedToken[] {
  const spans = detectedSlots(text, extraction);
  const words = scanWords(text, maxTokens * 2);
  const names = slotWords(slots.names);
  const towns = slotWords(slots.towns);
  const out: MaskedToken[] = [];
  let si = 0;
  for (let wi = 0; wi < words.length && out.length < maxTokens;) {
    const w = words[wi]!;
    while (si < spans.length && spans[si]!.end <= w.start) si++;
    const s = spans[si];
    if (s !== undefined && s.start < w.end) {
      // Every word overlapping the slot span collapses into one placeholder.
      let last = wi;
      while (last + 1 < words.length && words[last + 1]!.start < s.end) last++;
      const start = Math.min(s.start, w.start);
      const end = Math.max(s.end, words[last]!.end);
      const original = text.slice(start, end);
      out.push(token(PLACEHOLDER[s.kind], s.kind, start, end, original, s.value));
      wi = last + 1;
      si++;
      continue;
    }
    const given = names.length > 0 ? matchGiven(words, wi, names) : 0;
    const givenTown = given > 0 || towns.length === 0 ? 0 : matchGiven(words, wi, towns);
    if (given > 0 || givenTown > 0) {
      const n = given || givenTown;
      const end = words[wi + n - 1]!.end;
      const kind: SlotKind = given > 0 ? 'name' : 'town';
      const original = text.slice(w.start, end);
      out.push(token(PLACEHOLDER[kind], kind, w.start, end, original, original));
      wi += n;
      continue;
    }
    if (w.digit) out.push(token('<num>', 'number', w.start, w.end, w.word, w.word));
    else out.push(token(w.lower, null, w.start, w.end, w.word, w.word));
    wi++;
  }
  return out;
}

// One constructor keeps every token the same shape, which keeps property access monomorphic.
function token(
  text: string,
  slot: SlotKind | null,
  start: number,
  end: number,
  original: string,
  value: string,
): MaskedToken {
  return { text, slot, span: [start, end], original, value };
}

// Word characters (letters, digits, marks) by UTF-16 code unit: 0 unknown, 1 word, 2 not.
const WORD_CHAR = new Uint8Array(0x10000);
const WORD_CHAR_RE = /^[\p{L}\p{N}\p{M}]$/u;
const NUMBER_CHAR_RE = /^\p{N}$/u;
const DIGIT_CHAR = new Uint8Array(0x10000); // 0 unknown, 1 digit, 2 not

function isWordUnit(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  let k = WORD_CHAR[c]!;
  if (k === 0) {
    // Surrogates are never word units on their own: astral characters are judged whole.
    k = !isSurrogate(c) && WORD_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
    WORD_CHAR[c] = k;
  }
  return k === 1;
}

function isDigitUnit(c: number): boolean {
  if (c < 128) return c >= 48 && c <= 57;
  let k = DIGIT_CHAR[c]!;
  if (k === 0) {
    k = NUMBER_CHAR_RE.test(String.fromCharCode(c)) ? 1 : 2;
    DIGIT_CHAR[c] = k;
  }
  return k === 1;
}

/** Astral code points (emoji, mathematical digits) are word characters only when \p{L|N|M}. */
function astralIsWord(text: string, i: number): boolean {
  const cp = text.codePointAt(i)!;
  return WORD_CHAR_RE.test(String.fromCodePoint(cp));
}

// A hand-written scanner: the equivalent Unicode regex costs ~10 µs per advert.
function scanWords(text: string, limit: number): RawWord[] {
  const words: RawWord[] = [];
  const n = text.length;
  let i = 0;
  while (i < n && words.length < limit) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      if (!astralIsWord(text, i)) {
        i += 2;
        continue;
      }
    } else if (!isWordUnit(c)) {
      i++;
      continue;
    }
    const start = i;
    let digit = false;
    while (i < n) {
      const d = text.charCodeAt(i);
      if (d >= 0xd800 && d <= 0xdbff && i + 1 < n) {
        if (!astralIsWord(text, i)) break;
        digit ||= NUMBER_CHAR_RE.test(String.fromCodePoint(text.codePointAt(i)!));
        i += 2;
      } else if (isWordUnit(d)) {
        digit ||= isDigitUnit(d);
        i++;
      } else if ((d === 39 || d === 0x2019) && i + 1 < n && isWordUnit(text.charCodeAt(i + 1))) {
        i++; // an apostrophe inside a word ("don't")
      } else break;
    }
    const word = text.slice(start, i);
    words.push({ start, end: i, word, lower: lowerWord(word), digit });
  }
  return words;
}

function isSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdfff;
}

function matchGiven(words: readonly RawWord[], at: number, given: readonly string[][]): number {
  for (const seq of given) {
    let ok = at + seq.length <= words.length;
    for (let j = 0; ok && j < seq.length; j++) {
      ok = words[at + j]!.lower === seq[j];
    }
    if (ok) return seq.length;
  }
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Storage helpers: growable typed arrays and an open-addressing uint32 → int32 table
// ---------------------------------------------------------------------------------------------

class GrowInt32 {
  data = new Int32Array(1024);
  length = 0;
  static from(data: Int32Array): GrowInt32 {
    const g = new GrowInt32();
    g.data = new Int32Array(Math.max(1024, data.length));
    g.data.set(data);
    g.length = data.length;
    return g;
  }
  used(): Int32Array {
    return this.data.slice(0, this.length);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

class GrowUint32 {
  data = new Uint32Array(4096);
  length = 0;
  static from(data: Uint32Array): GrowUint32 {
    const g = new GrowUint32();
    g.data = new Uint32Array(Math.max(4096, data.length));
    g.data.set(data);
    g.length = data.length;
    return g;
  }
  used(): Uint32Array {
    return this.data.slice(0, this.length);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

interface IntTableState {
  readonly keys: Uint32Array;
  readonly values: Int32Array;
  readonly size: number;
}

/** uint32 key → non-negative int32 value; open addressing, doubles at half load. */
class IntTable {
  private keys = new Uint32Array(1024);
  private values = new Int32Array(1024).fill(-1);
  private size = 0;

  state(): IntTableState {
    return { keys: this.keys.slice(), values: this.values.slice(), size: this.size };
  }

  static from(state: IntTableState): IntTable {
    const t = new IntTable();
    t.keys = state.keys.slice();
    t.values = state.values.slice();
    t.size = state.size;
    return t;
  }

  get(key: number): number {
    const mask = this.keys.length - 1;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      const v = this.values[i]!;
      if (v < 0) return -1;
      if (this.keys[i] === key) return v;
    }
  }

  set(key: number, value: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    for (let i = fmix32(key) & mask; ; i = (i + 1) & mask) {
      if (this.values[i]! < 0) {
        this.keys[i] = key;
        this.values[i] = value;
        this.size++;
        return;
      }
      if (this.keys[i] === key) {
        this.values[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Uint32Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2).fill(-1);
    this.size = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      if (oldValues[i]! >= 0) this.set(oldKeys[i]!, oldValues[i]!);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The linker
// ---------------------------------------------------------------------------------------------

/** The saved state of a TextLinker (structured-cloneable: typed arrays and plain values). */
export interface TextLinkerSnapshot {
  readonly options: TextLinkerOptions;
  readonly stats: TextLinkerStats;
  readonly dfRow0: Uint16Array;
  readonly dfRow1: Uint16Array;
  readonly docIds: readonly string[];
  readonly docSlots: readonly string[];
  readonly tokenOffset: Int32Array;
  readonly tokenLength: Int32Array;
  readonly distinct: number;
  readonly tokenPool: Uint32Array;
  readonly bucketOf: IntTableState;
  readonly bucketHead: Int32Array;
  readonly bucketSize: Int32Array;
  readonly entryDoc: Int32Array;
  readonly entryNext: Int32Array;
  readonly exact: IntTableState;
  readonly vocabIds: Uint32Array;
  readonly vocabWords: readonly string[];
}

/** Counters a reviewer or a benchmark can read. */
export interface TextLinkerStats {
  adverts: number;
  /** Adverts too short to link by text. */
  short: number;
  /** Adverts whose masked text repeated an earlier one exactly. */
  exactRepeats: number;
  /** Adverts whose every shingle was boilerplate, so they only link as exact duplicates. */
  allBoilerplate: number;
  /** LSH buckets that reached the cap and were retired as boilerplate. */
  saturatedBuckets: number;
  candidatesVerified: number;
  matches: number;
}

const SEP_SLOT = '\u0001';
const SEP_FIELD = '\u0002';

/** Links adverts written from one text template; add adverts in order, get their matches back. */
export class TextLinker {
  readonly options: TextLinkerOptions;
  readonly stats: TextLinkerStats = {
    adverts: 0,
    short: 0,
    exactRepeats: 0,
    allBoilerplate: 0,
    saturatedBuckets: 0,
    candidatesVerified: 0,
    matches: 0,
  };

  // Document frequency: a 2-row count-min sketch with conservative update, 16-bit saturating.
  private readonly dfRow0: Uint16Array;
  private readonly dfRow1: Uint16Array;
  private readonly dfMask: number;

  // Stored adverts (only those long enough to link): id, masked token ids, slot values.
  private readonly docIds: string[] = [];
  private readonly docSlots: string[] = [];
  private readonly tokenOffset = new GrowInt32();
  private readonly tokenLength = new GrowInt32();
  // Texts counted in document frequency: adverts minus exact reposts.
  private distinct = 0;
  private readonly tokenPool = new GrowUint32();

  // LSH: (band, band hash) → bucket; buckets are newest-first chains of entries.
  private readonly bucketOf = new IntTable();
  private readonly bucketHead = new GrowInt32();
  private readonly bucketSize = new GrowInt32();
  private readonly entryDoc = new GrowInt32();
  private readonly entryNext = new GrowInt32();
  // Masked-text hash → the newest advert with that text, so exact duplicates always link.
  private readonly exact = new IntTable();
  // Token hash → its text, so the template two stored adverts share can be written out later
  // without keeping their texts (the words of a corpus are few; texts are many).
  private readonly vocab = new Map<number, string>();
  /** The stored document of the last advert added, or -1 when it was too short to store. */
  lastDoc = -1;

  constructor(options: Partial<TextLinkerOptions> = {}) {
    this.options = { ...DEFAULT_TEXT_LINKER_OPTIONS, ...options };
    const width = 1 << Math.max(8, Math.min(28, this.options.sketchBits));
    this.dfRow0 = new Uint16Array(width);
    this.dfRow1 = new Uint16Array(width);
    this.dfMask = width - 1;
  }

  /** The linker's whole state, to continue later with `TextLinker.restore`. */
  snapshot(): TextLinkerSnapshot {
    return {
      options: this.options,
      stats: { ...this.stats },
      dfRow0: this.dfRow0.slice(),
      dfRow1: this.dfRow1.slice(),
      docIds: [...this.docIds],
      docSlots: [...this.docSlots],
      tokenOffset: this.tokenOffset.used(),
      tokenLength: this.tokenLength.used(),
      distinct: this.distinct,
      tokenPool: this.tokenPool.used(),
      bucketOf: this.bucketOf.state(),
      bucketHead: this.bucketHead.used(),
      bucketSize: this.bucketSize.used(),
      entryDoc: this.entryDoc.used(),
      entryNext: this.entryNext.used(),
      exact: this.exact.state(),
      vocabIds: Uint32Array.from(this.vocab.keys()),
      vocabWords: [...this.vocab.values()],
    };
  }

  /** A linker in the state a snapshot saved: adding to it gives what the original would have. */
  static restore(s: TextLinkerSnapshot): TextLinker {
    const t = new TextLinker(s.options);
    const w = t as unknown as Record<string, unknown>;
    Object.assign(t.stats, s.stats);
    t.dfRow0.set(s.dfRow0);
    t.dfRow1.set(s.dfRow1);
    for (const id of s.docIds) t.docIds.push(id);
    for (const slots of s.docSlots) t.docSlots.push(slots);
    w.tokenOffset = GrowInt32.from(s.tokenOffset);
    w.tokenLength = GrowInt32.from(s.tokenLength);
    t.distinct = s.distinct;
    w.tokenPool = GrowUint32.from(s.tokenPool);
    w.bucketOf = IntTable.from(s.bucketOf);
    w.bucketHead = GrowInt32.from(s.bucketHead);
    w.bucketSize = GrowInt32.from(s.bucketSize);
    w.entryDoc = GrowInt32.from(s.entryDoc);
    w.entryNext = GrowInt32.from(s.entryNext);
    w.exact = IntTable.from(s.exact);
    s.vocabIds.forEach((h, k) => t.vocab.set(h, s.vocabWords[k]!));
    return t;
  }

  /**
   * Adds one advert and returns its matches to adverts added before it, most similar first.
   * `extraction` is `extractText(text)` when the caller has it already (it is not worked out twice).
   */
  add(id: string, text: string, slots: TextSlots = {}, extraction?: TextExtraction): TextMatch[] {
    const o = this.options;
    this.stats.adverts++;
    this.lastDoc = -1;
    const tokens = maskTokens(text, slots, o.maxTokens, extraction);
    const ids = new Uint32Array(tokens.length);
    let words = 0;
    const vocab = this.vocab;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      const h = hashString(t.text);
      ids[i] = h;
      if (t.slot === null) words++;
      if (!vocab.has(h)) vocab.set(h, t.text);
    }
    const shingles = shingleSet(ids);
    if (words < o.minWords || shingles.length === 0) {
      this.countShingles(shingles);
      this.stats.short++;
      return [];
    }

    // An exact repost (same masked text) links to the newest advert with that text and nothing
    // else: that advert's links already cover the rest. It is not counted again in document
    // frequency (a repost is not another author using the phrase) nor banded again (reposts
    // would fill buckets), and it shares the stored tokens.
    const exactKey = sequenceHash(ids);
    const dup = this.exact.get(exactKey);
    if (dup >= 0 && sameSequence(ids, this.tokensOf(dup))) {
      this.stats.exactRepeats++;
      const doc = this.store(id, slotString(tokens), null, dup);
      this.lastDoc = doc;
      this.exact.set(exactKey, doc);
      const match = this.match(dup, 1, ids, tokens, this.docSlots[doc]!);
      this.stats.matches++;
      return [match];
    }
    this.countShingles(shingles);

    const n = this.distinct;
    const boilerplate = Math.max(
      o.boilerplateMinCount,
      Math.min(o.boilerplateShare * n, o.boilerplateMaxCount),
    );
    // A prior of IDF_PRIOR unseen adverts: in a young corpus everything shared looks common,
    // which would make two copies of one template weigh their shared text below their edits.
    const idfN = n + IDF_PRIOR;
    // Rarity is judged on the other adverts: a shingle both adverts have counts 2 towards its own
    // document frequency, one only this advert has counts 1 (else sharing would look common).
    const weights = new Float64Array(shingles.length);
    const sharedWeights = new Float64Array(shingles.length);
    for (let i = 0; i < shingles.length; i++) {
      const df = this.df(shingles[i]!);
      weights[i] = Math.log1p(idfN / df);
      sharedWeights[i] = Math.log1p(idfN / Math.max(1, df - 1));
    }
    const signature = this.signature(shingles, boilerplate);

    // Candidates from LSH buckets, newest first; each bucket walk is bounded too.
    const candidates: number[] = [];
    const bucketKeys: number[] = [];
    if (signature !== null) {
      for (let b = 0; b < LSH_BANDS; b++) {
        let h = 0x6a09e667 ^ Math.imul(b + 1, 0x9e3779b1);
        for (let r = 0; r < LSH_ROWS; r++) h = fmix32(h ^ signature[b * LSH_ROWS + r]!);
        bucketKeys.push(h);
        const bucket = this.bucketOf.get(h);
        if (bucket < 0 || this.bucketSize.data[bucket]! < 0) continue; // retired: boilerplate
        let walked = 0;
        for (let e = this.bucketHead.data[bucket]!; e >= 0; e = this.entryNext.data[e]!) {
          if (candidates.length >= o.maxCandidates || walked++ >= o.maxCandidates) break;
          const d = this.entryDoc.data[e]!;
          if (!candidates.includes(d)) candidates.push(d);
        }
      }
    } else {
      this.stats.allBoilerplate++;
    }

    // Verify.
    const slotValues = slotString(tokens);
    const found: { doc: number; similarity: number }[] = [];
    for (const d of candidates) {
      this.stats.candidatesVerified++;
      const similarity = this.weightedJaccard(
        shingles,
        weights,
        sharedWeights,
        shingleSet(this.tokensOf(d)),
        idfN,
      );
      if (similarity >= o.threshold) found.push({ doc: d, similarity });
    }
    // Most similar first; ties to the newer advert, so the order is total and deterministic.
    found.sort((x, y) => y.similarity - x.similarity || y.doc - x.doc);
    const matches = found
      .slice(0, o.maxMatches)
      .map((f) => this.match(f.doc, f.similarity, ids, tokens, slotValues));
    this.stats.matches += matches.length;
    const doc = this.store(id, slotValues, ids, -1);
    this.lastDoc = doc;
    this.exact.set(exactKey, doc);
    for (const h of bucketKeys) this.insert(h, doc);
    return matches;
  }

  /**
   * The template two stored adverts share and the slots that differ (`a` the earlier), worked out
   * from what is stored: the same answer a match between them reports.
   */
  explain(a: number, b: number): { template: string; differences: SlotDifference[] } {
    const newer = this.tokensOf(b);
    const older = this.tokensOf(a);
    const words = Array.from(newer, (h) => this.vocab.get(h) ?? '?');
    // Exact reposts share their stored tokens: the template is the whole text, no alignment.
    const same =
      this.tokenOffset.data[a] === this.tokenOffset.data[b] || sameSequence(older, newer);
    return {
      template: same ? words.join(' ') : sharedTemplate(older, newer, words),
      differences: slotDifferences(this.docSlots[a]!, this.docSlots[b]!),
    };
  }

  private match(
    doc: number,
    similarity: number,
    ids: Uint32Array,
    tokens: readonly MaskedToken[],
    slotValues: string,
  ): TextMatch {
    const older = this.tokensOf(doc);
    const olderSlots = this.docSlots[doc]!;
    // Template and differences are worked out when read: clustering needs only ids and
    // similarity, and the alignment costs more than everything else in add.
    let template: string | undefined;
    let differences: SlotDifference[] | undefined;
    return {
      id: this.docIds[doc]!,
      similarity,
      get template() {
        return (template ??= sharedTemplate(
          older,
          ids,
          tokens.map((t) => t.text),
        ));
      },
      get differences() {
        return (differences ??= slotDifferences(olderSlots, slotValues));
      },
    };
  }

  /** Stores an advert; `ids` null reuses the tokens of `sameAs` (an exact repost). */
  private store(id: string, slotValues: string, ids: Uint32Array | null, sameAs: number): number {
    const doc = this.docIds.length;
    this.docIds.push(id);
    this.docSlots.push(slotValues);
    if (ids === null) {
      this.tokenOffset.push(this.tokenOffset.data[sameAs]!);
      this.tokenLength.push(this.tokenLength.data[sameAs]!);
    } else {
      this.tokenOffset.push(this.tokenPool.length);
      this.tokenLength.push(ids.length);
      for (const v of ids) this.tokenPool.push(v);
    }
    return doc;
  }

  private insert(key: number, doc: number): void {
    let bucket = this.bucketOf.get(key);
    if (bucket < 0) {
      bucket = this.bucketHead.length;
      this.bucketHead.push(-1);
      this.bucketSize.push(0);
      this.bucketOf.set(key, bucket);
    }
    const size = this.bucketSize.data[bucket]!;
    if (size < 0) return;
    if (size >= this.options.bucketCap) {
      // So many adverts share this band that it says "common text", not "one author".
      this.bucketSize.data[bucket] = -1;
      this.stats.saturatedBuckets++;
      return;
    }
    this.entryDoc.push(doc);
    this.entryNext.push(this.bucketHead.data[bucket]!);
    this.bucketHead.data[bucket] = this.entryDoc.length - 1;
    this.bucketSize.data[bucket] = size + 1;
  }

  private tokensOf(doc: number): Uint32Array {
    const start = this.tokenOffset.data[doc]!;
    return this.tokenPool.data.subarray(start, start + this.tokenLength.data[doc]!);
  }

  private countShingles(shingles: Uint32Array): void {
    const r0 = this.dfRow0;
    const r1 = this.dfRow1;
    const mask = this.dfMask;
    this.distinct++;
    for (const s of shingles) {
      const i0 = s & mask;
      const i1 = fmix32(s ^ 0x5bd1e995) & mask;
      const c0 = r0[i0]!;
      const c1 = r1[i1]!;
      const min = c0 < c1 ? c0 : c1;
      if (min === 0xffff) continue;
      // Conservative update: only the counters at the minimum grow, which halves overcounting.
      if (c0 === min) r0[i0] = min + 1;
      if (c1 === min) r1[i1] = min + 1;
    }
  }

  private df(s: number): number {
    const c0 = this.dfRow0[s & this.dfMask]!;
    const c1 = this.dfRow1[fmix32(s ^ 0x5bd1e995) & this.dfMask]!;
    return Math.max(1, c0 < c1 ? c0 : c1);
  }

  /** MinHash over the shingles that are not boilerplate; null when none are left. */
  private signature(shingles: Uint32Array, boilerplate: number): Uint32Array | null {
    const sig = new Uint32Array(SIGNATURE_SIZE).fill(0xffffffff);
    let used = 0;
    for (const s of shingles) {
      if (this.df(s) >= boilerplate) continue;
      used++;
      for (let i = 0; i < SIGNATURE_SIZE; i++) {
        let v = Math.imul(s ^ MINHASH_B[i]!, MINHASH_A[i]!);
        v = (v ^ (v >>> 15)) >>> 0;
        if (v < sig[i]!) sig[i] = v;
      }
    }
    return used === 0 ? null : sig;
  }

  /** Σ weight of shared shingles / Σ weight of all, weight = ln(1 + (N + prior) / df elsewhere). */
  private weightedJaccard(
    a: Uint32Array,
    weightsA: Float64Array,
    sharedWeightsA: Float64Array,
    b: Uint32Array,
    n: number,
  ): number {
    let shared = 0;
    let union = 0;
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a[i]!;
      const y = b[j]!;
      if (x === y) {
        shared += sharedWeightsA[i]!;
        union += sharedWeightsA[i++]!;
        j++;
      } else if (x < y) {
        union += weightsA[i++]!;
      } else {
        union += Math.log1p(n / this.df(y));
        j++;
      }
    }
    while (i < a.length) union += weightsA[i++]!;
    while (j < b.length) union += Math.log1p(n / this.df(b[j++]!));
    return union > 0 ? Math.min(1, shared / union) : 0;
  }
}

/** Batch helper: links every item to the items before it and returns the edges. */
export function linkTexts(
  items: Iterable<{ id: string; text: string; slots?: TextSlots }>,
  options: Partial<TextLinkerOptions> = {},
): TextLink[] {
  const linker = new TextLinker(options);
  const edges: TextLink[] = [];
  for (const item of items) {
    for (const m of linker.add(item.id, item.text, item.slots)) {
      edges.push({
        a: m.id,
        b: item.id,
        similarity: m.similarity,
        template: m.template,
        differences: m.differences,
      });
    }
  }
  return edges;
}

// ---------------------------------------------------------------------------------------------
// Pure helpers
// ---------------------------------------------------------------------------------------------

/** Sorted, distinct shingle hashes of a token-id sequence. */
function shingleSet(ids: Uint32Array): Uint32Array {
  const n = ids.length - SHINGLE_SIZE + 1;
  if (n <= 0) return new Uint32Array(0);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x2545f491;
    for (let j = 0; j < SHINGLE_SIZE; j++)
      h = Math.imul((h ^ ids[i + j]!) >>> 0, 0x01000193) ^ (h >>> 15);
    out[i] = fmix32(h);
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i]!;
  return out.subarray(0, w);
}

function sequenceHash(ids: Uint32Array): number {
  let h = 0x1b873593 ^ ids.length;
  for (const v of ids) h = fmix32(h ^ v) + 0x6b43a9b5;
  return fmix32(h);
}

function sameSequence(a: Uint32Array, b: Uint32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Slot values as one flat string ("kind␂value␁…"): compact to keep per stored advert. */
function slotString(tokens: readonly MaskedToken[]): string {
  const parts: string[] = [];
  for (const t of tokens) {
    if (t.slot === null) continue;
    parts.push(String(CODE_OF[t.slot]) + SEP_FIELD + t.value);
  }
  return parts.join(SEP_SLOT); // join copies, so the advert text itself is not retained
}

function parseSlots(s: string): Map<SlotKind, string[]> {
  const bySlot = new Map<SlotKind, string[]>();
  if (s === '') return bySlot;
  for (const part of s.split(SEP_SLOT)) {
    const cut = part.indexOf(SEP_FIELD);
    const kind = SLOT_CODE[Number(part.slice(0, cut))]!;
    const value = part.slice(cut + 1);
    const list = bySlot.get(kind) ?? [];
    if (!list.some((v) => sameValue(v, value))) list.push(value);
    bySlot.set(kind, list);
  }
  return bySlot;
}

function sameValue(a: string, b: string): boolean {
  return a.toLowerCase().replace(/\s+/g, ' ') === b.toLowerCase().replace(/\s+/g, ' ');
}

/**
 * Per slot kind: the distinct values only one side has, paired in order of appearance; a pair is
 * (earlier value, later value), and an unpaired value is set against null. Symmetric by design:
 * swapping the adverts swaps a and b.
 */
function slotDifferences(a: string, b: string): SlotDifference[] {
  const sa = parseSlots(a);
  const sb = parseSlots(b);
  const out: SlotDifference[] = [];
  for (const kind of SLOT_CODE) {
    const va = (sa.get(kind) ?? []).filter(
      (v) => !(sb.get(kind) ?? []).some((w) => sameValue(v, w)),
    );
    const vb = (sb.get(kind) ?? []).filter(
      (v) => !(sa.get(kind) ?? []).some((w) => sameValue(v, w)),
    );
    for (let i = 0; i < Math.max(va.length, vb.length); i++) {
      out.push({ slot: kind, a: va[i] ?? null, b: vb[i] ?? null });
    }
  }
  return out;
}

/** Tokens the two sequences share (longest common subsequence), from the new advert's tokens. */
function sharedTemplate(older: Uint32Array, newer: Uint32Array, words: readonly string[]): string {
  const n = older.length;
  const m = newer.length;
  // A quadratic table is fine for advert-sized texts; beyond it, show the new advert's masked text.
  if (n * m > 400_000) return words.join(' ');
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        older[i] === newer[j]
          ? dp[(i + 1) * w + j + 1]! + 1
          : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const parts: string[] = [];
  let gap = false;
  for (let i = 0, j = 0; i < n && j < m;) {
    if (older[i] === newer[j]) {
      if (gap && parts.length > 0) parts.push('…');
      gap = false;
      parts.push(words[j]!);
      i++;
      j++;
    } else {
      gap = true;
      if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
      else j++;
    }
  }
  return parts.join(' ');
}
