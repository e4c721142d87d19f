// TOTP two-factor sign-in (RFC 6238: 30 s steps, 6 digits, SHA-1, as authenticator apps expect)
// with ten one-time recovery codes. Time comes from ctx.clock, never the library's own clock, and
// an accepted time step is remembered so the same code is never accepted twice (RFC 6238 §5.2).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { generateSecret, generateURI, verify as verifyTotp } from 'otplib';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { recoveryCodes, sessions, users } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import {
  assertNotLocked,
  DEFAULT_THROTTLE,
  recordFailedLogin,
  resetFailedLogins,
} from './login-throttle.ts';
import type { ThrottleOptions } from './login-throttle.ts';
import { hashSecret, isUuid, randomBase32, verifySecret } from './secrets.ts';
import { liveSession } from './sessions.ts';

export const TOTP_PERIOD_SECONDS = 30;
/** One step either side, for clocks that drift and people who type slowly. */
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS;
const RECOVERY_CODE_COUNT = 10;

/** Begins enrolment: a new secret (kept on the account, not yet enabled) and its otpauth URL. */
export async function beginTotpEnrolment(
  ctx: ServiceContext,
  input: { readonly userId: string; readonly issuer?: string },
): Promise<{ secret: string; otpauthUrl: string }> {
  const [user] = isUuid(input.userId)
    ? await ctx.db.select().from(users).where(eq(users.id, input.userId))
    : [];
  if (user === undefined) throw new AppError('NOT_FOUND', 'no such user');
  if (user.totpEnabledAt !== null) {
    throw new AppError('CONFLICT', 'two-factor sign-in is already set up for this account');
  }
  const secret = generateSecret({ length: 20 });
  await ctx.db
    .update(users)
    .set({ totpSecret: secret, totpLastStep: null })
    .where(eq(users.id, user.id));
  const otpauthUrl = generateURI({
    issuer: input.issuer ?? 'Beacon',
    label: user.email,
    secret,
    period: TOTP_PERIOD_SECONDS,
    digits: 6,
  });
  return { secret, otpauthUrl };
}

/**
 * Finishes enrolment with a first code from the authenticator: enables TOTP, replaces the
 * recovery codes (returned once, stored hashed) and marks the session verified.
 */
export async function confirmTotpEnrolment(
  ctx: ServiceContext,
  input: {
    readonly userId: string;
    readonly sessionToken: string;
    readonly code: string;
  } & Partial<ThrottleOptions>,
): Promise<{ recoveryCodes: string[] }> {
  const live = await liveSession(ctx, input.sessionToken);
  if (live === undefined || live.user.id !== input.userId) {
    throw new AppError('UNAUTHENTICATED', 'sign in first');
  }
  const { user, session } = live;
  if (user.totpEnabledAt !== null) {
    throw new AppError('CONFLICT', 'two-factor sign-in is already set up for this account');
  }
  if (user.totpSecret === null) {
    throw new AppError('INVALID_INPUT', 'begin enrolment first: there is no secret to confirm');
  }
  const now = ctx.clock.now();
  assertNotLocked(user, now);
  const step = await totpStep(user.totpSecret, input.code, now, null);
  if (step === null) {
    await recordFailedLogin(ctx, user.id, 'second_factor', throttle(input));
    throw new AppError('UNAUTHENTICATED', 'the code is wrong');
  }
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = await Promise.all(codes.map((c) => hashSecret(normaliseRecoveryCode(c))));
  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    await tx
      .update(users)
      .set({ totpEnabledAt: now, totpLastStep: step, failedLogins: 0, lockedUntil: null })
      .where(eq(users.id, user.id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    await tx
      .insert(recoveryCodes)
      .values(hashes.map((codeHash) => ({ userId: user.id, codeHash, createdAt: now })));
    await tx
      .update(sessions)
      .set({ verifiedAt: now })
      .where(eq(sessions.tokenHash, session.tokenHash));
    await recordAuditEvent(
      ctx,
      { action: 'auth.totp_enrolled', orgId: session.orgId, actorUserId: user.id },
      tx,
    );
  });
  return { recoveryCodes: codes };
}

/**
 * Completes sign-in with a TOTP code or an unused recovery code (which is then used up). A wrong
 * code is UNAUTHENTICATED and counts as a failed sign-in.
 */
