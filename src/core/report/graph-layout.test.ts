import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { forceLayout } from './graph-layout.ts';

describe('forceLayout', () => {
  it('places nothing, one node in the middle, and a chain deterministically', () => {
    expect(forceLayout(0, [], 100, 80, 5)).toEqual([]);
    expect(forceLayout(1, [], 100, 80, 5)).toEqual([{ x: 50, y: 40 }]);
    const chain: [number, number][] = [
      [0, 1],
      [1, 2],
      [2, 3],
    ];
    expect(forceLayout(4, chain, 300, 200, 10)).toEqual(forceLayout(4, chain, 300, 200, 10));
  });

  it('keeps linked nodes closer than unlinked ones', () => {
    // Two triangles joined by nothing: each node is nearer its own triangle.
    const pairs: [number, number][] = [
      [0, 1],
      [1, 2],
      [0, 2],
      [3, 4],
      [4, 5],
      [3, 5],
    ];
    const p = forceLayout(6, pairs, 400, 300, 10);
    const d = (i: number, j: number) =>
      Math.hypot((p[i]?.x ?? 0) - (p[j]?.x ?? 0), (p[i]?.y ?? 0) - (p[j]?.y ?? 0));
    expect(d(0, 1)).toBeLessThan(d(0, 3));
    expect(d(4, 5)).toBeLessThan(d(2, 5));
  });

  it('keeps every node inside the box, finite, for any graph', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.array(fc.tuple(fc.integer({ min: -2, max: 35 }), fc.integer({ min: -2, max: 35 })), {
          maxLength: 80,
        }),
        (n, pairs) => {
          const p = forceLayout(n, pairs, 200, 150, 8);
          expect(p).toHaveLength(n);
          for (const q of p) {
            expect(Number.isFinite(q.x) && Number.isFinite(q.y)).toBe(true);
            expect(q.x).toBeGreaterThanOrEqual(8 - 1e-6);
            expect(q.x).toBeLessThanOrEqual(192 + 1e-6);
            expect(q.y).toBeGreaterThanOrEqual(8 - 1e-6);
            expect(q.y).toBeLessThanOrEqual(142 + 1e-6);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
