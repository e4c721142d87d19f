import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basePriority, minutesInQueue, PRIORITY_WEIGHTS, priorityAt, rankOf } from './priority.ts';
import type { PriorityInput } from './priority.ts';

const HOUR = 3_600_000;
const start = Date.parse('2026-01-01T00:00:00Z');
const input = fc.record({
  kind: fc.constantFrom('advert' as const, 'appeal' as const),
  score: fc.double({ min: 0, max: 60, noNaN: true }),
  networkSize: fc.integer({ min: 1, max: 5_000 }),
  networkTowns: fc.integer({ min: 0, max: 300 }),
});
/** Queue times within a year of the start, to the millisecond. */
const queued = fc.integer({ min: 0, max: 365 * 24 * HOUR }).map((ms) => new Date(start + ms));

describe('priority and rank', () => {
  it('orders items by rank exactly as by their priority at any later time', () => {
    fc.assert(
      fc.property(
        input,
        queued,
        input,
        queued,
        fc.integer({ min: 0, max: 400 * 24 }),
        (a, qa, b, qb, h) => {
          const ra = rankOf(basePriority(a), qa);
          const rb = rankOf(basePriority(b), qb);
          const now = new Date(Math.max(qa.getTime(), qb.getTime()) + h * HOUR);
          // The priority a reviewer sees: base plus the age term.
          const pa =
            basePriority(a) + (PRIORITY_WEIGHTS.perHour * (now.getTime() - qa.getTime())) / HOUR;
          const pb =
            basePriority(b) + (PRIORITY_WEIGHTS.perHour * (now.getTime() - qb.getTime())) / HOUR;
          // Beyond rounding, the two orders agree.
          if (Math.abs(pa - pb) > 1e-6) expect(Math.sign(ra - rb)).toBe(Math.sign(pa - pb));
          expect(priorityAt(ra, now)).toBeCloseTo(pa, 6);
        },
      ),
    );
  });

  it('keeps the order of two items the same at every time (time invariance)', () => {
    fc.assert(
      fc.property(
        input,
        queued,
        input,
        queued,
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (a, qa, b, qb, h1, h2) => {
          const ra = rankOf(basePriority(a), qa);
          const rb = rankOf(basePriority(b), qb);
          const t1 = new Date(start + h1 * HOUR);
          const t2 = new Date(start + h2 * HOUR);
          const d1 = priorityAt(ra, t1) - priorityAt(rb, t1);
          const d2 = priorityAt(ra, t2) - priorityAt(rb, t2);
          if (Math.abs(d1) > 1e-6) expect(Math.sign(d2)).toBe(Math.sign(d1));
        },
      ),
    );
  });

  it('is monotone in score, network size and reach', () => {
    const bump = (p: PriorityInput, key: 'score' | 'networkSize' | 'networkTowns', by: number) => ({
      ...p,
      [key]: p[key] + by,
    });
    fc.assert(
      fc.property(
        input,
        fc.double({ min: 0, max: 20, noNaN: true }),
        fc.integer({ min: 0, max: 500 }),
        (p, ds, dn) => {
          const base = basePriority(p);
          expect(basePriority(bump(p, 'score', ds))).toBeGreaterThanOrEqual(base);
          expect(basePriority(bump(p, 'networkSize', dn))).toBeGreaterThanOrEqual(base);
          expect(basePriority(bump(p, 'networkTowns', dn))).toBeGreaterThanOrEqual(base);
        },
      ),
    );
  });

  it('rises with time in the queue, and an older item of equal base comes first', () => {
    fc.assert(
      fc.property(input, queued, fc.integer({ min: 1, max: 10_000 }), (p, q, minutes) => {
        const base = basePriority(p);
        const later = new Date(q.getTime() + minutes * 60_000);
        expect(rankOf(base, q)).toBeGreaterThan(rankOf(base, later));
        expect(priorityAt(rankOf(base, q), later)).toBeGreaterThan(priorityAt(rankOf(base, q), q));
      }),
    );
  });

  it('puts a fresh appeal above an ordinary item that has waited a month', () => {
    const q = new Date(start);
    const ordinary = rankOf(
      basePriority({ kind: 'advert', score: 40, networkSize: 500, networkTowns: 60 }),
      q,
    );
    const appeal = rankOf(
      basePriority({ kind: 'appeal', score: 0, networkSize: 1, networkTowns: 0 }),
      new Date(start + 30 * 24 * HOUR),
    );
    expect(appeal).toBeGreaterThan(ordinary);
  });

  it('treats nonsense inputs as zero rather than poisoning the order', () => {
    const p = basePriority({
      kind: 'advert',
      score: Number.NaN,
      networkSize: -3,
      networkTowns: Infinity,
    });
    expect(p).toBe(0);
    expect(minutesInQueue(new Date(start), new Date(start + 90 * 60_000 + 59_000))).toBe(90);
    expect(minutesInQueue(new Date(start + 1000), new Date(start))).toBe(0);
  });
});
