import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nationalityTokens, statedNationalities, statedNationality } from './nationality.ts';

describe('statedNationalities', () => {
  it.each([
    ['New Romanian girl in town, 100% real photos', ['Romanian']],
    ['Sexy BRAZILIAN babe, first time in Leeds', ['Brazilian']],
    ['I am from Brasil and I love to travel', ['Brazilian']],
    ["I'm Polish, 24, very friendly", ['Polish']],
    ['Half Thai half English beauty', ['Thai', 'English']],
    ['Genuine Russian lady, outcalls only', ['Russian']],
    ['I am British, independent, no agency', ['British']],
    ['Stunning Nigerian model visiting Manchester', ['Nigerian']],
    ['Hi, I am Ana, Colombian and Spanish speaking too', ['Colombian']],
    ['Filipina petite', ['Filipino']],
    ['Petite Czech blonde — 100% Czech', ['Czech']],
  ])('%s → %j', (text, expected) => {
    expect(statedNationalities(text)).toEqual(expected);
  });

  it.each([
    'French kissing, Greek on request, Swedish massage',
    'Services: OWO, French, Greek, Russian, Spanish',
    'Relaxing Thai massage and Turkish bath',
    'Brazilian wax, nail polish, English speaking',
    'I speak English and a little Spanish',
    'Chinese food after? Dutch courage welcome',
  ])('finds no nationality in a list of services or styles: %s', (text) => {
    expect(statedNationalities(text)).toEqual([]);
  });

  it('reports each nationality once, in order of first mention', () => {
    expect(statedNationalities('Romanian girl. Romania born. Hungarian friend too')).toEqual([
      'Romanian',
      'Hungarian',
    ]);
    expect(statedNationality('no nationality here')).toBeNull();
  });

  it('never throws, returns known names only, and ignores case and accents', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const found = statedNationalities(text);
        expect(new Set(found).size).toBe(found.length);
        expect(statedNationalities(text.toUpperCase())).toEqual(
          statedNationalities(text.toLowerCase()),
        );
      }),
    );
    fc.assert(
      fc.property(
        fc.constantFrom('romanian', 'nigerian', 'czech', 'albanian'),
        fc.string(),
        (w, rest) => {
          const clean = rest.replace(/[\p{L}\p{N}]/gu, ' ');
          expect(statedNationalities(`${clean} ${w} ${clean}`).length).toBe(1);
        },
      ),
    );
  });

  it('tokenises to lower-case words without accents, keeping 100%', () => {
    expect(nationalityTokens('100% Française, ÉLÉGANTE!')).toEqual([
      '100%',
      'francaise',
      'elegante',
    ]);
  });
});
