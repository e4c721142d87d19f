import type { CompiledCatalogue } from '../catalogue/compile-catalogue.ts';
import { MAX_EVIDENCE } from '../catalogue/compile-catalogue.ts';
import type { AdvertFeatures } from '../model/features.ts';
import { scoreReasons } from './score.ts';
import type { AdvertResult, Reason } from '../model/result.ts';

/** Reasons from every single-advert indicator that fires on these features. */
export function advertReasons(f: AdvertFeatures, catalogue: CompiledCatalogue): Reason[] {
  const reasons: Reason[] = [];
  for (const d of catalogue.advertDetectors) {
    const evidence = d.detect(f);
    if (evidence) {
      reasons.push({
        indicator: d.id,
        family: d.family,
        weight: d.weight,
        evidence: evidence.slice(0, MAX_EVIDENCE),
      });
    }
  }
  return reasons;
}

/** The explainable result for one advert from its reasons (single-advert and network). */
export function advertResult(
  f: AdvertFeatures,
  reasons: readonly Reason[],
  catalogue: CompiledCatalogue,
  networkId: string | null = null,
): AdvertResult {
  const { score, level } = scoreReasons(reasons, catalogue.levels, (id) => catalogue.byId.get(id));
  return {
    id: f.advert.id,
    site: f.advert.site ?? null,
    score,
    level,
    networkId,
    catalogueVersion: catalogue.version,
    reasons,
  };
}

/** Screens one advert on its own: single-advert indicators only, no network. */
export function screenAdvert(f: AdvertFeatures, catalogue: CompiledCatalogue): AdvertResult {
  return advertResult(f, advertReasons(f, catalogue), catalogue);
}
