// Proposed weight changes from decisions: a draft for a senior moderator to read and approve,
// never applied on its own. An indicator's weight moves only when its measured precision differs
// from the baseline (the precision of all decided adverts) beyond its 95% interval, and only by a
// bounded factor of a precision shrunk towards the baseline, so a few decisions move little.
import type { IndicatorPrecision } from './calibrate.ts';

/** An indicator as the catalogue holds it (the fields a proposal needs). */
export interface WeightedIndicator {
  readonly id: string;
  readonly weight: number;
  readonly grade: 'tested' | 'expert' | 'counter-indicator' | 'not-predictive';
  readonly biasRisk: boolean;
}

export interface WeightChange {
  readonly indicator: string;
  readonly from: number;
  readonly to: number;
  readonly fired: number;
  readonly confirmed: number;
  readonly precision: number;
  readonly interval: { readonly low: number; readonly high: number };
  /** Why, in a sentence a reviewer can check. */
  readonly why: string;
}

export interface WeightProposal {
  /** Precision of all decided adverts: what an indicator is compared with. */
  readonly baseline: number | null;
  readonly decided: number;
  readonly changes: readonly WeightChange[];
  /** Indicators looked at and left alone, with the reason (too few, within the interval...). */
  readonly unchanged: readonly { readonly indicator: string; readonly reason: string }[];
}

export interface ProposalOptions {
  /** Decided adverts an indicator must have fired on before it is judged; default 20. */
  readonly minFired?: number;
  /** Pseudo-count of the shrinkage towards the baseline; default 10. */
  readonly prior?: number;
  /** Largest factor a weight moves by in one draft; default 1.5 (and 1/1.5 down). */
  readonly maxFactor?: number;
  /** Changes smaller than this are not proposed; default 0.05. */
  readonly minStep?: number;
}

/**
 * Proposes weight changes. `decided` and `confirmed` count decided adverts (any indicator); the
 * baseline is confirmed / decided. Bias-risk indicators are never raised, not-predictive ones stay
 * at 0, and no weight changes sign.
 */
export function proposeWeights(
  indicators: readonly WeightedIndicator[],
  precision: readonly IndicatorPrecision[],
  totals: { readonly decided: number; readonly confirmed: number },
  options: ProposalOptions = {},
): WeightProposal {
  const minFired = options.minFired ?? 20;
  const prior = options.prior ?? 10;
  const maxFactor = options.maxFactor ?? 1.5;
  const minStep = options.minStep ?? 0.05;
  const baseline = totals.decided === 0 ? null : totals.confirmed / totals.decided;
  const byId = new Map(precision.map((p) => [p.indicator, p]));
  const changes: WeightChange[] = [];
  const unchanged: { indicator: string; reason: string }[] = [];
  for (const ind of indicators) {
    const p = byId.get(ind.id);
    const leave = (reason: string) => unchanged.push({ indicator: ind.id, reason });
    if (ind.grade === 'not-predictive') {
      leave('graded not predictive: stays at 0');
      continue;
    }
    if (baseline === null || baseline === 0 || baseline === 1) {
      leave('no baseline: decisions are all one way or there are none');
      continue;
    }
    if (p === undefined || p.fired < minFired || p.interval === null || p.precision === null) {
      leave(`fired on ${p?.fired ?? 0} decided adverts (needs ${minFired})`);
      continue;
    }
    if (p.interval.low <= baseline && baseline <= p.interval.high) {
      leave('precision within its interval of the baseline');
      continue;
    }
    const shrunk = (p.confirmed + prior * baseline) / (p.fired + prior);
    // Positive weights follow precision; counter-indicators follow how often they clear.
    const ratio = ind.weight >= 0 ? shrunk / baseline : (1 - shrunk) / (1 - baseline);
    let factor = Math.min(maxFactor, Math.max(1 / maxFactor, ratio));
    if (ind.biasRisk && factor > 1) factor = 1;
    const to = round2(Math.max(-10, Math.min(10, ind.weight * factor)));
    if (Math.abs(to - ind.weight) < minStep || Math.sign(to) !== Math.sign(ind.weight)) {
      leave(
        ind.biasRisk && factor === 1 ? 'bias-risk indicator: never raised' : 'change too small',
      );
      continue;
    }
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    changes.push({
      indicator: ind.id,
      from: ind.weight,
      to,
      fired: p.fired,
      confirmed: p.confirmed,
      precision: p.precision,
      interval: p.interval,
      why:
        `confirmed on ${p.confirmed} of ${p.fired} decided adverts (${pct(p.precision)}, ` +
        `95% ${pct(p.interval.low)}–${pct(p.interval.high)}) against ${pct(baseline)} overall`,
    });
  }
  return { baseline, decided: totals.decided, changes, unchanged };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
