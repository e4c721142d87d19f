// Appeals: a site (its system with an API key, or a site admin or senior moderator) appeals a
// decision on one of its adverts, usually for the advertiser. The appeal opens a review item of
// kind `appeal` above ordinary items, which the people who made or approved the decision cannot
// claim; a senior moderator hears it (services/review/decide.ts resolves it). The statement is
// personal data: stored, shown to reviewers, never logged, audited or sent by webhook.
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { basePriority, rankOf } from '../../core/review/priority.ts';
import type { Db } from '../../store/open-store.ts';
import { adverts, appeals, decisions, reviewItems } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { screeningSnapshots } from './review-items.ts';

/** An appeal as the API shows it. */
export interface AppealView {
  readonly id: string;
  readonly advertId: string;
  readonly externalId: string;
  readonly decisionId: string;
  readonly status: 'open' | 'resolved';
  readonly outcome: 'upheld' | 'overturned' | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  readonly itemId: string;
}

export interface AppealInput {
  /** The site's own id of the advert. */
  readonly advertId: string;
  readonly statement?: string | undefined;
}

/** The site an appeal is made for: API keys and people of a site only. */
function siteOf(actor: Actor): { orgId: string; userId: string | null; apiKeyId: string | null } {
  if (actor.kind === 'api_key' && actor.orgKind === 'site') {
    return { orgId: actor.orgId, userId: null, apiKeyId: actor.apiKeyId };
  }
  if (actor.kind === 'user' && actor.orgKind === 'site') {
    return { orgId: actor.orgId, userId: actor.userId, apiKeyId: null };
  }
  throw new AppError('FORBIDDEN', 'appeals are made by a site, for its own adverts');
}

const appealColumns = {
  id: appeals.id,
  advertId: appeals.advertId,
  externalId: adverts.externalId,
  decisionId: appeals.decisionId,
  status: appeals.status,
  outcome: appeals.outcome,
  createdAt: appeals.createdAt,
  resolvedAt: appeals.resolvedAt,
  itemId: appeals.itemId,
};

function selectAppeals(db: Db) {
  return db
    .select(appealColumns)
    .from(appeals)
    .innerJoin(adverts, eq(adverts.id, appeals.advertId));
}

function toView(
  r: Awaited<ReturnType<ReturnType<typeof selectAppeals>['execute']>>[number],
): AppealView {
  return {
    id: r.id,
    advertId: String(r.advertId),
    externalId: r.externalId,
    decisionId: r.decisionId,
    status: r.status === 'resolved' ? 'resolved' : 'open',
    outcome: r.outcome === 'upheld' || r.outcome === 'overturned' ? r.outcome : null,
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
    itemId: r.itemId,
  };
}

/** Appeals the advert's latest decision in force; opens an appeal item for another reviewer. */
export async function createAppeal(
  ctx: ServiceContext,
  actor: Actor,
  input: AppealInput,
): Promise<AppealView> {
  const site = siteOf(actor);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [advert] = await tx
      .select({ id: adverts.id })
      .from(adverts)
      .where(and(eq(adverts.orgId, site.orgId), eq(adverts.externalId, input.advertId)));
    if (advert === undefined) throw new AppError('NOT_FOUND', `no advert "${input.advertId}"`);
    // The decision in force: the latest on an advert item that took effect.
    const [decision] = await tx
      .select({
        id: decisions.id,
        userId: decisions.userId,
        approvedBy: decisions.approvedBy,
      })
      .from(decisions)
      .innerJoin(reviewItems, eq(reviewItems.id, decisions.reviewItemId))
      .where(
        and(
          eq(reviewItems.advertId, advert.id),
          eq(reviewItems.kind, 'advert'),
          eq(decisions.orgId, site.orgId),
          inArray(decisions.status, ['final', 'approved']),
        ),
      )
      .orderBy(desc(decisions.createdAt))
      .limit(1);
    if (decision === undefined) {
      throw new AppError('CONFLICT', 'this advert has no decision in force to appeal');
    }
    const [open] = await tx
      .select({ id: reviewItems.id })
      .from(reviewItems)
      .where(
        and(
          eq(reviewItems.advertId, advert.id),
          eq(reviewItems.kind, 'appeal'),
          isNull(reviewItems.closedAt),
        ),
      );
    if (open !== undefined)
      throw new AppError('CONFLICT', 'this advert already has an open appeal');
    const snap = (await screeningSnapshots(tx, [advert.id])).get(advert.id);
    const networkSize = snap?.networkSize ?? 1;
    const networkTowns = snap?.networkTowns ?? 0;
    const score = snap?.score ?? 0;
    const base = basePriority({ kind: 'appeal', score, networkSize, networkTowns });
    const excluded = [decision.userId, decision.approvedBy].filter((u): u is string => u !== null);
    const [item] = await tx
      .insert(reviewItems)
      .values({
        orgId: site.orgId,
        advertId: advert.id,
        kind: 'appeal',
        status: 'open',
        score,
        level: snap?.level ?? 'none',
        networkId: snap?.networkId ?? null,
        networkSize,
        networkTowns,
        town: snap?.town ?? null,
        priority: base,
        rank: rankOf(base, now),
        queuedAt: now,
        createdAt: now,
        excludedReviewers: excluded,
      })
      .returning({ id: reviewItems.id });
    const [appeal] = await tx
      .insert(appeals)
      .values({
        orgId: site.orgId,
        advertId: advert.id,
        decisionId: decision.id,
        itemId: item!.id,
        statement: input.statement ?? null,
        createdByUser: site.userId,
        createdByApiKey: site.apiKeyId,
        createdAt: now,
      })
      .returning({ id: appeals.id });
    await recordAuditEvent(
      ctx,
      {
        action: 'appeal.create',
        orgId: site.orgId,
        actorUserId: site.userId,
        actorApiKeyId: site.apiKeyId,
        targetType: 'appeal',
        targetId: appeal!.id,
        detail: { advertId: String(advert.id), decisionId: decision.id, itemId: item!.id },
      },
      tx,
    );
    return appeal!.id;
  });
  return getAppeal(ctx, actor, id);
}

/** One of the site's appeals; NOT_FOUND for another's. */
export async function getAppeal(
  ctx: ServiceContext,
  actor: Actor,
  appealId: string,
): Promise<AppealView> {
  const site = siteOf(actor);
  const [row] = await selectAppeals(ctx.db).where(
    and(eq(appeals.id, appealId), eq(appeals.orgId, site.orgId)),
  );
  if (row === undefined) throw new AppError('NOT_FOUND', `no appeal ${appealId}`);
  return toView(row);
}

/** The site's appeals, newest first (the latest 500). */
export async function listAppeals(ctx: ServiceContext, actor: Actor): Promise<AppealView[]> {
  const site = siteOf(actor);
  const rows = await selectAppeals(ctx.db)
    .where(eq(appeals.orgId, site.orgId))
    .orderBy(desc(appeals.createdAt), desc(appeals.id))
    .limit(500);
  return rows.map(toView);
}

/** The appeal behind an appeal item, with its statement, for the person hearing it. */
export async function appealForItem(
  db: Db,
  orgId: string,
  itemId: string,
): Promise<{ id: string; decisionId: string; statement: string | null } | null> {
  const [row] = await db
    .select({ id: appeals.id, decisionId: appeals.decisionId, statement: appeals.statement })
    .from(appeals)
    .where(and(eq(appeals.itemId, itemId), eq(appeals.orgId, orgId)));
  return row ?? null;
}
