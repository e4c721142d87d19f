import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { migrateStore, queryRows } from '../../src/store/open-store.ts';
import { organisations } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';

for (const target of await storeTargets()) {
  describe(`store migrations (${target.name})`, () => {
    it('creates every table, and a second run changes nothing', async () => {
      const store = await target.open();
      try {
        await migrateStore(store);
        const rows = await queryRows<{ table_name: string }>(
          store.db,
          sql`select table_name from information_schema.tables where table_schema = 'public'`,
        );
        const tables = rows.map((r) => r.table_name);
        expect(tables).toEqual(
          expect.arrayContaining(['adverts', 'advert_versions', 'audit_events', 'jobs', 'users']),
        );
        const [org] = await store.db
          .insert(organisations)
          .values({ slug: 'a-site', name: 'A site', kind: 'site' })
          .returning();
        expect(org?.requireTwoFactor).toBe(true);
      } finally {
        await store.close();
      }
    });
  });
}
