import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LANGUAGE_TAG, parseLanguageTag } from './language.ts';

describe('parseLanguageTag', () => {
  it('puts common tags in canonical case', () => {
    expect(parseLanguageTag('en')).toBe('en');
    expect(parseLanguageTag('PT-br')).toBe('pt-BR');
    expect(parseLanguageTag('sr-latn-rs')).toBe('sr-Latn-RS');
    expect(parseLanguageTag('zh_Hant')).toBe('zh-Hant');
    expect(parseLanguageTag('es-419')).toBe('es-419');
    expect(parseLanguageTag(' ro ')).toBe('ro');
    expect(parseLanguageTag('de-CH-1996')).toBe('de-CH-1996');
  });

  it('refuses what is not a language tag', () => {
    for (const bad of [
      '',
      'e',
      'english!',
      'en--GB',
      'en-GB-',
      '12',
      'en-x-private',
      'de-1996-1996',
    ]) {
      expect(parseLanguageTag(bad), bad).toBeNull();
    }
  });

  it('never throws, and what it gives back parses to itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), (s) => {
        const tag = parseLanguageTag(s);
        if (tag !== null) {
          expect(parseLanguageTag(tag)).toBe(tag);
          expect(tag.length).toBeLessThanOrEqual(MAX_LANGUAGE_TAG);
        }
      }),
    );
  });

  it('accepts every tag built from the grammar, in any case', () => {
    const alpha = (min: number, max: number) =>
      fc.stringMatching(new RegExp(`^[a-zA-Z]{${min},${max}}$`));
    const tag = fc
      .tuple(
        alpha(2, 3),
        fc.option(alpha(4, 4), { nil: undefined }),
        fc.option(fc.oneof(alpha(2, 2), fc.stringMatching(/^[0-9]{3}$/)), { nil: undefined }),
      )
      .map(([l, s, r]) => [l, s, r].filter((x) => x !== undefined).join('-'));
    fc.assert(
      fc.property(tag, (t) => {
        const parsed = parseLanguageTag(t);
        expect(parsed).not.toBeNull();
        expect(parsed!.toLowerCase()).toBe(t.toLowerCase());
      }),
    );
  });
});
