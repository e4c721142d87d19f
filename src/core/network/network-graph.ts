// The network view's data, shaped from store rows: nodes (adverts, the identifiers and photos they
// share), edges with a reason a person can read, the timeline of postings, the circuit of towns
// and the shared text template. Pure, so the rules that matter (every edge joins two nodes, no
// identifier value reaches someone without personal access, the circuit in posting order) are
// tested here, apart from the store.
import { findTown } from '../extract/towns.ts';
import type { SlotDifference, SlotKind } from '../linkage/text-template.ts';
import type { Level } from '../model/result.ts';

/** The identifier kinds the store keeps (`identifiers.type`). */
export const IDENTIFIER_KINDS = ['phone', 'email', 'handle', 'account', 'payer'] as const;
export type IdentifierKind = (typeof IDENTIFIER_KINDS)[number];

/** What a node of the graph stands for. */
export const NODE_KINDS = ['advert', ...IDENTIFIER_KINDS, 'image'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** One member advert the caller may see. */
export interface GraphAdvertRow {
  readonly id: number;
  readonly externalId: string;
  readonly score: number | null;
  readonly level: Level | null;
  /** ISO date-time, or null when the site did not say. */
  readonly postedAt: string | null;
  /** Canonical town (as linkage worked it out), or null. */
  readonly town: string | null;
}

/** One normalised identifier of a member advert. */
export interface GraphIdentifierRow {
  readonly advertId: number;
  readonly type: string;
  readonly value: string;
}

/** One image hash of a member advert. */
export interface GraphImageRow {
  readonly advertId: number;
  readonly pdq: string;
}

/** One stored link between two member adverts; `detail` as the linker wrote it. */
export interface GraphLinkRow {
  readonly from: number;
  readonly to: number;
  readonly type: string;
  readonly detail: unknown;
}

export interface GraphInput {
  readonly network: {
    readonly id: string;
    readonly score: number;
    readonly level: Level;
    readonly size: number;
  };
  readonly adverts: readonly GraphAdvertRow[];
  readonly identifiers: readonly GraphIdentifierRow[];
  readonly images: readonly GraphImageRow[];
  readonly links: readonly GraphLinkRow[];
  /** Whether the caller may see personal data (identifier values, towns, the text template). */
  readonly personal: boolean;
  /** Whether the members were cut to a cap. */
  readonly truncated: boolean;
}

export interface GraphNode {
  readonly id: string;
  readonly kind: NodeKind;
  readonly label: string;
  readonly level?: Level;
  readonly score?: number;
  readonly town?: string | null;
  readonly postedAt?: string | null;
  /** Identifiers and photos: how many of the adverts shown carry it. */
  readonly adverts?: number;
}

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** The link type: an identifier kind, `image` or `text`. */
  readonly type: string;
  readonly reason: string;
}

export interface TimelineEntry {
  readonly advertId: number;
  readonly externalId: string;
  readonly postedAt: string;
  readonly town: string | null;
}

export interface CircuitTown {
  readonly name: string;
  /** Centre from the shipped gazetteer; null for a town it does not know. */
  readonly lat: number | null;
  readonly lon: number | null;
  readonly adverts: number;
  readonly first: string | null;
  readonly last: string | null;
}

export interface TemplateSlot {
  readonly name: SlotKind;
  /** How the slot appears in the template text, e.g. `<name>`. */
  readonly placeholder: string;
  /** The values seen in this slot across the network's text links. */
  readonly values: readonly string[];
}

export interface SharedTemplate {
  readonly text: string;
  /** How many text links between the adverts shown share it. */
  readonly links: number;
  readonly slots: readonly TemplateSlot[];
}

/** The network view's data. */
export interface NetworkGraph {
  readonly network: GraphInput['network'] & {
    /** Member adverts shown (those the caller may see, up to the cap). */
    readonly shown: number;
    readonly truncated: boolean;
    /** Whether identifier values, towns and the template are included. */
    readonly personal: boolean;
  };
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly timeline: readonly TimelineEntry[];
  readonly towns: readonly CircuitTown[];
  readonly template: SharedTemplate | null;
}

/** Placeholders the text linker writes into templates, by slot kind. */
export const SLOT_PLACEHOLDER: Readonly<Record<SlotKind, string>> = {
  name: '<name>',
  town: '<town>',
  age: '<num>',
  number: '<num>',
  price: '<price>',
  phone: '<phone>',
  email: '<email>',
  handle: '<handle>',
};

const KIND_WORDS: Readonly<Record<IdentifierKind | 'image', string>> = {
  phone: 'phone number',
  email: 'email address',
  handle: 'social handle',
  account: 'site account',
  payer: 'payer',
  image: 'photo',
};

const SHORT_LABEL: Readonly<Record<IdentifierKind | 'image', string>> = {
  phone: 'phone',
  email: 'email',
  handle: 'handle',
  account: 'account',
  payer: 'payer',
  image: 'photo',
};

/** Node id of an advert. */
export const advertNodeId = (advertId: number): string => `a${advertId}`;

