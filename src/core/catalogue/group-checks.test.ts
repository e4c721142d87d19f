import { describe, expect, it } from 'vitest';
import { parseAdvertRecord } from '../advert/parse-advert.ts';
import { advertFeatures } from '../model/features.ts';
import { memberOf, memberPersona as personaKey } from '../linkage/member.ts';
import { GROUP_CHECK_FNS } from './group-checks.ts';

const features = (records: object[]) =>
  records.map((r, i) => {
    const p = parseAdvertRecord({ id: `a${i}`, ...r });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    return memberOf(advertFeatures(p.advert));
  });

describe('group checks', () => {
  it('keys personas by name and age, ignoring case and spacing', () => {
    const [a, b, c] = features([{ name: ' Anna ', age: 21 }, { name: 'anna', age: 21 }, {}]);
    expect(personaKey(a!)).toBe(personaKey(b!));
    expect(personaKey(c!)).toBeNull();
  });

  it('finds a contact behind many personas across phone formats', () => {
    const group = features([
      { name: 'Anna', age: 21, phones: ['07700 900111'] },
      { name: 'Maria', age: 23, phones: ['+44 7700 900111'] },
      { name: 'Lena', age: 19, phones: ['(07700) 900-111'] },
    ]);
    const findings = GROUP_CHECK_FNS['contact-many-personas'](group, { min: 3 });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.adverts).toEqual(['a0', 'a1', 'a2']);
    expect(findings[0]!.detail).toMatch(/3 personas/);
  });

  it('measures a circuit within the window only', () => {
    const posts = [
      ['Leeds', '2026-01-01'],
      ['Hull', '2026-01-20'],
      ['York', '2026-02-10'],
    ].map(([town, day], i) => ({
      name: i % 2 ? 'Anna' : 'Maria',
      age: 21,
      town,
      postedAt: `${day}T10:00:00Z`,
      phones: ['07700 900111'],
    }));
    expect(
      GROUP_CHECK_FNS['persona-circuit'](features(posts), { personas: 2, towns: 3, days: 14 }),
    ).toEqual([]);
    expect(
      GROUP_CHECK_FNS['persona-circuit'](features(posts), { personas: 2, towns: 3, days: 60 }),
    ).toHaveLength(1);
  });

  it('treats one persona with one number in many towns as touring, not a network', () => {
    const tour = features(
      ['Leeds', 'Hull', 'York'].map((town) => ({
        name: 'Anna',
        age: 30,
        town,
        phones: ['07700 900111'],
      })),
    );
    expect(GROUP_CHECK_FNS['solo-touring'](tour, { towns: 3 })).toHaveLength(1);
    expect(GROUP_CHECK_FNS['persona-circuit'](tour, {})).toEqual([]);
    expect(GROUP_CHECK_FNS['contact-many-personas'](tour, {})).toEqual([]);
  });

  it('counts payers, accounts and shared photos', () => {
    const pdq = 'f'.repeat(64);
    const group = features([
      { accountId: 'x', payerId: 'p', images: [{ pdq }], name: 'A' },
      { accountId: 'y', payerId: 'p', images: [{ pdq: pdq.toUpperCase() }], name: 'B' },
      { accountId: 'z', payerId: 'p', name: 'C' },
    ]);
    expect(GROUP_CHECK_FNS['payer-many-accounts'](group, { min: 3 })[0]!.detail).toBe(
      'one payer pays for 3 accounts',
    );
    expect(GROUP_CHECK_FNS['image-many-accounts'](group, { min: 2 })[0]!.adverts).toEqual([
      'a0',
      'a1',
    ]);
    expect(GROUP_CHECK_FNS['image-many-personas'](group, { min: 2 })).toHaveLength(1);
  });
});
