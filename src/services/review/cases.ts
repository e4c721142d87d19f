// Cases: a site's staff gather adverts and networks that belong together, with notes, into one
// investigation within their organisation. The timeline interleaves notes, members added and
// the decisions on member adverts. Notes may hold personal data: stored and shown to the site's
// staff, never logged or audited (the audit event says a note was added, not what it says).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import {
  adverts,
  caseMembers,
  caseNotes,
  cases,
  decisions,
  networkMembers,
  reviewItems,
  users,
} from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { selectDecisions, staffOf, toDecisionView } from './review-items.ts';
import type { DecisionView, PersonRef, Staff } from './review-items.ts';

export interface CaseView {
  readonly id: string;
  readonly title: string;
  readonly summary: string | null;
  readonly status: string;
  readonly createdAt: string;
  readonly createdBy: PersonRef | null;
}

export interface CaseListEntry {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly createdAt: string;
  readonly itemCount: number;
}

export interface CaseMemberView {
  readonly advertId: string | null;
  readonly networkId: string | null;
  readonly addedAt: string;
}

export interface TimelineEntry {
  readonly at: string;
  readonly kind: 'decision' | 'note' | 'member';
  readonly by: PersonRef;
  readonly text: string | null;
  readonly decision?: DecisionView;
}

const person = (userId: string | null, name: string | null): PersonRef => ({
  userId: userId ?? '',
  displayName: name ?? '(removed)',
});

async function caseRow(db: Db, staff: Staff, caseId: string) {
  const [row] = await db
    .select({
      id: cases.id,
      title: cases.title,
      summary: cases.summary,
      status: cases.status,
      createdAt: cases.createdAt,
      createdBy: cases.createdBy,
      creatorName: users.displayName,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.createdBy))
    .where(and(eq(cases.id, caseId), eq(cases.orgId, staff.orgId)));
  if (row === undefined) throw new AppError('NOT_FOUND', `no case ${caseId}`);
  return row;
}

/** Opens a case in the actor's site. */
export async function createCase(
  ctx: ServiceContext,
  actor: Actor,
  input: { title: string; summary?: string | undefined },
): Promise<CaseView> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  const id = await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(cases)
      .values({
        orgId: staff.orgId,
        title: input.title,
        summary: input.summary ?? null,
        createdBy: staff.userId,
        createdAt: now,
      })
      .returning({ id: cases.id });
    await recordAuditEvent(
      ctx,
      {
        action: 'case.create',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'case',
        targetId: row!.id,
      },
      tx,
    );
    return row!.id;
  });
  return toCaseView(await caseRow(ctx.db, staff, id));
}

function toCaseView(r: Awaited<ReturnType<typeof caseRow>>): CaseView {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy === null ? null : person(r.createdBy, r.creatorName),
  };
}

/** The site's cases, newest first (the latest 500), with how many members each has. */
export async function listCases(ctx: ServiceContext, actor: Actor): Promise<CaseListEntry[]> {
  const staff = staffOf(actor);
  const rows = await ctx.db
    .select({
      id: cases.id,
      title: cases.title,
      status: cases.status,
      createdAt: cases.createdAt,
    })
    .from(cases)
    .where(eq(cases.orgId, staff.orgId))
    .orderBy(desc(cases.createdAt), desc(cases.id))
    .limit(500);
  const counts =
    rows.length === 0
      ? []
      : await ctx.db
          .select({ caseId: caseMembers.caseId, n: sql<number>`count(*)::int` })
          .from(caseMembers)
          .where(
            inArray(
              caseMembers.caseId,
              rows.map((r) => r.id),
            ),
          )
          .groupBy(caseMembers.caseId);
  const countOf = new Map(counts.map((c) => [c.caseId, Number(c.n)]));
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    itemCount: countOf.get(r.id) ?? 0,
  }));
}

