// Decisions on review items, with four eyes on the grave ones: a moderator holding the claim
// decides; no_concern, safety information and verification requests take effect at once, while a
// suspension or a referral waits for a senior moderator, who must be someone else, to approve it
// (a referral is then made with services/create-referral.ts) or reject it (the item goes back to
// the queue). Each step is an audit event carrying the reason code but never the note, and a
// decision that takes effect is announced to the site's webhooks in the same transaction.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import { claimActive } from '../../core/review/claim.ts';
import { parseLanguageTag } from '../../core/review/language.ts';
import {
  decisionProblems,
  needsApproval,
  outcomeRule,
  reasonLabel,
  recipientOf,
} from '../../core/review/outcomes.ts';
import type { Outcome } from '../../core/review/outcomes.ts';
import type { Db } from '../../store/open-store.ts';
import { adverts, appeals, decisions, organisations, reviewItems } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { createReferral } from '../create-referral.ts';
import {
  selectDecisions,
  selectItems,
  staffOf,
  toDecisionView,
  toQueueItem,
} from './review-items.ts';
import type { DecisionView, ItemRow, QueueItem, ReviewSettings, Staff } from './review-items.ts';
import { queueReviewEvent } from './review-webhooks.ts';

export interface DecisionInput {
  readonly outcome: Outcome;
  readonly reasonCode: string;
  readonly note?: string | undefined;
  readonly toOrgId?: string | undefined;
  readonly language?: string | undefined;
}

async function decisionView(db: Db, id: string): Promise<DecisionView> {
  const [row] = await selectDecisions(db).where(eq(decisions.id, id));
  return toDecisionView(row!);
}

/** The item locked for this transaction, with its advert's site id; NOT_FOUND outside the site. */
async function lockItem(tx: Db, staff: Staff, itemId: string) {
  const [item] = await tx
    .select({
      id: reviewItems.id,
      kind: reviewItems.kind,
      status: reviewItems.status,
      advertId: reviewItems.advertId,
      claimedBy: reviewItems.claimedBy,
      claimExpiresAt: reviewItems.claimExpiresAt,
    })
    .from(reviewItems)
    .where(and(eq(reviewItems.id, itemId), eq(reviewItems.orgId, staff.orgId)))
    .for('update');
  if (item === undefined) throw new AppError('NOT_FOUND', `no review item ${itemId}`);
  return item;
}

async function externalIdOf(tx: Db, advertId: number | null): Promise<string> {
  if (advertId === null) return '';
  const [row] = await tx
    .select({ externalId: adverts.externalId })
    .from(adverts)
    .where(eq(adverts.id, advertId));
  return row?.externalId ?? '';
}

