// syncReviewItems on its own: level changes open, refresh and withdraw advert items, and a claimed
// item stays with its moderator.
import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import type { LevelChange } from '../../src/services/link-stored-adverts.ts';
import { syncReviewItems } from '../../src/services/review/sync-review-items.ts';
import { results, reviewItems, users } from '../../src/store/schema.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, signedIn } from '../support/test-app.ts';
import { reviewApp } from './review-app.ts';

for (const target of await storeTargets()) {
  describe(`syncReviewItems (${target.name})`, () => {
    let app: App;
    let orgId: string;
    beforeAll(async () => {
      ({ app } = await reviewApp(target));
      const site = await makeOrg(app, 'site');
      orgId = site.id;
      await signedIn(app, orgId, 'moderator');
      const key = await apiKeyCaller(app, orgId, ['adverts.ingest']);
      await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: key.headers,
        payload: demoAdverts(80, 4, 5),
      });
      await drainJobs(app);
    });
    afterAll(() => app.close());

    const openItems = () =>
      app.store.db
        .select()
        .from(reviewItems)
        .where(and(eq(reviewItems.orgId, orgId), isNull(reviewItems.closedAt)));

    it('withdraws open unclaimed items whose advert dropped below medium, and reopens on a rise', async () => {
      const items = await openItems();
      expect(items.length).toBeGreaterThanOrEqual(2);
      const [free, held] = items;
      const [someone] = await app.store.db.select({ id: users.id }).from(users).limit(1);
      const now = app.ctx.clock.now();
      await app.store.db
        .update(reviewItems)
        .set({ claimedBy: someone!.id, claimExpiresAt: new Date(now.getTime() + 60_000) })
        .where(eq(reviewItems.id, held!.id));
      const drop = (advertId: number): LevelChange => ({
        kind: 'advert',
        id: String(advertId),
        orgIds: [orgId],
        from: 'high',
        to: 'low',
        score: 1,
      });
      const outcome = await syncReviewItems(
        app.store.db,
        [drop(free!.advertId!), drop(held!.advertId!)],
        now,
      );
      expect(outcome).toMatchObject({ created: 0, withdrawn: 1 });
      const after = await app.store.db.select().from(reviewItems);
      expect(after.find((i) => i.id === free!.id)).toMatchObject({ status: 'withdrawn' });
      expect(after.find((i) => i.id === held!.id)).toMatchObject({
        status: 'open',
        closedAt: null,
      });
      // The stored result is still medium or high, so a rise opens a new item for it.
      const [result] = await app.store.db
        .select({ level: results.level, score: results.score })
        .from(results)
        .where(eq(results.advertId, free!.advertId!));
      const rise: LevelChange = { ...drop(free!.advertId!), from: 'low', to: result!.level };
      const again = await syncReviewItems(app.store.db, [rise, rise], now);
      expect(again.created).toBe(1);
      const reopened = (await openItems()).filter((i) => i.advertId === free!.advertId);
      expect(reopened).toHaveLength(1);
      expect(reopened[0]!.score).toBe(result!.score);
      // A second rise refreshes the item in place, keeping its place in time.
      const refreshed = await syncReviewItems(
        app.store.db,
        [rise],
        new Date(now.getTime() + 3_600_000),
      );
      expect(refreshed).toMatchObject({ created: 0, refreshed: 1 });
      const [same] = (await openItems()).filter((i) => i.advertId === free!.advertId);
      expect(same!.id).toBe(reopened[0]!.id);
      expect(same!.rank).toBe(reopened[0]!.rank);
    });

    it('ignores network changes and levels that stay below medium', async () => {
      const before = (await openItems()).length;
      const outcome = await syncReviewItems(
        app.store.db,
        [
          { kind: 'network', id: 'n1', orgIds: [orgId], from: null, to: 'high', score: 9 },
          { kind: 'advert', id: '999999', orgIds: [orgId], from: null, to: 'none', score: 0 },
        ],
        app.ctx.clock.now(),
      );
      expect(outcome).toEqual({ created: 0, refreshed: 0, withdrawn: 0 });
      expect((await openItems()).length).toBe(before);
    });
  });
}
