import type { AdvertFeatures } from '../model/features.ts';

/**
 * What linkage and the network indicators need to know about one advert: a compact record kept
 * for every advert in the index (a million of them must fit comfortably in memory), built once
 * from its features.
 */
export interface NetworkMember {
  readonly id: string;
  readonly site: string;
  readonly accountId: string | null;
  readonly payerId: string | null;
  /** Advertised name as written (trimmed), or null. */
  readonly name: string | null;
  /** Stated age: the age field, else the first age in the text. */
  readonly age: number | null;
  /** Canonical town, or null. */
  readonly town: string | null;
  /** postedAt as an ISO string, or null. */
  readonly postedAt: string | null;
  /** E.164 phones from the fields and the text. */
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  /** Social handles as `platform:handle`. */
  readonly handles: readonly string[];
  /** PDQ hashes (lower-case hex) of the advert's images that carry one. */
  readonly images: readonly string[];
}

/** The persona a member presents: its name and stated age; null when it states neither. */
export function memberPersona(m: NetworkMember): string | null {
  const name = m.name?.toLowerCase() ?? '';
  if (name === '' && m.age === null) return null;
  return `${name}|${m.age ?? ''}`;
}

function distinctValues<T>(lists: ReadonlyArray<readonly T[]>): T[] {
  const set = new Set<T>();
  for (const list of lists) for (const v of list) set.add(v);
  return [...set];
}

/** The advert's own name and town, masked as slots when its text is compared with others. */
export function linkSlots(f: AdvertFeatures): { names: string[]; towns: string[] } {
  return { names: f.advert.name ? [f.advert.name] : [], towns: f.town ? [f.town] : [] };
}

/** The member record of an advert. */
export function memberOf(f: AdvertFeatures): NetworkMember {
  const a = f.advert;
  const name = a.name?.trim() ?? '';
  return {
    id: a.id,
    site: a.site ?? '',
    accountId: a.accountId ?? null,
    payerId: a.payerId ?? null,
    name: name === '' ? null : name,
    age: f.age,
    town: f.town,
    postedAt: a.postedAt ?? null,
    phones: f.phones.map((c) => c.value),
    emails: f.emails.map((c) => c.value),
    handles: distinctValues(
      [f.extracted.title.handles, f.extracted.text.handles].map((hs) =>
        hs.map((h) => `${h.platform}:${h.handle}`),
      ),
    ),
    images: distinctValues([
      (a.images ?? []).flatMap((img) =>
        typeof img.pdq === 'string' ? [img.pdq.toLowerCase()] : [],
      ),
    ]),
  };
}

/**
 * How many personas a set of adverts presents. A persona is a name with an age; an advert that
 * gives only a name (or only an age) is the same persona as one that gives that name (or age) with
 * an age, so a missing field never makes a second persona.
 */
export function countPersonas(members: readonly NetworkMember[]): number {
  const full = new Set<string>();
  const names = new Set<string>();
  const ages = new Set<number>();
  const nameOnly: string[] = [];
  const ageOnly: number[] = [];
  for (const m of members) {
    const name = m.name?.toLowerCase() ?? null;
    if (name !== null && m.age !== null) {
      full.add(`${name}|${m.age}`);
      names.add(name);
      ages.add(m.age);
    } else if (name !== null) nameOnly.push(name);
    else if (m.age !== null) ageOnly.push(m.age);
  }
  let count = full.size;
  for (const name of nameOnly) {
    if (!names.has(name)) {
      names.add(name);
      count++;
    }
  }
  for (const age of ageOnly) {
    if (!ages.has(age)) {
      ages.add(age);
      count++;
    }
  }
  return count;
}
