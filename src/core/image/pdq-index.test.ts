import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom } from '../demo/random.ts';
import type { Random } from '../demo/random.ts';
import { AppError } from '../errors.ts';
import { hammingDistance, parsePdqHex, pdqHex } from './pdq.ts';
import type { PdqMatch } from './pdq-index.ts';
import { PdqIndex } from './pdq-index.ts';

/** A random hash. */
function randomHash(rng: Random): string {
  const w = new Uint32Array(8);
  for (let i = 0; i < 8; i++) w[i] = rng.uint32();
  return pdqHex(w);
}

/** How planted neighbours place their differing bits; the spread ones are the hard cases. */
type Pattern = 'random' | 'spread' | 'one-chunk' | 'pairs';

/** `hash` with `d` distinct bits flipped, placed by `pattern` (bit b is in 16-bit chunk ⌊b/16⌋). */
function flip(rng: Random, hash: string, d: number, pattern: Pattern): string {
  const w = parsePdqHex(hash);
  const all = Array.from({ length: 256 }, (_, i) => i);
  let bits: number[];
  if (pattern === 'spread') {
    // As even as possible over the 16 chunks: the case where no chunk matches exactly.
    const start = rng.int(0, 15);
    bits = Array.from({ length: d }, (_, i) => ((start + i) % 16) * 16 + Math.floor(i / 16));
  } else if (pattern === 'one-chunk') {
    // Packed into as few chunks as possible, starting from a random one.
    const start = rng.int(0, 15) * 16;
    bits = Array.from({ length: d }, (_, i) => (start + i) % 256);
  } else if (pattern === 'pairs') {
    // Alternating heavy and light chunks around the ring: stresses the pair bound.
    const heavy = rng.int(0, 1);
    const slots = all.filter((b) => (Math.floor(b / 16) % 2 === heavy ? b % 16 < 3 : b % 16 < 1));
    bits = rng.sample(slots, d);
    if (bits.length < d) bits = rng.sample(all, d);
  } else {
    bits = rng.sample(all, d);
  }
  // Bit b of the 256-bit number; parsePdqHex puts the most significant word first.
  for (const b of bits) w[7 - (b >>> 5)]! ^= 1 << (b & 31);
  return pdqHex(w);
}

/** The brute-force answer, from string distances, in the index's order. */
function bruteForce(entries: Array<[string, string]>, query: string, r: number): PdqMatch[] {
  return entries
    .map(([id, hash], i) => ({ id, distance: hammingDistance(query, hash), i }))
    .filter((m) => m.distance <= r)
    .sort((a, b) => a.distance - b.distance || a.i - b.i)
    .map(({ id, distance }) => ({ id, distance }));
}

