import type { CompiledCatalogue } from '../catalogue/compile-catalogue.ts';
import { MAX_EVIDENCE } from '../catalogue/compile-catalogue.ts';
import type { LinkageIndex, Network } from '../linkage/linkage-index.ts';
import type { NetworkMember } from '../linkage/member.ts';
import {
  edgeRecord,
  summariseNetwork,
  type EdgeRecord,
  type NetworkSummary,
} from '../linkage/network-summary.ts';
import type { AdvertResult, Evidence, Level, Reason } from '../model/result.ts';
import { scoreReasons } from './score.ts';
import { groupReasons } from './screen-group.ts';

/** A network as written to networks.jsonl. */
export interface NetworkRecord {
  readonly id: string;
  /** Advert ids in the order they were added. */
  readonly adverts: readonly string[];
  readonly score: number;
  readonly level: Level;
  readonly catalogueVersion: string;
  /** Each network indicator that fired, once, with the findings as evidence. */
  readonly reasons: readonly Reason[];
  readonly summary: NetworkSummary;
  /** Every edge that joins the network, with its reason. */
  readonly edges: readonly EdgeRecord[];
}

/** A network's score and the reasons it adds to each of its adverts. */
export interface ScoredNetwork {
  readonly id: string;
  readonly adverts: number;
  readonly score: number;
  readonly level: Level;
  /** Each network indicator that fired, once, with the findings as evidence. */
  readonly reasons: readonly Reason[];
  /** Reasons per advert position (only adverts some finding names). */
  readonly advertReasons: ReadonlyMap<number, readonly Reason[]>;
}

/** A scored network with its record for networks.jsonl. */
export interface ScreenedNetwork extends ScoredNetwork {
  readonly record: NetworkRecord;
}

/** Runs the catalogue's group indicators over a network and scores it. */
export function scoreNetwork(
  network: Network,
  index: LinkageIndex,
  catalogue: CompiledCatalogue,
  members: readonly NetworkMember[] = network.members.map((i) => index.member(i)),
): ScoredNetwork {
  const idOf = (i: number) => index.advertId(i);
  const text = network.edges.flatMap((e) =>
    e.type === 'text' ? [[idOf(e.a), idOf(e.b)] as const] : [],
  );
  const perId = groupReasons(members, catalogue, { text });
  // One reason per indicator for the network as a whole, its findings as evidence.
  const merged = new Map<string, { reason: Reason; evidence: Evidence[] }>();
  for (const reasons of perId.values()) {
    for (const r of reasons) {
      let m = merged.get(r.indicator);
      if (!m) {
        m = { reason: r, evidence: [] };
        merged.set(r.indicator, m);
      }
      for (const e of r.evidence) {
        if (m.evidence.length < MAX_EVIDENCE && !m.evidence.includes(e)) m.evidence.push(e);
      }
    }
  }
  const reasons = [...merged.values()].map(({ reason, evidence }) => ({ ...reason, evidence }));
  const { score, level } = scoreReasons(reasons, catalogue.levels, (id) => catalogue.byId.get(id));
  const advertReasons = new Map<number, Reason[]>();
  for (const i of network.members) {
    const r = perId.get(idOf(i));
    if (r) advertReasons.set(i, r);
  }
  return { id: network.id, adverts: members.length, score, level, reasons, advertReasons };
}

/** Scores a network and writes out its record: members, summary, every edge with its reason. */
export function screenNetwork(
  network: Network,
  index: LinkageIndex,
  catalogue: CompiledCatalogue,
): ScreenedNetwork {
  const members = network.members.map((i) => index.member(i));
  const scored = scoreNetwork(network, index, catalogue, members);
  const edges = network.edges.map((e) =>
    edgeRecord(
      e,
      (i) => index.advertId(i),
      (x) => index.explainText(x),
    ),
  );
  return {
    ...scored,
    record: {
      id: network.id,
      adverts: members.map((m) => m.id),
      score: scored.score,
      level: scored.level,
      catalogueVersion: catalogue.version,
      reasons: scored.reasons,
      summary: summariseNetwork(network, members, edges),
      edges,
    },
  };
}

/** An advert's result with its network's id and contributions added, and scored again. */
export function withNetwork(
  result: AdvertResult,
  networkId: string | null,
  networkReasons: readonly Reason[],
  catalogue: CompiledCatalogue,
): AdvertResult {
  if (networkId === null && networkReasons.length === 0) return result;
  const reasons = [...result.reasons, ...networkReasons];
  const { score, level } = scoreReasons(reasons, catalogue.levels, (id) => catalogue.byId.get(id));
  return { ...result, score, level, networkId, reasons };
}
