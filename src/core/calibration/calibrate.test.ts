import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  falsePositiveRates,
  indicatorPrecision,
  MIN_GROUP,
  normalCdf,
  normaliseGroup,
  NOT_STATED,
  twoProportionP,
  verdictOf,
} from './calibrate.ts';
import type { ReviewedAdvert } from './calibrate.ts';

const r = (
  outcome: string,
  indicators: string[],
  nationality: string | null = null,
  language: string | null = null,
): ReviewedAdvert => ({ outcome, indicators, nationality, language });

const repeat = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

describe('indicatorPrecision', () => {
  it('counts confirmations over decided adverts, leaving inconclusive ones out', () => {
    const rows = indicatorPrecision(
      [
        r('refer_police', ['control.a', 'control.b']),
        r('suspend', ['control.a']),
        r('no_concern', ['control.a', 'control.a']),
        r('safety_info', ['control.a']),
      ],
      ['control.never'],
    );
    const a = rows.find((x) => x.indicator === 'control.a')!;
    expect(a).toMatchObject({ fired: 3, confirmed: 2, inconclusive: 1 });
    expect(a.precision).toBeCloseTo(2 / 3);
    expect(a.interval!.low).toBeLessThan(2 / 3);
    expect(a.interval!.high).toBeGreaterThan(2 / 3);
    expect(rows.find((x) => x.indicator === 'control.never')).toMatchObject({
      fired: 0,
      precision: null,
      interval: null,
    });
    expect(rows[0]!.indicator).toBe('control.a');
  });

  it('keeps 0 ≤ confirmed ≤ fired and the precision inside its interval', () => {
    const outcome = fc.constantFrom('no_concern', 'suspend', 'refer_ngo', 'request_verification');
    const advert = fc.record({
      outcome,
      indicators: fc.array(fc.constantFrom('a.x', 'a.y', 'b.z'), { maxLength: 3 }),
      nationality: fc.constant(null),
      language: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(advert, { maxLength: 60 }), (reviewed) => {
        for (const row of indicatorPrecision(reviewed)) {
          expect(row.confirmed).toBeLessThanOrEqual(row.fired);
          if (row.precision !== null) {
            expect(row.interval!.low).toBeLessThanOrEqual(row.precision + 1e-12);
            expect(row.interval!.high).toBeGreaterThanOrEqual(row.precision - 1e-12);
          }
        }
      }),
    );
  });
});

describe('falsePositiveRates', () => {
  it('flags a group cleared far more often than the rest, and not a small one', () => {
    const reviewed = [
      ...repeat(40, () => r('no_concern', [], 'Romanian')),
      ...repeat(10, () => r('suspend', [], 'romanian ')),
      ...repeat(10, () => r('no_concern', [], 'British')),
      ...repeat(90, () => r('refer_police', [], 'British')),
      ...repeat(4, () => r('no_concern', [], 'Thai')),
      ...repeat(5, () => r('request_verification', [], 'Thai')),
      ...repeat(20, () => r('suspend', [], null)),
    ];
    const report = falsePositiveRates(reviewed, 'nationality');
    expect(report.overall).toMatchObject({ reviewed: 174, falsePositives: 54 });
    const byName = new Map(report.groups.map((g) => [g.group, g]));
    expect(byName.get('romanian')).toMatchObject({
      reviewed: 50,
      falsePositives: 40,
      flagged: true,
    });
    expect(byName.get('british')).toMatchObject({ reviewed: 100, flagged: false });
    expect(byName.get('thai')).toMatchObject({ reviewed: 4, tooFew: true, flagged: false });
    expect(byName.get(NOT_STATED)).toMatchObject({ reviewed: 20, falsePositives: 0 });
    expect(report.groups[0]!.group).toBe('british');
    expect(report.alpha).toBeCloseTo(0.05 / 3);
  });

  it('flags nothing when every group is cleared at the same rate', () => {
    const reviewed = ['a', 'b', 'c'].flatMap((g) => [
      ...repeat(30, () => r('no_concern', [], null, g)),
      ...repeat(30, () => r('suspend', [], null, g)),
    ]);
    const report = falsePositiveRates(reviewed, 'language');
    expect(report.groups.every((g) => !g.flagged && g.rate === 0.5)).toBe(true);
  });

  it('never flags a group below the minimum, and its counts add up to the overall', () => {
    const advert = fc.record({
      outcome: fc.constantFrom('no_concern', 'suspend', 'safety_info'),
      indicators: fc.constant([]),
      nationality: fc.option(fc.constantFrom('A', 'b', ' B ', 'c'), { nil: null }),
      language: fc.constant(null),
    });
    fc.assert(
      fc.property(fc.array(advert, { maxLength: 120 }), (reviewed) => {
        const report = falsePositiveRates(reviewed, 'nationality');
        const sum = report.groups.reduce((s, g) => s + g.reviewed, 0);
        const fps = report.groups.reduce((s, g) => s + g.falsePositives, 0);
        expect(sum).toBe(report.overall.reviewed);
        expect(fps).toBe(report.overall.falsePositives);
        for (const g of report.groups) {
          if (g.reviewed < MIN_GROUP) expect(g.flagged).toBe(false);
          if (g.flagged) expect(g.rate!).toBeGreaterThan(report.overall.rate!);
        }
      }),
    );
  });
});

describe('statistics helpers', () => {
  it('normalCdf matches known values', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 5);
  });

  it('twoProportionP is symmetric, 1 for equal rates, and small for very different ones', () => {
    expect(twoProportionP(5, 10, 50, 100)).toBeCloseTo(1, 7);
    expect(twoProportionP(0, 0, 1, 2)).toBeNull();
    expect(twoProportionP(90, 100, 10, 100)!).toBeLessThan(1e-6);
    fc.assert(
      fc.property(fc.nat(50), fc.nat(50), fc.nat(50), fc.nat(50), (x1, e1, x2, e2) => {
        const a = twoProportionP(x1, x1 + e1, x2, x2 + e2);
        const b = twoProportionP(x2, x2 + e2, x1, x1 + e1);
        if (a === null) expect(b).toBeNull();
        else expect(a).toBeCloseTo(b!, 12);
        if (a !== null) expect(a >= 0 && a <= 1).toBe(true);
      }),
    );
  });

  it('normaliseGroup folds case and spacing, and names the empty group', () => {
    expect(normaliseGroup('  Polish  ')).toBe('polish');
    expect(normaliseGroup('')).toBe(NOT_STATED);
    expect(normaliseGroup(null)).toBe(NOT_STATED);
    fc.assert(
      fc.property(fc.string(), (s) => {
        const g = normaliseGroup(s);
        expect(normaliseGroup(g === NOT_STATED ? '' : g)).toBe(g);
      }),
    );
  });

  it('verdictOf treats unknown outcomes as inconclusive', () => {
    expect(verdictOf('no_concern')).toBe('not-confirmed');
    expect(verdictOf('refer_ngo')).toBe('confirmed');
    expect(verdictOf('appeal_upheld')).toBe('inconclusive');
  });
});
