// The priority of a review item, and the rank stored for ordering the queue. Priority grows with
// the screening score, the size of the advert's network, its reach (distinct towns) and, linearly,
// with time in the queue: priority(t) = base + k·hours(t − queuedAt). Because the time term is the
// same slope for every item, base − k·hours(queuedAt) (the rank) orders items exactly as their
// priority does at any t, so the store can keep the rank and page on (rank, id) for good.

/** The weights of the priority; exported for the docs and the tests. */
export const PRIORITY_WEIGHTS = {
  /** Per point of screening score (levels start at 4 for medium and 7 for high). */
  score: 10,
  /** Per doubling of the network's size (a lone advert adds nothing). */
  networkSize: 12,
  /** Per doubling of (1 + distinct towns the network advertises in). */
  networkTowns: 15,
  /** Per hour in the queue: a day's wait is worth about ten points of score. */
  perHour: 4,
  /** Added for appeals, so they come before ordinary items (for over three months of waiting). */
  appeal: 10_000,
} as const;

/** What the time-free part of an item's priority depends on. */
export interface PriorityInput {
  readonly kind: 'advert' | 'appeal';
  readonly score: number;
  /** Adverts in the advert's network (1 when it is in none). */
  readonly networkSize: number;
  /** Distinct towns the network's adverts name (0 when none). */
  readonly networkTowns: number;
}

const HOUR_MS = 3_600_000;

/** A finite, non-negative number (NaN, negatives and infinities count as 0). */
function nonNegative(x: number): number {
  return Number.isFinite(x) && x > 0 ? x : 0;
}

/** The time-free part of the priority: non-decreasing in score, network size and reach. */
export function basePriority(input: PriorityInput): number {
  const w = PRIORITY_WEIGHTS;
  const base =
    w.score * Math.min(nonNegative(input.score), 1_000) +
    w.networkSize * Math.log2(Math.max(1, nonNegative(input.networkSize))) +
    w.networkTowns * Math.log2(1 + nonNegative(input.networkTowns));
  return base + (input.kind === 'appeal' ? w.appeal : 0);
}

/** Hours since the epoch. */
function hoursOf(t: Date): number {
  return t.getTime() / HOUR_MS;
}

/** The stored rank: base − k·hours(queuedAt). Higher ranks come first. */
export function rankOf(base: number, queuedAt: Date): number {
  return base - PRIORITY_WEIGHTS.perHour * hoursOf(queuedAt);
}

/** An item's priority at `now`, from its rank: base + k·hours(now − queuedAt). */
export function priorityAt(rank: number, now: Date): number {
  return rank + PRIORITY_WEIGHTS.perHour * hoursOf(now);
}

/** Whole minutes an item has waited at `now` (0 before it was queued). */
export function minutesInQueue(queuedAt: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - queuedAt.getTime()) / 60_000));
}
