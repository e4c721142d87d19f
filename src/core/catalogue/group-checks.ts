import type { GroupCheck } from './catalogue-schema.ts';
import { countPersonas, type NetworkMember } from '../linkage/member.ts';

type Params = Readonly<Record<string, number>>;

/** Adverts of a group that a check fired on, with a plain-language detail for the reviewer. */
export interface GroupFinding {
  readonly adverts: readonly string[];
  readonly detail: string;
}

/** Links between a group's adverts that checks may use besides the adverts' own fields. */
export interface GroupLinks {
  /** Pairs of advert ids written from one text template. */
  readonly text: ReadonlyArray<readonly [string, string]>;
}

const NO_LINKS: GroupLinks = { text: [] };

/** A check over a group of adverts (a network, or the adverts of a catalogue example). */
export type GroupCheckFn = (
  adverts: readonly NetworkMember[],
  params: Params,
  links?: GroupLinks,
) => GroupFinding[];

function groupBy(
  adverts: readonly NetworkMember[],
  keys: (f: NetworkMember) => Iterable<string>,
): Map<string, NetworkMember[]> {
  const groups = new Map<string, NetworkMember[]>();
  for (const f of adverts) {
    for (const key of new Set(keys(f))) {
      const list = groups.get(key);
      if (list) list.push(f);
      else groups.set(key, [f]);
    }
  }
  return groups;
}

function distinct<T>(adverts: readonly NetworkMember[], values: (f: NetworkMember) => Iterable<T>) {
  const set = new Set<T>();
  for (const f of adverts) for (const v of values(f)) set.add(v);
  return set;
}

const one = <T>(v: T | null | undefined): T[] => (v === null || v === undefined ? [] : [v]);
const ids = (adverts: readonly NetworkMember[]) => adverts.map((f) => f.id);
const contacts = (f: NetworkMember) => [...f.phones, ...f.emails];
const imageHashes = (f: NetworkMember) => f.images;
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Findings for every key whose adverts carry at least `min` distinct values (or personas). */
function manyPer(
  adverts: readonly NetworkMember[],
  keys: (f: NetworkMember) => Iterable<string>,
  values: ((f: NetworkMember) => Iterable<string>) | 'personas',
  min: number,
  describe: (count: number) => string,
): GroupFinding[] {
  const findings: GroupFinding[] = [];
  for (const members of groupBy(adverts, keys).values()) {
    const count = values === 'personas' ? countPersonas(members) : distinct(members, values).size;
    if (count >= min) findings.push({ adverts: ids(members), detail: describe(count) });
  }
  return findings;
}

/** Largest number of distinct towns seen within any window of `days` days. */
function maxTownsInWindow(adverts: readonly NetworkMember[], days: number): number {
  const dated = adverts
    .flatMap((f) => {
      const t = f.postedAt ? Date.parse(f.postedAt) : NaN;
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

/** The groups of adverts joined (directly or in a chain) by text links. */
function textTemplateGroups(
  adverts: readonly NetworkMember[],
  links: GroupLinks,
): NetworkMember[][] {
  const index = new Map(adverts.map((m, i) => [m.id, i]));
  const parent = adverts.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  for (const [a, b] of links.text) {
    const ia = index.get(a);
    const ib = index.get(b);
    if (ia !== undefined && ib !== undefined) parent[find(ia)] = find(ib);
  }
  const groups = new Map<number, NetworkMember[]>();
  adverts.forEach((m, i) => {
    const root = find(i);
    const list = groups.get(root);
    if (list) list.push(m);
    else groups.set(root, [m]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/** The built-in group checks, by catalogue name. */
export const GROUP_CHECK_FNS: Readonly<Record<GroupCheck, GroupCheckFn>> = {
  'account-many-phones': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.accountId),
      (f) => f.phones,
      p.min ?? 3,
      (n) => `one account carries ${plural(n, 'phone number')}`,
    ),
  'account-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.accountId),
      'personas',
      p.min ?? 3,
      (n) => `one account advertises ${plural(n, 'persona')} (distinct name and age)`,
    ),
  'payer-many-accounts': (adverts, p) =>
    manyPer(
      adverts,
      (f) => one(f.payerId),
      (f) => one(f.accountId),
      p.min ?? 3,
      (n) => `one payer pays for ${plural(n, 'account')}`,
    ),
  'accounts-share-contact': (adverts, p) =>
    manyPer(
      adverts,
      contacts,
      (f) => one(f.accountId),
      p.min ?? 2,
      (n) => `one phone number or email appears on ${plural(n, 'account')}`,
    ),
  'contact-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      contacts,
      'personas',
      p.min ?? 3,
      (n) => `one phone number or email is behind ${plural(n, 'persona')}`,
    ),
  'image-many-personas': (adverts, p) =>
    manyPer(
      adverts,
      imageHashes,
      'personas',
      p.min ?? 2,
      (n) => `the same photo appears under ${plural(n, 'persona')}`,
    ),
  'image-many-accounts': (adverts, p) =>
    manyPer(
      adverts,
      imageHashes,
      (f) => one(f.accountId),
      p.min ?? 2,
      (n) => `the same photo appears on ${plural(n, 'account')}`,
    ),
  'persona-circuit': (adverts, p) => {
    const findings: GroupFinding[] = [];
    const minPersonas = p.personas ?? 2;
    const minTowns = p.towns ?? 3;
    const days = p.days ?? 14;
    for (const members of groupBy(adverts, contacts).values()) {
      if (countPersonas(members) < minPersonas) continue;
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
  'template-many-personas': (adverts, p, links = NO_LINKS) => {
    const findings: GroupFinding[] = [];
    for (const members of textTemplateGroups(adverts, links)) {
      const personas = countPersonas(members);
      if (personas >= (p.min ?? 2)) {
        findings.push({
          adverts: ids(members),
          detail: `one text template, with names, ages and towns swapped, is used by ${plural(personas, 'persona')}`,
        });
      }
    }
    return findings;
  },
  'solo-touring': (adverts, p) => {
    const personas = countPersonas(adverts);
    const phones = distinct(adverts, (f) => f.phones);
    const towns = distinct(adverts, (f) => one(f.town?.toLowerCase()));
    if (personas !== 1 || phones.size > 1 || towns.size < (p.towns ?? 3)) return [];
    return [
      {
        adverts: ids(adverts),
        detail: `one persona with one number advertises in ${plural(towns.size, 'town')} (touring)`,
      },
    ];
  },
};
