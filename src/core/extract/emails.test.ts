import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractEmails, normaliseEmail } from './emails.ts';
import type { EmailHit } from './types.ts';

function only(text: string): EmailHit {
  const hits = extractEmails(text);
  expect(hits).toHaveLength(1);
  const hit = hits[0] as EmailHit;
  expect(hit.raw).toBe(text.slice(hit.span[0], hit.span[1]));
  return hit;
}

describe('extractEmails: plain addresses', () => {
  it.each([
    ['anna@gmail.com', 'anna@gmail.com'],
    ['Anna.Smith+ads@Hotmail.Co.UK', 'anna.smith+ads@hotmail.co.uk'],
    ['kate_88@my-host.net', 'kate_88@my-host.net'],
    ['x@example.studio', 'x@example.studio'],
  ])('%s', (written, email) => {
    const text = `Email me: ${written}. Thanks`;
    const hit = only(text);
    expect(hit.email).toBe(email);
    expect(hit.raw).toBe(written);
    expect(hit.obfuscated).toBe(false);
    expect(hit.techniques).toEqual([]);
  });

  it('stops at the sentence full stop and at unknown trailing words', () => {
    expect(only('anna@gmail.com.Call me').raw).toBe('anna@gmail.com');
    expect(only('mailto:anna@gmail.com').raw).toBe('anna@gmail.com');
  });

  it('finds several addresses', () => {
    const text = 'anna@gmail.com, bella at yahoo dot co dot uk or cleo(at)outlook(dot)com';
    const hits = extractEmails(text);
    expect(hits.map((h) => h.email)).toEqual([
      'anna@gmail.com',
      'bella@yahoo.co.uk',
      'cleo@outlook.com',
    ]);
    expect(hits.map((h) => h.obfuscated)).toEqual([false, true, true]);
    for (const h of hits) expect(text.slice(h.span[0], h.span[1])).toBe(h.raw);
  });
});

describe('extractEmails: spelled and spaced symbols', () => {
  it.each([
    'anna at gmail dot com',
    'anna AT gmail DOT com',
    'anna [at] gmail [dot] com',
    'anna(at)gmail(dot)com',
    'anna {at} gmail {dot} com',
    'anna <at> gmail <dot> com',
    'anna @ gmail . com',
    'anna@gmail dot com',
    'anna at gmail.com',
    'anna＠gmail.com',
    'anna﹫gmail．com',
    'anna [at] gmail.com',
  ])('%s', (written) => {
    const hit = only(`contact ${written} for bookings`);
    expect(hit.email).toBe('anna@gmail.com');
    expect(hit.raw).toBe(written);
    expect(hit.obfuscated).toBe(true);
    expect(hit.techniques).toEqual(['spelled-symbols']);
  });

  it('multi-label domains and identifier-like local parts', () => {
    expect(only('anna.b99 at example dot co dot uk').email).toBe('anna.b99@example.co.uk');
    expect(only('kate_88 at myhost dot net').email).toBe('kate_88@myhost.net');
    expect(only('ANNA AT HOTMAIL DOT CO DOT UK').email).toBe('anna@hotmail.co.uk');
  });

  it('reserved example domains and plain local parts with a spelled dot', () => {
    expect(only('amber.k3x9 at mail dot example').email).toBe('amber.k3x9@mail.example');
    expect(only('amberxyz at example dot com').email).toBe('amberxyz@example.com');
    expect(only('amber.leeds.k3x9 (at) example (dot) org').email).toBe(
      'amber.leeds.k3x9@example.org',
    );
    expect(only('amber_k3x9@ example . net').email).toBe('amber_k3x9@example.net');
  });

  it('a spelled dot inside the local part', () => {
    const hit = only('mail anna dot smith at gmail dot com');
    expect(hit.email).toBe('anna.smith@gmail.com');
    expect(hit.raw).toBe('anna dot smith at gmail dot com');
    expect(only('anna(dot)smith(at)gmail(dot)com').email).toBe('anna.smith@gmail.com');
    expect(only('email me dot anna at gmail dot com').email).toBe('anna@gmail.com');
  });

  it('zero-width characters inside an address', () => {
    const hit = only('an\u200Bna@gm\u200Dail.com');
    expect(hit.email).toBe('anna@gmail.com');
    expect(hit.raw).toBe('an\u200Bna@gm\u200Dail.com');
    expect(hit.techniques).toEqual(['zero-width']);
  });
});

