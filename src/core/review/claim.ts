// Claims on review items: a moderator holds an item for a while so that two people never work on
// it at once. The store takes and checks claims atomically; this file says what a claim means at
// a given time, so the services and the API agree on it.

/** Statuses of a review item as the API shows them. */
export const ITEM_STATUSES = [
  'open',
  'claimed',
  'awaiting_approval',
  'decided',
  'withdrawn',
] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** The stored statuses (a claim is stored as claimedBy/claimExpiresAt on an `open` item). */
export type StoredStatus = 'open' | 'claimed' | 'awaiting_approval' | 'decided' | 'withdrawn';

export interface ClaimFields {
  readonly claimedBy: string | null;
  readonly claimExpiresAt: Date | null;
}

/** Whether the claim still holds at `now` (it lapses at its expiry instant). */
export function claimActive(claim: ClaimFields, now: Date): boolean {
  return (
    claim.claimedBy !== null &&
    claim.claimExpiresAt !== null &&
    claim.claimExpiresAt.getTime() > now.getTime()
  );
}

/** Who holds the item at `now` from `userId`'s point of view. */
export function claimHolder(
  claim: ClaimFields,
  now: Date,
  userId: string,
): 'none' | 'me' | 'other' {
  if (!claimActive(claim, now)) return 'none';
  return claim.claimedBy === userId ? 'me' : 'other';
}

/** When a claim taken (or renewed) at `now` lapses. */
export function claimExpiry(now: Date, minutes: number): Date {
  return new Date(now.getTime() + Math.round(minutes * 60_000));
}

/** The status the API shows: an open item under an unexpired claim is `claimed`. */
export function displayStatus(stored: StoredStatus, claim: ClaimFields, now: Date): ItemStatus {
  if (stored === 'open' || stored === 'claimed')
    return claimActive(claim, now) ? 'claimed' : 'open';
  return stored;
}

/** Whether an item in this status and claim may be claimed by `userId` at `now`. */
export function claimableBy(
  stored: StoredStatus,
  claim: ClaimFields,
  excluded: readonly string[],
  now: Date,
  userId: string,
): 'yes' | 'closed' | 'excluded' | 'held' {
  if (stored !== 'open') return 'closed';
  if (excluded.includes(userId)) return 'excluded';
  return claimHolder(claim, now, userId) === 'other' ? 'held' : 'yes';
}
