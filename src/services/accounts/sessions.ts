// Signed-in sessions. The cookie carries a random token; the store keeps only its SHA-256, so a
// copy of the database does not let anyone sign in. A session acts in one organisation at a time.
//
// The contract for the HTTP layer: while `verified` is false the session may reach the
// second-factor routes only (verification, or enrolment when `enrolmentRequired`), nothing else.
import { and, asc, eq } from 'drizzle-orm';
import type { Actor, OrgKind, Role } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { memberships, organisations, sessions, users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { isUuid, sha256Hex } from './secrets.ts';

export type UserActor = Extract<Actor, { kind: 'user' }>;

/** What a request signed in with a session token acts as. */
export interface ResolvedSession {
  readonly actor: UserActor;
  readonly userId: string;
  readonly orgId: string;
  /** Unsafe requests must send it in the x-csrf-token header. */
  readonly csrfToken: string;
  /** The second factor has been given (or none is required). */
  readonly verified: boolean;
  /** Not verified, and the user must first enrol a second factor. */
  readonly enrolmentRequired: boolean;
  readonly expiresAt: Date;
}

/** One organisation a user belongs to, with their roles there. */
export interface UserOrganisation {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly roles: Role[];
}

type SessionRow = typeof sessions.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** The live session behind a token and its user; undefined if missing, expired or disabled. */
export async function liveSession(
  ctx: ServiceContext,
  token: string,
): Promise<{ session: SessionRow; user: UserRow } | undefined> {
  if (token === '') return undefined;
  const [row] = await ctx.db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.tokenHash, sha256Hex(token)));
  if (row === undefined) return undefined;
  if (row.session.expiresAt.getTime() <= ctx.clock.now().getTime()) {
    await ctx.db.delete(sessions).where(eq(sessions.tokenHash, row.session.tokenHash));
    return undefined;
  }
  if (row.user.disabledAt !== null) return undefined;
  return row;
}

/** The organisations a user belongs to, first joined first, with their roles in each. */
export async function organisationsOf(db: Db, userId: string): Promise<UserOrganisation[]> {
  const rows = await db
    .select({
      id: organisations.id,
      slug: organisations.slug,
      name: organisations.name,
      kind: organisations.kind,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.orgId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(organisations.slug), asc(memberships.role));
  const byId = new Map<string, UserOrganisation>();
  for (const { role, ...org } of rows) {
    const entry = byId.get(org.id) ?? { ...org, roles: [] };
    entry.roles.push(role);
    byId.set(org.id, entry);
  }
  return [...byId.values()];
}

/** The session behind a token, or null when it is missing, expired or its user disabled. */
export async function resolveSession(
  ctx: ServiceContext,
  token: string,
): Promise<ResolvedSession | null> {
  const live = await liveSession(ctx, token);
  if (live === undefined) return null;
  const { session, user } = live;
  const orgId = session.orgId;
  if (orgId === null) return null;
  const rows = await ctx.db
    .select({ kind: organisations.kind, role: memberships.role })
    .from(organisations)
    .leftJoin(
      memberships,
      and(eq(memberships.orgId, organisations.id), eq(memberships.userId, user.id)),
    )
    .where(eq(organisations.id, orgId));
  const kind = rows[0]?.kind;
  if (kind === undefined) return null;
  const roles = rows.flatMap((r) => (r.role === null ? [] : [r.role]));
  const verified = session.verifiedAt !== null;
  return {
    // A member removed from the organisation keeps a session that can do nothing there.
    actor: { kind: 'user', userId: user.id, orgId, orgKind: kind, roles },
    userId: user.id,
    orgId,
    csrfToken: session.csrfToken,
    verified,
    enrolmentRequired: !verified && user.totpEnabledAt === null,
    expiresAt: session.expiresAt,
  };
}

/** Moves a verified session to another of the user's organisations; FORBIDDEN if not a member. */
export async function switchOrganisation(
  ctx: ServiceContext,
  input: { readonly token: string; readonly orgId: string },
): Promise<ResolvedSession> {
  const live = await liveSession(ctx, input.token);
  if (live === undefined) throw new AppError('UNAUTHENTICATED', 'sign in first');
  if (live.session.verifiedAt === null) {
    throw new AppError('UNAUTHENTICATED', 'give your second factor first');
  }
  const member = isUuid(input.orgId)
    ? await ctx.db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.userId, live.user.id), eq(memberships.orgId, input.orgId)))
        .limit(1)
    : [];
  if (member.length === 0) {
    throw new AppError('FORBIDDEN', 'you are not a member of that organisation');
  }
  await ctx.db
    .update(sessions)
    .set({ orgId: input.orgId })
    .where(eq(sessions.tokenHash, live.session.tokenHash));
  await recordAuditEvent(ctx, {
    action: 'auth.switch_org',
    orgId: input.orgId,
    actorUserId: live.user.id,
    detail: { from: live.session.orgId },
  });
  const resolved = await resolveSession(ctx, input.token);
  if (resolved === null) throw new AppError('UNAUTHENTICATED', 'the session has ended');
  return resolved;
}

/** Ends the session behind a token (nothing happens if there is none). */
export async function signOut(ctx: ServiceContext, token: string): Promise<void> {
  if (token === '') return;
  const [gone] = await ctx.db
    .delete(sessions)
    .where(eq(sessions.tokenHash, sha256Hex(token)))
    .returning({ userId: sessions.userId, orgId: sessions.orgId });
  if (gone !== undefined) {
    await recordAuditEvent(ctx, {
      action: 'auth.sign_out',
      orgId: gone.orgId,
      actorUserId: gone.userId,
    });
  }
}
