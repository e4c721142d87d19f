// Keeps the review queue in step with screening. It runs inside the transaction that commits a
// screening batch (jobs/screen-job.ts), after the results and networks are written: an advert
// that reaches medium or high gets an `advert` item if it has none in the queue (an item already
// there takes the new score, level and network, keeping its place in time); one that drops below
// medium has its open, unclaimed item withdrawn. A claimed item stays with its moderator.
import { and, eq, inArray, isNull, lte, or } from 'drizzle-orm';
import { basePriority, rankOf } from '../../core/review/priority.ts';
import type { Db } from '../../store/open-store.ts';
import { reviewItems } from '../../store/schema.ts';
import type { LevelChange } from '../link-stored-adverts.ts';
import { screeningSnapshots } from './review-items.ts';

const CHUNK = 2_000;
const QUEUED = new Set(['medium', 'high']);

export interface SyncOutcome {
  readonly created: number;
  readonly refreshed: number;
  readonly withdrawn: number;
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Creates, refreshes and withdraws advert review items for a batch's level changes. */
export async function syncReviewItems(
  tx: Db,
  levelChanges: readonly LevelChange[],
  now: Date,
): Promise<SyncOutcome> {
  const raised: number[] = [];
  const dropped: number[] = [];
  for (const c of levelChanges) {
    if (c.kind !== 'advert') continue;
    const id = Number(c.id);
    if (!Number.isSafeInteger(id)) continue;
    (QUEUED.has(c.to) ? raised : dropped).push(id);
  }
  let created = 0;
  let refreshed = 0;
  let withdrawn = 0;
  for (const chunk of chunks(raised, CHUNK)) {
    const snaps = (await screeningSnapshots(tx, chunk)).values();
    const existing = new Map(
      (
        await tx
          .select({
            id: reviewItems.id,
            advertId: reviewItems.advertId,
            status: reviewItems.status,
            queuedAt: reviewItems.queuedAt,
          })
          .from(reviewItems)
          .where(
            and(
              inArray(reviewItems.advertId, chunk),
              eq(reviewItems.kind, 'advert'),
              isNull(reviewItems.closedAt),
            ),
          )
      ).map((r) => [r.advertId!, r]),
    );
    const fresh = [];
    for (const s of snaps) {
      // Only the level decides whether an advert is queued; the snapshot is what it was then.
      if (!QUEUED.has(s.level)) continue;
      const { networkSize, networkTowns } = s;
      const base = basePriority({ kind: 'advert', score: s.score, networkSize, networkTowns });
      const snapshot = {
        score: s.score,
        level: s.level,
        networkId: s.networkId,
        networkSize,
        networkTowns,
        town: s.town,
        priority: base,
      };
      const item = existing.get(s.advertId);
      if (item === undefined) {
        fresh.push({
          ...snapshot,
          orgId: s.orgId,
          advertId: s.advertId,
          kind: 'advert',
          status: 'open' as const,
          rank: rankOf(base, now),
          queuedAt: now,
          createdAt: now,
        });
      } else if (item.status === 'open') {
        await tx
          .update(reviewItems)
          .set({ ...snapshot, rank: rankOf(base, item.queuedAt) })
          .where(eq(reviewItems.id, item.id));
        refreshed += 1;
      }
    }
    if (fresh.length > 0) {
      const inserted = await tx
        .insert(reviewItems)
        .values(fresh)
        .onConflictDoNothing()
        .returning({ id: reviewItems.id });
      created += inserted.length;
    }
  }
  for (const chunk of chunks(dropped, CHUNK)) {
    const closed = await tx
      .update(reviewItems)
      .set({ status: 'withdrawn', closedAt: now, claimedBy: null, claimExpiresAt: null })
      .where(
        and(
          inArray(reviewItems.advertId, chunk),
          eq(reviewItems.kind, 'advert'),
          eq(reviewItems.status, 'open'),
          isNull(reviewItems.closedAt),
          or(isNull(reviewItems.claimedBy), lte(reviewItems.claimExpiresAt, now)),
        ),
      )
      .returning({ id: reviewItems.id });
    withdrawn += closed.length;
  }
  return { created, refreshed, withdrawn };
}
