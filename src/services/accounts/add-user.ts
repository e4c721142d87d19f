// Adds a person to an organisation with one or more roles, creating their account when the email
// is new. The roles must be ones the organisation's kind may give (a police force has no
// moderators); an existing account keeps its password.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { roleAllowedIn } from '../../core/auth/permissions.ts';
import { ROLES } from '../../core/auth/roles.ts';
import type { Role } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { memberships, organisations, users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { passwordProblems } from './password-policy.ts';
import { hashSecret, isUniqueViolation, isUuid, parseInput } from './secrets.ts';

export interface AddUserInput {
  readonly email: string;
  readonly displayName: string;
  /** The new account's password; ignored when the account already exists. */
  readonly password: string;
  readonly orgId: string;
  readonly roles: readonly Role[];
  /** Who asked (a site or platform admin); absent from the command line. */
  readonly actorUserId?: string | null;
}

export interface AddedUser {
  readonly id: string;
  readonly email: string;
  /** False when the email already had an account: only memberships were added. */
  readonly created: boolean;
}

const inputSchema = z.object({
  email: z
    .string()
    .trim()
    .max(254, 'at most 254 characters')
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'must be an email address'),
  displayName: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  roles: z.array(z.enum(ROLES)).min(1, 'give at least one role'),
  orgId: z.string(),
});

/** Adds the user (new or existing, email case-insensitive) to the organisation with the roles. */
export async function addUser(ctx: ServiceContext, input: AddUserInput): Promise<AddedUser> {
  const v = parseInput(inputSchema, input, 'user');
  const [org] = isUuid(v.orgId)
    ? await ctx.db.select().from(organisations).where(eq(organisations.id, v.orgId))
    : [];
  if (org === undefined) throw new AppError('NOT_FOUND', 'no such organisation');
  const roles = [...new Set(v.roles)];
  const refused = roles.filter((r) => !roleAllowedIn(org.kind, r));
  if (refused.length > 0) {
    throw new AppError(
      'INVALID_INPUT',
      `a ${org.kind} organisation cannot give the role${refused.length > 1 ? 's' : ''} ` +
        refused.join(', '),
    );
  }

  let existing = await findUserByEmail(ctx.db, v.email);
  let passwordHash: string | undefined;
  if (existing === undefined) {
    const problems = passwordProblems(input.password, v.email);
    if (problems.length > 0) {
      throw new AppError('INVALID_INPUT', 'the password is not acceptable', problems);
    }
    // Hashed outside the transaction: it takes a while and needs no lock.
    passwordHash = await hashSecret(input.password);
  }

  try {
    return await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const now = ctx.clock.now();
      let created = false;
      if (existing === undefined && passwordHash !== undefined) {
        const [row] = await tx
          .insert(users)
          .values({ email: v.email, displayName: v.displayName, passwordHash, createdAt: now })
          .returning({ id: users.id, email: users.email });
        existing = row;
        created = true;
      }
      if (existing === undefined) throw new Error('insert returned no user');
      const userId = existing.id;
      const added = await tx
        .insert(memberships)
        .values(roles.map((role) => ({ userId, orgId: org.id, role, createdAt: now })))
        .onConflictDoNothing()
        .returning({ role: memberships.role });
      if (created) {
        await recordAuditEvent(
          ctx,
          {
            action: 'user.create',
            actorUserId: input.actorUserId ?? null,
            targetType: 'user',
            targetId: userId,
          },
          tx,
        );
      }
      if (added.length > 0) {
        await recordAuditEvent(
          ctx,
          {
            action: 'membership.add',
            orgId: org.id,
            actorUserId: input.actorUserId ?? null,
            targetType: 'user',
            targetId: userId,
            detail: { roles: added.map((a) => a.role) },
          },
          tx,
        );
      }
      return { id: userId, email: existing.email, created };
    });
  } catch (err) {
    // Two requests adding the same new email at once: the second finds the unique index.
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', 'an account with this email was created at the same time');
    }
    throw err;
  }
}

/** The account with this email, compared case-insensitively. */
export async function findUserByEmail(
  db: Db,
  email: string,
): Promise<{ id: string; email: string } | undefined> {
  const [row] = await db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(sql`lower(${users.email}) = lower(${email.trim()})`)
    .limit(1);
  return row;
}
