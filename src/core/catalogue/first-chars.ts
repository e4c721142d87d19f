/*
 * The characters a regular expression's non-empty matches can start with, read from its source.
 *
 * Used to try a phrase pattern only where the text's next character could begin a match. The
 * analysis covers the syntax catalogue patterns use (literals, escapes \b \d \w \s, classes,
 * groups, alternation, quantifiers); anything else (lookarounds, back-references, \p{…}, negated
 * classes, `.`) makes it answer `null`, meaning "could start with anything", which is always safe.
 */

/** Characters (UTF-16 code units) a match can start with, or null when it could be any. */
export type FirstChars = ReadonlySet<number> | null;

class Unsupported extends Error {}

interface Part {
  /** Code units a non-empty match of this part can start with; null for any. */
  first: Set<number> | null;
  /** Whether the part can match the empty string. */
  nullable: boolean;
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, k) => from + k);
const DIGITS = range(48, 57);
const WORD = [...DIGITS, ...range(65, 90), ...range(97, 122), 95];
// What `\s` matches in JavaScript.
const SPACE = [
  ...range(9, 13),
  32,
  0xa0,
  0x1680,
  ...range(0x2000, 0x200a),
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  0x3000,
  0xfeff,
];
const CLASS_ESCAPES: Readonly<Record<string, readonly number[] | null>> = {
  d: DIGITS,
  w: WORD,
  s: SPACE,
  D: null,
  W: null,
  S: null,
};

function union(a: Set<number> | null, b: Set<number> | null): Set<number> | null {
  if (a === null || b === null) return null;
  for (const c of b) a.add(c);
  return a;
}

class Reader {
  i = 0;
  constructor(readonly src: string) {}

  alternation(): Part {
    const result: Part = { first: new Set(), nullable: false };
    for (;;) {
      const seq = this.sequence();
      result.first = union(result.first, seq.first);
      result.nullable ||= seq.nullable;
      if (this.src[this.i] !== '|') return result;
      this.i++;
    }
  }

  private sequence(): Part {
    const result: Part = { first: new Set(), nullable: true };
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const atom = this.atom();
      const nullable = this.quantifier() || atom.nullable;
      if (result.nullable) result.first = union(result.first, atom.first);
      result.nullable &&= nullable;
    }
    return result;
  }

  /** Reads a quantifier if there is one; true when it allows zero repetitions. */
  private quantifier(): boolean {
    const c = this.src[this.i];
    let zero = false;
    if (c === '?' || c === '*') {
      zero = true;
      this.i++;
    } else if (c === '+') {
      this.i++;
    } else if (c === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(this.src.slice(this.i));
      if (!m) throw new Unsupported();
      zero = Number(m[1]) === 0;
      this.i += m[0].length;
    } else {
      return false;
    }
    if (this.src[this.i] === '?') this.i++; // lazy
    return zero;
  }

  private atom(): Part {
    const c = this.src[this.i++]!;
    if (c === '\\') return this.escape();
    if (c === '[') return { first: this.charClass(), nullable: false };
    if (c === '(') {
      if (this.src[this.i] === '?') {
        if (this.src[this.i + 1] !== ':') throw new Unsupported(); // lookaround, named group
        this.i += 2;
      }
      const inner = this.alternation();
      if (this.src[this.i++] !== ')') throw new Unsupported();
      return inner;
    }
    if (c === '^' || c === '$') return { first: new Set(), nullable: true };
    if (c === '.') return { first: null, nullable: false };
    if (c === '*' || c === '+' || c === '?' || c === '{') throw new Unsupported();
    return { first: new Set([c.charCodeAt(0)]), nullable: false };
  }

  private escape(): Part {
    const c = this.src[this.i++];
    if (c === 'b' || c === 'B') return { first: new Set(), nullable: true };
    if (c !== undefined && c in CLASS_ESCAPES) {
      const set = CLASS_ESCAPES[c];
      return { first: set ? new Set(set) : null, nullable: false };
    }
    if (c === undefined || /[0-9a-zA-Z]/.test(c)) throw new Unsupported(); // \p \u \x \1 …
    return { first: new Set([c.charCodeAt(0)]), nullable: false };
  }

  private charClass(): Set<number> | null {
    const negated = this.src[this.i] === '^';
    if (negated) this.i++;
    let out: Set<number> | null = new Set<number>();
    let prev: number | null = null;
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      let c = this.src[this.i++]!;
      if (c === '-' && prev !== null && this.src[this.i] !== ']') {
        let to = this.src[this.i++]!;
        if (to === '\\') to = this.classEscapeLiteral();
        out?.add(prev);
        for (const k of range(prev, to.charCodeAt(0))) out?.add(k);
        prev = null;
        continue;
      }
      if (c === '\\') {
        const e = this.src[this.i]!;
        if (e in CLASS_ESCAPES) {
          this.i++;
          const set = CLASS_ESCAPES[e];
          out = set ? union(out, new Set(set)) : null;
          prev = null;
          continue;
        }
        c = this.classEscapeLiteral();
      }
      prev = c.charCodeAt(0);
      out?.add(prev);
    }
    if (this.src[this.i++] !== ']') throw new Unsupported();
    return negated ? null : out;
  }

  /** An escaped literal inside a class (`\-`, `\]`, `\\`…); other escapes are not analysed. */
  private classEscapeLiteral(): string {
    const e = this.src[this.i++];
    if (e === undefined || /[0-9a-zA-Z]/.test(e)) throw new Unsupported();
    return e;
  }
}

/**
 * The code units a non-empty match of `pattern` can start with; with `ignoreCase`, both cases of
 * each letter. Null when the pattern uses syntax this analysis does not cover.
 */
export function firstChars(pattern: string, ignoreCase: boolean): FirstChars {
  let part: Part;
  try {
    const reader = new Reader(pattern);
    part = reader.alternation();
    if (reader.i !== pattern.length) return null;
  } catch (err) {
    if (err instanceof Unsupported) return null;
    throw err;
  }
  const first = part.first;
  if (first === null || !ignoreCase) return first;
  const folded = new Set<number>();
  for (const c of first) {
    // Case-insensitive matching of non-ASCII characters has odd pairs (µ and μ): not analysed.
    if (c >= 0x80) return null;
    const ch = String.fromCharCode(c);
    folded.add(ch.toLowerCase().charCodeAt(0)).add(ch.toUpperCase().charCodeAt(0));
  }
  return folded;
}
