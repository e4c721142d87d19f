// What the review services share: who may act (a site's staff), the columns and shape of a queue
// item and of a decision as the API shows them, and the filters of the queue.
import { and, eq, gte, inArray, lte, or, isNull, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { can } from '../../core/auth/permissions.ts';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Level, Reason } from '../../core/model/result.ts';
import { claimActive, displayStatus } from '../../core/review/claim.ts';
import type { ItemStatus, StoredStatus } from '../../core/review/claim.ts';
import { minutesInQueue, priorityAt } from '../../core/review/priority.ts';
import type { Db } from '../../store/open-store.ts';
import {
  adverts,
  advertVersions,
  decisions,
  networks,
  results,
  reviewItems,
  users,
} from '../../store/schema.ts';

/** A person of a site acting on its review queue. */
export interface Staff {
  readonly userId: string;
  readonly orgId: string;
  /** Holds review.decide_senior: approves, rejects, hears appeals. */
  readonly senior: boolean;
}

/** The actor as a site's staff member, or FORBIDDEN (API keys and other organisations). */
export function staffOf(actor: Actor): Staff {
  if (actor.kind !== 'user' || actor.orgKind !== 'site') {
    throw new AppError('FORBIDDEN', "review is done by a site's own staff, signed in");
  }
  return {
    userId: actor.userId,
    orgId: actor.orgId,
    senior: can(actor, 'review.decide_senior'),
  };
}

/** Review settings from the configuration. */
export interface ReviewSettings {
  readonly claimMinutes: number;
  readonly targetMinutes: number;
}

export interface PersonRef {
  readonly userId: string;
  readonly displayName: string;
}

/** A review item as the API shows it. */
export interface QueueItem {
  readonly id: string;
  readonly kind: 'advert' | 'appeal';
  readonly advertId: string;
  readonly externalId: string;
  readonly title: string | null;
  readonly town: string | null;
  readonly level: Level;
  readonly score: number;
  readonly networkId: string | null;
  readonly networkSize: number;
  readonly networkTowns: number;
  readonly families: string[];
  readonly indicators: string[];
  readonly priority: number;
  readonly queuedAt: string;
  readonly minutesInQueue: number;
  readonly overdue: boolean;
  readonly claim: {
    readonly userId: string;
    readonly displayName: string;
    readonly expiresAt: string;
    readonly mine: boolean;
  } | null;
  readonly status: ItemStatus;
}

const claimer = alias(users, 'claimer');

/** The columns a queue item is built from. */
export const itemColumns = {
  id: reviewItems.id,
  orgId: reviewItems.orgId,
  kind: reviewItems.kind,
  advertId: reviewItems.advertId,
  externalId: adverts.externalId,
  title: sql<string | null>`${advertVersions.content}->>'title'`,
  town: reviewItems.town,
  level: reviewItems.level,
  score: reviewItems.score,
  networkId: reviewItems.networkId,
  networkSize: reviewItems.networkSize,
  networkTowns: reviewItems.networkTowns,
  // Only what a queue row shows of each reason (not its evidence): less to send and to parse.
  reasons: sql<unknown>`(select coalesce(jsonb_agg(jsonb_build_object('family', e->'family', 'indicator', e->'indicator')), '[]'::jsonb) from jsonb_array_elements(${results.reasons}) as e)`,
  rank: reviewItems.rank,
  queuedAt: reviewItems.queuedAt,
  claimedBy: reviewItems.claimedBy,
  claimExpiresAt: reviewItems.claimExpiresAt,
  claimName: claimer.displayName,
  status: reviewItems.status,
  excludedReviewers: reviewItems.excludedReviewers,
};

/** A row of `itemColumns`. */
export interface ItemRow {
  id: string;
  orgId: string;
  kind: string;
  advertId: number | null;
  externalId: string;
  title: string | null;
  town: string | null;
  level: Level;
  score: number;
  networkId: string | null;
  networkSize: number;
  networkTowns: number;
  reasons: unknown;
  rank: number;
  queuedAt: Date;
  claimedBy: string | null;
  claimExpiresAt: Date | null;
  claimName: string | null;
  status: StoredStatus;
  excludedReviewers: string[];
}

