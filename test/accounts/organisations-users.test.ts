import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser } from '../../src/services/accounts/add-user.ts';
import { createOrganisation } from '../../src/services/accounts/create-organisation.ts';
import {
  findOrganisationBySlug,
  listOrganisations,
} from '../../src/services/accounts/find-organisations.ts';
import { manualClock } from '../../src/services/context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { Store } from '../../src/store/open-store.ts';
import { auditEvents, memberships, users } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';
import { newOrg, PASSWORD, rejectsWith, unique } from './fixtures.ts';

for (const target of await storeTargets()) {
  describe(`organisations and users (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext;
    beforeAll(async () => {
      store = await target.open();
      ctx = { db: store.db, clock: manualClock() };
    });
    afterAll(() => store.close());

    it('creates organisations with two-factor required where personal data is seen', async () => {
      const site = await newOrg(ctx, 'site');
      const research = await newOrg(ctx, 'research');
      expect(site.requireTwoFactor).toBe(true);
      expect(research.requireTwoFactor).toBe(false);
      const optedIn = await newOrg(ctx, 'training', { requireTwoFactor: true });
      expect(optedIn.requireTwoFactor).toBe(true);
      expect((await findOrganisationBySlug(ctx, site.slug)).id).toBe(site.id);
      expect((await listOrganisations(ctx)).map((o) => o.slug)).toEqual(
        expect.arrayContaining([site.slug, research.slug]),
      );
      await rejectsWith(findOrganisationBySlug(ctx, 'no-such-org'), 'NOT_FOUND');
    });

    it('refuses bad slugs and duplicate slugs', async () => {
      for (const slug of ['Upper', 'has space', '-edge', 'edge-', 'under_score', '']) {
        await rejectsWith(
          createOrganisation(ctx, { slug, name: 'X', kind: 'site' }),
          'INVALID_INPUT',
        );
      }
      const slug = `dup-${unique()}`;
      await createOrganisation(ctx, { slug, name: 'First', kind: 'site', isDemo: true });
      await rejectsWith(createOrganisation(ctx, { slug, name: 'Second', kind: 'ngo' }), 'CONFLICT');
    });

    it("refuses roles the organisation's kind may not give, before creating anyone", async () => {
      const police = await newOrg(ctx, 'police');
      const email = `officer-${unique()}@example.org`;
      const base = { email, displayName: 'Officer', password: PASSWORD, orgId: police.id };
      const err = await rejectsWith(
        addUser(ctx, { ...base, roles: ['moderator'] }),
        'INVALID_INPUT',
      );
      expect(err.message).toContain('moderator');
      await rejectsWith(
        addUser(ctx, { ...base, roles: ['police_analyst', 'site_admin'] }),
        'INVALID_INPUT',
      );
      await rejectsWith(addUser(ctx, { ...base, roles: [] }), 'INVALID_INPUT');
      const rows = await store.db.select().from(users).where(eq(users.email, email));
      expect(rows).toEqual([]);
      const research = await newOrg(ctx, 'research');
      await rejectsWith(
        addUser(ctx, { ...base, orgId: research.id, roles: ['ngo_caseworker'] }),
        'INVALID_INPUT',
      );
      await rejectsWith(
        addUser(ctx, {
          ...base,
          orgId: '00000000-0000-0000-0000-000000000000',
          roles: ['learner'],
        }),
        'NOT_FOUND',
      );
    });

    it('refuses weak passwords with every reason', async () => {
      const site = await newOrg(ctx, 'site');
      const base = { displayName: 'Mod', orgId: site.id, roles: ['moderator' as const] };
      for (const password of ['short1!', 'Password123!', 'aaaaaaaaaaaaaaaa', '123456789012']) {
        const err = await rejectsWith(
          addUser(ctx, { ...base, email: `weak-${unique()}@example.org`, password }),
          'INVALID_INPUT',
        );
        expect(err.details.length).toBeGreaterThan(0);
      }
    });

    it('adds an existing account (email in any case) to another organisation, password kept', async () => {
      const site = await newOrg(ctx, 'site');
      const training = await newOrg(ctx, 'training');
      const email = `Mixed.Case-${unique()}@Example.org`;
      const first = await addUser(ctx, {
        email,
        displayName: 'Dual',
        password: PASSWORD,
        orgId: site.id,
        roles: ['moderator', 'senior_moderator'],
      });
      expect(first.created).toBe(true);
      const [before] = await store.db.select().from(users).where(eq(users.id, first.id));
      expect(before?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      const second = await addUser(ctx, {
        email: email.toUpperCase(),
        displayName: 'Dual',
        password: 'ignored anyway',
        orgId: training.id,
        roles: ['learner'],
      });
      expect(second).toEqual({ id: first.id, email, created: false });
      const [after] = await store.db.select().from(users).where(eq(users.id, first.id));
      expect(after?.passwordHash).toBe(before?.passwordHash);
      const roles = await store.db
        .select({ orgId: memberships.orgId, role: memberships.role })
        .from(memberships)
        .where(eq(memberships.userId, first.id));
      expect(roles).toHaveLength(3);
      // Adding the same role again changes nothing.
      await addUser(ctx, {
        ...second,
        displayName: 'Dual',
        password: '',
        orgId: site.id,
        roles: ['moderator'],
      });
      expect(
        await store.db.select().from(memberships).where(eq(memberships.userId, first.id)),
      ).toHaveLength(3);
      // The audit trail names the user by id, never by email.
      const events = await store.db.select().from(auditEvents);
      expect(JSON.stringify(events).toLowerCase()).not.toContain(email.toLowerCase());
    });
  });
}