/** Records the claim holder's decision on an item. */
export async function decide(
  ctx: ServiceContext,
  actor: Actor,
  itemId: string,
  input: DecisionInput,
): Promise<DecisionView> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const item = await lockItem(tx, staff, itemId);
    if (item.status !== 'open' || item.claimedBy !== staff.userId || !claimActive(item, now)) {
      throw new AppError(
        'REVIEW_NOT_CLAIMED',
        'claim the item first (POST /api/v1/review/items/:id/claim); your claim may have lapsed',
      );
    }
    const kind = item.kind === 'appeal' ? 'appeal' : 'advert';
    const problems = decisionProblems(kind, input);
    let language: string | null = null;
    if (input.language !== undefined) {
      language = parseLanguageTag(input.language);
      if (language === null) problems.push(`language "${input.language}" is not a BCP 47 tag`);
    }
    const recipient = recipientOf(input.outcome);
    if (recipient !== null && input.toOrgId !== undefined) {
      const [to] = await tx
        .select({ kind: organisations.kind })
        .from(organisations)
        .where(eq(organisations.id, input.toOrgId));
      if (to?.kind !== recipient) {
        problems.push(`toOrgId must be a ${recipient === 'police' ? 'police force' : 'an NGO'}`);
      }
    }
    if (problems.length > 0) {
      throw new AppError('VALIDATION', 'the decision does not fit the item', problems);
    }
    if (kind === 'appeal' && !staff.senior) {
      throw new AppError('FORBIDDEN', 'appeals are heard by senior moderators');
    }
    const pending = needsApproval(input.outcome);
    const [row] = await tx
      .insert(decisions)
      .values({
        reviewItemId: item.id,
        orgId: staff.orgId,
        userId: staff.userId,
        outcome: input.outcome,
        reasonCode: input.reasonCode,
        note: input.note ?? null,
        language,
        toOrgId: input.toOrgId ?? null,
        status: pending ? 'pending_approval' : 'final',
        createdAt: now,
      })
      .returning({ id: decisions.id });
    const decisionId = row!.id;
    await tx
      .update(reviewItems)
      .set(
        pending
          ? { status: 'awaiting_approval', claimedBy: null, claimExpiresAt: null }
          : { status: 'decided', claimedBy: null, claimExpiresAt: null, closedAt: now },
      )
      .where(eq(reviewItems.id, item.id));
    await recordAuditEvent(
      ctx,
      {
        action: 'review.decide',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'decision',
        targetId: decisionId,
        reason: input.reasonCode,
        detail: {
          itemId: item.id,
          advertId: String(item.advertId),
          outcome: input.outcome,
          status: pending ? 'pending_approval' : 'final',
        },
      },
      tx,
    );
    if (!pending) {
      const externalId = await externalIdOf(tx, item.advertId);
      if (kind === 'appeal') {
        await resolveAppeal(ctx, tx, staff, item.id, input.outcome, externalId, now);
      } else {
        await queueReviewEvent(
          tx,
          staff.orgId,
          {
            event: 'decision.made',
            decision: {
              advertId: externalId,
              outcome: input.outcome,
              reasonCode: input.reasonCode,
              language,
              decidedAt: now.toISOString(),
            },
          },
          now,
        );
      }
    }
    return decisionView(tx, decisionId);
  });
}

async function resolveAppeal(
  ctx: ServiceContext,
  tx: Db,
  staff: Staff,
  itemId: string,
  outcome: Outcome,
  externalId: string,
  now: Date,
): Promise<void> {
  const result = outcome === 'appeal_overturned' ? 'overturned' : 'upheld';
  const [appeal] = await tx
    .update(appeals)
    .set({ status: 'resolved', outcome: result, resolvedAt: now })
    .where(and(eq(appeals.itemId, itemId), eq(appeals.orgId, staff.orgId)))
    .returning({ id: appeals.id });
  if (appeal === undefined) return;
  await recordAuditEvent(
    ctx,
    {
      action: 'appeal.resolve',
      orgId: staff.orgId,
      actorUserId: staff.userId,
      targetType: 'appeal',
      targetId: appeal.id,
      detail: { outcome: result },
    },
    tx,
  );
  await queueReviewEvent(
    tx,
    staff.orgId,
    {
      event: 'appeal.resolved',
      appeal: { advertId: externalId, appealId: appeal.id, outcome: result },
    },
    now,
  );
}

/** The decision locked for this transaction; NOT_FOUND outside the site, CONFLICT unless pending. */
async function lockPending(tx: Db, staff: Staff, decisionId: string) {
  const [d] = await tx
    .select()
    .from(decisions)
    .where(and(eq(decisions.id, decisionId), eq(decisions.orgId, staff.orgId)))
    .for('update');
  if (d === undefined) throw new AppError('NOT_FOUND', `no decision ${decisionId}`);
  if (d.status !== 'pending_approval') {
    throw new AppError('CONFLICT', `this decision is ${d.status}, not waiting for approval`);
  }
  return d;
}

