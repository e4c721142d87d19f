import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstChars } from './first-chars.ts';

const chars = (s: string) => new Set([...s].map((c) => c.charCodeAt(0)));

describe('firstChars', () => {
  it('reads literals, groups, alternations and optional parts', () => {
    expect(firstChars('\\bnew (?:girls|ladies)\\b', false)).toEqual(chars('n'));
    expect(firstChars('\\b(?:real|genuine) pics', false)).toEqual(chars('rg'));
    expect(firstChars('\\byoung(?:est)?', true)).toEqual(chars('yY'));
    expect(firstChars('(?:a )?(?:b|c)', false)).toEqual(chars('abc'));
    expect(firstChars('x*y', false)).toEqual(chars('xy'));
    expect(firstChars('x{0,2}y', false)).toEqual(chars('xy'));
    expect(firstChars('x{1,2}y', false)).toEqual(chars('x'));
    expect(firstChars('\\b24\\s*/\\s*7\\b', false)).toEqual(chars('2'));
  });

  it('reads classes, ranges and class escapes', () => {
    expect(firstChars('[a-c]x', false)).toEqual(chars('abc'));
    expect(firstChars('[\\-x]', false)).toEqual(chars('-x'));
    expect(firstChars('\\d+', false)).toEqual(chars('0123456789'));
    expect(firstChars('[^a]', false)).toBeNull();
    expect(firstChars('.x', false)).toBeNull();
  });

  it('gives up (null) on syntax it does not analyse', () => {
    expect(firstChars('(?=a)b', false)).toBeNull();
    expect(firstChars('\\u0041', false)).toBeNull();
    expect(firstChars('(a)\\1', false)).toBeNull();
    expect(firstChars('é', true)).toBeNull();
  });

  // Patterns from a grammar of the syntax catalogue patterns use.
  const atom: fc.Arbitrary<string> = fc.letrec((tie) => ({
    atom: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(
        'a',
        'b',
        'A',
        '1',
        ' ',
        '-',
        '\\.',
        '\\d',
        '\\s',
        '\\w',
        '\\b',
        '[a-c]',
        '[x\\-]',
        '.',
        '[^a]',
      ),
      fc
        .array(tie('seq') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 })
        .map((alts) => `(?:${alts.join('|')})`),
    ),
    seq: fc
      .array(
        fc.tuple(
          tie('atom') as fc.Arbitrary<string>,
          fc.constantFrom('', '', '?', '*', '+', '{0,2}', '{1,2}'),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.map(([a, q]) => (a === '\\b' ? a : a + q)).join('')),
  })).seq as fc.Arbitrary<string>;

  it('every non-empty match starts with one of the characters it names (property)', () => {
    fc.assert(
      fc.property(
        atom,
        fc.boolean(),
        fc.string({
          unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', '7', ' ', '-', '.', 'x', 'é'),
        }),
        (pattern, ignoreCase, text) => {
          const first = firstChars(pattern, ignoreCase);
          if (first === null) return;
          const re = new RegExp(pattern, ignoreCase ? 'giy' : 'gy');
          for (let i = 0; i < text.length; i++) {
            re.lastIndex = i;
            const m = re.exec(text);
            if (m && m[0] !== '') expect(first.has(text.charCodeAt(i))).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
