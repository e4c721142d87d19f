import { asc, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bulkInsert } from '../../src/store/bulk-insert.ts';
import type { Store } from '../../src/store/open-store.ts';
import { adverts, organisations, results } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';

const T0 = new Date('2026-03-01T12:00:00.000Z');

for (const target of await storeTargets()) {
  describe(`bulk insert (${target.name})`, () => {
    let store: Store;
    let orgId: string;
    let ids: number[];
    beforeEach(async () => {
      store = await target.open();
      const [org] = await store.db
        .insert(organisations)
        .values({ slug: 's', name: 'S', kind: 'site' })
        .returning({ id: organisations.id });
      orgId = org!.id;
      const rows = await store.db
        .insert(adverts)
        .values(
          [1, 2, 3].map((n) => ({
            orgId,
            externalId: `a${n}`,
            currentVersion: 1,
            contentHash: `h${n}`,
          })),
        )
        .returning({ id: adverts.id });
      ids = rows.map((r) => r.id).sort((a, b) => a - b);
    });
    afterEach(async () => {
      await store.close();
    });

    const result = (advertId: number, score: number, reasons: unknown) => ({
      advertId,
      orgId,
      version: 1,
      catalogueVersion: '1.2.0',
      score,
      level: score > 0.5 ? ('high' as const) : ('low' as const),
      networkId: null,
      reasons,
      screenedAt: T0,
    });

    it('writes typed rows (dates, enums, JSON with quotes and unicode) and upserts on a key', async () => {
      const tricky = [{ text: 'she said "hi" \\ ☃ 日本', n: [1, 2.5], nested: { a: null } }];
      const written = await bulkInsert(store.db, results, [
        result(ids[0]!, 0.9, tricky),
        result(ids[1]!, 0.1, []),
      ]);
      expect(written).toBe(2);
      const stored = await store.db.select().from(results).orderBy(asc(results.advertId));
      expect(stored.map((r) => [r.level, r.screenedAt.toISOString()])).toEqual([
        ['high', T0.toISOString()],
        ['low', T0.toISOString()],
      ]);
      expect(stored[0]!.reasons).toEqual(tricky);

      const upserted = await bulkInsert(
        store.db,
        results,
        [result(ids[0]!, 0.2, []), result(ids[2]!, 0.7, [])],
        { target: ['advertId'], update: ['score', 'level', 'reasons'] },
      );
      expect(upserted).toBe(2);
      const after = await store.db.select().from(results).orderBy(asc(results.advertId));
      expect(after.map((r) => [r.advertId, r.level, r.reasons])).toEqual([
        [ids[0], 'low', []],
        [ids[1], 'low', []],
        [ids[2], 'high', []],
      ]);
    });

    it('leaves conflicting rows alone with doNothing, counting only the rows written', async () => {
      await bulkInsert(store.db, results, [result(ids[0]!, 0.9, [])]);
      const written = await bulkInsert(
        store.db,
        results,
        [result(ids[0]!, 0.1, []), result(ids[1]!, 0.1, [])],
        { doNothing: true },
      );
      expect(written).toBe(1);
      const [kept] = await store.db.select().from(results).where(eq(results.advertId, ids[0]!));
      expect(kept!.level).toBe('high');
      expect(await bulkInsert(store.db, results, [])).toBe(0);
    });

    it('writes nothing of a statement that fails (a bad row refuses its whole chunk)', async () => {
      await expect(
        bulkInsert(store.db, results, [result(ids[0]!, 0.9, []), result(999_999, 0.9, [])]),
      ).rejects.toThrow();
      expect(await store.db.select().from(results)).toEqual([]);
    });
  });
}
