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

  // Patterns from a grammar of the syntax catalogue patterns use. Groups repeat at most once
  // (`?`): a repeated group of repeated atoms, like (a+)+, backtracks exponentially on a
  // non-matching text, and catalogue patterns never do that.
  const single = fc.constantFrom(
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
    '[a-c]',
    '[x\\-]',
    '.',
    '[^a]',
  );
  const quantified = fc
    .tuple(single, fc.constantFrom('', '', '?', '*', '+', '{0,2}', '{1,2}'))
    .map(([a, q]) => a + q);
  const atom: fc.Arbitrary<string> = fc.letrec((tie) => ({
    seq: fc
      .array(
        fc.oneof(
          { depthSize: 'small', withCrossShrink: true },
          quantified,
          fc.constant('\\b'),
          fc
            .tuple(
              fc.array(tie('seq') as fc.Arbitrary<string>, { minLength: 1, maxLength: 3 }),
              fc.constantFrom('', '?'),
            )
            .map(([alts, q]) => `(?:${alts.join('|')})${q}`),
        ),
        { minLength: 1, maxLength: 4 },
      )
      .map((parts) => parts.join('')),
  })).seq as fc.Arbitrary<string>;

  it('every non-empty match starts with one of the characters it names (property)', () => {
    fc.assert(
      fc.property(
        atom,
        fc.boolean(),
        fc.string({
          unit: fc.constantFrom('a', 'b', 'c', 'A', 'B', '1', '7', ' ', '-', '.', 'x', 'é'),
          maxLength: 16,
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
      { numRuns: 2000 },
    );
  });
});
