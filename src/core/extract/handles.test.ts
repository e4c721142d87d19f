import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractHandles } from './handles.ts';
import type { SocialPlatform } from './types.ts';

function found(text: string): [SocialPlatform, string][] {
  const hits = extractHandles(text);
  for (const h of hits) expect(text.slice(h.span[0], h.span[1])).toBe(h.raw);
  return hits.map((h) => [h.platform, h.handle]);
}

describe('extractHandles: labelled handles', () => {
  it.each<[string, SocialPlatform, string]>([
    ['IG: anna_xo', 'instagram', 'anna_xo'],
    ['insta @Anna.XO.', 'instagram', 'anna.xo'],
    ['Instagram - annaxo', 'instagram', 'annaxo'],
    ['my insta is anna_xo', 'instagram', 'anna_xo'],
    ['instagram anna_xo99', 'instagram', 'anna_xo99'],
    ['Snapchat: sexyanna', 'snapchat', 'sexyanna'],
    ['snap - anna.b', 'snapchat', 'anna.b'],
    ['SC: annaxo', 'snapchat', 'annaxo'],
    ['👻: sexy.anna', 'snapchat', 'sexy.anna'],
    ['👻 ➡️ annaxo', 'snapchat', 'annaxo'],
    ['telegram: annaxo', 'telegram', 'annaxo'],
    ['TG @annaxo', 'telegram', 'annaxo'],
    ['kik: annaxo', 'kik', 'annaxo'],
    ['TikTok @anna.xo', 'tiktok', 'anna.xo'],
    ['Twitter @anna_xo', 'twitter', 'anna_xo'],
    ['OnlyFans: annaxo', 'onlyfans', 'annaxo'],
    ['instagram username: anna_xo', 'instagram', 'anna_xo'],
  ])('%s', (text, platform, handle) => {
    expect(found(`Follow me! ${text} for more`)).toEqual([[platform, handle]]);
  });
});

describe('extractHandles: profile links', () => {
  it.each<[string, SocialPlatform, string]>([
    ['https://www.instagram.com/anna_xo/', 'instagram', 'anna_xo'],
    ['instagram.com/Anna.XO', 'instagram', 'anna.xo'],
    ['instagr.am/annaxo', 'instagram', 'annaxo'],
    ['t.me/annaxo', 'telegram', 'annaxo'],
    ['https://telegram.me/annaxo', 'telegram', 'annaxo'],
    ['wa.me/447700900123', 'whatsapp', '447700900123'],
    ['https://wa.me/+447700900123', 'whatsapp', '447700900123'],
    ['onlyfans.com/annaxo', 'onlyfans', 'annaxo'],
    ['x.com/anna_xo', 'twitter', 'anna_xo'],
    ['twitter.com/anna_xo', 'twitter', 'anna_xo'],
    ['tiktok.com/@anna', 'tiktok', 'anna'],
    ['snapchat.com/add/annaxo', 'snapchat', 'annaxo'],
    ['kik.me/annaxo', 'kik', 'annaxo'],
  ])('%s', (link, platform, handle) => {
    const text = `see ${link} now`;
    const hits = extractHandles(text);
    expect(hits.map((h) => [h.platform, h.handle])).toEqual([[platform, handle]]);
    expect(hits[0]?.raw.startsWith(link.replace(/\/$/, '').slice(0, 8))).toBe(true);
  });

  it('keeps the scheme and host in the span', () => {
    const text = 'follow https://www.instagram.com/anna_xo/ now';
    const [hit] = extractHandles(text);
    expect(hit?.raw).toBe('https://www.instagram.com/anna_xo');
  });

  it('skips site pages that are not profiles', () => {
    expect(found('instagram.com/p/abc123 and x.com/home and t.me/joinchat')).toEqual([]);
  });
});

describe('extractHandles: bare @handles', () => {
  it('defaults to other, or the platform named after it', () => {
    expect(found('find me @annaxo')).toEqual([['other', 'annaxo']]);
    expect(found('@annaxo on insta')).toEqual([['instagram', 'annaxo']]);
    expect(found('@AnnaXO via snap')).toEqual([['snapchat', 'annaxo']]);
  });

  it('ignores zero-width characters hidden in a handle', () => {
    const text = 'IG: an\u200Bna_xo';
    const [hit] = extractHandles(text);
    expect(hit?.handle).toBe('anna_xo');
    expect(hit?.raw).toBe(text);
  });

  it('several handles, in text order', () => {
    expect(found('tg: annaxo and sc: anna2, also t.me/bella_b and @cleo')).toEqual([
      ['telegram', 'annaxo'],
      ['snapchat', 'anna2'],
      ['telegram', 'bella_b'],
      ['other', 'cleo'],
    ]);
  });
});

describe('extractHandles: not handles', () => {
  it.each([
    'email anna@gmail.com',
    'anna @gmail.com',
    'insta: anna@gmail.com',
    'in-calls @ my flat',
    'see you @ 10pm',
    'insta is amazing',
    'snap me later',
    'sc annaxo',
    'Big night in, discreet',
    'inbox.com/anna',
    'IG for more pics',
    'telegram: 07700 900123',
    '',
  ])('%j', (text) => {
    expect(extractHandles(text)).toEqual([]);
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
        'IG',
        'insta',
        ':',
        ' ',
        '@',
        'anna_xo',
        '.',
        'snap',
        '👻',
        't.me/',
        'wa.me/',
        '447700900123',
        'gmail',
        'com',
        '-',
        'is',
      ),
      { maxLength: 20 },
    )
    .map((a) => a.join('')),
);

describe('extractHandles: properties', () => {
  it('never throws; spans, raw and handle shape hold', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        for (const h of extractHandles(text)) {
          const [a, b] = h.span;
          if (!(a >= 0 && a < b && b <= text.length)) return false;
          if (text.slice(a, b) !== h.raw) return false;
          if (h.handle !== h.handle.toLowerCase() || h.handle.startsWith('@')) return false;
          if (h.handle.length === 0 || h.handle.includes('@')) return false;
        }
        return true;
      }),
      { numRuns: 1500 },
    );
  });

  it('reads a label glued to an email with a hyphenated domain as an email', () => {
    expect(extractHandles('write to sc@aa-a.aa please')).toEqual([]);
    expect(extractHandles('snap@my-site.co.uk')).toEqual([]);
  });

  it('never reads an email address as a handle', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const hits = extractHandles(`write to ${email} please`);
        const domain = email.slice(email.indexOf('@') + 1).toLowerCase();
        return hits.every(
          (h) => h.handle !== domain && !email.toLowerCase().includes(`@${h.handle}`),
        );
      }),
      { numRuns: 1000 },
    );
  });
});
