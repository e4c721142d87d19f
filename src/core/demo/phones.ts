/**
 * Fictional UK phone numbers for the demo corpus, and the many ways adverts write them.
 *
 * Every number the generator writes is in one of these ranges, and no other:
 *
 * 1. Ofcom's numbers reserved for drama ("will not be allocated to communications providers"):
 *    - mobile 07700 900000–900999 (1,000 numbers);
 *    - geographic 0113/0114/0115/0116/0117/0118/0121/0131/0141/0151/0161 496 0000–0999,
 *      0191 498 0000–0999, 020 7946 0000–0999, 028 9649 6000–6999 and 029 2018 0000–0999
 *      (15 × 1,000 numbers). 01632 960xxx is also reserved but is not used: it has no town and
 *      libphonenumber rejects it.
 * 2. The rest of 07700 9xxxxx (07700 901000–999999, 99,000 numbers). These are NOT reserved for
 *    drama. They are used because 1,000 mobiles cannot give 100,000 advertisers a number each:
 *    the prefix 07700 9 is not allocated to any operator in libphonenumber-js 1.13's metadata
 *    (derived from Ofcom's allocations; `isValid()` is false for them), so today no one can hold
 *    one. Ofcom could allocate them in future; if it does, this range must be revisited.
 *
 * Allocation gives each new advertiser the next number of a seeded permutation: Ofcom's 1,000
 * drama mobiles first (so small corpora use reserved numbers only), then the 99,000. No two
 * unrelated advertisers share a number until all 100,000 mobiles are used; beyond that the
 * allocator wraps and numbers repeat (documented in docs/demo-corpus.md). Landline ranges are
 * used by parlours in the 15 towns that have one, 1,000 numbers each, then fall back to mobiles.
 *
 * Note for extraction: libphonenumber's `isValid()` is false for the drama mobiles and for the
 * extension range, so a parser that keeps only "valid" numbers would drop every demo mobile.
 */
import type { ObfuscationTechnique } from '../extract/types.ts';
import { mix32, type Random } from './random.ts';

/** Ofcom drama geographic ranges: the first 8 national digits; the last 3 run 000–999. */
export const DRAMA_LANDLINE_STEMS = {
  Leeds: '01134960',
  Sheffield: '01144960',
  Nottingham: '01154960',
  Leicester: '01164960',
  Bristol: '01174960',
  Reading: '01184960',
  Birmingham: '01214960',
  Edinburgh: '01314960',
  Glasgow: '01414960',
  Liverpool: '01514960',
  Manchester: '01614960',
  'Newcastle upon Tyne': '01914980',
  Sunderland: '01914980',
  London: '02079460',
  Belfast: '02896496',
  Lisburn: '02896496',
  Cardiff: '02920180',
} as const satisfies Readonly<Record<string, string>>;

const DRAMA_MOBILE_STEM = '07700900';
const MOBILE_EXTENSION_FIRST = 1000; // 07700 901000
const MOBILE_POOL = 100_000; // 07700 900000–999999

/** True for an 11-digit national number ("07700900123") the generator may write. */
export function isFictionalPhone(national: string): boolean {
  if (!/^0\d{10}$/.test(national)) return false;
  if (national.startsWith('077009')) return true;
  const stem = national.slice(0, 8);
  return Object.values(DRAMA_LANDLINE_STEMS).some((s) => s === stem);
}

/** True for a number in one of Ofcom's reserved drama ranges (a subset of isFictionalPhone). */
export function isOfcomDramaPhone(national: string): boolean {
  if (!/^0\d{10}$/.test(national)) return false;
  const stem = national.slice(0, 8);
  return stem === DRAMA_MOBILE_STEM || Object.values(DRAMA_LANDLINE_STEMS).some((s) => s === stem);
}

/** A seeded bijection on [0, n): a 4-round Feistel network with cycle walking. */
class Permutation {
  private readonly half: number;
  private readonly mask: number;
  private readonly keys: readonly number[];

