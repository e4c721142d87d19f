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

/** A number as 8 lower-case hex digits (uint32). */
export function hex8(value: number): string {
  return (value >>> 0).toString(16).padStart(8, '0');
}

/** A seeded sfc32 generator with the helpers the corpus generator needs. */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // Fold a float or a seed beyond 32 bits into two words so seeds 1 and 2**32 + 1 differ.
    const low = Math.trunc(seed) >>> 0;
    const high = Math.floor(Math.trunc(seed) / 4294967296) >>> 0;
    this.a = mix32(low ^ 0x9e3779b9);
    this.b = mix32(high ^ 0x243f6a88);
    this.c = mix32(low + 0x85a308d3);
    this.d = 1;
    // sfc32 needs a few rounds before its output decorrelates from a simple seed.
    for (let i = 0; i < 15; i++) this.uint32();
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

  /** Up to k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    return this.shuffle(items.slice()).slice(0, Math.max(0, k));
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
