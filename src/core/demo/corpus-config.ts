/**
 * The knobs of the demo corpus: the mix of advertisers and how often each shows each trait.
 * Rates are per persona (or per network) unless noted; docs/demo-corpus.md explains each one.
 * Every red flag has a rate for independents and agencies too: none is a network signature.
 */
import type { ControllerKind } from './types.ts';

/** Target share of adverts by kind of controller. */
export const KIND_SHARES: Readonly<Record<ControllerKind, number>> = {
  independent: 0.72,
  duo: 0.03,
  agency: 0.1,
  'exploitation-network': 0.15,
};

/** Rates for independent workers (per persona unless noted). */
export const INDEPENDENT_RATES = {
  male: 0.05,
  trans: 0.04,
  touring: 0.15,
  /** Share of a touring persona's adverts that use movement words. */
  movementWhenTouring: 0.7,
  /** Movement words from someone who does not tour ("new to the site", "just moved"). */
  movementSettled: 0.06,
  privacyObfuscation: 0.12,
  statesNationality: 0.25,
  secondLanguageIfMigrant: 0.3,
  phoneInText: 0.5,
  phoneField: 0.92,
  secondPhone: 0.03,
  changesNumber: 0.08,
  emailField: 0.25,
  emailInText: 0.05,
  payerMissing: 0.07,
  ageVerified: 0.82,
  identityVerifiedIfAge: 0.75,
  screening: 0.2,
  trust: 0.14,
  youth: 0.05,
  alwaysAvailable: 0.03,
  ethnicMarketing: 0.03,
  stockImage: 0.03,
  /** Advertises for the whole window (the others for 3–25 days). */
  fullWindow: 0.7,
  /** Reposts about daily (the others every 1.5–4.5 days). */
  dailyBumper: 0.2,
} as const;

/** Rates for agencies and parlours. */
export const AGENCY_RATES = {
  parlour: 0.6,
  landlineIfAvailable: 0.7,
  secondPhone: 0.3,
  secondAccount: 0.15,
  payerMissing: 0.02,
  workerStatesNationality: 0.5,
  ageVerified: 0.75,
  identityVerifiedIfAge: 0.65,
  trust: 0.2,
  youth: 0.08,
  alwaysAvailable: 0.12,
  newGirls: 0.3,
  ethnicMarketing: 0.08,
  logo: 0.35,
  obscures: 0.03,
  phoneInText: 0.8,
} as const;

/** Probability that a network has each trait (drawn once per network). */
export const NETWORK_TRAITS = {
  sharesPhones: 0.7,
  rotatesPhones: 0.4,
  severalPhonesPerAdvert: 0.15,
  templates: 0.7,
  reusesImages: 0.55,
  scrapedImages: 0.1,
  circuits: 0.5,
  obscuresContacts: 0.35,
  marketsNationality: 0.45,
  secondLanguage: 0.5,
  emailPool: 0.4,
  ageDrift: 0.3,
  phoneInText: 0.6,
} as const;

/** Propensities a network draws one of for each red flag: many networks use none. */
export const NETWORK_PROPENSITY = {
  trust: [0.1, 0.45, 0.8],
  youth: [0.03, 0.25, 0.5],
  alwaysAvailable: [0.03, 0.3, 0.6],
  thirdParty: [0, 0.2, 0.5],
  movement: [0.02, 0.06, 0.12],
  screening: [0, 0.05],
} as const;

/** Stated ages: [min, max, weight]. Networks skew younger, but the ranges overlap heavily. */
export const AGES = {
  independent: [
    [18, 19, 2],
    [20, 22, 9],
    [23, 25, 15],
    [26, 29, 22],
    [30, 34, 21],
    [35, 39, 14],
    [40, 49, 13],
    [50, 58, 4],
  ],
  agency: [
    [18, 19, 2],
    [20, 22, 10],
    [23, 25, 18],
    [26, 29, 25],
    [30, 34, 22],
    [35, 39, 13],
    [40, 49, 10],
  ],
  network: [
    [18, 19, 4],
    [20, 22, 14],
    [23, 25, 27],
    [26, 29, 28],
    [30, 34, 18],
    [35, 39, 9],
  ],
} as const;

/** Personas per network over its life: [min, max, weight]; mean about 10, tail to 45. */
export const NETWORK_SIZES = [
  [2, 3, 30],
  [4, 6, 25],
  [7, 12, 22],
  [13, 24, 15],
  [25, 45, 8],
] as const;

/** Workers per agency over its life: [min, max, weight]. */
export const AGENCY_SIZES = [
  [3, 5, 40],
  [6, 10, 40],
  [11, 20, 20],
] as const;

/** Relative posting activity by hour of day (UTC ≈ UK time): quiet at night, busy evenings. */
export const HOURLY_ACTIVITY = [
  1.0, 0.6, 0.4, 0.3, 0.25, 0.3, 0.6, 1.0, 1.6, 2.2, 2.8, 3.0, 3.0, 2.8, 2.6, 2.6, 2.7, 2.9, 3.1,
  3.2, 3.0, 2.6, 2.0, 1.5,
];
