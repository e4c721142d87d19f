// Calibration from moderators' decisions: how often each indicator's alerts were confirmed, and
// whether reviewed adverts from some stated nationality or language are cleared as "no concern"
// (false positives) more often than the rest. Both are figures for people to read, with counts and
// 95% intervals; nothing here changes a weight (see propose-weights.ts for the reviewable draft).
import { wilsonInterval } from '../evaluate/metrics.ts';

/** What a decision says about the concern the screening raised. */
export type Verdict = 'confirmed' | 'not-confirmed' | 'inconclusive';

/**
 * How each decision outcome counts. Suspensions and referrals confirm a concern; "no concern" is a
 * false positive; safety information and verification requests are steps taken while unsure, so
 * they count neither way. Appeal outcomes are not verdicts on the screening.
 */
export const OUTCOME_VERDICTS: Readonly<Record<string, Verdict>> = {
  no_concern: 'not-confirmed',
  safety_info: 'inconclusive',
  request_verification: 'inconclusive',
  suspend: 'confirmed',
  refer_police: 'confirmed',
  refer_ngo: 'confirmed',
};

/** The verdict of an outcome; unknown outcomes are inconclusive. */
export function verdictOf(outcome: string): Verdict {
  return OUTCOME_VERDICTS[outcome] ?? 'inconclusive';
}

