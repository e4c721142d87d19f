import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IndicatorPrecision } from './calibrate.ts';
import { wilsonInterval } from '../evaluate/metrics.ts';
import { proposeWeights } from './propose-weights.ts';
import type { WeightedIndicator } from './propose-weights.ts';

const stat = (indicator: string, confirmed: number, fired: number): IndicatorPrecision => ({
  indicator,
  fired,
  confirmed,
  precision: fired === 0 ? null : confirmed / fired,
  interval: wilsonInterval(confirmed, fired),
  inconclusive: 0,
});
const ind = (
  id: string,
  weight: number,
  grade: WeightedIndicator['grade'] = 'expert',
  biasRisk = false,
): WeightedIndicator => ({ id, weight, grade, biasRisk });

describe('proposeWeights', () => {
  const totals = { decided: 400, confirmed: 200 };

  it('raises a precise indicator, lowers an imprecise one, leaves the rest', () => {
    const p = proposeWeights(
      [ind('a.good', 2), ind('a.poor', 2), ind('a.same', 2), ind('a.rare', 2)],
      [
        stat('a.good', 95, 100),
        stat('a.poor', 10, 100),
        stat('a.same', 52, 100),
        stat('a.rare', 5, 5),
      ],
      totals,
    );
    const by = new Map(p.changes.map((c) => [c.indicator, c]));
    expect(by.get('a.good')!.to).toBeGreaterThan(2);
    expect(by.get('a.good')!.to).toBeLessThanOrEqual(3);
    expect(by.get('a.poor')!.to).toBeLessThan(2);
    expect(by.get('a.poor')!.why).toContain('10 of 100');
    expect(by.has('a.same')).toBe(false);
    expect(by.has('a.rare')).toBe(false);
    expect(p.unchanged.map((u) => u.indicator).sort()).toEqual(['a.rare', 'a.same']);
    expect(p.baseline).toBe(0.5);
  });

  it('never raises a bias-risk indicator and never moves a not-predictive one', () => {
    const p = proposeWeights(
      [ind('a.bias', 1, 'expert', true), ind('a.np', 0, 'not-predictive')],
      [stat('a.bias', 99, 100), stat('a.np', 99, 100)],
      totals,
    );
    expect(p.changes).toEqual([]);
  });

  it('weakens a counter-indicator that fires on confirmed concerns', () => {
    const p = proposeWeights(
      [ind('a.touring', -2, 'counter-indicator')],
      [stat('a.touring', 90, 100)],
      totals,
    );
    expect(p.changes[0]!.to).toBeGreaterThan(-2);
    expect(p.changes[0]!.to).toBeLessThan(0);
  });

  it('keeps every proposal bounded, same-signed and only where the interval excludes the baseline', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -10, max: 10, noNaN: true }).filter((w) => Math.abs(w) > 0.1),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 999 }),
        (weight, confirmed, extra, baseConfirmed) => {
          const grade = weight < 0 ? 'counter-indicator' : 'tested';
          const s = stat('a.x', confirmed, confirmed + extra);
          const p = proposeWeights([ind('a.x', weight, grade)], [s], {
            decided: 1000,
            confirmed: baseConfirmed,
          });
          for (const c of p.changes) {
            expect(Math.sign(c.to)).toBe(Math.sign(weight));
            expect(Math.abs(c.to)).toBeLessThanOrEqual(Math.abs(weight) * 1.5 + 0.01);
            expect(Math.abs(c.to)).toBeGreaterThanOrEqual(Math.abs(weight) / 1.5 - 0.01);
            const b = baseConfirmed / 1000;
            expect(c.interval.low > b || c.interval.high < b).toBe(true);
            expect(c.fired).toBeGreaterThanOrEqual(20);
          }
        },
      ),
    );
  });
});
