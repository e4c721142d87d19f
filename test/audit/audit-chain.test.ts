import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../src/core/audit/audit-event.ts';
import type { AuditEventInput } from '../../src/core/audit/audit-event.ts';
import { hashAuditEvent } from '../../src/services/audit/hash-audit-event.ts';
import { listAuditEvents } from '../../src/services/audit/list-audit-events.ts';
import { recordAuditEvent } from '../../src/services/audit/record-audit-event.ts';
import { verifyAuditChain } from '../../src/services/audit/verify-audit-chain.ts';
import { manualClock } from '../../src/services/context.ts';
import type { ServiceContext } from '../../src/services/context.ts';
import { queryRows } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import { organisations } from '../../src/store/schema.ts';
import { storeTargets } from '../support/stores.ts';

const event = (i: number, orgId: string | null = null): AuditEventInput => ({
  action: i % 2 === 0 ? 'advert.view_personal' : 'review.decide',
  orgId,
  targetType: 'advert',
  targetId: `ad-${i}`,
  reason: `case ${i}`,
  // Key order, nesting, a Date and unicode: what the store keeps must hash as recorded.
  detail: { z: i, a: { list: [1, 'two', null], when: new Date(Date.UTC(2026, 0, i)) }, note: 'é✓' },
});

for (const target of await storeTargets()) {
  describe(`audit trail (${target.name})`, () => {
    let store: Store;
    let ctx: ServiceContext & { clock: ReturnType<typeof manualClock> };

    beforeEach(async () => {
      store = await target.open();
      // Odd milliseconds: the stored timestamp must give back exactly the hashed text.
      ctx = { db: store.db, clock: manualClock(new Date('2026-03-04T05:06:07.089Z')) };
    });
    afterEach(async () => {
      await store.close();
    });

    async function recordMany(n: number): Promise<void> {
      for (let i = 1; i <= n; i++) {
        ctx.clock.advance(1_234);
        await recordAuditEvent(ctx, event(i));
      }
    }

    it('an empty trail is intact', async () => {
      expect(await verifyAuditChain(ctx)).toEqual({ ok: true, events: 0, lastHash: GENESIS_HASH });
    });

    it('chains each event to the one before and verifies across page boundaries', async () => {
      await recordMany(7);
      const rows = await queryRows<{ seq: string | number; prev_hash: string; hash: string }>(
        store.db,
        sql`select seq, prev_hash, hash from audit_events order by seq`,
      );
      expect(rows.map((r) => Number(r.seq))).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(rows[0]?.prev_hash).toBe(GENESIS_HASH);
      for (let i = 1; i < rows.length; i++) expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);

      const progress: [number, number][] = [];
      const report = await verifyAuditChain(ctx, {
        pageSize: 3,
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(report).toEqual({ ok: true, events: 7, lastHash: rows[6]?.hash });
      expect(progress.at(-1)).toEqual([7, 7]);
      expect(progress.length).toBeGreaterThanOrEqual(3);
    });

    it('50 concurrent appends give seqs 1..50 and a valid chain', async () => {
      await Promise.all(Array.from({ length: 50 }, (_, i) => recordAuditEvent(ctx, event(i + 1))));
      const rows = await queryRows<{ seq: string | number }>(
        store.db,
        sql`select seq from audit_events order by seq`,
      );
      expect(rows.map((r) => Number(r.seq))).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
      expect(await verifyAuditChain(ctx, { pageSize: 16 })).toMatchObject({ ok: true, events: 50 });
    });

    it('an edited row breaks its own hash', async () => {
      await recordMany(5);
      await store.db.execute(sql`UPDATE audit_events SET reason = 'x' WHERE seq = 3`);
      expect(await verifyAuditChain(ctx, { pageSize: 2 })).toEqual({
        ok: false,
        events: 2,
        firstBroken: { seq: 3, problem: 'hash mismatch' },
      });
    });

    it('an edited timestamp or detail is caught too', async () => {
      await recordMany(5);
      await store.db.execute(
        sql`UPDATE audit_events SET at = at + interval '1 millisecond' WHERE seq = 2`,
      );
      expect(await verifyAuditChain(ctx)).toMatchObject({
        ok: false,
        firstBroken: { seq: 2, problem: 'hash mismatch' },
      });
      await store.db.execute(
        sql`UPDATE audit_events SET at = at - interval '1 millisecond' WHERE seq = 2`,
      );
      expect(await verifyAuditChain(ctx)).toMatchObject({ ok: true, events: 5 });
      await store.db.execute(
        sql`UPDATE audit_events SET detail = jsonb_set(detail, '{z}', '99') WHERE seq = 4`,
      );
      expect(await verifyAuditChain(ctx)).toMatchObject({
        ok: false,
        firstBroken: { seq: 4, problem: 'hash mismatch' },
      });
    });

    it('a deleted row shows as a gap', async () => {
      await recordMany(5);
      await store.db.execute(sql`DELETE FROM audit_events WHERE seq = 3`);
      expect(await verifyAuditChain(ctx)).toEqual({
        ok: false,
        events: 2,
        firstBroken: { seq: 3, problem: 'gap in sequence' },
      });
    });

    it('a deleted first row shows as a gap at #1', async () => {
      await recordMany(3);
      await store.db.execute(sql`DELETE FROM audit_events WHERE seq = 1`);
      expect(await verifyAuditChain(ctx)).toMatchObject({
        ok: false,
        firstBroken: { seq: 1, problem: 'gap in sequence' },
      });
    });

    it('an edited and re-hashed row breaks the link from the next one', async () => {
      await recordMany(5);
      const [row] = await queryRows<{ at: string | Date; prev_hash: string; detail: unknown }>(
        store.db,
        sql`select at, prev_hash, detail from audit_events where seq = 3`,
      );
      if (row === undefined) throw new Error('row 3 missing');
      const forged = hashAuditEvent({
        ...event(3),
        detail: row.detail as Record<string, unknown>,
        reason: 'nothing to see',
        seq: 3,
        at: new Date(row.at).toISOString(),
        prevHash: row.prev_hash,
      });
      await store.db.execute(
        sql`UPDATE audit_events SET reason = 'nothing to see', hash = ${forged} WHERE seq = 3`,
      );
      expect(await verifyAuditChain(ctx)).toEqual({
        ok: false,
        events: 3,
        firstBroken: { seq: 4, problem: 'prev hash mismatch' },
      });
    });

    it('lists events newest first, a page at a time, optionally for one organisation', async () => {
      const [a, b] = await store.db
        .insert(organisations)
        .values([
          { slug: 'site-a', name: 'Site A', kind: 'site' },
          { slug: 'site-b', name: 'Site B', kind: 'site' },
        ])
        .returning();
      if (a === undefined || b === undefined) throw new Error('orgs not created');
      for (let i = 1; i <= 9; i++) {
        ctx.clock.advance(1000);
        await recordAuditEvent(ctx, event(i, i % 3 === 0 ? b.id : a.id));
      }
      const first = await listAuditEvents(ctx, { limit: 4 });
      expect(first.events.map((e) => e.seq)).toEqual([9, 8, 7, 6]);
      expect(first.next).toBe(6);
      const second = await listAuditEvents(ctx, { limit: 4, after: first.next ?? 0 });
      expect(second.events.map((e) => e.seq)).toEqual([5, 4, 3, 2]);
      const third = await listAuditEvents(ctx, { limit: 4, after: second.next ?? 0 });
      expect(third.events.map((e) => e.seq)).toEqual([1]);
      expect(third.next).toBeNull();

      const onlyB = await listAuditEvents(ctx, { orgId: b.id, limit: 10 });
      expect(onlyB.events.map((e) => e.seq)).toEqual([9, 6, 3]);
      expect(onlyB.next).toBeNull();
      expect(onlyB.events[0]).toMatchObject({
        action: 'review.decide',
        orgId: b.id,
        targetId: 'ad-9',
        reason: 'case 9',
        detail: { z: 9, note: 'é✓' },
      });
      await expect(listAuditEvents(ctx, { limit: 0 })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });
  });
}