/** One reviewed advert: its latest effective decision and what screening said of it. */
export interface ReviewedAdvert {
  readonly outcome: string;
  /** Indicators that fired on it (its reasons), each once. */
  readonly indicators: readonly string[];
  /** The advertiser's stated nationality, if any. */
  readonly nationality: string | null;
  /** The advert's language (BCP 47 or a name), if known. */
  readonly language: string | null;
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

export interface IndicatorPrecision {
  readonly indicator: string;
  /** Reviewed adverts with a verdict (not inconclusive) on which it fired. */
  readonly fired: number;
  readonly confirmed: number;
  /** confirmed / fired; null when it never fired on a decided advert. */
  readonly precision: number | null;
  readonly interval: Interval | null;
  /** Decisions left out as inconclusive. */
  readonly inconclusive: number;
}

/** Each indicator's measured precision, most-fired first, then by id. */
export function indicatorPrecision(
  reviewed: readonly ReviewedAdvert[],
  known: readonly string[] = [],
): IndicatorPrecision[] {
  const counts = new Map<string, { fired: number; confirmed: number; inconclusive: number }>();
  for (const id of known) counts.set(id, { fired: 0, confirmed: 0, inconclusive: 0 });
  for (const r of reviewed) {
    const verdict = verdictOf(r.outcome);
    for (const id of new Set(r.indicators)) {
      let c = counts.get(id);
      if (c === undefined) {
        c = { fired: 0, confirmed: 0, inconclusive: 0 };
        counts.set(id, c);
      }
      if (verdict === 'inconclusive') c.inconclusive += 1;
      else {
        c.fired += 1;
        if (verdict === 'confirmed') c.confirmed += 1;
      }
    }
  }
  return [...counts]
    .map(([indicator, c]) => ({
      indicator,
      ...c,
      precision: c.fired === 0 ? null : c.confirmed / c.fired,
      interval: wilsonInterval(c.confirmed, c.fired),
    }))
    .sort((a, b) => b.fired - a.fired || compare(a.indicator, b.indicator));
}

/** Groups smaller than this are shown but never flagged: too few to tell. */
export const MIN_GROUP = 10;
/** Two-sided significance level for flagging a group, before correcting for many groups. */
export const FLAG_ALPHA = 0.05;

export interface GroupRate {
  readonly group: string;
  /** Reviewed adverts of the group with a verdict. */
  readonly reviewed: number;
  readonly falsePositives: number;
  readonly rate: number | null;
  readonly interval: Interval | null;
  /** Two-proportion z-test of this group against everyone else (null when not computable). */
  readonly pValue: number | null;
  /** Rate higher than the rest's, significant after a Bonferroni correction, with enough cases. */
  readonly flagged: boolean;
  /** Fewer than MIN_GROUP reviewed: shown, not judged. */
  readonly tooFew: boolean;
}

export interface FairnessReport {
  readonly by: 'nationality' | 'language';
  readonly overall: {
    readonly reviewed: number;
    readonly falsePositives: number;
    readonly rate: number | null;
    readonly interval: Interval | null;
  };
  /** Largest groups first, then by name. */
  readonly groups: readonly GroupRate[];
  /** The per-group significance level used (FLAG_ALPHA / number of groups judged). */
  readonly alpha: number;
}

/** Label of the group of adverts that state nothing. */
export const NOT_STATED = 'not stated';

/**
 * False-positive rate (decided "no concern") among reviewed adverts, overall and by stated
 * nationality or language. A group is flagged when its rate is above everyone else's with a
 * two-sided two-proportion z-test significant at FLAG_ALPHA over the number of groups judged.
 */
export function falsePositiveRates(
  reviewed: readonly ReviewedAdvert[],
  by: 'nationality' | 'language',
): FairnessReport {
  const groups = new Map<string, { n: number; fp: number }>();
  let n = 0;
  let fp = 0;
  for (const r of reviewed) {
    const verdict = verdictOf(r.outcome);
    if (verdict === 'inconclusive') continue;
    const raw = by === 'nationality' ? r.nationality : r.language;
    const key = normaliseGroup(raw);
    let g = groups.get(key);
    if (g === undefined) {
      g = { n: 0, fp: 0 };
      groups.set(key, g);
    }
    g.n += 1;
    n += 1;
    if (verdict === 'not-confirmed') {
      g.fp += 1;
      fp += 1;
    }
  }
  const judged = [...groups.values()].filter((g) => g.n >= MIN_GROUP && n - g.n > 0).length;
  const alpha = judged === 0 ? FLAG_ALPHA : FLAG_ALPHA / judged;
  const rows: GroupRate[] = [...groups]
    .map(([group, g]) => {
      const restN = n - g.n;
      const pValue = restN === 0 ? null : twoProportionP(g.fp, g.n, fp - g.fp, restN);
      const tooFew = g.n < MIN_GROUP;
      const higher = restN > 0 && g.fp / g.n > (fp - g.fp) / restN;
      return {
        group,
        reviewed: g.n,
        falsePositives: g.fp,
        rate: g.fp / g.n,
        interval: wilsonInterval(g.fp, g.n),
        pValue,
        tooFew,
        flagged: !tooFew && higher && pValue !== null && pValue < alpha,
      };
    })
    .sort((a, b) => b.reviewed - a.reviewed || compare(a.group, b.group));
  return {
    by,
    overall: {
      reviewed: n,
      falsePositives: fp,
      rate: n === 0 ? null : fp / n,
      interval: wilsonInterval(fp, n),
    },
    groups: rows,
    alpha,
  };
}

/** A group's label: trimmed, lower-cased, NOT_STATED when empty. */
export function normaliseGroup(raw: string | null | undefined): string {
  const g = (raw ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  return g === '' ? NOT_STATED : g;
}

/**
 * Two-sided p-value of the pooled two-proportion z-test (x1 of n1 against x2 of n2). Null when
 * either sample is empty; 1 when the pooled rate is 0 or 1 (no variation to test).
 */
export function twoProportionP(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return 1;
  const z = Math.abs(x1 / n1 - x2 / n2) / se;
  return Math.min(1, 2 * (1 - normalCdf(z)));
}

/** Standard normal CDF (Zelen & Severo 26.2.17; absolute error below 7.5e-8). */
export function normalCdf(z: number): number {
  if (z < 0) return 1 - normalCdf(-z);
  const t = 1 / (1 + 0.2316419 * z);
  const poly =
    t *
    (0.31938153 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
  return 1 - (Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)) * poly;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
