// Signs a person in with email and password. Wrong email and wrong password get the same answer
// in about the same time (an unknown email is checked against a dummy hash), consecutive failures
// lock the account for a while, and the new session waits for the second factor when one is
// enabled or required.
import { inArray, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { organisations, sessions, users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { assertNotLocked, recordFailedLogin, resetFailedLogins } from './login-throttle.ts';
import { MAX_PASSWORD_LENGTH } from './password-policy.ts';
import { organisationsOf } from './sessions.ts';
import type { UserOrganisation } from './sessions.ts';
import { randomToken, sha256Hex, verifyDummy, verifySecret } from './secrets.ts';

export interface SignInInput {
  readonly email: string;
  readonly password: string;
  readonly sessionHours: number;
  readonly maxFailures: number;
  readonly lockMinutes: number;
}

export interface SignInResult {
  /** For the session cookie; shown once, stored only as its SHA-256. */
  readonly sessionToken: string;
  readonly csrfToken: string;
  /**
   * required: give a TOTP or recovery code next; enrol: set up TOTP next (an organisation of
   * the user's requires it); none: the session is ready.
   */
  readonly secondFactor: 'required' | 'enrol' | 'none';
  readonly orgs: UserOrganisation[];
}

const WRONG = 'email or password is wrong';

/** Checks the password and opens a session; UNAUTHENTICATED or RATE_LIMITED otherwise. */
export async function signIn(ctx: ServiceContext, input: SignInInput): Promise<SignInResult> {
  // Overlong input is refused before hashing it; the same answer keeps accounts private.
  const password = input.password.length > 4 * MAX_PASSWORD_LENGTH ? '' : input.password;
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${input.email.trim()})`)
    .limit(1);
  if (user === undefined || user.disabledAt !== null) {
    await verifyDummy(password);
    await recordAuditEvent(ctx, {
      action: 'auth.sign_in_failed',
      actorUserId: user?.id ?? null,
      detail: { step: 'password', reason: user === undefined ? 'unknown_account' : 'disabled' },
    });
    throw new AppError('UNAUTHENTICATED', WRONG);
  }
  const now = ctx.clock.now();
  assertNotLocked(user, now);
  if (password === '' || !(await verifySecret(user.passwordHash, password))) {
    await recordFailedLogin(ctx, user.id, 'password', input);
    throw new AppError('UNAUTHENTICATED', WRONG);
  }

  const orgs = await organisationsOf(ctx.db, user.id);
  const first = orgs[0];
  if (first === undefined) {
    throw new AppError('FORBIDDEN', 'your account belongs to no organisation; ask an admin');
  }
  const secondFactor =
    user.totpEnabledAt !== null
      ? 'required'
      : (await anyRequiresTwoFactor(
            ctx.db,
            orgs.map((o) => o.id),
          ))
        ? 'enrol'
        : 'none';

  const sessionToken = randomToken(32);
  const csrfToken = randomToken(32);
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await resetFailedLogins(tx, user.id);
    await tx.insert(sessions).values({
      tokenHash: sha256Hex(sessionToken),
      userId: user.id,
      orgId: first.id,
      verifiedAt: secondFactor === 'none' ? now : null,
      csrfToken,
      expiresAt: new Date(now.getTime() + input.sessionHours * 3_600_000),
      createdAt: now,
    });
    await recordAuditEvent(
      ctx,
      { action: 'auth.sign_in', orgId: first.id, actorUserId: user.id, detail: { secondFactor } },
      tx,
    );
  });
  return { sessionToken, csrfToken, secondFactor, orgs };
}

/** Whether any of these organisations requires two-factor sign-in. */
async function anyRequiresTwoFactor(db: Db, orgIds: string[]): Promise<boolean> {
  const rows = await db
    .select({ require: organisations.requireTwoFactor })
    .from(organisations)
    .where(inArray(organisations.id, orgIds));
  return rows.some((r) => r.require);
}