describe('extractEmails: ordinary English is not an email', () => {
  it.each([
    'look at me dot com',
    'meet at the hotel',
    'I am at home.Then call',
    'stay at leeds dot com',
    'arrive at 10. Then',
    'see you at Manchester Piccadilly station.',
    'at at at',
    'Email me at my address',
    'x@y',
    'anna@gmail',
    'anna@gmail.c',
    '@gmail.com',
    'prices at 150.00 roses',
    'girls at manchester dot com',
    'amberxyz at example.com',
    '',
  ])('%j', (text) => {
    expect(extractEmails(text)).toEqual([]);
  });
});

describe('normaliseEmail', () => {
  it.each([
    ['anna@gmail.com', 'anna@gmail.com'],
    ['  Anna@Gmail.COM ', 'anna@gmail.com'],
    ['mailto:Anna@Gmail.com', 'anna@gmail.com'],
    ['MAILTO: anna@gmail.com', 'anna@gmail.com'],
    ['an\u200Bna@gmail.com', 'anna@gmail.com'],
    ['anna＠gmail.com', 'anna@gmail.com'],
    ['a@b.co', 'a@b.co'],
  ])('%j → %s', (raw, email) => {
    expect(normaliseEmail(raw)).toBe(email);
  });

  it.each([
    '',
    'anna',
    'anna@',
    '@gmail.com',
    'anna@gmail',
    'anna@@gmail.com',
    'an na@gmail.com',
    'a..b@gmail.com',
    '.anna@gmail.com',
    'anna.@gmail.com',
    'anna@-gmail.com',
    'anna@gmail.c0m',
    'anna at gmail dot com',
  ])('rejects %j', (raw) => {
    expect(normaliseEmail(raw)).toBeNull();
  });
});

// ---------------------------------------------------------------------------------------------
// Properties.

const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc
    .array(
      fc.constantFrom(
        'anna',
        ' at ',
        '@',
        ' dot ',
        '.',
        '(at)',
        '[dot]',
        'gmail',
        'com',
        'uk',
        ' ',
        '\u200B',
        '＠',
        'me',
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join('')),
);

const PROVIDERS = ['gmail', 'hotmail', 'yahoo', 'outlook', 'icloud', 'protonmail'];
const TLDS = ['com', 'co.uk', 'net', 'org', 'ro', 'pl'];
const AT_FORMS = ['@', ' @ ', ' at ', ' AT ', '[at]', ' (at) ', '{at}', '＠'];
const DOT_FORMS = ['.', ' . ', ' dot ', '[dot]', '(dot)', ' DOT '];

const obscuredEmail = fc
  .record({
    local: fc.stringMatching(/^[a-z][a-z0-9]{1,8}(?:[._][a-z0-9]{1,5})?[0-9]$/),
    provider: fc.constantFrom(...PROVIDERS),
    tld: fc.constantFrom(...TLDS),
    at: fc.constantFrom(...AT_FORMS),
    dot: fc.constantFrom(...DOT_FORMS),
  })
  .map(({ local, provider, tld, at, dot }) => ({
    text: `${local}${at}${provider}${dot}${tld.split('.').join(dot)}`,
    email: `${local}@${provider}.${tld}`,
  }));

describe('extractEmails: properties', () => {
  it('never throws; spans lie inside the text and raw is the slice', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const h of extractEmails(text)) {
          const [a, b] = h.span;
          if (!(a >= 0 && a < b && b <= text.length)) return false;
          if (text.slice(a, b) !== h.raw) return false;
          if (normaliseEmail(h.email) !== h.email) return false;
          if (h.obfuscated !== h.techniques.length > 0) return false;
        }
        return true;
      }),
      { numRuns: 1500 },
    );
  });

  it('normalising twice changes nothing', () => {
    const emailish = fc.oneof(
      anyText,
      fc.emailAddress(),
      fc.emailAddress().map((e) => ` MAILTO:${e.toUpperCase()} `),
    );
    fc.assert(
      fc.property(emailish, (raw) => {
        const once = normaliseEmail(raw);
        return once === null || normaliseEmail(once) === once;
      }),
      { numRuns: 1500 },
    );
  });

  it('recovers an obscured address in an advert', () => {
    fc.assert(
      fc.property(obscuredEmail, ({ text, email }) => {
        const advert = `Hi gents, for bookings email ${text} or text me`;
        const hits = extractEmails(advert);
        return hits.length === 1 && hits[0]?.email === email && hits[0].raw === text;
      }),
      { numRuns: 1000 },
    );
  });
});
