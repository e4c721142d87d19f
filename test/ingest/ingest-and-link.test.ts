import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advert } from '../../src/core/advert/advert-schema.ts';
import { IncrementalScreener } from '../../src/core/screen/incremental.ts';
import { manualClock } from '../../src/services/context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { ingestAdverts } from '../../src/services/ingest-adverts.ts';
import { StoreLinker } from '../../src/services/link-stored-adverts.ts';
import { loadCompiledCatalogue } from '../../src/services/screen-file.ts';
import type { Db, Store } from '../../src/store/open-store.ts';
import {
  adverts,
  advertVersions,
  jobs,
  networkMembers,
  organisations,
  results,
} from '../../src/store/schema.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';

const { compiled } = await loadCompiledCatalogue();
const corpus = demoAdverts(400, 11, 20);

async function screenPending(ctx: ServiceContext, linker: StoreLinker): Promise<number> {
  const queued = await ctx.db
    .select()
    .from(jobs)
    .where(eq(jobs.status, 'queued'))
    .orderBy(asc(jobs.id));
  let screened = 0;
  for (const job of queued) {
    const { items } = job.payload as { items: [number, number][] };
    await ctx.db.transaction(async (tx) => {
      const outcome = await linker.linkBatch(tx as unknown as Db, ctx, items);
      screened += outcome.screened;
      await tx.update(jobs).set({ status: 'done' }).where(eq(jobs.id, job.id));
    });
  }
  return screened;
}

for (const target of await storeTargets()) {
  describe(`ingest and link (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext;
    let orgId: string;
    beforeAll(async () => {
      store = await target.open();
      ctx = { db: store.db, clock: manualClock() };
      const [org] = await store.db
        .insert(organisations)
        .values({ slug: 'site-a', name: 'Site A', kind: 'site' })
        .returning();
      orgId = org!.id;
    });
    afterAll(() => store.close());

    it('stores valid adverts, reports each invalid one, and queues screening', async () => {
      const records: unknown[] = [
        ...corpus.slice(0, 200),
        { id: 'x', age: 'nineteen' },
        'not json',
      ];
      const outcome = await ingestAdverts(ctx, { orgId, records });
      expect(outcome).toMatchObject({ received: 202, created: 200, updated: 0, unchanged: 0 });
      expect(outcome.rejected.map((r) => [r.index, r.id])).toEqual([
        [200, 'x'],
        [201, null],
      ]);
      expect(outcome.rejected[0]!.errors[0]!.field).toBe('age');
      expect(outcome.screeningJobId).not.toBeNull();
    });

    it('is idempotent: the same adverts again change nothing and queue nothing', async () => {
      const again = await ingestAdverts(ctx, { orgId, records: corpus.slice(0, 200) });
      expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 200, screeningJobId: null });
      const count = await store.db.$count(advertVersions);
      expect(count).toBe(200);
    });

    it('keeps every version of an edited advert', async () => {
      const edited: Advert = { ...corpus[0]!, text: `${corpus[0]!.text ?? ''} New in town.` };
      const outcome = await ingestAdverts(ctx, { orgId, records: [edited] });
      expect(outcome).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
      const [row] = await store.db.select().from(adverts).where(eq(adverts.externalId, edited.id));
      expect(row!.currentVersion).toBe(2);
      const versions = await store.db
        .select()
        .from(advertVersions)
        .where(eq(advertVersions.advertId, row!.id));
      expect(versions.map((v) => v.version).sort()).toEqual([1, 2]);
    });

    it('screens and links the queued versions, and another process catches up to the same networks', async () => {
      await ingestAdverts(ctx, { orgId, records: corpus.slice(200) });
      const linker = new StoreLinker(compiled);
      const screened = await screenPending(ctx, linker);
      // 400 adverts; the first advert's version 1 was replaced by version 2 before screening.
      expect(screened).toBe(400);
      expect(await store.db.$count(results)).toBe(400);

      // The same adverts, in the same order, through the in-memory screener.
      const order = await store.db
        .select({ id: advertVersions.advertId, content: advertVersions.content })
        .from(advertVersions)
        .innerJoin(adverts, eq(adverts.id, advertVersions.advertId))
        .where(eq(advertVersions.version, adverts.currentVersion));
      const linkedOrder = await store.db.query.linkLog.findMany({
        orderBy: (l, { asc: a }) => [a(l.seq)],
      });
      const contentOf = new Map(order.map((o) => [o.id, o.content as Advert]));
      const reference = new IncrementalScreener(compiled);
      for (const l of linkedOrder)
        reference.add({ ...contentOf.get(l.advertId)!, id: String(l.advertId) });
      const expected = reference.index
        .networkMembers()
        .map((m) =>
          m
            .map((i) => Number(reference.index.advertId(i)))
            .sort((a, b) => a - b)
            .join(','),
        )
        .sort();
      const members = await store.db.select().from(networkMembers);
      const grouped = new Map<string, number[]>();
      for (const m of members)
        grouped.set(m.networkId, [...(grouped.get(m.networkId) ?? []), m.advertId]);
      const stored = [...grouped.values()].map((ids) => ids.sort((a, b) => a - b).join(',')).sort();
      expect(expected.length).toBeGreaterThan(3);
      expect(stored).toEqual(expected);

      const other = new StoreLinker(compiled);
      await other.catchUp(store.db);
      expect(other.appliedSeq).toBe(linker.appliedSeq);
    });
  });
}