/** SELECT itemColumns FROM review_items with the advert, its current content, result, claimer. */
export function selectItems(db: Db) {
  return db
    .select(itemColumns)
    .from(reviewItems)
    .innerJoin(adverts, eq(adverts.id, reviewItems.advertId))
    .leftJoin(
      advertVersions,
      and(
        eq(advertVersions.advertId, adverts.id),
        eq(advertVersions.version, adverts.currentVersion),
      ),
    )
    .leftJoin(results, eq(results.advertId, reviewItems.advertId))
    .leftJoin(claimer, eq(claimer.id, reviewItems.claimedBy));
}

const distinct = (values: readonly string[]) => [...new Set(values)];

/** The API's view of an item row at `now`, for `userId`. */
export function toQueueItem(
  row: ItemRow,
  now: Date,
  userId: string,
  settings: ReviewSettings,
): QueueItem {
  const reasons = (Array.isArray(row.reasons) ? row.reasons : []) as Reason[];
  const status = displayStatus(row.status, row, now);
  const waited = minutesInQueue(row.queuedAt, now);
  const live = claimActive(row, now);
  return {
    id: row.id,
    kind: row.kind === 'appeal' ? 'appeal' : 'advert',
    advertId: String(row.advertId),
    externalId: row.externalId,
    title: row.title,
    town: row.town,
    level: row.level,
    score: row.score,
    networkId: row.networkId,
    networkSize: row.networkSize,
    networkTowns: row.networkTowns,
    families: distinct(reasons.map((r) => r.family)),
    indicators: distinct(reasons.map((r) => r.indicator)),
    priority: Math.round(priorityAt(row.rank, now) * 100) / 100,
    queuedAt: row.queuedAt.toISOString(),
    minutesInQueue: waited,
    overdue: (status === 'open' || status === 'claimed') && waited >= settings.targetMinutes,
    claim:
      live && row.claimedBy !== null && row.claimExpiresAt !== null
        ? {
            userId: row.claimedBy,
            displayName: row.claimName ?? '',
            expiresAt: row.claimExpiresAt.toISOString(),
            mine: row.claimedBy === userId,
          }
        : null,
    status,
  };
}

/** The filters of the queue (GET /review/queue, POST /review/next). */
export interface QueueFilters {
  readonly level?: Level | undefined;
  readonly family?: string | undefined;
  readonly indicator?: string | undefined;
  readonly town?: string | undefined;
  readonly postedFrom?: Date | undefined;
  readonly postedTo?: Date | undefined;
  readonly status?: ItemStatus | undefined;
}

/** Items (stored `open`) under no live claim at `now`. */
export function unclaimedAt(now: Date): SQL {
  return or(isNull(reviewItems.claimedBy), lte(reviewItems.claimExpiresAt, now))!;
}

/** The SQL condition for an API status at `now`. */
export function statusCondition(status: ItemStatus, now: Date): SQL {
  switch (status) {
    case 'open':
      return and(eq(reviewItems.status, 'open'), unclaimedAt(now))!;
    case 'claimed':
      return and(
        eq(reviewItems.status, 'open'),
        sql`${reviewItems.claimedBy} is not null`,
        sql`${reviewItems.claimExpiresAt} > ${now}`,
      )!;
    default:
      return eq(reviewItems.status, status);
  }
}

/** The conditions of the filters other than status. */
export function filterConditions(f: QueueFilters): SQL[] {
  const out: SQL[] = [];
  if (f.level !== undefined) out.push(eq(reviewItems.level, f.level));
  if (f.family !== undefined) {
    out.push(
      sql`exists (select 1 from jsonb_array_elements(${results.reasons}) as e where e->>'family' = ${f.family})`,
    );
  }
  if (f.indicator !== undefined) {
    out.push(
      sql`exists (select 1 from jsonb_array_elements(${results.reasons}) as e where e->>'indicator' = ${f.indicator})`,
    );
  }
  if (f.town !== undefined) out.push(sql`lower(${reviewItems.town}) = lower(${f.town})`);
  if (f.postedFrom !== undefined) out.push(gte(adverts.postedAt, f.postedFrom));
  if (f.postedTo !== undefined) out.push(lte(adverts.postedAt, f.postedTo));
  return out;
}

