/**
 * Seeded pseudo-random numbers for the demo corpus. core/ takes no randomness from the platform:
 * the same seed gives the same numbers on every machine and Node version.
 *
 * The generator is sfc32 (Chris Doty-Humphrey's Small Fast Chaotic, 128-bit state): it passes
 * PractRand to many terabytes, needs only 32-bit integer arithmetic (fast in V8), and is not
 * cryptographic — it must never be used for secrets.
 */

/** Murmur3's 32-bit finaliser: a bijection on uint32, so distinct inputs give distinct outputs. */
export function mix32(value: number): number {
  let z = value >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

const BYTE_HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A number as 8 lower-case hex digits (uint32); a table lookup, as toString(16) is slow. */
export function hex8(value: number): string {
  return (
    (BYTE_HEX[(value >>> 24) & 255] as string) +
    (BYTE_HEX[(value >>> 16) & 255] as string) +
    (BYTE_HEX[(value >>> 8) & 255] as string) +
    (BYTE_HEX[value & 255] as string)
  );
}

/** A seeded sfc32 generator with the helpers the corpus generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** `warmup` rounds decorrelate a simple seed; a seed drawn from another Random needs few. */
  constructor(seed: number, warmup = 15) {
    this.a = this.b = this.c = this.d = 0;
    this.reseed(seed, warmup);
  }

  /** Restarts the stream from a seed, as `new Random(seed, warmup)` would, without allocating. */
  reseed(seed: number, warmup = 15): this {
    // Fold a float or a seed beyond 32 bits into two words so seeds 1 and 2**32 + 1 differ.
    const low = Math.trunc(seed) >>> 0;
    const high = Math.floor(Math.trunc(seed) / 4294967296) >>> 0;
    this.a = mix32(low ^ 0x9e3779b9);
    this.b = mix32(high ^ 0x243f6a88);
    this.c = mix32(low + 0x85a308d3);
    this.d = 1;
    // sfc32 needs a few rounds before its output decorrelates from a simple seed.
    for (let i = 0; i < warmup; i++) this.uint32();
    return this;
  }

  /** The next uint32. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A float in [min, max). */
  between(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, uniformly. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item of a weighted table. */
  weighted<T>(table: WeightedTable<T>): T {
    return table.pick(this.next());
  }

  /** The same array, shuffled in place (Fisher–Yates). */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }

  /** Up to k distinct items, in random order (a partial Fisher–Yates shuffle of a copy). */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const take = Math.max(0, Math.min(k, copy.length));
    for (let i = 0; i < take; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const tmp = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = tmp;
    }
    copy.length = take;
    return copy;
  }

  /** A fresh seed drawn from this stream, for a generator that must replay the same values. */
  seed(): number {
    return this.uint32();
  }
}

/** Creates a seeded generator. */
export function createRandom(seed: number): Random {
  return new Random(seed);
}

/** Items with weights, picked by binary search over cumulative weights. */
export class WeightedTable<T> {
  readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  private readonly total: number;

  constructor(entries: readonly (readonly [item: T, weight: number])[]) {
    if (entries.length === 0) throw new RangeError('a weighted table needs at least one entry');
    this.items = entries.map(([item]) => item);
    this.cumulative = new Float64Array(entries.length);
    let sum = 0;
    entries.forEach(([, weight], i) => {
      if (!(weight >= 0)) throw new RangeError(`weight must be >= 0, got ${weight}`);
      sum += weight;
      this.cumulative[i] = sum;
    });
    if (sum <= 0) throw new RangeError('weights must not all be zero');
    this.total = sum;
  }

  /** The item at a uniform draw u in [0, 1). */
  pick(u: number): T {
    const target = u * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
