import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBoundaryAnchored, PhraseMatcher, type MatchSpan } from './phrase-matcher.ts';

const indicators = [
  { id: 'a', patterns: ['\\bnew (?:girls|ladies)\\b', '\\bnew arrivals?\\b'] },
  { id: 'b', patterns: ['\\bnew girl in town\\b', '\\b(?:touring|visiting)\\b'] },
  { id: 'c', patterns: ['\\b24\\s*/\\s*7\\b', '\\bgirls?\\b'] },
  { id: 'd', patterns: ['\\bin town\\b'] },
  // Not anchored at a word boundary: found by the ordinary scan.
  { id: 'e', patterns: ['own\\b', '\\bgirl|ladies', '/7'] },
  // Anchored, but their first characters are not worked out: tried at every boundary.
  { id: 'f', patterns: ['\\b(?=to)tour', '\\b[^a-z ]own', '\\b\\u0054own'] },
];

/** What one global scan per indicator finds: the reference the matcher must agree with. */
function reference(patterns: readonly string[], text: string): MatchSpan[] {
  const re = new RegExp(patterns.map((p) => `(?:${p})`).join('|'), 'gi');
  const out: MatchSpan[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push([m.index, m.index + m[0].length]);
  return out;
}

describe('PhraseMatcher', () => {
  const matcher = new PhraseMatcher(indicators);

  it('finds overlapping matches of different indicators at the same place', () => {
    const text = 'New girl in town! New girls 24/7, in town till Friday';
    expect(matcher.spans(0, text)).toEqual([[18, 27]]);
    expect(matcher.spans(1, text)).toEqual([[0, 16]]);
    expect(matcher.spans(2, text)).toEqual([
      [4, 8],
      [22, 27],
      [28, 32],
    ]);
    expect(matcher.spans(3, text)).toEqual([
      [9, 16],
      [34, 41],
    ]);
  });

  it('agrees with one global scan per indicator on any text (property)', () => {
    const words = [
      'new',
      'girl',
      'girls',
      'ladies',
      'arrival',
      'in',
      'town',
      'touring',
      '24/7',
      '24 / 7',
      'NEW',
      'Girls',
      'Town',
      'TOUR',
      '_own',
      ' ',
      '!',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ maxLength: 3 })), {
          maxLength: 20,
        }),
        (parts) => {
          const text = parts.join(' ');
          indicators.forEach((ind, k) =>
            expect(matcher.spans(k, text)).toEqual(reference(ind.patterns, text)),
          );
        },
      ),
    );
  });

  it('knows which patterns can only match at a word boundary', () => {
    expect(isBoundaryAnchored('\\bnew (?:a|b)\\b')).toBe(true);
    expect(isBoundaryAnchored('\\bnew|old')).toBe(false);
    expect(isBoundaryAnchored('new\\b')).toBe(false);
    expect(isBoundaryAnchored('\\b[|](?:x)')).toBe(true);
  });

  it('names the indicator whose pattern does not compile', () => {
    expect(() => new PhraseMatcher([{ id: 'x.bad', patterns: ['(unclosed'] }])).toThrow(
      /x\.bad: invalid pattern/,
    );
  });
});
