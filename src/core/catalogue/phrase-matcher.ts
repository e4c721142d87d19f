import { firstChars } from './first-chars.ts';

/** A span [start, end) of one match. */
export type MatchSpan = readonly [start: number, end: number];

function compile(patterns: readonly string[], flags: string, id: string): RegExp {
  try {
    return new RegExp(patterns.map((p) => `(?:${p})`).join('|'), flags);
  } catch (err) {
    throw new Error(`indicator ${id}: invalid pattern: ${(err as Error).message}`);
  }
}

/** True when `src` has a `|` outside any group or class (so a leading `\b` binds one branch only). */
function hasTopLevelAlternation(src: string): boolean {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) return true;
  }
  return false;
}

/** A pattern that can only match where `\b` holds, so only word boundaries need trying. */
export function isBoundaryAnchored(pattern: string): boolean {
  return pattern.startsWith('\\b') && !hasTopLevelAlternation(pattern);
}

const isWordCode = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * The patterns that start with `\b`, combined by the character their matches can start with: at a
 * word boundary, only those that could start with the character there are tried.
 */
class FirstCharIndex {
  private readonly ascii: (RegExp | null)[] = new Array<RegExp | null>(128).fill(null);
  private readonly other = new Map<number, RegExp>();
  /** Patterns whose first character could not be worked out: tried everywhere. */
  private readonly anywhere: RegExp | null;

  constructor(patterns: readonly string[]) {
    const anywhere: string[] = [];
    const byChar = new Map<number, string[]>();
    for (const p of patterns) {
      const first = firstChars(p, true);
      if (first === null) anywhere.push(p);
      else for (const c of first) byChar.set(c, [...(byChar.get(c) ?? []), p]);
    }
    this.anywhere = anywhere.length > 0 ? compile(anywhere, 'iy', 'catalogue') : null;
    const compiled = new Map<string, RegExp>();
    for (const [c, list] of byChar) {
      const all = [...list, ...anywhere];
      const key = all.join('\n');
      let re = compiled.get(key);
      if (!re) {
        re = compile(all, 'iy', 'catalogue');
        compiled.set(key, re);
      }
      if (c < 128) this.ascii[c] = re;
      else this.other.set(c, re);
    }
  }

  /** The combined expression for matches starting with code unit `c`, if any could. */
  at(c: number): RegExp | null {
    return (c < 128 ? this.ascii[c] : this.other.get(c)) ?? this.anywhere;
  }
}

/**
 * Matches every phrase indicator against a text in one scan. Combined expressions find each
 * position where any indicator's pattern matches; each indicator's own sticky expression is then
 * tried only at those positions. The spans are exactly those a separate global scan per indicator
 * would find (leftmost, non-overlapping), at a fraction of the cost of fifteen separate scans.
 */
export class PhraseMatcher {
  /** Patterns that start with `\b`, tried (sticky) at word boundaries only. */
  private readonly anchored: FirstCharIndex | null;
  /** The other patterns, found by an ordinary global scan. */
  private readonly scanner: RegExp | null;
  private readonly sticky: readonly RegExp[];
  // Two-slot cache: indicators ask about title and text in turn for the same advert.
  private readonly cache: Array<{ text: string; spans: MatchSpan[][] }> = [];

  constructor(
    indicators: ReadonlyArray<{ readonly id: string; readonly patterns: readonly string[] }>,
  ) {
    this.sticky = indicators.map((ind) => compile(ind.patterns, 'iy', ind.id));
    const all = indicators.flatMap((ind) => ind.patterns);
    const anchored = all.filter(isBoundaryAnchored);
    const rest = all.filter((p) => !isBoundaryAnchored(p));
    this.anchored = anchored.length > 0 ? new FirstCharIndex(anchored) : null;
    this.scanner = rest.length > 0 ? compile(rest, 'gi', 'catalogue') : null;
  }

  /** Spans of indicator `index`'s matches in `text`. */
  spans(index: number, text: string): readonly MatchSpan[] {
    for (const entry of this.cache) if (entry.text === text) return entry.spans[index]!;
    const spans = this.scanAll(text);
    if (this.cache.length >= 2) this.cache.shift();
    this.cache.push({ text, spans });
    return spans[index]!;
  }

  private scanAll(text: string): MatchSpan[][] {
    const out: MatchSpan[][] = this.sticky.map(() => []);
    if (text === '') return out;
    const positions = this.candidatePositions(text);
    if (positions.length === 0) return out;
    this.sticky.forEach((re, k) => {
      let free = 0;
      for (const p of positions) {
        if (p < free) continue;
        re.lastIndex = p;
        const hit = re.exec(text);
        if (hit && hit[0] !== '') {
          out[k]!.push([p, p + hit[0].length]);
          free = p + hit[0].length;
        }
      }
    });
    return out;
  }

  /** Every position where some pattern matches, in increasing order. */
  private candidatePositions(text: string): number[] {
    const found: number[] = [];
    const anchored = this.anchored;
    if (anchored) {
      // `\b` holds only where a word character meets a non-word character (or an end); an
      // empty match at the very end is never a hit.
      let prevWord = false;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        const word = isWordCode(c);
        if (word !== prevWord) {
          const re = anchored.at(c);
          if (re !== null) {
            re.lastIndex = i;
            if (re.test(text)) found.push(i);
          }
        }
        prevWord = word;
      }
    }
    const scanner = this.scanner;
    if (scanner) {
      scanner.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = scanner.exec(text)) !== null) {
        found.push(m.index);
        scanner.lastIndex = m.index + 1;
      }
      if (anchored) found.sort((a, b) => a - b);
    }
    return found;
  }
}
