import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advertSchema } from '../advert/advert-schema.ts';
import { KIND_SHARES } from './corpus-config.ts';
import { generateCorpus } from './generate-corpus.ts';
import { isFictionalPhone, isOfcomDramaPhone } from './phones.ts';
import { EMAIL_DOMAINS } from './phrases.ts';
import type { ControllerKind, DemoItem, DemoOptions } from './types.ts';

const BASE: DemoOptions = {
  adverts: 2_000,
  seed: 1,
  start: '2025-03-03T00:00:00Z',
  days: 30,
  site: 'demo-site',
};

function corpus(options: Partial<DemoOptions> = {}): DemoItem[] {
  return [...generateCorpus({ ...BASE, ...options })];
}

// One shared 20k corpus for the statistical tests (generated once, about a second).
let big: DemoItem[] | undefined;
function bigCorpus(): DemoItem[] {
  big ??= corpus({ adverts: 20_000, seed: 20_240_601 });
  return big;
}

const WORD_DIGITS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

/** Undoes the obfuscations a reader would see through, then lists every phone-shaped number. */
function phonesInText(text: string): string[] {
  const plain = text
    .replace(/[\u200B-\u200D]/g, '')
    .replace(/\uFE0F\u20E3/g, '')
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 48))
    .replace(/\bdouble (zero|oh|o|one|two|three|four|five|six|seven|eight|nine)\b/gi, (_, w) => {
      const d = WORD_DIGITS[String(w).toLowerCase()] ?? '';
      return d + d;
    })
    .replace(
      /\b(zero|oh|o|one|two|three|four|five|six|seven|eight|nine)\b/gi,
      (w) => WORD_DIGITS[w.toLowerCase()] ?? w,
    )
    // Look-alike letters only inside tokens that already hold digits ("O77OO", "l23").
    .replace(/[0-9OoIil]*\d[0-9OoIil]*/g, (token) =>
      token.replace(/[Oo]/g, '0').replace(/[Iil]/g, '1'),
    );
  const found: string[] = [];
  const pattern = /(\+44|0044|\b44|(?<!\d)0)((?:[\s.\-/_|*~,()]*\d){9,10})/g;
  for (const m of plain.matchAll(pattern)) {
    found.push('0' + (m[2] ?? '').replace(/\D/g, ''));
  }
  return found;
}

function hamming(a: string, b: string): number {
  let d = 0;
  for (let i = 0; i < 64; i += 8) {
    let x = (parseInt(a.slice(i, i + 8), 16) ^ parseInt(b.slice(i, i + 8), 16)) >>> 0;
    while (x !== 0) {
      x &= x - 1;
      d++;
    }
  }
  return d;
}

function phoneFieldDigits(field: string): string {
  const digits = field.replace(/\D/g, '');
  if (digits.startsWith('0044')) return '0' + digits.slice(4);
  if (digits.startsWith('44')) return '0' + digits.slice(2);
  return digits;
}

