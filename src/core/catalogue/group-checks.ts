import type { GroupCheck } from './catalogue-schema.ts';
import type { AdvertFeatures } from '../model/features.ts';

type Params = Readonly<Record<string, number>>;

/** Adverts of a group that a check fired on, with a plain-language detail for the reviewer. */
export interface GroupFinding {
  readonly adverts: readonly string[];
  readonly detail: string;
}

/** A check over a group of adverts (an account, a payer, a network). */
export type GroupCheckFn = (adverts: readonly AdvertFeatures[], params: Params) => GroupFinding[];

/** The persona an advert presents: its name and stated age; null when it states neither. */
export function personaKey(f: AdvertFeatures): string | null {
  const name = f.advert.name?.trim().toLowerCase() ?? '';
  if (name === '' && f.age === null) return null;
  return `${name}|${f.age ?? ''}`;
}

function groupBy(
  adverts: readonly AdvertFeatures[],
  keys: (f: AdvertFeatures) => Iterable<string>,
): Map<string, AdvertFeatures[]> {
  const groups = new Map<string, AdvertFeatures[]>();
  for (const f of adverts) {
    for (const key of new Set(keys(f))) {
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
  }
  return groups;
}

function distinct<T>(
  adverts: readonly AdvertFeatures[],
  values: (f: AdvertFeatures) => Iterable<T>,
) {
  const set = new Set<T>();
  for (const f of adverts) for (const v of values(f)) set.add(v);
  return set;
}

const one = <T>(v: T | null | undefined): T[] => (v === null || v === undefined ? [] : [v]);
const ids = (adverts: readonly AdvertFeatures[]) => adverts.map((f) => f.advert.id);
const contacts = (f: AdvertFeatures) => [...f.phones, ...f.emails].map((c) => c.value);
const imageHashes = (f: AdvertFeatures) =>
  (f.advert.images ?? []).flatMap((img) =>
    typeof img.pdq === 'string' ? [img.pdq.toLowerCase()] : [],
  );
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Findings for every key whose adverts carry at least `min` distinct values. */
function manyPer(
  adverts: readonly AdvertFeatures[],
  keys: (f: AdvertFeatures) => Iterable<string>,
  values: (f: AdvertFeatures) => Iterable<string>,
  min: number,
  describe: (count: number) => string,
): GroupFinding[] {
  const findings: GroupFinding[] = [];
  for (const members of groupBy(adverts, keys).values()) {
    const count = distinct(members, values).size;
    if (count >= min) findings.push({ adverts: ids(members), detail: describe(count) });
  }
  return findings;
}

/** Largest number of distinct towns seen within any window of `days` days. */
function maxTownsInWindow(adverts: readonly AdvertFeatures[], days: number): number {
  const dated = adverts
    .flatMap((f) => {
      const t = f.advert.postedAt ? Date.parse(f.advert.postedAt) : NaN;
      return f.town && !Number.isNaN(t) ? [{ t, town: f.town.toLowerCase() }] : [];
    })
    .sort((a, b) => a.t - b.t);
  const windowMs = days * 86_400_000;
  const counts = new Map<string, number>();
  let best = 0;
  let lo = 0;
  for (const item of dated) {
    counts.set(item.town, (counts.get(item.town) ?? 0) + 1);
    while (item.t - dated[lo]!.t > windowMs) {
      const old = dated[lo]!.town;
      const n = counts.get(old)! - 1;
      if (n === 0) counts.delete(old);
      else counts.set(old, n);
      lo++;
    }
    best = Math.max(best, counts.size);
  }
  return best;
}

/** The built-in group checks, by catalogue name. */
export const GROUP_CHECK_FNS: Readonly<Record<GroupCheck, GroupCheckFn>> = {
  'account-many-phones': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.advert.accountId),
      (f) => f.phones.map((c) => c.value),
      p.min ?? 3,
      (n) => `one account carries ${plural(n, 'phone number')}`,
    ),
  'account-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.advert.accountId),
      (f) => one(personaKey(f)),
      p.min ?? 3,
      (n) => `one account advertises ${plural(n, 'persona')} (distinct name and age)`,
    ),
  'payer-many-accounts': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.advert.payerId),
      (f) => one(f.advert.accountId),
      p.min ?? 3,
      (n) => `one payer pays for ${plural(n, 'account')}`,
    ),
  'accounts-share-contact': (adverts, p) =>
    manyPer(
      adverts,
      contacts,
      (f) => one(f.advert.accountId),
      p.min ?? 2,
      (n) => `one phone number or email appears on ${plural(n, 'account')}`,
    ),
  'contact-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      contacts,
      (f) => one(personaKey(f)),
      p.min ?? 3,
      (n) => `one phone number or email is behind ${plural(n, 'persona')}`,
    ),
  'image-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      imageHashes,
      (f) => one(personaKey(f)),
      p.min ?? 2,
      (n) => `the same photo appears under ${plural(n, 'persona')}`,
    ),
  'image-many-accounts': (adverts, p) =>
    manyPer(
      adverts,
      imageHashes,
      (f) => one(f.advert.accountId),
      p.min ?? 2,
      (n) => `the same photo appears on ${plural(n, 'account')}`,
    ),
  'persona-circuit': (adverts, p) => {
    const findings: GroupFinding[] = [];
    const minPersonas = p.personas ?? 2;
    const minTowns = p.towns ?? 3;
    const days = p.days ?? 14;
    for (const members of groupBy(adverts, contacts).values()) {
      if (distinct(members, (f) => one(personaKey(f))).size < minPersonas) continue;
      const towns = maxTownsInWindow(members, days);
      if (towns >= minTowns) {
        findings.push({
          adverts: ids(members),
          detail: `personas sharing one contact appear in ${plural(towns, 'town')} within ${days} days`,
        });
      }
    }
    return findings;
  },
  'solo-touring': (adverts, p) => {
    const personas = distinct(adverts, (f) => one(personaKey(f)));
    const phones = distinct(adverts, (f) => f.phones.map((c) => c.value));
    const towns = distinct(adverts, (f) => one(f.town?.toLowerCase()));
    if (personas.size !== 1 || phones.size > 1 || towns.size < (p.towns ?? 3)) return [];
    return [
      {
        adverts: ids(adverts),
        detail: `one persona with one number advertises in ${plural(towns.size, 'town')} (touring)`,
      },
    ];
  },
};