/** A case with its members and its timeline (oldest first). */
export async function getCase(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
): Promise<{ case: CaseView; members: CaseMemberView[]; timeline: TimelineEntry[] }> {
  const staff = staffOf(actor);
  const row = await caseRow(ctx.db, staff, caseId);
  const members = await ctx.db
    .select({
      advertId: caseMembers.advertId,
      networkId: caseMembers.networkId,
      addedAt: caseMembers.addedAt,
      addedBy: caseMembers.addedBy,
      name: users.displayName,
    })
    .from(caseMembers)
    .leftJoin(users, eq(users.id, caseMembers.addedBy))
    .where(eq(caseMembers.caseId, caseId))
    .orderBy(asc(caseMembers.addedAt), asc(caseMembers.id));
  const notes = await ctx.db
    .select({
      text: caseNotes.text,
      createdAt: caseNotes.createdAt,
      createdBy: caseNotes.createdBy,
      name: users.displayName,
    })
    .from(caseNotes)
    .leftJoin(users, eq(users.id, caseNotes.createdBy))
    .where(eq(caseNotes.caseId, caseId));
  // Decisions on the member adverts, and on the site's adverts in the member networks.
  const advertIds = members.flatMap((m) => (m.advertId !== null ? [m.advertId] : []));
  const networkIds = members.flatMap((m) => (m.networkId !== null ? [m.networkId] : []));
  const inNetworks =
    networkIds.length === 0
      ? []
      : (
          await ctx.db
            .select({ advertId: networkMembers.advertId })
            .from(networkMembers)
            .where(
              and(
                inArray(networkMembers.networkId, networkIds),
                eq(networkMembers.orgId, staff.orgId),
              ),
            )
        ).map((r) => r.advertId);
  const all = [...new Set([...advertIds, ...inNetworks])];
  const decided =
    all.length === 0
      ? []
      : await selectDecisions(ctx.db).where(
          and(inArray(reviewItems.advertId, all), eq(decisions.orgId, staff.orgId)),
        );
  const timeline: TimelineEntry[] = [
    ...members.map((m) => ({
      at: m.addedAt.toISOString(),
      kind: 'member' as const,
      by: person(m.addedBy, m.name),
      text: m.advertId !== null ? `advert ${m.advertId}` : `network ${m.networkId}`,
    })),
    ...notes.map((n) => ({
      at: n.createdAt.toISOString(),
      kind: 'note' as const,
      by: person(n.createdBy, n.name),
      text: n.text,
    })),
    ...decided.map((d) => {
      const decision = toDecisionView(d);
      return {
        at: decision.decidedAt,
        kind: 'decision' as const,
        by: decision.decidedBy,
        text: null,
        decision,
      };
    }),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return {
    case: toCaseView(row),
    members: members.map((m) => ({
      advertId: m.advertId === null ? null : String(m.advertId),
      networkId: m.networkId,
      addedAt: m.addedAt.toISOString(),
    })),
    timeline,
  };
}

/** Adds one of the site's adverts or networks to a case (adding it again changes nothing). */
export async function addCaseMember(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  input: { advertId?: string | undefined; networkId?: string | undefined },
): Promise<CaseMemberView> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  await caseRow(ctx.db, staff, caseId);
  if ((input.advertId === undefined) === (input.networkId === undefined)) {
    throw new AppError('INVALID_INPUT', 'add either an advert (advertId) or a network (networkId)');
  }
  let advertId: number | null = null;
  if (input.advertId !== undefined) {
    const id = Number(input.advertId);
    const [own] = Number.isSafeInteger(id)
      ? await ctx.db
          .select({ id: adverts.id })
          .from(adverts)
          .where(and(eq(adverts.id, id), eq(adverts.orgId, staff.orgId)))
      : [];
    if (own === undefined) throw new AppError('NOT_FOUND', `no advert ${input.advertId}`);
    advertId = own.id;
  } else {
    const [member] = await ctx.db
      .select({ id: networkMembers.advertId })
      .from(networkMembers)
      .where(
        and(eq(networkMembers.networkId, input.networkId!), eq(networkMembers.orgId, staff.orgId)),
      )
      .limit(1);
    if (member === undefined) throw new AppError('NOT_FOUND', `no network ${input.networkId}`);
  }
  const networkId = advertId === null ? input.networkId! : null;
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const added = await tx
      .insert(caseMembers)
      .values({ caseId, advertId, networkId, addedBy: staff.userId, addedAt: now })
      .onConflictDoNothing()
      .returning({ id: caseMembers.id });
    if (added.length === 0) return;
    await recordAuditEvent(
      ctx,
      {
        action: 'case.add_member',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'case',
        targetId: caseId,
        detail: advertId !== null ? { advertId: String(advertId) } : { networkId },
      },
      tx,
    );
  });
  const [row] = await ctx.db
    .select({ addedAt: caseMembers.addedAt })
    .from(caseMembers)
    .where(
      and(
        eq(caseMembers.caseId, caseId),
        advertId !== null
          ? eq(caseMembers.advertId, advertId)
          : eq(caseMembers.networkId, networkId!),
      ),
    );
  return {
    advertId: advertId === null ? null : String(advertId),
    networkId,
    addedAt: (row?.addedAt ?? now).toISOString(),
  };
}

/** Adds a note to a case; the audit trail records that a note was added, not its text. */
export async function addCaseNote(
  ctx: ServiceContext,
  actor: Actor,
  caseId: string,
  text: string,
): Promise<{ id: string; at: string }> {
  const staff = staffOf(actor);
  const now = ctx.clock.now();
  await caseRow(ctx.db, staff, caseId);
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(caseNotes)
      .values({ caseId, text, createdBy: staff.userId, createdAt: now })
      .returning({ id: caseNotes.id });
    await recordAuditEvent(
      ctx,
      {
        action: 'case.note',
        orgId: staff.orgId,
        actorUserId: staff.userId,
        targetType: 'case',
        targetId: caseId,
        detail: { noteId: row!.id },
      },
      tx,
    );
    return { id: row!.id, at: now.toISOString() };
  });
}
