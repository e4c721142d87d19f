import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvRowToRecord, parseAdvertJsonLine, parseAdvertRecord } from './parse-advert.ts';

const hash = 'ab'.repeat(32);

describe('parseAdvertRecord', () => {
  it('accepts a full advert and keeps unknown fields', () => {
    const r = parseAdvertRecord({
      id: 'ad-1',
      site: 'example',
      accountId: 'acc-1',
      postedAt: '2026-01-02T10:00:00Z',
      title: 'Hello',
      text: 'Text',
      name: 'Anna',
      age: 24,
      town: 'Leeds',
      phones: ['07700 900123'],
      emails: ['a@example.com'],
      images: [{ pdq: hash }, { path: 'photo.jpg' }],
      payerId: null,
      verified: { age: true, identity: false },
      siteCategory: 'escort',
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.advert.siteCategory).toBe('escort');
  });

  it('fills the default site only when the record names none', () => {
    const a = parseAdvertRecord({ id: '1' }, { defaultSite: 'cli-site' });
    const b = parseAdvertRecord({ id: '1', site: 'own' }, { defaultSite: 'cli-site' });
    expect(a.ok && a.advert.site).toBe('cli-site');
    expect(b.ok && b.advert.site).toBe('own');
  });

  it('names every bad field', () => {
    const r = parseAdvertRecord({
      id: '',
      age: 'twenty',
      postedAt: 'yesterday',
      images: [{ pdq: 'xyz' }],
      verified: { age: 'yes' },
    });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const fields = r.errors.map((e) => e.field);
      expect(fields).toEqual(
        expect.arrayContaining(['id', 'age', 'postedAt', 'images[0].pdq', 'verified.age']),
      );
    }
  });

  it('rejects non-objects with a clear message', () => {
    for (const v of [null, 3, 'x', [1]]) {
      const r = parseAdvertRecord(v);
      expect(r).toEqual({ ok: false, errors: [{ field: '', message: 'expected a JSON object' }] });
    }
  });
});

describe('parseAdvertJsonLine', () => {
  it('reports invalid JSON without throwing', () => {
    const r = parseAdvertJsonLine('{"id": "1",');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.message).toMatch(/^not valid JSON/);
  });

  it('never throws, whatever the line (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'grapheme' })), (line) => {
        const r = parseAdvertJsonLine(line);
        expect(typeof r.ok).toBe('boolean');
      }),
    );
  });

  it('round-trips any valid advert through JSON (property)', () => {
    const arb = fc.record(
      {
        id: fc.string({ minLength: 1, maxLength: 20 }),
        title: fc.string(),
        text: fc.string({ unit: 'grapheme' }),
        age: fc.integer({ min: 0, max: 120 }),
        phones: fc.array(fc.string({ maxLength: 30 }), { maxLength: 3 }),
        payerId: fc.option(fc.string({ maxLength: 20 })),
      },
      { requiredKeys: ['id'] },
    );
    fc.assert(
      fc.property(arb, (advert) => {
        const r = parseAdvertJsonLine(JSON.stringify(advert));
        expect(r).toEqual({ ok: true, advert });
      }),
    );
  });
});

describe('csvRowToRecord', () => {
  it('splits list fields on ; and types age, verified and images', () => {
    const rec = csvRowToRecord({
      id: 'ad-1',
      age: '23',
      phones: '07700 900123; 07700 900124',
      emails: '',
      images: `${hash};photos/a.jpg`,
      'verified.age': 'true',
      'verified.identity': 'no',
      payerId: 'p1',
      colour: 'blue',
    });
    expect(rec).toEqual({
      id: 'ad-1',
      age: 23,
      phones: ['07700 900123', '07700 900124'],
      images: [{ pdq: hash }, { path: 'photos/a.jpg' }],
      verified: { age: true, identity: false },
      payerId: 'p1',
      colour: 'blue',
    });
    expect(parseAdvertRecord(rec).ok).toBe(true);
  });

  it('leaves bad cells for validation to name', () => {
    const r = parseAdvertRecord(csvRowToRecord({ id: 'x', age: 'old', 'verified.age': 'maybe' }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field).sort()).toEqual(['age', 'verified.age']);
  });

  it('never throws on any row (property)', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('id', 'age', 'phones', 'images', 'verified', 'verified.age', 'x'),
          fc.string(),
        ),
        (row) => {
          const r = parseAdvertRecord(csvRowToRecord(row));
          expect(typeof r.ok).toBe('boolean');
        },
      ),
    );
  });
});