/** A senior moderator other than the decider approves a suspension or referral. */
export async function approveDecision(
  ctx: ServiceContext,
  actor: Actor,
  decisionId: string,
): Promise<DecisionView> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const d = await lockPending(tx, staff, decisionId);
    if (d.userId === staff.userId) {
      throw new AppError('SAME_REVIEWER', 'a decision is approved by someone other than its maker');
    }
    const [item] = await tx
      .update(reviewItems)
      .set({ status: 'decided', claimedBy: null, claimExpiresAt: null, closedAt: now })
      .where(eq(reviewItems.id, d.reviewItemId))
      .returning({ advertId: reviewItems.advertId });
    const outcome = d.outcome as Outcome;
    let referralId: string | null = null;
    if (recipientOf(outcome) !== null && d.toOrgId !== null && item?.advertId != null) {
      const [to] = await tx
        .select({ slug: organisations.slug })
        .from(organisations)
        .where(eq(organisations.id, d.toOrgId));
      if (to === undefined) throw new AppError('CONFLICT', 'the organisation referred to is gone');
      // The referral carries the reason in words, never the moderator's note.
      const label = reasonLabel(outcome, d.reasonCode) ?? d.reasonCode;
      const made = await createReferral({ db: tx, clock: ctx.clock }, actor, {
        toOrg: to.slug,
        advertId: item.advertId,
        note: `${outcomeRule(outcome).label}: ${label}`,
      });
      referralId = made.id;
    }
    await tx
      .update(decisions)
      .set({ status: 'approved', approvedBy: staff.userId, approvedAt: now, referralId })
      .where(eq(decisions.id, d.id));
    await recordAuditEvent(
      ctx,
      {
        action: 'review.approve',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'decision',
        targetId: d.id,
        reason: d.reasonCode,
        detail: { outcome, ...(referralId !== null ? { referralId } : {}) },
      },
      tx,
    );
    await queueReviewEvent(
      tx,
      staff.orgId,
      {
        event: 'decision.made',
        decision: {
          advertId: await externalIdOf(tx, item?.advertId ?? null),
          outcome,
          reasonCode: d.reasonCode,
          language: d.language,
          decidedAt: now.toISOString(),
        },
      },
      now,
    );
    return decisionView(tx, d.id);
  });
}

/** A senior moderator rejects a pending decision: the item goes back to the queue. */
export async function rejectDecision(
  ctx: ServiceContext,
  actor: Actor,
  decisionId: string,
  note: string | undefined,
): Promise<DecisionView> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const d = await lockPending(tx, staff, decisionId);
    await tx
      .update(decisions)
      .set({
        status: 'rejected',
        approvedBy: staff.userId,
        approvedAt: now,
        reviewNote: note ?? null,
      })
      .where(eq(decisions.id, d.id));
    await tx
      .update(reviewItems)
      .set({ status: 'open', claimedBy: null, claimExpiresAt: null, closedAt: null })
      .where(eq(reviewItems.id, d.reviewItemId));
    await recordAuditEvent(
      ctx,
      {
        action: 'review.reject',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'decision',
        targetId: d.id,
        reason: d.reasonCode,
        detail: { outcome: d.outcome },
      },
      tx,
    );
    return decisionView(tx, d.id);
  });
}

/** The site's decisions waiting for approval, oldest first, each with its item. */
export async function listApprovals(
  ctx: ServiceContext,
  actor: Actor,
  settings: ReviewSettings,
): Promise<(DecisionView & { item: QueueItem })[]> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  const rows = await selectDecisions(ctx.db)
    .where(and(eq(decisions.orgId, staff.orgId), eq(decisions.status, 'pending_approval')))
    .orderBy(decisions.createdAt)
    .limit(500);
  if (rows.length === 0) return [];
  const items = new Map(
    (
      (await selectItems(ctx.db).where(
        inArray(
          reviewItems.id,
          rows.map((r) => r.itemId),
        ),
      )) as ItemRow[]
    ).map((r) => [r.id, toQueueItem(r, now, staff.userId, settings)]),
  );
  return rows.map((r) => ({ ...toDecisionView(r), item: items.get(r.itemId)! }));
}

/** An advert's decisions, newest first; NOT_FOUND for an advert outside the site. */
export async function advertDecisions(
  ctx: ServiceContext,
  actor: Actor,
  advertId: number,
): Promise<DecisionView[]> {
  const staff = staffOf(actor);
  const [own] = await ctx.db
    .select({ id: adverts.id })
    .from(adverts)
    .where(and(eq(adverts.id, advertId), eq(adverts.orgId, staff.orgId)));
  if (own === undefined) throw new AppError('NOT_FOUND', `no advert ${advertId}`);
  const rows = await selectDecisions(ctx.db)
    .where(and(eq(reviewItems.advertId, advertId), eq(decisions.orgId, staff.orgId)))
    .orderBy(desc(decisions.createdAt));
  return rows.map(toDecisionView);
}