/** A decision as the API shows it. */
export interface DecisionView {
  readonly id: string;
  readonly itemId: string;
  readonly advertId: string;
  readonly outcome: string;
  readonly reasonCode: string;
  readonly note: string | null;
  readonly language: string | null;
  readonly toOrgId: string | null;
  readonly status: 'final' | 'pending_approval' | 'approved' | 'rejected';
  readonly decidedBy: PersonRef;
  readonly decidedAt: string;
  readonly approvedBy: PersonRef | null;
  readonly approvedAt: string | null;
}

const decider = alias(users, 'decider');
const approver = alias(users, 'approver');

/** SELECT the columns of a DecisionView, joined with who decided and who approved. */
export function selectDecisions(db: Db) {
  return db
    .select({
      id: decisions.id,
      itemId: decisions.reviewItemId,
      orgId: decisions.orgId,
      advertId: reviewItems.advertId,
      outcome: decisions.outcome,
      reasonCode: decisions.reasonCode,
      note: decisions.note,
      language: decisions.language,
      toOrgId: decisions.toOrgId,
      status: decisions.status,
      userId: decisions.userId,
      deciderName: decider.displayName,
      createdAt: decisions.createdAt,
      approvedBy: decisions.approvedBy,
      approverName: approver.displayName,
      approvedAt: decisions.approvedAt,
    })
    .from(decisions)
    .innerJoin(reviewItems, eq(reviewItems.id, decisions.reviewItemId))
    .leftJoin(decider, eq(decider.id, decisions.userId))
    .leftJoin(approver, eq(approver.id, decisions.approvedBy));
}

type DecisionRow = Awaited<ReturnType<ReturnType<typeof selectDecisions>['execute']>>[number];

/** The API's view of a decision row. */
export function toDecisionView(r: DecisionRow): DecisionView {
  return {
    id: r.id,
    itemId: r.itemId,
    advertId: String(r.advertId),
    outcome: r.outcome,
    reasonCode: r.reasonCode,
    note: r.note,
    language: r.language,
    toOrgId: r.toOrgId,
    status: r.status as DecisionView['status'],
    // A person removed since keeps their place in the history, without a name.
    decidedBy: { userId: r.userId ?? '', displayName: r.deciderName ?? '(removed)' },
    decidedAt: r.createdAt.toISOString(),
    approvedBy:
      r.approvedBy !== null
        ? { userId: r.approvedBy, displayName: r.approverName ?? '(removed)' }
        : null,
    approvedAt: r.approvedAt?.toISOString() ?? null,
  };
}

/** What screening said of an advert, as a review item keeps it (its queue snapshot). */
export interface ScreeningSnapshot {
  readonly advertId: number;
  readonly orgId: string;
  readonly score: number;
  readonly level: Level;
  readonly networkId: string | null;
  /** 1 for an advert in no network. */
  readonly networkSize: number;
  /** Distinct towns of its network, or of the advert alone. */
  readonly networkTowns: number;
  readonly town: string | null;
}

/** The screening snapshots of the adverts that have a result, by advert id. */
export async function screeningSnapshots(
  tx: Db,
  advertIds: readonly number[],
): Promise<Map<number, ScreeningSnapshot>> {
  if (advertIds.length === 0) return new Map();
  const rows = await tx
    .select({
      advertId: results.advertId,
      orgId: results.orgId,
      score: results.score,
      level: results.level,
      networkId: results.networkId,
      networkSize: networks.size,
      networkTowns: sql<
        number | null
      >`jsonb_array_length(coalesce(${networks.summary}->'towns', '[]'::jsonb))`,
      town: sql<string | null>`${advertVersions.content}->>'town'`,
    })
    .from(results)
    .innerJoin(adverts, eq(adverts.id, results.advertId))
    .leftJoin(
      advertVersions,
      and(
        eq(advertVersions.advertId, adverts.id),
        eq(advertVersions.version, adverts.currentVersion),
      ),
    )
    .leftJoin(networks, eq(networks.id, results.networkId))
    .where(inArray(results.advertId, [...advertIds]));
  return new Map(
    rows.map((r) => [
      r.advertId,
      {
        ...r,
        networkSize: r.networkSize ?? 1,
        networkTowns: Math.max(r.networkTowns ?? 0, r.town ? 1 : 0),
      },
    ]),
  );
}
