import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/services/accounts/add-user.ts';
import {
  resolveSession,
  signOut,
  switchOrganisation,
} from '../../src/services/accounts/sessions.ts';
import { signIn } from '../../src/services/accounts/sign-in.ts';
import { sha256Hex } from '../../src/services/accounts/secrets.ts';
import { manualClock } from '../../src/services/context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { Store } from '../../src/store/open-store.ts';
import { auditEvents, sessions, users } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';
import { newOrg, newUser, PASSWORD, rejectsWith } from './fixtures.ts';

const LIMITS = { sessionHours: 12, maxFailures: 3, lockMinutes: 15 };

for (const target of await storeTargets()) {
  describe(`sign-in and sessions (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext;
    let clock: ReturnType<typeof manualClock>;
    beforeAll(async () => {
      store = await target.open();
      clock = manualClock();
      ctx = { db: store.db, clock };
    });
    afterAll(() => store.close());

    it('signs in with the right password; a site asks for two-factor enrolment', async () => {
      const site = await newOrg(ctx, 'site');
      const user = await newUser(ctx, site, ['moderator']);
      const r = await signIn(ctx, {
        email: user.email.toUpperCase(),
        password: PASSWORD,
        ...LIMITS,
      });
      expect(r.secondFactor).toBe('enrol');
      expect(r.sessionToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(r.csrfToken).not.toBe(r.sessionToken);
      expect(r.orgs).toEqual([
        { id: site.id, slug: site.slug, name: site.name, kind: 'site', roles: ['moderator'] },
      ]);
      // Only the token's SHA-256 is stored.
      const [row] = await store.db
        .select()
        .from(sessions)
        .where(eq(sessions.tokenHash, sha256Hex(r.sessionToken)));
      expect(row?.verifiedAt).toBeNull();
      const s = await resolveSession(ctx, r.sessionToken);
      expect(s).toMatchObject({
        userId: user.id,
        orgId: site.id,
        csrfToken: r.csrfToken,
        verified: false,
        enrolmentRequired: true,
        actor: {
          kind: 'user',
          userId: user.id,
          orgId: site.id,
          orgKind: 'site',
          roles: ['moderator'],
        },
      });
    });

    it('opens a ready session where no organisation requires a second factor', async () => {
      const research = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['researcher']);
      const r = await signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS });
      expect(r.secondFactor).toBe('none');
      expect(await resolveSession(ctx, r.sessionToken)).toMatchObject({
        verified: true,
        enrolmentRequired: false,
      });
    });

    it('gives the same answer for a wrong password and an unknown email', async () => {
      const research = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['peer_researcher']);
      const wrong = await rejectsWith(
        signIn(ctx, { email: user.email, password: 'not-the-password-at-all', ...LIMITS }),
        'UNAUTHENTICATED',
      );
      // The unknown email is checked against a dummy hash: same error, same message.
      const unknown = await rejectsWith(
        signIn(ctx, { email: 'nobody-here@example.org', password: PASSWORD, ...LIMITS }),
        'UNAUTHENTICATED',
      );
      expect(wrong.message).toBe('email or password is wrong');
      expect(unknown.message).toBe(wrong.message);
      const events = await store.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'auth.sign_in_failed'));
      expect(events.map((e) => e.actorUserId)).toEqual(expect.arrayContaining([user.id, null]));
      expect(JSON.stringify(events)).not.toContain('nobody-here');
      expect(JSON.stringify(events)).not.toContain(PASSWORD);
    });

    it('locks the account after repeated failures, and unlocks it when the time is up', async () => {
      const research = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['researcher']);
      const bad = { email: user.email, password: 'wrong-password-guess', ...LIMITS };
      // A success resets the count: two failures, a success, two failures lock nothing.
      await rejectsWith(signIn(ctx, bad), 'UNAUTHENTICATED');
      await rejectsWith(signIn(ctx, bad), 'UNAUTHENTICATED');
      await signIn(ctx, { ...bad, password: PASSWORD });
      await rejectsWith(signIn(ctx, bad), 'UNAUTHENTICATED');
      await rejectsWith(signIn(ctx, bad), 'UNAUTHENTICATED');
      await rejectsWith(signIn(ctx, bad), 'UNAUTHENTICATED');
      // Third consecutive failure: locked, even for the right password.
      const locked = await rejectsWith(signIn(ctx, { ...bad, password: PASSWORD }), 'RATE_LIMITED');
      expect(locked.message).toMatch(/try again in 15 minutes/);
      const lockEvents = await store.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'auth.locked'));
      expect(lockEvents.some((e) => e.actorUserId === user.id)).toBe(true);
      clock.advance(14 * 60_000);
      await rejectsWith(signIn(ctx, { ...bad, password: PASSWORD }), 'RATE_LIMITED');
      clock.advance(61_000);
      const r = await signIn(ctx, { ...bad, password: PASSWORD });
      expect(r.secondFactor).toBe('none');
      const [row] = await store.db.select().from(users).where(eq(users.id, user.id));
      expect(row).toMatchObject({ failedLogins: 0, lockedUntil: null });
    });

    it('refuses disabled accounts and people in no organisation', async () => {
      const research = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['researcher']);
      const r = await signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS });
      await store.db.update(users).set({ disabledAt: clock.now() }).where(eq(users.id, user.id));
      expect(await resolveSession(ctx, r.sessionToken)).toBeNull();
      await rejectsWith(
        signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS }),
        'UNAUTHENTICATED',
      );
    });

    it('ends sessions when they expire and when the user signs out', async () => {
      const research = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['researcher']);
      const a = await signIn(ctx, {
        email: user.email,
        password: PASSWORD,
        ...LIMITS,
        sessionHours: 1,
      });
      const b = await signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS });
      clock.advance(59 * 60_000);
      expect(await resolveSession(ctx, a.sessionToken)).not.toBeNull();
      clock.advance(60_000);
      expect(await resolveSession(ctx, a.sessionToken)).toBeNull();
      expect(await resolveSession(ctx, b.sessionToken)).not.toBeNull();
      await signOut(ctx, b.sessionToken);
      expect(await resolveSession(ctx, b.sessionToken)).toBeNull();
      expect(await resolveSession(ctx, 'not-a-token')).toBeNull();
      expect(await resolveSession(ctx, '')).toBeNull();
    });

    it('switches organisation only into one the user belongs to', async () => {
      const research = await newOrg(ctx, 'research');
      const training = await newOrg(ctx, 'training');
      const other = await newOrg(ctx, 'research');
      const user = await newUser(ctx, research, ['researcher']);
      await addUser(ctx, {
        email: user.email,
        displayName: 'x',
        password: '',
        orgId: training.id,
        roles: ['trainer'],
      });
      const r = await signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS });
      expect(r.orgs.map((o) => o.id)).toEqual([research.id, training.id]);
      await rejectsWith(
        switchOrganisation(ctx, { token: r.sessionToken, orgId: other.id }),
        'FORBIDDEN',
      );
      await rejectsWith(
        switchOrganisation(ctx, { token: r.sessionToken, orgId: 'nope' }),
        'FORBIDDEN',
      );
      const switched = await switchOrganisation(ctx, { token: r.sessionToken, orgId: training.id });
      expect(switched.actor).toMatchObject({
        orgId: training.id,
        orgKind: 'training',
        roles: ['trainer'],
      });
      expect((await resolveSession(ctx, r.sessionToken))?.orgId).toBe(training.id);
      await rejectsWith(
        switchOrganisation(ctx, { token: 'gone', orgId: training.id }),
        'UNAUTHENTICATED',
      );
    });

    it('lets an unverified session switch nowhere', async () => {
      const site = await newOrg(ctx, 'site');
      const user = await newUser(ctx, site, ['site_admin']);
      const r = await signIn(ctx, { email: user.email, password: PASSWORD, ...LIMITS });
      await rejectsWith(
        switchOrganisation(ctx, { token: r.sessionToken, orgId: site.id }),
        'UNAUTHENTICATED',
      );
    });
  });
}
