import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../src/core/auth/permissions.ts';
import {
  authenticateApiKey,
  createApiKey,
  listApiKeys,
  revokeApiKey,
} from '../../src/services/accounts/api-keys.ts';
import { manualClock } from '../../src/services/context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import type { Store } from '../../src/store/open-store.ts';
import { apiKeys, auditEvents } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';
import { newOrg, rejectsWith } from './fixtures.ts';

for (const target of await storeTargets()) {
  describe(`API keys (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext;
    let clock: ReturnType<typeof manualClock>;
    beforeAll(async () => {
      store = await target.open();
      clock = manualClock();
      ctx = { db: store.db, clock };
    });
    afterAll(() => store.close());

    it('creates a key shown once, stored hashed, that acts for its site with its scopes', async () => {
      const site = await newOrg(ctx, 'site');
      const created = await createApiKey(ctx, {
        orgId: site.id,
        name: 'production ingest',
        scopes: ['adverts.ingest', 'adverts.ingest', 'imports.create'],
        createdBy: null,
      });
      expect(created.key).toMatch(/^bk_[a-z2-7]{8}_[A-Za-z0-9_-]{43}$/);
      expect(created.key.slice(3, 11)).toBe(created.prefix);
      const [row] = await store.db.select().from(apiKeys).where(eq(apiKeys.id, created.id));
      expect(row?.keyHash).toMatch(/^\$argon2id\$/);
      expect(row?.keyHash).not.toContain(created.key.slice(12));
      expect(row?.scopes).toEqual(['adverts.ingest', 'imports.create']);

      const actor = await authenticateApiKey(ctx, created.key);
      expect(actor).toEqual({
        kind: 'api_key',
        apiKeyId: created.id,
        orgId: site.id,
        orgKind: 'site',
        scopes: ['adverts.ingest', 'imports.create'],
      });
      expect(actor !== null && can(actor, 'adverts.ingest')).toBe(true);
      expect(actor !== null && can(actor, 'adverts.read_personal')).toBe(false);
      // Served from the cache the second time, still correct.
      expect(await authenticateApiKey(ctx, created.key)).toEqual(actor);

      const listed = await listApiKeys(ctx, site.id);
      expect(listed).toHaveLength(1);
      expect(listed[0]).toMatchObject({ id: created.id, prefix: created.prefix, revokedAt: null });
      expect(listed[0]?.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(listed)).not.toContain('argon2');
      const audit = await store.db
        .select()
        .from(auditEvents)
        .where(eq(auditEvents.action, 'apikey.create'));
      expect(JSON.stringify(audit)).not.toContain(created.key);
    });

    it('refuses malformed, unknown and tampered keys', async () => {
      const site = await newOrg(ctx, 'site');
      const { key } = await createApiKey(ctx, {
        orgId: site.id,
        name: 'k',
        scopes: ['adverts.read'],
        createdBy: null,
      });
      const last = key.at(-1) === 'A' ? 'B' : 'A';
      for (const bad of ['', 'bk_', 'Bearer x', key.slice(0, -1), `${key.slice(0, -1)}${last}`]) {
        expect(await authenticateApiKey(ctx, bad), bad).toBeNull();
      }
      expect(await authenticateApiKey(ctx, `bk_aaaaaaaa_${key.slice(12)}`)).toBeNull();
    });

    it('refuses a revoked key at once, even one just served from the cache', async () => {
      const site = await newOrg(ctx, 'site');
      const other = await newOrg(ctx, 'site');
      const { id, key } = await createApiKey(ctx, {
        orgId: site.id,
        name: 'to revoke',
        scopes: ['adverts.ingest'],
        createdBy: null,
      });
      expect(await authenticateApiKey(ctx, key)).not.toBeNull();
      // Another organisation cannot revoke (or learn of) it.
      await rejectsWith(revokeApiKey(ctx, { orgId: other.id, id, actorUserId: null }), 'NOT_FOUND');
      await rejectsWith(
        revokeApiKey(ctx, { orgId: site.id, id: 'not-a-uuid', actorUserId: null }),
        'NOT_FOUND',
      );
      expect(await authenticateApiKey(ctx, key)).not.toBeNull();
      const revoked = await revokeApiKey(ctx, { orgId: site.id, id, actorUserId: null });
      expect(revoked.revokedAt).toEqual(clock.now());
      expect(await authenticateApiKey(ctx, key)).toBeNull();
      // Revoking again is harmless.
      expect(await revokeApiKey(ctx, { orgId: site.id, id, actorUserId: null })).toEqual(revoked);
      expect((await listApiKeys(ctx, site.id))[0]?.revokedAt).toEqual(clock.now());
      expect(await listApiKeys(ctx, other.id)).toEqual([]);
    });

    it('forgets cached keys after a minute', async () => {
      const site = await newOrg(ctx, 'site');
      const { id, key } = await createApiKey(ctx, {
        orgId: site.id,
        name: 'cached',
        scopes: ['networks.read'],
        createdBy: null,
      });
      expect(await authenticateApiKey(ctx, key)).not.toBeNull();
      // Revoked behind this process's back (as by another process): honoured once the entry ages.
      await store.db.update(apiKeys).set({ revokedAt: clock.now() }).where(eq(apiKeys.id, id));
      expect(await authenticateApiKey(ctx, key)).not.toBeNull();
      clock.advance(60_001);
      expect(await authenticateApiKey(ctx, key)).toBeNull();
    });

    it('makes keys for sites only, with API-key scopes only', async () => {
      const site = await newOrg(ctx, 'site');
      const police = await newOrg(ctx, 'police');
      const base = { name: 'k', createdBy: null };
      await rejectsWith(
        createApiKey(ctx, { ...base, orgId: police.id, scopes: ['adverts.read'] }),
        'INVALID_INPUT',
      );
      for (const scopes of [['adverts.read_personal'], ['review.decide'], [], ['nonsense']]) {
        await rejectsWith(createApiKey(ctx, { ...base, orgId: site.id, scopes }), 'INVALID_INPUT');
      }
      await rejectsWith(
        createApiKey(ctx, { ...base, orgId: site.id, name: ' ', scopes: ['adverts.read'] }),
        'INVALID_INPUT',
      );
      await rejectsWith(
        createApiKey(ctx, {
          ...base,
          orgId: '00000000-0000-0000-0000-000000000000',
          scopes: ['adverts.read'],
        }),
        'NOT_FOUND',
      );
    });
  });
}
