import { eq } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveSession } from '../../src/services/accounts/sessions.ts';
import { signIn } from '../../src/services/accounts/sign-in.ts';
import {
  beginTotpEnrolment,
  confirmTotpEnrolment,
  verifySecondFactor,
} from '../../src/services/accounts/two-factor.ts';
import { manualClock } from '../../src/services/context.ts';
import type { Clock, ServiceContext } from '../../src/services/context.ts';
import type { Store } from '../../src/store/open-store.ts';
import { auditEvents, recoveryCodes, users } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';
import { newOrg, newUser, PASSWORD, rejectsWith } from './fixtures.ts';

const LIMITS = { sessionHours: 12, maxFailures: 3, lockMinutes: 15 };

/** The code an authenticator shows at the clock's time, `stepsAgo` steps back. */
const codeAt = (secret: string, clock: Clock, stepsAgo = 0) =>
  generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) - stepsAgo * 30 });

for (const target of await storeTargets()) {
  describe(`two-factor sign-in (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext;
    let clock: ReturnType<typeof manualClock>;
    // One enrolled user serves the suite: enrolment hashes ten recovery codes.
    let email: string;
    let userId: string;
    let secret: string;
    let recovery: string[];

    beforeAll(async () => {
      store = await target.open();
      // Mid-step, so "one step either side" is unambiguous.
      clock = manualClock(new Date('2026-03-01T09:00:10Z'));
      ctx = { db: store.db, clock };
      const site = await newOrg(ctx, 'site');
      ({ email, id: userId } = await newUser(ctx, site, ['moderator']));
    });
    afterAll(() => store.close());

    it('enrols: the first code turns TOTP on, verifies the session and gives ten codes', async () => {
      const first = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      expect(first.secondFactor).toBe('enrol');
      const begun = await beginTotpEnrolment(ctx, { userId, issuer: 'Beacon test' });
      secret = begun.secret;
      expect(begun.otpauthUrl).toMatch(/^otpauth:\/\/totp\/Beacon%20test:/);
      expect(begun.otpauthUrl).toContain(`secret=${secret}`);
      await rejectsWith(
        confirmTotpEnrolment(ctx, { userId, sessionToken: first.sessionToken, code: '000000' }),
        'UNAUTHENTICATED',
      );
      const done = await confirmTotpEnrolment(ctx, {
        userId,
        sessionToken: first.sessionToken,
        code: await codeAt(secret, clock),
      });
      recovery = done.recoveryCodes;
      expect(recovery).toHaveLength(10);
      expect(new Set(recovery).size).toBe(10);
      for (const c of recovery) expect(c).toMatch(/^[a-z2-7]{5}-[a-z2-7]{5}$/);
      const stored = await store.db
        .select()
        .from(recoveryCodes)
        .where(eq(recoveryCodes.userId, userId));
      expect(stored).toHaveLength(10);
      for (const row of stored) expect(row.codeHash).toMatch(/^\$argon2id\$/);
      expect(await resolveSession(ctx, first.sessionToken)).toMatchObject({ verified: true });
      await rejectsWith(beginTotpEnrolment(ctx, { userId }), 'CONFLICT');
    });

    it('asks for the code at the next sign-in and accepts one within a step of now', async () => {
      clock.advance(60_000);
      const r = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      expect(r.secondFactor).toBe('required');
      expect(await resolveSession(ctx, r.sessionToken)).toMatchObject({
        verified: false,
        enrolmentRequired: false,
      });
      // The authenticator's clock is 30 s behind: still accepted.
      const ok = await verifySecondFactor(ctx, {
        sessionToken: r.sessionToken,
        code: await codeAt(secret, clock, 1),
      });
      expect(ok.method).toBe('totp');
      expect(await resolveSession(ctx, r.sessionToken)).toMatchObject({ verified: true });
    });

    it('refuses a wrong code, a code from three steps ago, and a code used before', async () => {
      clock.advance(120_000);
      const r = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      const code = await codeAt(secret, clock);
      const wrong = code === '123456' ? '654321' : '123456';
      await rejectsWith(
        verifySecondFactor(ctx, { sessionToken: r.sessionToken, code: wrong }),
        'UNAUTHENTICATED',
      );
      await rejectsWith(
        verifySecondFactor(ctx, {
          sessionToken: r.sessionToken,
          code: await codeAt(secret, clock, 3),
        }),
        'UNAUTHENTICATED',
      );
      const [row] = await store.db.select().from(users).where(eq(users.id, userId));
      expect(row?.failedLogins).toBe(2);
      await verifySecondFactor(ctx, { sessionToken: r.sessionToken, code, ...LIMITS });
      expect(
        (await store.db.select().from(users).where(eq(users.id, userId)))[0]?.failedLogins,
      ).toBe(0);
      // Replay of the same code in another session (RFC 6238 §5.2).
      const again = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      await rejectsWith(
        verifySecondFactor(ctx, { sessionToken: again.sessionToken, code, ...LIMITS }),
        'UNAUTHENTICATED',
      );
      expect(await resolveSession(ctx, again.sessionToken)).toMatchObject({ verified: false });
    });

    it('accepts a recovery code once only, however it is typed', async () => {
      clock.advance(120_000);
      const a = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      const code = recovery[0] as string;
      const used = await verifySecondFactor(ctx, {
        sessionToken: a.sessionToken,
        code: ` ${code.toUpperCase()} `,
        ...LIMITS,
      });
      expect(used).toEqual({ method: 'recovery_code', recoveryCodesLeft: 9 });
      const b = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      await rejectsWith(
        verifySecondFactor(ctx, { sessionToken: b.sessionToken, code, ...LIMITS }),
        'UNAUTHENTICATED',
      );
      const actions = (await store.db.select().from(auditEvents)).map((e) => e.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'auth.totp_enrolled',
          'auth.second_factor',
          'auth.recovery_code_used',
        ]),
      );
      // Clear the failure left above so the next test starts clean.
      await verifySecondFactor(ctx, {
        sessionToken: b.sessionToken,
        code: await codeAt(secret, clock),
      });
    });

    it('locks the account after repeated wrong codes', async () => {
      clock.advance(120_000);
      const r = await signIn(ctx, { email, password: PASSWORD, ...LIMITS });
      for (let i = 0; i < LIMITS.maxFailures; i++) {
        await rejectsWith(
          verifySecondFactor(ctx, { sessionToken: r.sessionToken, code: '000000', ...LIMITS }),
          'UNAUTHENTICATED',
        );
      }
      await rejectsWith(
        verifySecondFactor(ctx, {
          sessionToken: r.sessionToken,
          code: await codeAt(secret, clock),
          ...LIMITS,
        }),
        'RATE_LIMITED',
      );
      await rejectsWith(signIn(ctx, { email, password: PASSWORD, ...LIMITS }), 'RATE_LIMITED');
      clock.advance(LIMITS.lockMinutes * 60_000 + 1000);
      await verifySecondFactor(ctx, {
        sessionToken: r.sessionToken,
        code: await codeAt(secret, clock),
        ...LIMITS,
      });
    });

    it('needs a live session to verify', async () => {
      await rejectsWith(
        verifySecondFactor(ctx, { sessionToken: 'no-such-session', code: '123456' }),
        'UNAUTHENTICATED',
      );
    });
  });
}
