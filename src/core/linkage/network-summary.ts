import type { Edge, Hub, Network } from './linkage-index.ts';
import { memberPersona, type NetworkMember } from './member.ts';
import type { SlotDifference } from './text-template.ts';

/** One edge of a network as written out: advert ids, what they share, and why in words. */
export interface EdgeRecord {
  readonly a: string;
  readonly b: string;
  readonly type: Edge['type'];
  readonly value: string;
  readonly detail: string;
  readonly distance?: number;
  readonly similarity?: number;
  readonly template?: string;
  readonly differences?: readonly SlotDifference[];
}

/** What a reviewer wants to see of a network at a glance. */
export interface NetworkSummary {
  readonly adverts: number;
  readonly accounts: readonly string[];
  /** Distinct name/age pairs, with how many adverts show each. */
  readonly personas: ReadonlyArray<{ name: string | null; age: number | null; adverts: number }>;
  readonly phones: readonly string[];
  readonly emails: readonly string[];
  readonly payers: readonly string[];
  readonly handles: readonly string[];
  readonly images: readonly string[];
  /** Towns in order of first appearance, with adverts and first/last posting. */
  readonly towns: ReadonlyArray<{
    town: string;
    adverts: number;
    first: string | null;
    last: string | null;
  }>;
  readonly firstPosted: string | null;
  readonly lastPosted: string | null;
  /** Adverts per day (UTC), in date order. */
  readonly timeline: ReadonlyArray<{ date: string; adverts: number }>;
  /** Edges by type. */
  readonly links: Readonly<Partial<Record<Edge['type'], number>>>;
  /** The most used shared text templates, with how many text links show each. */
  readonly templates: ReadonlyArray<{ template: string; links: number }>;
  /** Values carried by the network's adverts that are hubs (shown, not used to join). */
  readonly hubs: readonly Hub[];
}

const LIST_LIMIT = 200;

function describeDifferences(differences: readonly SlotDifference[]): string {
  return differences
    .slice(0, 4)
    .map((d) => `${d.slot} ${d.a ?? '(none)'} → ${d.b ?? '(none)'}`)
    .join(', ');
}

/** An edge in words, as a reviewer reads it. */
export function edgeDetail(e: Edge, differences: readonly SlotDifference[] = []): string {
  switch (e.type) {
    case 'account':
      return `same account (${e.value})`;
    case 'payer':
      return `same payer (${e.value})`;
    case 'phone':
      return `same phone number (${e.value})`;
    case 'email':
      return `same email (${e.value})`;
    case 'handle':
      return `same social handle (${e.value})`;
    case 'image':
      return e.distance
        ? `same photo, slightly altered (PDQ distance ${e.distance})`
        : 'same photo (identical PDQ hash)';
    case 'text': {
      const diff = describeDifferences(differences);
      const sim = Math.round((e.similarity ?? 0) * 100);
      return diff === ''
        ? `same text (similarity ${sim}%)`
        : `same text (similarity ${sim}%), ${diff}`;
    }
  }
}

/** Works out the shared template and differing slots of a text edge. */
export type ExplainText = (
  e: Edge,
) => { template: string; differences: readonly SlotDifference[] } | null;

/** An edge with advert ids in place of positions, and for text its template and differences. */
export function edgeRecord(
  e: Edge,
  idOf: (index: number) => string,
  explain: ExplainText,
): EdgeRecord {
  const text = e.type === 'text' ? explain(e) : null;
  return {
    a: idOf(e.a),
    b: idOf(e.b),
    type: e.type,
    value: e.value,
    detail: edgeDetail(e, text?.differences ?? []),
    ...(e.distance !== undefined ? { distance: e.distance } : {}),
    ...(e.similarity !== undefined ? { similarity: e.similarity } : {}),
    ...(text ? { template: text.template, differences: text.differences } : {}),
  };
}

function counted<T>(values: Iterable<T>): Map<T, number> {
  const m = new Map<T, number>();
  for (const v of values) m.set(v, (m.get(v) ?? 0) + 1);
  return m;
}

function distinctOf(members: readonly NetworkMember[], f: (m: NetworkMember) => Iterable<string>) {
  const set = new Set<string>();
  for (const m of members) for (const v of f(m)) set.add(v);
  return [...set].slice(0, LIST_LIMIT);
}

/** The summary of a network over its members (in the order they were added). */
export function summariseNetwork(
  network: Network,
  members: readonly NetworkMember[],
  edges: readonly EdgeRecord[],
): NetworkSummary {
  const personas = new Map<string, { name: string | null; age: number | null; adverts: number }>();
  const towns = new Map<
    string,
    { town: string; adverts: number; first: string | null; last: string | null }
  >();
  let firstPosted: string | null = null;
  let lastPosted: string | null = null;
  const days: string[] = [];
  for (const m of members) {
    const key = memberPersona(m);
    if (key !== null) {
      const p = personas.get(key);
      if (p) p.adverts++;
      else personas.set(key, { name: m.name, age: m.age, adverts: 1 });
    }
    if (m.postedAt !== null) {
      if (firstPosted === null || m.postedAt < firstPosted) firstPosted = m.postedAt;
      if (lastPosted === null || m.postedAt > lastPosted) lastPosted = m.postedAt;
      days.push(m.postedAt.slice(0, 10));
    }
    if (m.town !== null) {
      const t = towns.get(m.town);
      if (!t) {
        towns.set(m.town, { town: m.town, adverts: 1, first: m.postedAt, last: m.postedAt });
      } else {
        t.adverts++;
        if (m.postedAt !== null) {
          if (t.first === null || m.postedAt < t.first) t.first = m.postedAt;
          if (t.last === null || m.postedAt > t.last) t.last = m.postedAt;
        }
      }
    }
  }
  const templates = counted(edges.flatMap((e) => (e.template ? [e.template] : [])));
  return {
    adverts: members.length,
    accounts: distinctOf(members, (m) => (m.accountId === null ? [] : [m.accountId])),
    personas: [...personas.values()].sort((x, y) => y.adverts - x.adverts).slice(0, LIST_LIMIT),
    phones: distinctOf(members, (m) => m.phones),
    emails: distinctOf(members, (m) => m.emails),
    payers: distinctOf(members, (m) => (m.payerId === null ? [] : [m.payerId])),
    handles: distinctOf(members, (m) => m.handles),
    images: distinctOf(members, (m) => m.images),
    towns: [...towns.values()].slice(0, LIST_LIMIT),
    firstPosted,
    lastPosted,
    timeline: [...counted(days)]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([date, adverts]) => ({ date, adverts })),
    links: Object.fromEntries(counted(network.edges.map((e) => e.type))),
    templates: [...templates]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([template, links]) => ({ template, links })),
    hubs: network.hubs,
  };
}
