import type { Catalogue } from '../catalogue/catalogue-schema.ts';
import type { Family, Level, Reason } from '../model/result.ts';

/** What the scorer needs to know of each indicator beyond the reason itself. */
export interface IndicatorTraits {
  readonly biasRisk: boolean;
}

/** A score and the level it earns. */
export interface Scored {
  readonly score: number;
  readonly level: Level;
  /** True when the score reached medium or high but the evidence was not independent enough. */
  readonly capped: boolean;
}

/**
 * Independent evidence: at least two positive indicators that carry no bias risk, from two
 * families or including a network-level one. Bias-risk indicators (nationality, ethnicity,
 * language) never count, so they can never lift an advert above `low` on their own.
 */
export function isIndependentEvidence(
  reasons: readonly Reason[],
  traits: (id: string) => IndicatorTraits | undefined,
): boolean {
  const counted = reasons.filter((r) => r.weight > 0 && !traits(r.indicator)?.biasRisk);
  if (counted.length < 2) return false;
  const families = new Set<Family>(counted.map((r) => r.family));
  return families.size >= 2 || families.has('network');
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The score is the sum of every contribution (it orders the queue). The level comes from the
 * same sum without bias-risk contributions, so nationality, ethnicity or language can be shown
 * and can order adverts within a level but never decide one; above `low` it also needs
 * independent evidence.
 */
export function scoreReasons(
  reasons: readonly Reason[],
  levels: Catalogue['levels'],
  traits: (id: string) => IndicatorTraits | undefined,
): Scored {
  let raw = 0;
  let levelRaw = 0;
  for (const r of reasons) {
    raw += r.weight;
    if (!traits(r.indicator)?.biasRisk) levelRaw += r.weight;
  }
  const score = round2(raw);
  const levelScore = round2(levelRaw);
  let level: Level = 'none';
  if (levelScore >= levels.high) level = 'high';
  else if (levelScore >= levels.medium) level = 'medium';
  else if (levelScore >= levels.low) level = 'low';
  const capped =
    (level === 'medium' || level === 'high') && !isIndependentEvidence(reasons, traits);
  return { score, level: capped ? 'low' : level, capped };
}