const isIdentifierKind = (t: string): t is IdentifierKind =>
  (IDENTIFIER_KINDS as readonly string[]).includes(t);

const byTime = (x: string | null, y: string | null): number =>
  x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1;

/** The parts of a link's stored detail the view uses, read defensively (it is jsonb). */
interface LinkDetail {
  readonly distance: number | null;
  readonly similarity: number | null;
  readonly template: string | null;
  readonly differences: readonly SlotDifference[];
}

function readDetail(detail: unknown): LinkDetail {
  const d = (typeof detail === 'object' && detail !== null ? detail : {}) as Record<
    string,
    unknown
  >;
  const differences = Array.isArray(d.differences)
    ? d.differences.filter(
        (x): x is SlotDifference =>
          typeof x === 'object' &&
          x !== null &&
          typeof (x as SlotDifference).slot === 'string' &&
          (x as SlotDifference).slot in SLOT_PLACEHOLDER,
      )
    : [];
  return {
    distance: typeof d.distance === 'number' ? d.distance : null,
    similarity: typeof d.similarity === 'number' ? d.similarity : null,
    template: typeof d.template === 'string' && d.template !== '' ? d.template : null,
    differences,
  };
}

/** A text link in words; slot values only for those who may see personal data. */
export function textReason(detail: LinkDetail, personal: boolean): string {
  const sim = `similarity ${Math.round((detail.similarity ?? 0) * 100)}%`;
  const diffs = detail.differences.slice(0, 4);
  if (diffs.length === 0) return `same text (${sim})`;
  if (!personal) {
    const slots = [...new Set(diffs.map((d) => d.slot))].join(', ');
    return `same text (${sim}), differing in ${slots}`;
  }
  const parts = diffs.map((d) => `${d.slot} ${d.a ?? '(none)'} → ${d.b ?? '(none)'}`);
  return `same text (${sim}), ${parts.join(', ')}`;
}

/** An image link in words. */
export function imageReason(distance: number | null): string {
  return distance
    ? `same photo, slightly altered (PDQ distance ${distance})`
    : 'same photo (identical PDQ hash)';
}

interface Shared {
  readonly kind: IdentifierKind | 'image';
  readonly value: string;
  readonly adverts: number[];
}

/** Values carried by two or more of the given adverts, most carried first, then first seen. */
function sharedValues(
  rows: readonly { advertId: number; kind: IdentifierKind | 'image'; value: string }[],
  order: ReadonlyMap<number, number>,
): Shared[] {
  const byKey = new Map<string, Shared>();
  for (const r of rows) {
    if (!order.has(r.advertId)) continue;
    const key = `${r.kind}\u0000${r.value}`;
    let s = byKey.get(key);
    if (s === undefined) {
      s = { kind: r.kind, value: r.value, adverts: [] };
      byKey.set(key, s);
    }
    if (!s.adverts.includes(r.advertId)) s.adverts.push(r.advertId);
  }
  const first = (s: Shared) => Math.min(...s.adverts.map((a) => order.get(a)!));
  return [...byKey.values()]
    .filter((s) => s.adverts.length >= 2)
    .map((s) => ({ ...s, adverts: s.adverts.sort((x, y) => order.get(x)! - order.get(y)!) }))
    .sort(
      (x, y) =>
        y.adverts.length - x.adverts.length ||
        first(x) - first(y) ||
        (x.value < y.value ? -1 : x.value > y.value ? 1 : 0),
    );
}

/**
 * Builds the view from rows already limited to what the caller may see. Identifier and photo
 * nodes are labelled "phone 1", "photo 2"… and carry their value only with personal access; node
 * ids never carry a value.
 */
