import type { Advert } from '../advert/advert-schema.ts';

/** Who is really behind an advertiser in the synthetic corpus. */
export type ControllerKind = 'independent' | 'duo' | 'agency' | 'exploitation-network';

/** One line of the demo corpus's ground-truth file (truth.jsonl). */
export interface TruthRow {
  /** Advert id (unique within the corpus's single site). */
  readonly id: string;
  readonly site: string;
  /** Opaque id of the true controller: the independent herself, the duo, the agency, or the network. */
  readonly controller: string;
  readonly kind: ControllerKind;
  /** True for adverts of exploitation networks (the label evaluation uses). */
  readonly exploited: boolean;
  /** Persona (advertised person) id within the controller. */
  readonly persona: string;
  /** Nationality stated in the advert, if any (for fairness breakdowns); null when none stated. */
  readonly statedNationality: string | null;
  /** True when the persona tours between towns. */
  readonly touring: boolean;
  /** True when the advertiser hid their number for privacy (an innocent reason for obfuscation). */
  readonly privacyObfuscation: boolean;
}

/** One generated advert with its truth. */
export interface DemoItem {
  readonly advert: Advert;
  readonly truth: TruthRow;
}

/** Options for the demo corpus generator. */
export interface DemoOptions {
  /** Number of adverts to generate. */
  readonly adverts: number;
  /** Seed for the deterministic pseudo-random generator. */
  readonly seed: number;
  /** ISO date-time of the start of the posting window (the generator takes no clock). */
  readonly start: string;
  /** Length of the posting window in days. */
  readonly days: number;
  /** Site name written into every advert. */
  readonly site: string;
}