  constructor(
    private readonly size: number,
    rng: Random,
  ) {
    let bits = Math.max(2, Math.ceil(Math.log2(size)));
    if (bits % 2 === 1) bits++;
    this.half = bits / 2;
    this.mask = (1 << this.half) - 1;
    this.keys = [rng.uint32(), rng.uint32(), rng.uint32(), rng.uint32()];
  }

  at(index: number): number {
    let x = index;
    do x = this.encrypt(x);
    while (x >= this.size);
    return x;
  }

  private encrypt(x: number): number {
    let left = x >>> this.half;
    let right = x & this.mask;
    for (const key of this.keys) {
      const f = mix32(right ^ key) & this.mask;
      const next = left ^ f;
      left = right;
      right = next;
    }
    return (left << this.half) | right;
  }
}

/** Hands out fictional numbers, each once, in a seeded order that looks random. */
export class PhoneAllocator {
  private mobilesIssued = 0;
  private readonly dramaMobiles: Permutation;
  private readonly extensionMobiles: Permutation;
  private readonly landlines = new Map<string, { issued: number; order: Permutation }>();
  private readonly rng: Random;

  constructor(rng: Random) {
    this.rng = rng;
    this.dramaMobiles = new Permutation(MOBILE_EXTENSION_FIRST, rng);
    this.extensionMobiles = new Permutation(MOBILE_POOL - MOBILE_EXTENSION_FIRST, rng);
  }

  /** Mobile numbers issued so far; above 100,000 numbers repeat. */
  get mobileCount(): number {
    return this.mobilesIssued;
  }

  /** The next unused mobile, national format ("07700900123"). */
  mobile(): string {
    const i = this.mobilesIssued++ % MOBILE_POOL;
    if (i < MOBILE_EXTENSION_FIRST) {
      return DRAMA_MOBILE_STEM + String(this.dramaMobiles.at(i)).padStart(3, '0');
    }
    const n = MOBILE_EXTENSION_FIRST + this.extensionMobiles.at(i - MOBILE_EXTENSION_FIRST);
    return '077009' + String(n).padStart(5, '0');
  }

  /** The next unused drama landline for a town, or a mobile when the town has none left. */
  landlineOrMobile(town: string): string {
    const stem = (DRAMA_LANDLINE_STEMS as Readonly<Record<string, string>>)[town];
    if (stem === undefined) return this.mobile();
    let state = this.landlines.get(stem);
    if (state === undefined) {
      state = { issued: 0, order: new Permutation(1000, this.rng) };
      this.landlines.set(stem, state);
    }
    if (state.issued >= 1000) return this.mobile();
    return stem + String(state.order.at(state.issued++)).padStart(3, '0');
  }
}

/** How a number is written when it is not hidden. */
export const PHONE_FORMATS = [
  'grouped', // 07700 900123, 0113 496 0123
  'compact', // 07700900123
  'international', // +44 7700 900123
  'international-compact', // +447700900123
  'dashes', // 07700-900-123
  'three-groups', // 07700 900 123
  'brackets', // (07700) 900123
  'double-zero', // 0044 7700 900123
  'dots', // 07700.900.123
] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];

function groupsOf(national: string): readonly string[] {
  if (national.startsWith('07')) return [national.slice(0, 5), national.slice(5)];
  if (national.startsWith('02'))
    return [national.slice(0, 3), national.slice(3, 7), national.slice(7)];
  return [national.slice(0, 4), national.slice(4, 7), national.slice(7)];
}

