import type { Hub } from '../linkage/linkage-index.ts';
import type { EdgeRecord, NetworkSummary } from '../linkage/network-summary.ts';
import type { SlotDifference } from '../linkage/text-template.ts';
import type { NetworkRecord } from '../screen/screen-network.ts';
import { LEVELS, type Level, type Reason } from '../model/result.ts';

/** Counts of the networks of a run, as `beacon analyse` writes them into summary.json. */
export interface ReportNetworkCounts {
  readonly networks: number;
  readonly networkedAdverts: number;
  readonly largest: number;
  readonly byLevel: Readonly<Record<Level, number>>;
  readonly edges: number;
  readonly hubs: readonly Hub[];
}

/** A shared text template with some of the slot values that differ between its adverts. */
export interface ReportTemplate {
  readonly template: string;
  readonly links: number;
  readonly differences: readonly SlotDifference[];
}

/** What the report keeps of one network: bounded whatever the network's size. */
export interface ReportNetwork {
  readonly id: string;
  readonly level: Level;
  readonly score: number;
  /** Adverts in the network. */
  readonly size: number;
  readonly reasons: readonly Reason[];
  readonly summary: NetworkSummary;
  /** The first adverts (in the order they were added), the ones the graph draws. */
  readonly shown: readonly string[];
  /** Edges between shown adverts, at most MAX_DRAWN_EDGES, without their text templates. */
  readonly edges: readonly EdgeRecord[];
  /** Edges between shown adverts, before the cap. */
  readonly edgesAmongShown: number;
  /** Edges of the whole network. */
  readonly edgeTotal: number;
  readonly templates: readonly ReportTemplate[];
}

/** The network part of a report: counts and the networks worth a card. */
export interface ReportNetworks {
  readonly counts: ReportNetworkCounts;
  /** Largest first. */
  readonly largest: readonly ReportNetwork[];
  /** Highest level first, then highest score. */
  readonly highest: readonly ReportNetwork[];
  /** Lines of networks.jsonl that were not network records. */
  readonly unreadable: number;
}

/** Adverts drawn in a network graph at most. */
export const MAX_DRAWN_ADVERTS = 60;
/** Edges drawn in a network graph at most. */
export const MAX_DRAWN_EDGES = 600;
const MAX_TEMPLATES = 3;
const MAX_DIFFERENCES = 6;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const numberOr = (v: unknown, d: number): number =>
  typeof v === 'number' && Number.isFinite(v) ? v : d;

const LEVEL_RANK: Readonly<Record<string, number>> = Object.fromEntries(
  LEVELS.map((l, i) => [l, i]),
);

/** Whether a parsed line looks like a network record (enough for the report to read it). */
export function isNetworkRecord(value: unknown): value is NetworkRecord {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    Array.isArray(value.adverts) &&
    typeof value.score === 'number' &&
    typeof value.level === 'string' &&
    Array.isArray(value.reasons) &&
    isObject(value.summary) &&
    Array.isArray(value.edges)
  );
}

/** The counts object of an analysis summary, or null when it has none (a screening run). */
export function networkCountsOf(value: unknown): ReportNetworkCounts | null {
  if (!isObject(value) || typeof value.networks !== 'number') return null;
  const byLevel = isObject(value.byLevel) ? value.byLevel : {};
  return {
    networks: numberOr(value.networks, 0),
    networkedAdverts: numberOr(value.networkedAdverts, 0),
    largest: numberOr(value.largest, 0),
    byLevel: Object.fromEntries(LEVELS.map((l) => [l, numberOr(byLevel[l], 0)])) as Record<
      Level,
      number
    >,
    edges: numberOr(value.edges, 0),
    hubs: arrayOf<Hub>(value.hubs).filter(isObject),
  };
}

function sizeOf(r: NetworkRecord): number {
  return numberOr((r.summary as Partial<NetworkSummary>).adverts, r.adverts.length);
}

/** What the rankings compare. */
interface RankKey {
  readonly id: string;
  readonly level: string;
  readonly score: number;
  readonly size: number;
}

const levelRank = (k: RankKey) => LEVEL_RANK[k.level] ?? -1;
const byId = (x: RankKey, y: RankKey) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

// Total orders (the id breaks ties), so the networks chosen do not depend on the file's order.
function bySize(x: RankKey, y: RankKey): number {
  return y.size - x.size || levelRank(y) - levelRank(x) || y.score - x.score || byId(x, y);
}

function byLevelThenScore(x: RankKey, y: RankKey): number {
  return levelRank(y) - levelRank(x) || y.score - x.score || y.size - x.size || byId(x, y);
}

