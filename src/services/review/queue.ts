// The review queue: a site's items, highest priority first, a keyset page at a time; the next
// item to work on; and claims. A claim is taken by one UPDATE whose WHERE holds only while nobody
// else has a live claim, so two moderators racing for an item can never both win: PostgreSQL
// re-checks the condition on the row the first one committed, and the second updates nothing.
import { and, desc, eq, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { claimableBy, claimExpiry } from '../../core/review/claim.ts';
import { decodeQueueCursor, encodeQueueCursor } from '../../core/review/cursor.ts';
import type { Db } from '../../store/open-store.ts';
import { decisions, reviewItems } from '../../store/schema.ts';
import type { ServiceContext } from '../context.ts';
import {
  filterConditions,
  selectDecisions,
  selectItems,
  staffOf,
  statusCondition,
  toDecisionView,
  toQueueItem,
} from './review-items.ts';
import type {
  DecisionView,
  ItemRow,
  QueueFilters,
  QueueItem,
  ReviewSettings,
  Staff,
} from './review-items.ts';

export interface QueueQuery extends QueueFilters {
  readonly limit: number;
  readonly cursor?: string | undefined;
}

export interface QueueCounts {
  /** Open items nobody holds. */
  readonly open: number;
  readonly claimedByMe: number;
  readonly awaitingApproval: number;
  /** Open or claimed items waiting longer than the target. */
  readonly overdue: number;
}

export interface QueuePage {
  readonly items: QueueItem[];
  readonly nextCursor: string | null;
  readonly counts: QueueCounts;
  readonly targetMinutes: number;
}

/**
 * Highest rank first, as the index `review_items_org_rank` holds it (DESC NULLS LAST: both columns
 * are NOT NULL, but the planner only walks the index when the ORDER BY says so; a plain DESC means
 * NULLS FIRST and made PostgreSQL join and sort every open item of the site on each request).
 */
const byRank = [
  sql`${reviewItems.rank} desc nulls last`,
  sql`${reviewItems.id} desc nulls last`,
] as const;

/** The default view: open items, whether or not someone holds them. */
function statusFilter(f: QueueFilters, now: Date): SQL {
  return f.status === undefined ? eq(reviewItems.status, 'open') : statusCondition(f.status, now);
}

/** One page of the actor's site's queue, highest priority first. */
export async function listQueue(
  ctx: ServiceContext,
  actor: Actor,
  query: QueueQuery,
  settings: ReviewSettings,
): Promise<QueuePage> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  const conditions: SQL[] = [
    eq(reviewItems.orgId, staff.orgId),
    statusFilter(query, now),
    ...filterConditions(query),
  ];
  if (query.cursor !== undefined) {
    const c = decodeQueueCursor(query.cursor);
    if (c === null) throw new AppError('INVALID_INPUT', 'the cursor is not one this API gave out');
    conditions.push(
      sql`(${reviewItems.rank}, ${reviewItems.id}) < (${c.rank}::double precision, ${c.id}::uuid)`,
    );
  }
  // The page and the counts are independent: on a PostgreSQL server they run side by side.
  const [rows, counts] = await Promise.all([
    selectItems(ctx.db)
      .where(and(...conditions))
      .orderBy(...byRank)
      .limit(query.limit + 1) as Promise<ItemRow[]>,
    queueCounts(ctx.db, staff, now, settings),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toQueueItem(r, now, staff.userId, settings)),
    nextCursor:
      rows.length > query.limit && last
        ? encodeQueueCursor({ rank: last.rank, id: last.id })
        : null,
    counts,
    targetMinutes: settings.targetMinutes,
  };
}

/** Above this many items in the queue, the shared counts are refreshed at most every COUNTS_TTL_MS. */
export const EXACT_COUNTS_UP_TO = 5_000;
const COUNTS_TTL_MS = 5_000;

/**
 * The shared counts of large queues, by organisation and target. Counting a queue of 50,000 items
 * reads 50,000 index entries (about 25 ms) on every page; a count a few seconds old is as useful on
 * a badge. Small queues are always counted exactly; one's own claims always are.
 */
const sharedCounts = new Map<string, { at: number; counts: Omit<QueueCounts, 'claimedByMe'> }>();

async function queueCounts(
  db: Db,
  staff: Staff,
  now: Date,
  settings: ReviewSettings,
): Promise<QueueCounts> {
  const mine = sql`${reviewItems.status} = 'open' and ${reviewItems.claimedBy} = ${staff.userId}
    and ${reviewItems.claimExpiresAt} > ${now}`;
  const [own] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(reviewItems)
    .where(and(eq(reviewItems.orgId, staff.orgId), mine));
  const claimedByMe = Number(own?.n ?? 0);
  const key = `${staff.orgId}:${settings.targetMinutes}`;
  const hit = sharedCounts.get(key);
  if (hit !== undefined && now.getTime() - hit.at >= 0 && now.getTime() - hit.at < COUNTS_TTL_MS) {
    return { ...hit.counts, claimedByMe };
  }
  const due = new Date(now.getTime() - settings.targetMinutes * 60_000);
  const open = sql`${reviewItems.status} = 'open'`;
  const live = sql`${reviewItems.claimedBy} is not null and ${reviewItems.claimExpiresAt} > ${now}`;
  const [row] = await db
    .select({
      open: sql<number>`(count(*) filter (where ${open} and not (${live})))::int`,
      awaitingApproval: sql<number>`(count(*) filter (where ${reviewItems.status} = 'awaiting_approval'))::int`,
      overdue: sql<number>`(count(*) filter (where ${open} and ${reviewItems.queuedAt} <= ${due}))::int`,
      all: sql<number>`count(*)::int`,
    })
    .from(reviewItems)
    // Only the statuses counted: decided and withdrawn items, which pile up for good, are skipped
    // through the index on (org_id, status, ...) instead of read on every page of the queue.
    .where(
      and(
        eq(reviewItems.orgId, staff.orgId),
        inArray(reviewItems.status, ['open', 'awaiting_approval']),
      ),
    );
  const counts = {
    open: Number(row?.open ?? 0),
    awaitingApproval: Number(row?.awaitingApproval ?? 0),
    overdue: Number(row?.overdue ?? 0),
  };
  if (Number(row?.all ?? 0) > EXACT_COUNTS_UP_TO) {
    sharedCounts.set(key, { at: now.getTime(), counts });
  } else {
    sharedCounts.delete(key);
  }
  return { ...counts, claimedByMe };
}

