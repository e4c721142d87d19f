import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOGUE_PATH } from '../../io/catalogue-file.ts';
import { catalogueSchema, type Catalogue } from './catalogue-schema.ts';
import { compileCatalogue } from './compile-catalogue.ts';
import { runCatalogueExamples } from './run-examples.ts';

const raw = parse(readFileSync(DEFAULT_CATALOGUE_PATH, 'utf8')) as unknown;
const catalogue: Catalogue = catalogueSchema.parse(raw);
const compiled = compileCatalogue(catalogue);

describe('the shipped catalogue', () => {
  it('has at least 30 indicators across all four families, each fully documented', () => {
    expect(catalogue.indicators.length).toBeGreaterThanOrEqual(30);
    const families = new Set(catalogue.indicators.map((i) => i.family));
    expect([...families].sort()).toEqual(['account', 'image', 'network', 'text']);
    for (const grade of ['tested', 'expert', 'counter-indicator', 'not-predictive']) {
      expect(catalogue.indicators.some((i) => i.grade === grade)).toBe(true);
    }
  });

  it('marks nationality, ethnicity and language indicators as bias risks', () => {
    const biased = catalogue.indicators.filter((i) => i.biasRisk).map((i) => i.id);
    expect(biased).toEqual(
      expect.arrayContaining(['text.ethnicity-marketing', 'text.language-barrier']),
    );
  });

  describe.each(catalogue.indicators.map((i) => [i.id, i] as const))('%s', (id) => {
    it('fires on its positive examples and not on its negative ones', () => {
      const failures = runCatalogueExamples(
        { ...catalogue, indicators: catalogue.indicators.filter((i) => i.id === id) },
        compiled,
      );
      expect(failures).toEqual([]);
    });
  });
});

describe('catalogue rules', () => {
  const base = catalogue.indicators.find((i) => i.id === 'text.youth-language')!;
  const withIndicator = (patch: object) =>
    catalogueSchema.safeParse({ ...catalogue, indicators: [{ ...base, ...patch }] });

  it('requires counter-indicators to carry negative weight', () => {
    expect(withIndicator({ grade: 'counter-indicator', weight: 1 }).success).toBe(false);
  });

  it('records not-predictive indicators with weight 0', () => {
    expect(withIndicator({ grade: 'not-predictive', weight: 1 }).success).toBe(false);
    expect(withIndicator({ grade: 'not-predictive', weight: 0 }).success).toBe(true);
  });

  it('requires every entry to cite a source and give examples', () => {
    expect(withIndicator({ source: '' }).success).toBe(false);
    expect(withIndicator({ examples: { positive: [], negative: [] } }).success).toBe(false);
  });

  it('rejects duplicate ids and ids outside their family', () => {
    expect(catalogueSchema.safeParse({ ...catalogue, indicators: [base, base] }).success).toBe(
      false,
    );
    expect(withIndicator({ id: 'image.youth-language' }).success).toBe(false);
  });

  it('reports a pattern that does not compile, naming the indicator', () => {
    const bad = {
      ...catalogue,
      indicators: [{ ...base, detect: { type: 'phrases' as const, patterns: ['(unclosed'] } }],
    };
    expect(() => compileCatalogue(bad)).toThrow(/text\.youth-language: invalid pattern/);
  });
});
