// Login throttling shared by password and second-factor checks: consecutive failures are counted
// on the user's row; reaching the limit locks the account for a while and starts a new count.
import { eq, sql } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';

export interface ThrottleOptions {
  /** Consecutive failures that lock the account. */
  readonly maxFailures: number;
  /** How long a lock lasts. */
  readonly lockMinutes: number;
}

/** The configuration's defaults (BEACON_LOGIN_MAX_FAILURES, BEACON_LOGIN_LOCK_MINUTES). */
export const DEFAULT_THROTTLE: ThrottleOptions = { maxFailures: 5, lockMinutes: 15 };

/** The message of an account locked until `until`. */
export function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'RATE_LIMITED',
    `too many failed sign-ins: try again in ${minutes} minute${minutes === 1 ? '' : 's'} ` +
      `(after ${until.toISOString()})`,
    [`retry after ${seconds} s`],
  );
}

/** Throws RATE_LIMITED while the user's account is locked. */
export function assertNotLocked(user: { lockedUntil: Date | null }, now: Date): void {
  if (user.lockedUntil !== null && user.lockedUntil.getTime() > now.getTime()) {
    throw lockedError(user.lockedUntil, now);
  }
}

/**
 * Counts a failed sign-in (wrong password or code) and locks the account when it reaches the
 * limit; audits both. Returns when the account is now locked until, if it is.
 */
export async function recordFailedLogin(
  ctx: ServiceContext,
  userId: string,
  step: 'password' | 'second_factor',
  options: ThrottleOptions,
): Promise<Date | null> {
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const now = ctx.clock.now();
    // Incremented in SQL so concurrent failures each count.
    const [row] = await tx
      .update(users)
      .set({ failedLogins: sql`${users.failedLogins} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedLogins: users.failedLogins });
    await recordAuditEvent(
      ctx,
      { action: 'auth.sign_in_failed', actorUserId: userId, detail: { step } },
      tx,
    );
    if (row === undefined || row.failedLogins < options.maxFailures) return null;
    const until = new Date(now.getTime() + options.lockMinutes * 60_000);
    await tx.update(users).set({ failedLogins: 0, lockedUntil: until }).where(eq(users.id, userId));
    await recordAuditEvent(
      ctx,
      {
        action: 'auth.locked',
        actorUserId: userId,
        detail: { failures: row.failedLogins, until: until.toISOString() },
      },
      tx,
    );
    return until;
  });
}

/** Clears the failure count and any lock after a successful sign-in step. */
export async function resetFailedLogins(db: Db, userId: string): Promise<void> {
  await db.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, userId));
}