describe('PdqIndex', () => {
  it('returns exactly the stored hashes within the distance, like brute force (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 1, max: 64 }),
        fc.constantFrom<Pattern>('random', 'spread', 'one-chunk', 'pairs'),
        fc.integer({ min: 0, max: 64 }),
        (seed, noiseCount, minPending, pattern, r) => {
          const rng = createRandom(seed);
          const query = randomHash(rng);
          const entries: Array<[string, string]> = [];
          for (let i = 0; i < noiseCount; i++) entries.push([`n${i}`, randomHash(rng)]);
          // Planted neighbours at every distance around the radius, some exact duplicates.
          for (let i = 0; i < 40; i++) {
            const d = i < 4 ? 0 : rng.int(Math.max(0, r - 6), r + 6);
            entries.splice(rng.int(0, entries.length), 0, [
              `p${i}`,
              flip(rng, query, Math.min(d, 256), pattern),
            ]);
          }
          // A small minPending leaves some entries in the compact tables and some in the lists.
          const index = new PdqIndex({ minPending });
          for (const [id, hash] of entries) index.add(id, hash);
          const want = bruteForce(entries, query, r);
          expect(index.probe(query, r)).toEqual(want);
          expect(index.query(query, r)).toEqual(want);
          expect(index.scan(query, r)).toEqual(want);
          expect(index.size).toBe(entries.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is exact at every radius 0..80 for neighbours spread over all chunks', () => {
    const rng = createRandom(99);
    for (let r = 0; r <= 80; r++) {
      const query = randomHash(rng);
      const entries: Array<[string, string]> = [];
      for (let d = Math.max(0, r - 3); d <= r + 3; d++) {
        for (const pattern of ['spread', 'pairs', 'random', 'one-chunk'] as const) {
          entries.push([`${pattern}-${d}`, flip(rng, query, d, pattern)]);
        }
      }
      const index = new PdqIndex({ minPending: 7 });
      for (const [id, hash] of entries) index.add(id, hash);
      expect(index.probe(query, r), `r = ${r}`).toEqual(bruteForce(entries, query, r));
    }
  });

  it('finds planted neighbours among many random hashes, and each only once', () => {
    const rng = createRandom(7);
    const index = new PdqIndex({ capacity: 8 });
    const query = randomHash(rng);
    for (let i = 0; i < 20_000; i++) {
      index.add(`r${i}`, randomHash(rng));
      if (i % 1000 === 0) index.add(`near${i}`, flip(rng, query, 31, 'spread'));
      if (i % 2500 === 0) index.add(`same${i}`, query);
    }
    const got = index.query(query);
    expect(got.filter((m) => m.id.startsWith('same')).map((m) => m.distance)).toEqual(
      Array(8).fill(0),
    );
    expect(got.filter((m) => m.id.startsWith('near'))).toHaveLength(20);
    expect(new Set(got.map((m) => m.id)).size).toBe(got.length);
    expect(got.every((m, i) => i === 0 || got[i - 1]!.distance <= m.distance)).toBe(true);
    expect(index.query(query)).toEqual(index.scan(query, 31));
  });

  it('keeps ids that repeat (an advert with several photos) as separate entries', () => {
    const index = new PdqIndex();
    const h = 'ab'.repeat(32);
    index.add('ad-1', h);
    index.add('ad-1', h);
    expect(index.query(h, 0)).toEqual([
      { id: 'ad-1', distance: 0 },
      { id: 'ad-1', distance: 0 },
    ]);
  });

  it('round-trips through JSON with the same answers', () => {
    const rng = createRandom(5);
    const index = new PdqIndex({ minPending: 16 });
    const query = randomHash(rng);
    for (let i = 0; i < 3000; i++) {
      index.add(
        `e${i}`,
        i % 50 === 0 ? flip(rng, query, rng.int(0, 40), 'random') : randomHash(rng),
      );
    }
    const copy = PdqIndex.fromJSON(JSON.parse(JSON.stringify(index)));
    expect(copy.size).toBe(index.size);
    expect(copy.toJSON()).toEqual(index.toJSON());
    for (const r of [0, 10, 31, 45]) expect(copy.probe(query, r)).toEqual(index.probe(query, r));
    // Still takes adds after loading.
    copy.add('late', query);
    expect(copy.query(query, 0).at(-1)).toEqual({ id: 'late', distance: 0 });
    expect(copy.hashAt(copy.size - 1)).toBe(query);
  });

  it('rejects malformed saved indexes, hashes and distances with INVALID_INPUT', () => {
    const good = { format: 'beacon-pdq-index', version: 1, ids: ['a'], hashes: ['0'.repeat(64)] };
    for (const bad of [
      null,
      'x',
      { ...good, format: 'other' },
      { ...good, version: 2 },
      { ...good, ids: ['a', 'b'] },
      { ...good, hashes: ['0'.repeat(63)] },
      { ...good, ids: [7] },
    ]) {
      expect(() => PdqIndex.fromJSON(bad)).toThrow(AppError);
    }
    expect(PdqIndex.fromJSON(good).size).toBe(1);
    const index = new PdqIndex();
    expect(() => index.add('x', 'nope')).toThrow(AppError);
    expect(index.size).toBe(0);
    for (const r of [-1, 1.5, Number.NaN])
      expect(() => index.query('0'.repeat(64), r)).toThrow(AppError);
  });

  it('treats a distance above 256 as everything', () => {
    const rng = createRandom(2);
    const index = new PdqIndex();
    for (let i = 0; i < 10; i++) index.add(`e${i}`, randomHash(rng));
    expect(index.query('0'.repeat(64), 1000)).toHaveLength(10);
    expect(index.probe('0'.repeat(64), 256)).toHaveLength(10);
  });
});