export async function verifySecondFactor(
  ctx: ServiceContext,
  input: { readonly sessionToken: string; readonly code: string } & Partial<ThrottleOptions>,
): Promise<{ method: 'totp' | 'recovery_code'; recoveryCodesLeft: number | null }> {
  const live = await liveSession(ctx, input.sessionToken);
  if (live === undefined) throw new AppError('UNAUTHENTICATED', 'sign in first');
  const { user, session } = live;
  if (user.totpEnabledAt === null || user.totpSecret === null) {
    throw new AppError('INVALID_INPUT', 'set up two-factor sign-in first');
  }
  const now = ctx.clock.now();
  assertNotLocked(user, now);

  const step = await totpStep(user.totpSecret, input.code, now, user.totpLastStep);
  let method: 'totp' | 'recovery_code' = 'totp';
  let recoveryCodesLeft: number | null = null;
  if (step === null) {
    const left = await useRecoveryCode(ctx.db, user.id, input.code, now);
    if (left === null) {
      await recordFailedLogin(ctx, user.id, 'second_factor', throttle(input));
      throw new AppError('UNAUTHENTICATED', 'the code is wrong');
    }
    method = 'recovery_code';
    recoveryCodesLeft = left;
  }

  await ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    if (step !== null) {
      // Conditional, so two requests racing with one code cannot both pass.
      const [won] = await tx
        .update(users)
        .set({ totpLastStep: step })
        .where(and(eq(users.id, user.id), stepStillUnused(step)))
        .returning({ id: users.id });
      if (won === undefined) throw new AppError('UNAUTHENTICATED', 'the code is wrong');
    }
    await resetFailedLogins(tx, user.id);
    await tx
      .update(sessions)
      .set({ verifiedAt: now })
      .where(eq(sessions.tokenHash, session.tokenHash));
    if (method === 'recovery_code') {
      await recordAuditEvent(
        ctx,
        {
          action: 'auth.recovery_code_used',
          orgId: session.orgId,
          actorUserId: user.id,
          detail: { left: recoveryCodesLeft },
        },
        tx,
      );
    }
    await recordAuditEvent(
      ctx,
      {
        action: 'auth.second_factor',
        orgId: session.orgId,
        actorUserId: user.id,
        detail: { method },
      },
      tx,
    );
  });
  return { method, recoveryCodesLeft };
}

/** A recovery code as shown: ten base32 characters in two groups (50 random bits). */
function newRecoveryCode(): string {
  const c = randomBase32(10);
  return `${c.slice(0, 5)}-${c.slice(5)}`;
}

/** Codes are compared without case, spaces or hyphens, as people type them. */
function normaliseRecoveryCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * The time step a six-digit code matches within one step of now, or null. A step at or before
 * `lastStep` was already used and does not count.
 */
async function totpStep(
  secret: string,
  code: string,
  now: Date,
  lastStep: number | null,
): Promise<number | null> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return null;
  const epoch = Math.floor(now.getTime() / 1000);
  const result = await verifyTotp({
    secret,
    token,
    epoch,
    period: TOTP_PERIOD_SECONDS,
    epochTolerance: TOLERANCE_SECONDS,
    ...(lastStep === null ? {} : { afterTimeStep: lastStep }),
  });
  return result.valid ? Math.floor(epoch / TOTP_PERIOD_SECONDS) + result.delta : null;
}

/** Uses up a matching unused recovery code; how many are left, or null when none matched. */
async function useRecoveryCode(
  db: Db,
  userId: string,
  code: string,
  now: Date,
): Promise<number | null> {
  const typed = normaliseRecoveryCode(code);
  if (!/^[a-z2-7]{10}$/.test(typed)) return null;
  const unused = await db
    .select({ id: recoveryCodes.id, codeHash: recoveryCodes.codeHash })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  for (const row of unused) {
    if (!(await verifySecret(row.codeHash, typed))) continue;
    // Conditional on still being unused: a code raced twice is used once.
    const [used] = await db
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.id, row.id), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return used === undefined ? null : unused.length - 1;
  }
  return null;
}

function stepStillUnused(step: number) {
  return sql`(${users.totpLastStep} is null or ${users.totpLastStep} < ${step})`;
}

function throttle(input: Partial<ThrottleOptions>): ThrottleOptions {
  return {
    maxFailures: input.maxFailures ?? DEFAULT_THROTTLE.maxFailures,
    lockMinutes: input.lockMinutes ?? DEFAULT_THROTTLE.lockMinutes,
  };
}