/** The conditions under which `staff` may take (or renew) a claim at `now`. */
function claimableNow(staff: Staff, now: Date): SQL[] {
  return [
    eq(reviewItems.orgId, staff.orgId),
    eq(reviewItems.status, 'open'),
    or(
      isNull(reviewItems.claimedBy),
      lte(reviewItems.claimExpiresAt, now),
      eq(reviewItems.claimedBy, staff.userId),
    )!,
    sql`not (${staff.userId}::uuid = any(${reviewItems.excludedReviewers}))`,
    // Appeals are heard by senior moderators.
    ...(staff.senior ? [] : [eq(reviewItems.kind, 'advert')]),
  ];
}

/** One item as the API shows it, or NOT_FOUND outside the staff's site. */
export async function loadItem(
  db: Db,
  staff: Staff,
  itemId: string,
  now: Date,
  settings: ReviewSettings,
): Promise<{ row: ItemRow; item: QueueItem }> {
  const [row] = (await selectItems(db).where(
    and(eq(reviewItems.id, itemId), eq(reviewItems.orgId, staff.orgId)),
  )) as ItemRow[];
  if (row === undefined) throw new AppError('NOT_FOUND', `no review item ${itemId}`);
  return { row, item: toQueueItem(row, now, staff.userId, settings) };
}

/** Claims the item for the actor (renewing their own claim), or says why not. */
export async function claimItem(
  ctx: ServiceContext,
  actor: Actor,
  itemId: string,
  settings: ReviewSettings,
): Promise<QueueItem> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  const taken = await ctx.db
    .update(reviewItems)
    .set({ claimedBy: staff.userId, claimExpiresAt: claimExpiry(now, settings.claimMinutes) })
    .where(and(eq(reviewItems.id, itemId), ...claimableNow(staff, now)))
    .returning({ id: reviewItems.id });
  const { row, item } = await loadItem(ctx.db, staff, itemId, now, settings);
  if (taken.length === 1) return item;
  const why = claimableBy(row.status, row, row.excludedReviewers, now, staff.userId);
  if (why === 'excluded') {
    throw new AppError(
      'APPEAL_SAME_REVIEWER',
      'you made or approved the decision under appeal: someone else must hear it',
    );
  }
  if (why === 'held') {
    throw new AppError(
      'REVIEW_CLAIMED',
      `${row.claimName ?? 'someone else'} is reviewing this item`,
    );
  }
  if (why === 'closed') {
    throw new AppError('CONFLICT', `this item is ${item.status} and cannot be claimed`);
  }
  throw new AppError('FORBIDDEN', 'appeals are heard by senior moderators');
}

/** Gives up the actor's claim; nothing when they hold none; REVIEW_NOT_CLAIMED if another does. */
export async function releaseItem(
  ctx: ServiceContext,
  actor: Actor,
  itemId: string,
  settings: ReviewSettings,
): Promise<void> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  await ctx.db
    .update(reviewItems)
    .set({ claimedBy: null, claimExpiresAt: null })
    .where(
      and(
        eq(reviewItems.id, itemId),
        eq(reviewItems.orgId, staff.orgId),
        eq(reviewItems.claimedBy, staff.userId),
      ),
    );
  const { item } = await loadItem(ctx.db, staff, itemId, now, settings);
  if (item.claim !== null && !item.claim.mine) {
    throw new AppError('REVIEW_NOT_CLAIMED', 'someone else holds this item');
  }
}

/**
 * Claims the highest-priority item matching the filters that the actor may claim, or answers
 * null when there is none. Rows another transaction is claiming are skipped, not waited for.
 */
export async function nextItem(
  ctx: ServiceContext,
  actor: Actor,
  filters: QueueFilters,
  settings: ReviewSettings,
): Promise<QueueItem | null> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [candidate] = await selectItems(tx)
      .where(and(...claimableNow(staff, now), ...filterConditions(filters)))
      .orderBy(...byRank)
      .limit(1)
      .for('update', { of: reviewItems, skipLocked: true });
    if (candidate === undefined) return null;
    await tx
      .update(reviewItems)
      .set({ claimedBy: staff.userId, claimExpiresAt: claimExpiry(now, settings.claimMinutes) })
      .where(eq(reviewItems.id, candidate.id));
    return candidate.id;
  });
  if (id === null) return null;
  return (await loadItem(ctx.db, staff, id, now, settings)).item;
}

/** An item with its decisions (newest first). */
export async function getItem(
  ctx: ServiceContext,
  actor: Actor,
  itemId: string,
  settings: ReviewSettings,
): Promise<{ item: QueueItem; decisions: DecisionView[] }> {
  const staff = staffOf(actor);
  const { item } = await loadItem(ctx.db, staff, itemId, ctx.clock.now(), settings);
  const rows = await selectDecisions(ctx.db)
    .where(eq(reviewItems.id, itemId))
    .orderBy(desc(decisions.createdAt));
  return { item, decisions: rows.map(toDecisionView) };
}
