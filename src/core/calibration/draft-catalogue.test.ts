import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadCatalogueFile } from '../../io/catalogue-file.ts';
import { draftCatalogue, nextMinorVersion } from './draft-catalogue.ts';
import type { WeightChange } from './propose-weights.ts';

const { catalogue } = await loadCatalogueFile();

const change = (indicator: string, from: number, to: number): WeightChange => ({
  indicator,
  from,
  to,
  fired: 50,
  confirmed: 45,
  precision: 0.9,
  interval: { low: 0.79, high: 0.96 },
  why: 'test',
});

describe('draftCatalogue', () => {
  it('applies the changes as the next minor version and leaves the rest as they were', () => {
    const target = catalogue.indicators.find((i) => i.weight > 0)!;
    const draft = draftCatalogue(
      catalogue,
      [change(target.id, target.weight, target.weight + 0.5)],
      '2026-11-28',
    );
    expect(draft.version).toBe(nextMinorVersion(catalogue.version));
    expect(draft.released).toBe('2026-11-28');
    expect(draft.indicators.find((i) => i.id === target.id)!.weight).toBe(target.weight + 0.5);
    const others = (c: typeof catalogue) => c.indicators.filter((i) => i.id !== target.id);
    expect(others(draft)).toEqual(others(catalogue));
  });

  it('refuses a change made against another version, an unknown indicator, or an invalid weight', () => {
    const target = catalogue.indicators.find((i) => i.weight > 0)!;
    expect(() =>
      draftCatalogue(catalogue, [change(target.id, target.weight + 1, 1)], '2026-11-28'),
    ).toThrow(/propose again/);
    expect(() => draftCatalogue(catalogue, [change('control.nope', 1, 2)], '2026-11-28')).toThrow(
      /no indicator/,
    );
    // A tested/expert indicator cannot go negative.
    expect(() =>
      draftCatalogue(catalogue, [change(target.id, target.weight, -1)], '2026-11-28'),
    ).toThrow(/not a valid catalogue/);
  });

  it('nextMinorVersion bumps the minor part and resets the patch', () => {
    expect(nextMinorVersion('1.2.0')).toBe('1.3.0');
    expect(nextMinorVersion('2.9.7')).toBe('2.10.0');
    expect(() => nextMinorVersion('v1')).toThrow();
    fc.assert(
      fc.property(fc.nat(99), fc.nat(99), fc.nat(99), (a, b, c) => {
        expect(nextMinorVersion(`${a}.${b}.${c}`)).toBe(`${a}.${b + 1}.0`);
      }),
    );
  });
});