describe('generateCorpus', () => {
  it('gives byte-identical output for the same options, and different output for another seed', () => {
    const a = JSON.stringify(corpus());
    const b = JSON.stringify(corpus());
    const c = JSON.stringify(corpus({ seed: 2 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('writes adverts that validate, with unique ids, in posting order inside the window', () => {
    const items = corpus({ adverts: 5_000 });
    expect(items).toHaveLength(5_000);
    const start = Date.parse(BASE.start);
    const end = start + BASE.days * 86_400_000;
    const ids = new Set<string>();
    let previous = start;
    for (const { advert, truth } of items) {
      const parsed = advertSchema.safeParse(advert);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      expect(ids.has(advert.id)).toBe(false);
      ids.add(advert.id);
      expect(truth.id).toBe(advert.id);
      expect(advert.site).toBe(BASE.site);
      const t = Date.parse(advert.postedAt ?? '');
      expect(t).toBeGreaterThanOrEqual(previous);
      expect(t).toBeLessThanOrEqual(end);
      previous = t;
      expect(advert.images?.length).toBeGreaterThanOrEqual(1);
      expect(advert.images?.length).toBeLessThanOrEqual(6);
      expect(truth.exploited).toBe(truth.kind === 'exploitation-network');
    }
  });

  it('rejects nonsensical options', () => {
    expect(() => corpus({ adverts: -1 })).toThrow(RangeError);
    expect(() => corpus({ days: 0 })).toThrow(RangeError);
    expect(() => corpus({ start: 'yesterday' })).toThrow(RangeError);
  });

  it('keeps the mix of kinds within 2 points of the configured shares at 20k adverts', () => {
    const counts: Record<ControllerKind, number> = {
      independent: 0,
      duo: 0,
      agency: 0,
      'exploitation-network': 0,
    };
    const items = bigCorpus();
    for (const { truth } of items) counts[truth.kind]++;
    for (const kind of Object.keys(KIND_SHARES) as ControllerKind[]) {
      expect(Math.abs(counts[kind] / items.length - KIND_SHARES[kind]), kind).toBeLessThan(0.02);
    }
  });

  it('gives every network at least two personas, and networks of very different sizes', () => {
    const personas = new Map<string, Set<string>>();
    for (const { truth } of bigCorpus()) {
      if (truth.kind !== 'exploitation-network') continue;
      const set = personas.get(truth.controller) ?? new Set<string>();
      set.add(truth.persona);
      personas.set(truth.controller, set);
    }
    const sizes = [...personas.values()].map((s) => s.size);
    expect(sizes.length).toBeGreaterThanOrEqual(12);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(15);
  });

  it('rarely lets unrelated independents share a phone number (< 0.1%)', () => {
    const owners = new Map<string, Set<string>>();
    const independents = new Set<string>();
    for (const { advert, truth } of bigCorpus()) {
      const numbers = [
        ...(advert.phones ?? []).map(phoneFieldDigits),
        ...phonesInText(advert.text ?? ''),
      ];
      if (truth.kind === 'independent') independents.add(truth.controller);
      for (const n of numbers) {
        const set = owners.get(n) ?? new Set<string>();
        set.add(truth.controller);
        owners.set(n, set);
      }
    }
    const sharing = new Set<string>();
    for (const set of owners.values()) {
      if (set.size < 2) continue;
      for (const c of set) if (independents.has(c)) sharing.add(c);
    }
    expect(independents.size).toBeGreaterThan(1_000);
    expect(sharing.size / independents.size).toBeLessThan(0.001);
  });

  it('writes only fictional phone numbers and email domains, in fields and in text', () => {
    let textNumbers = 0;
    let privacyAdverts = 0;
    let privacyDecoded = 0;
    for (const { advert, truth } of bigCorpus()) {
      for (const field of advert.phones ?? []) {
        expect(isFictionalPhone(phoneFieldDigits(field)), field).toBe(true);
      }
      const inText = phonesInText(advert.text ?? '');
      for (const n of inText) expect(isFictionalPhone(n), `${n} in ${advert.text}`).toBe(true);
      textNumbers += inText.length;
      if (truth.privacyObfuscation) {
        privacyAdverts++;
        if (inText.length > 0) privacyDecoded++;
      }
      for (const email of advert.emails ?? []) {
        expect(
          EMAIL_DOMAINS.some((d) => email.endsWith('@' + d)),
          email,
        ).toBe(true);
      }
      // Plain and half-hidden addresses ("name@ mail . example") in text.
      for (const m of (advert.text ?? '').matchAll(/@\s?([a-z]+(?:(?:\.| \. )[a-z]+)+)/g)) {
        expect(EMAIL_DOMAINS).toContain((m[1] ?? '').replace(/\s/g, ''));
      }
      for (const m of (advert.text ?? '').matchAll(/ \(?at\)? (\w+) \(?dot\)? (\w+)/g)) {
        expect(EMAIL_DOMAINS).toContain(`${m[1]}.${m[2]}`);
      }
    }
    // The decoder above sees through every obfuscation the generator writes.
    expect(textNumbers).toBeGreaterThan(5_000);
    expect(privacyAdverts).toBeGreaterThan(500);
    expect(privacyDecoded / privacyAdverts).toBeGreaterThan(0.99);
  });

  it('uses only Ofcom drama numbers in a small corpus', () => {
    for (const { advert } of corpus({ adverts: 1_000 })) {
      for (const field of advert.phones ?? []) {
        const n = phoneFieldDigits(field);
        expect(isOfcomDramaPhone(n), field).toBe(true);
      }
    }
  });

  it('shows every red flag among independents and agencies too, not only in networks', () => {
    const has = (kind: ControllerKind, test: (item: DemoItem) => boolean) =>
      bigCorpus().some((item) => item.truth.kind === kind && test(item));
    const young = (item: DemoItem) => (item.advert.age ?? 99) <= 20;
    const unverified = (item: DemoItem) => item.advert.verified?.age === false;
    const trust = (item: DemoItem) =>
      /genuine|real pics|no fakes|trust me/i.test(item.advert.text ?? '');
    const obscured = (item: DemoItem) =>
      /\b(seven|nine|zero)\b|\uFE0F\u20E3|\d \d \d \d/i.test(item.advert.text ?? '');
    const always = (item: DemoItem) => /24\/7|day and night/i.test(item.advert.text ?? '');
    for (const test of [young, unverified, trust, obscured]) {
      expect(has('independent', test)).toBe(true);
      expect(has('exploitation-network', test)).toBe(true);
    }
    expect(has('agency', always)).toBe(true);
    expect(has('independent', (i) => i.truth.statedNationality !== null)).toBe(true);
    expect(has('independent', (i) => i.truth.touring)).toBe(true);
  });

  it('uses movement words more among touring independents than in networks', () => {
    const movement = /new in town|touring|visiting|just arrived|limited time|leaving/i;
    const rate = (kind: ControllerKind) => {
      const items = bigCorpus().filter((i) => i.truth.kind === kind);
      return items.filter((i) => movement.test(i.advert.text ?? '')).length / items.length;
    };
    expect(rate('independent')).toBeGreaterThan(rate('exploitation-network'));
  });

  it('reuses photos across network personas, exactly and with a few bits changed', () => {
    // Distinct hashes per network persona, then compare personas within each network.
    const hashes = new Map<string, Map<string, Set<string>>>();
    for (const { advert, truth } of bigCorpus()) {
      if (truth.kind !== 'exploitation-network') continue;
      const byPersona = hashes.get(truth.controller) ?? new Map<string, Set<string>>();
      hashes.set(truth.controller, byPersona);
      const set = byPersona.get(truth.persona) ?? new Set<string>();
      byPersona.set(truth.persona, set);
      for (const image of advert.images ?? []) {
        const pdq = (image as { pdq?: unknown }).pdq;
        if (typeof pdq === 'string') set.add(pdq);
      }
    }
    let exact = 0;
    let near = 0;
    for (const byPersona of hashes.values()) {
      const personas = [...byPersona.values()].map((s) => [...s]);
      for (let i = 0; i < personas.length; i++) {
        for (let j = i + 1; j < personas.length; j++) {
          for (const a of personas[i] ?? []) {
            for (const b of personas[j] ?? []) {
              const d = hamming(a, b);
              if (d === 0) exact++;
              else if (d <= 20) near++;
            }
          }
        }
      }
    }
    expect(exact).toBeGreaterThan(20);
    expect(near).toBeGreaterThan(20);
  });

  it('always validates, for any seed, size, start and window (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: 0, max: 150 }),
        fc.integer({ min: 1, max: 90 }),
        fc.date({ min: new Date('2015-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        (seed, adverts, days, start) => {
          const options = { ...BASE, seed, adverts, days, start: start.toISOString() };
          const items = [...generateCorpus(options)];
          expect(items).toHaveLength(adverts);
          const ids = new Set(items.map((i) => i.advert.id));
          expect(ids.size).toBe(adverts);
          const end = start.getTime() + days * 86_400_000;
          for (const { advert } of items) {
            expect(advertSchema.safeParse(advert).success).toBe(true);
            const t = Date.parse(advert.postedAt ?? '');
            expect(t).toBeGreaterThanOrEqual(start.getTime());
            expect(t).toBeLessThanOrEqual(end);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('streams 200k adverts in bounded memory (heap grows < 50 MB)', () => {
    // Expose the collector in this worker so the measurement is of live objects, not garbage.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    for (const item of generateCorpus({ ...BASE, adverts: 200_000, seed: 99 })) {
      count++;
      if (count % 50_000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed - before);
      }
      if (item.advert.id === '') throw new Error('unreachable');
    }
    expect(count).toBe(200_000);
    expect(peak).toBeLessThan(50 * 1024 * 1024);
  });
});