// Missing lists become empty ones, so a hand-edited or older file still renders.
function safeSummary(s: Partial<NetworkSummary>, size: number): NetworkSummary {
  return {
    adverts: size,
    accounts: arrayOf(s.accounts),
    personas: arrayOf<NetworkSummary['personas'][number]>(s.personas).filter(isObject),
    phones: arrayOf(s.phones),
    emails: arrayOf(s.emails),
    payers: arrayOf(s.payers),
    handles: arrayOf(s.handles),
    images: arrayOf(s.images),
    towns: arrayOf<NetworkSummary['towns'][number]>(s.towns).filter(isObject),
    firstPosted: typeof s.firstPosted === 'string' ? s.firstPosted : null,
    lastPosted: typeof s.lastPosted === 'string' ? s.lastPosted : null,
    timeline: arrayOf<NetworkSummary['timeline'][number]>(s.timeline).filter(isObject),
    links: isObject(s.links) ? s.links : {},
    templates: arrayOf<NetworkSummary['templates'][number]>(s.templates).filter(
      (t) => isObject(t) && typeof t.template === 'string',
    ),
    hubs: arrayOf<Hub>(s.hubs).filter(isObject),
  };
}

function templatesOf(summary: NetworkSummary, edges: readonly EdgeRecord[]): ReportTemplate[] {
  const text = edges.filter((e) => e.type === 'text' && typeof e.template === 'string');
  const listed =
    summary.templates.length > 0
      ? summary.templates.slice(0, MAX_TEMPLATES)
      : [...new Set(text.map((e) => e.template ?? ''))].slice(0, MAX_TEMPLATES).map((template) => ({
          template,
          links: text.filter((e) => e.template === template).length,
        }));
  return listed.map(({ template, links }) => {
    const seen = new Set<string>();
    const differences: SlotDifference[] = [];
    for (const e of text) {
      if (differences.length >= MAX_DIFFERENCES) break;
      if (e.template !== template) continue;
      for (const d of arrayOf<SlotDifference>(e.differences)) {
        if (!isObject(d)) continue;
        const key = JSON.stringify([d.slot, d.a, d.b]);
        if (seen.has(key) || differences.length >= MAX_DIFFERENCES) continue;
        seen.add(key);
        differences.push(d);
      }
    }
    return { template, links: numberOr(links, 0), differences };
  });
}

/** What the report keeps of a network record: the first adverts, their edges, the templates. */
export function networkForReport(r: NetworkRecord): ReportNetwork {
  const size = sizeOf(r);
  const shown = r.adverts.slice(0, MAX_DRAWN_ADVERTS).map(String);
  const inGraph = new Set(shown);
  const edges = r.edges.filter((e) => isObject(e));
  const among = edges.filter((e) => inGraph.has(e.a) && inGraph.has(e.b));
  const summary = safeSummary(r.summary, size);
  return {
    id: r.id,
    level: r.level,
    score: r.score,
    size,
    reasons: r.reasons.filter(isObject),
    summary,
    shown,
    edges: among.slice(0, MAX_DRAWN_EDGES).map((e) => ({
      a: e.a,
      b: e.b,
      type: e.type,
      value: String(e.value ?? ''),
      detail: String(e.detail ?? ''),
    })),
    edgesAmongShown: among.length,
    edgeTotal: r.edges.length,
    templates: templatesOf(summary, edges),
  };
}

/** Collects the networks a report shows while networks.jsonl streams past, in bounded memory. */
export interface NetworkPicker {
  /** Offers one parsed line; returns false when it is not a network record. */
  add(value: unknown): boolean;
  /** The networks chosen; counts are computed from the records seen (no hubs). */
  result(): ReportNetworks;
}

interface Kept {
  readonly key: RankKey;
  readonly view: ReportNetwork;
}

function keepTop(
  kept: Kept[],
  key: RankKey,
  limit: number,
  order: (x: RankKey, y: RankKey) => number,
  view: () => ReportNetwork,
): void {
  if (limit <= 0) return;
  const last = kept[kept.length - 1];
  if (kept.length >= limit && last && order(key, last.key) >= 0) return;
  let at = kept.length;
  while (at > 0 && order(key, (kept[at - 1] as Kept).key) < 0) at--;
  kept.splice(at, 0, { key, view: view() });
  if (kept.length > limit) kept.pop();
}

/** A picker keeping the `largest` biggest networks and the `highest` highest-scoring ones. */
export function networkPicker(limits: { largest: number; highest: number }): NetworkPicker {
  const largest: Kept[] = [];
  const highest: Kept[] = [];
  const byLevel = Object.fromEntries(LEVELS.map((l) => [l, 0])) as Record<Level, number>;
  let networks = 0;
  let networkedAdverts = 0;
  let biggest = 0;
  let edges = 0;
  let unreadable = 0;
  return {
    add(value) {
      if (!isNetworkRecord(value)) {
        unreadable++;
        return false;
      }
      const size = sizeOf(value);
      networks++;
      networkedAdverts += size;
      biggest = Math.max(biggest, size);
      edges += value.edges.length;
      if (value.level in byLevel) byLevel[value.level]++;
      let view: ReportNetwork | undefined;
      const once = () => (view ??= networkForReport(value));
      // Only networks that make a list are cut down for the report; the rest are dropped whole.
      const key: RankKey = { id: value.id, level: value.level, score: value.score, size };
      keepTop(largest, key, limits.largest, bySize, once);
      keepTop(highest, key, limits.highest, byLevelThenScore, once);
      return true;
    },
    result() {
      return {
        counts: { networks, networkedAdverts, largest: biggest, byLevel, edges, hubs: [] },
        largest: largest.map((k) => k.view),
        highest: highest.map((k) => k.view),
        unreadable,
      };
    },
  };
}
