import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRandom, hex8, mix32, WeightedTable } from './random.ts';

describe('Random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const take = (seed: number) => Array.from({ length: 8 }, () => createRandom(seed).uint32());
    const a = createRandom(7);
    const b = createRandom(7);
    const c = createRandom(8);
    const seqA = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(seqA);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(seqA);
    // Seeds that differ only above 32 bits still differ.
    expect(take(1)).not.toEqual(take(2 ** 32 + 1));
  });

  it('keeps int, between and pick within bounds (property)', () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer({ min: -1000, max: 1000 }),
        fc.nat(1000),
        (seed, min, span) => {
          const rng = createRandom(seed);
          for (let i = 0; i < 50; i++) {
            const n = rng.int(min, min + span);
            expect(Number.isInteger(n) && n >= min && n <= min + span).toBe(true);
            const x = rng.between(min, min + span + 1);
            expect(x >= min && x < min + span + 1).toBe(true);
          }
        },
      ),
    );
  });

  it('samples distinct items and shuffles into a permutation', () => {
    const rng = createRandom(3);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const sample = rng.sample(items, 10);
    expect(new Set(sample).size).toBe(10);
    expect(rng.sample(items, 100)).toHaveLength(30);
    expect(rng.shuffle(items.slice()).sort((a, b) => a - b)).toEqual(items);
  });

  it('picks from a weighted table in proportion to the weights', () => {
    const rng = createRandom(11);
    const table = new WeightedTable([
      ['a', 1],
      ['b', 3],
      ['c', 0],
    ] as const);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 40_000; i++) counts[rng.weighted(table)]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(2.7);
    expect(counts.b / counts.a).toBeLessThan(3.3);
    expect(() => new WeightedTable([])).toThrow(RangeError);
  });

  it('mix32 is a bijection on a sample and hex8 pads to 8 digits', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 100_000; i++) seen.add(mix32(i));
    expect(seen.size).toBe(100_000);
    expect(hex8(0)).toBe('00000000');
    expect(hex8(0xdeadbeef)).toBe('deadbeef');
  });
});
