import type { Advert } from '../advert/advert-schema.ts';
import type { CompiledCatalogue } from '../catalogue/compile-catalogue.ts';
import { LinkageIndex } from '../linkage/linkage-index.ts';
import { linkSlots, memberOf } from '../linkage/member.ts';
import { edgeRecord, type EdgeRecord } from '../linkage/network-summary.ts';
import { advertFeatures } from '../model/features.ts';
import type { AdvertResult } from '../model/result.ts';
import { screenAdvert } from './screen-advert.ts';
import {
  scoreNetwork,
  screenNetwork,
  withNetwork,
  type NetworkRecord,
  type ScoredNetwork,
} from './screen-network.ts';

/** What adding one advert gives: its result with its network's contributions, links, network. */
export interface IncrementalOutcome {
  readonly result: AdvertResult;
  /** Its links to adverts added before it. */
  readonly links: readonly EdgeRecord[];
  /** Its network's score as it stands now, or null when it is linked to nothing. */
  readonly network: ScoredNetwork | null;
}

/**
 * Screens and links adverts one at a time, as a site posts them: each advert is screened, added
 * to the linkage index, and scored with its network as the network stands at that moment. Over
 * the same adverts in the same order the index ends with the same networks as `beacon analyse`.
 */
export class IncrementalScreener {
  constructor(
    readonly catalogue: CompiledCatalogue,
    readonly index: LinkageIndex = new LinkageIndex(),
  ) {}

  add(advert: Advert): IncrementalOutcome {
    const { result: own, links, position } = this.link(advert);
    const network = this.index.networkOf(position);
    if (network === null) return { result: own, links, network: null };
    const scored = scoreNetwork(network, this.index, this.catalogue);
    const reasons = scored.advertReasons.get(position) ?? [];
    return {
      result: withNetwork(own, network.id, reasons, this.catalogue),
      links,
      network: scored,
    };
  }

  /**
   * Screens and links one advert without scoring its network: for callers that score the networks
   * a batch touched once, at its end. `result` holds the advert's own reasons only.
   */
  link(advert: Advert): { result: AdvertResult; links: EdgeRecord[]; position: number } {
    const f = advertFeatures(advert);
    const result = screenAdvert(f, this.catalogue);
    const added = this.index.add(memberOf(f), f.text, linkSlots(f), f.extracted.text);
    const idOf = (i: number) => this.index.advertId(i);
    const links = added.edges.map((e) => edgeRecord(e, idOf, (x) => this.index.explainText(x)));
    return { result, links, position: added.index };
  }

  /** Adds an advert to the index only (no screening): replaying adverts already screened. */
  replay(advert: Advert): number {
    const f = advertFeatures(advert, { language: false });
    return this.index.add(memberOf(f), f.text, linkSlots(f), f.extracted.text).index;
  }

  /** The full record of the network of an advert (as in networks.jsonl), or null. */
  networkRecord(advertIndex: number): NetworkRecord | null {
    const network = this.index.networkOf(advertIndex);
    return network ? screenNetwork(network, this.index, this.catalogue).record : null;
  }
}