export function buildNetworkGraph(input: GraphInput): NetworkGraph {
  const { personal } = input;
  // Adverts in posting order (undated last), then by id: the order everything else follows.
  const adverts = [...input.adverts].sort((x, y) => byTime(x.postedAt, y.postedAt) || x.id - y.id);
  const order = new Map(adverts.map((a, i) => [a.id, i]));

  const nodes: GraphNode[] = adverts.map((a) => ({
    id: advertNodeId(a.id),
    kind: 'advert',
    label: a.externalId,
    ...(a.level !== null ? { level: a.level } : {}),
    ...(a.score !== null ? { score: a.score } : {}),
    postedAt: a.postedAt,
    ...(personal ? { town: a.town } : {}),
  }));
  const edges: GraphEdge[] = [];

  // Shared identifiers and identical photos become nodes joined to each advert that carries them.
  const rows = [
    ...input.identifiers.flatMap((r) =>
      isIdentifierKind(r.type) ? [{ advertId: r.advertId, kind: r.type, value: r.value }] : [],
    ),
    ...input.images.map((r) => ({
      advertId: r.advertId,
      kind: 'image' as const,
      value: r.pdq.toLowerCase(),
    })),
  ];
  const counters = new Map<string, number>();
  /** Pairs of adverts already joined through a shared photo node. */
  const photoPairs = new Set<string>();
  for (const s of sharedValues(rows, order)) {
    const n = (counters.get(s.kind) ?? 0) + 1;
    counters.set(s.kind, n);
    const id = `${s.kind === 'image' ? 'p' : 'i'}:${s.kind}:${n}`;
    const name = `${SHORT_LABEL[s.kind]} ${n}`;
    const label = personal
      ? s.kind === 'image'
        ? `${name} (${s.value.slice(0, 8)}…)`
        : s.value
      : name;
    nodes.push({ id, kind: s.kind, label, adverts: s.adverts.length });
    const what = personal && s.kind !== 'image' ? s.value : name;
    for (const advertId of s.adverts) {
      edges.push({
        id: `${advertNodeId(advertId)}-${id}`,
        source: advertNodeId(advertId),
        target: id,
        type: s.kind,
        reason:
          s.kind === 'image'
            ? `${imageReason(0)}: ${name}, in ${s.adverts.length} adverts`
            : `same ${KIND_WORDS[s.kind]} (${what}), in ${s.adverts.length} adverts`,
      });
    }
    if (s.kind === 'image') {
      for (const x of s.adverts) for (const y of s.adverts) if (x < y) photoPairs.add(`${x}-${y}`);
    }
  }

  // Near-copies of photos and templated text join adverts directly.
  const templates = new Map<string, { links: number; differences: SlotDifference[] }>();
  for (const l of input.links) {
    if (!order.has(l.from) || !order.has(l.to) || l.from === l.to) continue;
    if (l.type !== 'image' && l.type !== 'text') continue;
    const detail = readDetail(l.detail);
    const [x, y] = l.from < l.to ? [l.from, l.to] : [l.to, l.from];
    if (l.type === 'image' && !detail.distance && photoPairs.has(`${x}-${y}`)) continue;
    edges.push({
      id: `${advertNodeId(l.from)}-${advertNodeId(l.to)}-${l.type}`,
      source: advertNodeId(l.from),
      target: advertNodeId(l.to),
      type: l.type,
      reason: l.type === 'image' ? imageReason(detail.distance) : textReason(detail, personal),
    });
    if (l.type === 'text' && detail.template !== null) {
      const t = templates.get(detail.template) ?? { links: 0, differences: [] };
      t.links++;
      t.differences.push(...detail.differences);
      templates.set(detail.template, t);
    }
  }

  const timeline: TimelineEntry[] = adverts.flatMap((a) =>
    a.postedAt === null
      ? []
      : [
          {
            advertId: a.id,
            externalId: a.externalId,
            postedAt: a.postedAt,
            town: personal ? a.town : null,
          },
        ],
  );

  return {
    network: {
      ...input.network,
      shown: adverts.length,
      truncated: input.truncated,
      personal,
    },
    nodes,
    edges: dedupe(edges),
    timeline,
    towns: personal ? circuit(adverts) : [],
    template: personal ? mostUsedTemplate(templates) : null,
  };
}

function dedupe(edges: readonly GraphEdge[]): GraphEdge[] {
  const seen = new Set<string>();
  return edges.filter((e) => (seen.has(e.id) ? false : (seen.add(e.id), true)));
}

/** The towns the adverts were posted in, ordered by first posting, with gazetteer centres. */
export function circuit(adverts: readonly GraphAdvertRow[]): CircuitTown[] {
  const towns = new Map<string, { adverts: number; first: string | null; last: string | null }>();
  for (const a of adverts) {
    if (a.town === null || a.town.trim() === '') continue;
    const t = towns.get(a.town) ?? { adverts: 0, first: null, last: null };
    t.adverts++;
    if (a.postedAt !== null) {
      if (t.first === null || a.postedAt < t.first) t.first = a.postedAt;
      if (t.last === null || a.postedAt > t.last) t.last = a.postedAt;
    }
    towns.set(a.town, t);
  }
  return [...towns]
    .map(([name, t]) => {
      const place = findTown(name);
      return {
        name,
        lat: place?.lat ?? null,
        lon: place?.lon ?? null,
        ...t,
      };
    })
    .sort((x, y) => byTime(x.first, y.first) || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
}

function mostUsedTemplate(
  templates: ReadonlyMap<string, { links: number; differences: readonly SlotDifference[] }>,
): SharedTemplate | null {
  let best: [string, { links: number; differences: readonly SlotDifference[] }] | null = null;
  for (const entry of templates) {
    if (best === null || entry[1].links > best[1].links) best = entry;
  }
  if (best === null) return null;
  const [text, { links, differences }] = best;
  const slots = new Map<SlotKind, string[]>();
  for (const d of differences) {
    const values = slots.get(d.slot) ?? [];
    for (const v of [d.a, d.b]) if (v !== null && !values.includes(v)) values.push(v);
    slots.set(d.slot, values);
  }
  return {
    text,
    links,
    slots: [...slots].map(([name, values]) => ({
      name,
      placeholder: SLOT_PLACEHOLDER[name],
      values: values.slice(0, 50),
    })),
  };
}