/** A national number written in one of the plain formats. */
export function formatPhone(national: string, format: PhoneFormat): string {
  const groups = groupsOf(national);
  const [first = '', ...rest] = groups;
  const mobile = national.startsWith('07');
  switch (format) {
    case 'grouped':
      return groups.join(' ');
    case 'compact':
      return national;
    case 'international':
      return ['+44', first.slice(1), ...rest].join(' ');
    case 'international-compact':
      return '+44' + national.slice(1);
    case 'dashes':
      return mobile ? `${first}-${national.slice(5, 8)}-${national.slice(8)}` : groups.join('-');
    case 'three-groups':
      return mobile ? `${first} ${national.slice(5, 8)} ${national.slice(8)}` : groups.join(' ');
    case 'brackets':
      return `(${first}) ${rest.join(mobile ? '' : ' ')}`;
    case 'double-zero':
      return ['0044', first.slice(1), ...rest].join(' ');
    case 'dots':
      return mobile ? `${first}.${national.slice(5, 8)}.${national.slice(8)}` : groups.join('.');
  }
}

const DIGIT_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
];
const ZERO_WORDS = ['zero', 'oh', 'o'];
const ODD_SEPARATORS = ['.', '-', '/', '_', '|', '*', '~'];
const KEYCAP = '\uFE0F\u20E3';
const ZERO_WIDTH = ['\u200B', '\u200C', '\u200D'];

function digitsAsWords(digits: string, rng: Random): string {
  const zero = rng.pick(ZERO_WORDS);
  const sep = rng.pick([' ', ' ', ' ', '-', ', ']);
  const doubles = rng.chance(0.3);
  const out: string[] = [];
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(i) - 48;
    const word = d === 0 ? zero : (DIGIT_WORDS[d] as string);
    if (doubles && digits[i + 1] === digits[i]) {
      out.push(`double ${word}`);
      i++;
    } else out.push(word);
  }
  const text = out.join(sep);
  return rng.chance(0.15) ? text.toUpperCase() : text;
}

/** A number hidden from scrapers by one technique. */
export function obscurePhone(
  national: string,
  technique: ObfuscationTechnique,
  rng: Random,
): string {
  switch (technique) {
    case 'digit-words':
      // Often only part of the number is spelled out: "07700 nine zero zero one two three".
      if (rng.chance(0.4)) {
        const cut = national.startsWith('07') ? 5 : 4;
        return `${national.slice(0, cut)} ${digitsAsWords(national.slice(cut), rng)}`;
      }
      return digitsAsWords(national, rng);
    case 'spacing':
      return national.split('').join(rng.chance(0.8) ? ' ' : '  ');
    case 'separators': {
      // Chunks of 2–4 digits split by odd punctuation: "077.00-900/12*3".
      let out = '';
      for (let i = 0; i < national.length;) {
        const size = Math.min(rng.int(2, 4), national.length - i);
        out += (i === 0 ? '' : rng.pick(ODD_SEPARATORS)) + national.slice(i, i + size);
        i += size;
      }
      return out;
    }
    case 'emoji-keycaps':
      return national
        .split('')
        .map((d) => d + KEYCAP)
        .join(rng.chance(0.7) ? '' : ' ');
    case 'letter-for-digit': {
      const one = rng.pick(['l', 'I']);
      const zero = rng.pick(['O', 'o']);
      return groupsOf(national)
        .join(' ')
        .replace(/[01]/g, (d) => (d === '0' ? zero : one));
    }
    case 'zero-width': {
      const zw = rng.pick(ZERO_WIDTH);
      return national.split('').join(zw);
    }
    case 'unicode-digits':
      // Full-width digits (U+FF10…U+FF19), as pasted from some phone keyboards.
      return groupsOf(national)
        .join(' ')
        .replace(/\d/g, (d) => String.fromCharCode(0xff10 + d.charCodeAt(0) - 48));
    case 'spelled-symbols':
      // Only meaningful for emails; for a phone fall back to words.
      return digitsAsWords(national, rng);
  }
}

/** An email hidden from scrapers: "amber.k3x9 at example dot com". */
export function obscureEmail(email: string, rng: Random): string {
  const at = rng.pick([' at ', ' (at) ', ' [at] ', '@ ']);
  const dot = rng.pick([' dot ', ' (dot) ', ' . ']);
  const [local = '', domain = ''] = email.split('@');
  return local + at + domain.split('.').join(dot);
}
