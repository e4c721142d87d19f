import { describe, expect, it } from 'vitest';
import {
  DRAMA_LANDLINE_STEMS,
  formatPhone,
  isFictionalPhone,
  isOfcomDramaPhone,
  obscurePhone,
  PhoneAllocator,
  PHONE_FORMATS,
} from './phones.ts';
import { createRandom } from './random.ts';

describe('PhoneAllocator', () => {
  it('hands out 100,000 distinct fictional mobiles, Ofcom drama numbers first', () => {
    const phones = new PhoneAllocator(createRandom(1));
    const seen = new Set<string>();
    for (let i = 0; i < 100_000; i++) {
      const n = phones.mobile();
      expect(isFictionalPhone(n)).toBe(true);
      if (i < 1000) expect(isOfcomDramaPhone(n)).toBe(true);
      seen.add(n);
    }
    expect(seen.size).toBe(100_000);
    // Beyond the pool, numbers repeat (documented limit).
    expect(seen.has(phones.mobile())).toBe(true);
  });

  it('gives a city its drama landlines, then mobiles', () => {
    const phones = new PhoneAllocator(createRandom(2));
    const leeds = new Set<string>();
    for (let i = 0; i < 1000; i++) leeds.add(phones.landlineOrMobile('Leeds'));
    expect(leeds.size).toBe(1000);
    for (const n of leeds) expect(n.startsWith(DRAMA_LANDLINE_STEMS.Leeds)).toBe(true);
    expect(phones.landlineOrMobile('Leeds').startsWith('077009')).toBe(true);
    expect(phones.landlineOrMobile('Bath').startsWith('077009')).toBe(true);
  });
});

describe('fictional ranges', () => {
  it('accepts only the reserved ranges and 07700 9xxxxx', () => {
    expect(isFictionalPhone('07700900123')).toBe(true);
    expect(isFictionalPhone('07700912345')).toBe(true);
    expect(isFictionalPhone('02079460999')).toBe(true);
    expect(isFictionalPhone('02896496123')).toBe(true);
    expect(isFictionalPhone('02079461000')).toBe(false);
    expect(isFictionalPhone('07911123456')).toBe(false);
    expect(isFictionalPhone('07700812345')).toBe(false);
    expect(isFictionalPhone('0770090012')).toBe(false);
    expect(isOfcomDramaPhone('07700912345')).toBe(false);
  });
});

describe('formatPhone and obscurePhone', () => {
  const digitsOf = (s: string) => {
    const d = s.replace(/\D/g, '');
    return d.startsWith('0044') ? '0' + d.slice(4) : d.startsWith('44') ? '0' + d.slice(2) : d;
  };

  it('writes the same number in every format', () => {
    for (const national of ['07700900123', '01134960456', '02079460789', '02896496001']) {
      for (const format of PHONE_FORMATS)
        expect(digitsOf(formatPhone(national, format))).toBe(national);
    }
  });

  it('hides a number in ways a reader can still follow', () => {
    const rng = createRandom(5);
    expect(obscurePhone('07700900123', 'spacing', rng).replace(/\s/g, '')).toBe('07700900123');
    expect(obscurePhone('07700900123', 'emoji-keycaps', rng)).toContain('7\uFE0F\u20E3');
    expect(obscurePhone('07700900123', 'zero-width', rng).replace(/[\u200B-\u200D]/g, '')).toBe(
      '07700900123',
    );
    expect(obscurePhone('07700900123', 'unicode-digits', rng)).toContain('\uFF17');
    expect(digitsOf(obscurePhone('07700900123', 'separators', rng))).toBe('07700900123');
    expect(obscurePhone('07700900123', 'letter-for-digit', rng)).toMatch(
      /^[Oo]77[Oo][Oo] 9[Oo][Oo][lI]23$/,
    );
    expect(obscurePhone('07700900123', 'digit-words', rng)).toMatch(/seven|SEVEN|nine|NINE/);
  });
});
