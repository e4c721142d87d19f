import type { CompiledCatalogue } from '../catalogue/compile-catalogue.ts';
import { MAX_EVIDENCE } from '../catalogue/compile-catalogue.ts';
import type { GroupLinks } from '../catalogue/group-checks.ts';
import type { NetworkMember } from '../linkage/member.ts';
import type { Evidence, Reason } from '../model/result.ts';

/** Reasons from every group indicator that fires on a group, keyed by advert id. */
export function groupReasons(
  adverts: readonly NetworkMember[],
  catalogue: CompiledCatalogue,
  links?: GroupLinks,
): Map<string, Reason[]> {
  const out = new Map<string, Reason[]>();
  for (const d of catalogue.groupDetectors) {
    const perAdvert = new Map<string, Evidence[]>();
    for (const finding of d.detect(adverts, links)) {
      const evidence: Evidence = {
        kind: 'link',
        linkType: d.id,
        adverts: finding.adverts.slice(0, 50),
        detail: finding.detail,
      };
      for (const id of finding.adverts) {
        const list = perAdvert.get(id);
        if (!list) perAdvert.set(id, [evidence]);
        else if (list.length < MAX_EVIDENCE) list.push(evidence);
      }
    }
    // Most adverts of a finding have just that finding as evidence: they share one reason object
    // (a network of a thousand adverts would otherwise hold a thousand copies).
    const shared = new Map<Evidence, Reason>();
    for (const [id, evidence] of perAdvert) {
      let reason: Reason | undefined = evidence.length === 1 ? shared.get(evidence[0]!) : undefined;
      if (!reason) {
        reason = { indicator: d.id, family: d.family, weight: d.weight, evidence };
        if (evidence.length === 1) shared.set(evidence[0]!, reason);
      }
      const list = out.get(id);
      if (list) list.push(reason);
      else out.set(id, [reason]);
    }
  }
  return out;
}
