import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  absorbReady,
  claim,
  complete,
  enqueue,
  enqueueMany,
  extendLease,
  fail,
  failExpiredLeases,
  findJob,
  jobCounts,
  reportProgress,
} from '../../src/jobs/queue.ts';
import type { Job } from '../../src/jobs/queue.ts';
import type { Store } from '../../src/store/open-store.ts';
import { storeTargets } from '../support/stores.ts';

const T0 = new Date('2026-01-01T00:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const backoff = { baseMs: 1_000, maxMs: 60_000 };

for (const target of await storeTargets()) {
  describe(`job queue (${target.name})`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await target.open();
    });
    afterEach(async () => {
      await store.close();
    });

    const claimAs = (workerId: string, ms: number, kinds = ['a'], leaseMs = 1_000) =>
      claim(store.db, { workerId, kinds, leaseMs, now: at(ms) });

    it('queues a key once, whatever is enqueued again', async () => {
      const first = await enqueue(store.db, { kind: 'a', key: 'k1', payload: { n: 1 } }, T0);
      const again = await enqueue(store.db, { kind: 'a', key: 'k1', payload: { n: 2 } }, at(5));
      expect(first.created).toBe(true);
      expect(again).toEqual({ id: first.id, created: false });
      expect((await findJob(store.db, 'k1'))?.payload).toEqual({ n: 1 });

      const batch = await enqueueMany(
        store.db,
        [
          { kind: 'a', key: 'k2', payload: {} },
          { kind: 'a', key: 'k1', payload: {} },
          { kind: 'a', key: 'k2', payload: {} },
          { kind: 'a', key: 'k3', payload: {} },
        ],
        T0,
      );
      expect(batch.map((r) => r.created)).toEqual([true, false, false, true]);
      expect(batch[1]!.id).toBe(first.id);
      expect(batch[2]!.id).toBe(batch[0]!.id);
      expect(await jobCounts(store.db)).toEqual({ queued: 3, running: 0, done: 0, failed: 0 });

      // A finished job's key is not queued again either.
      const job = (await claimAs('w1', 0))!;
      expect(await complete(store.db, job, at(1))).toBe(true);
      expect(
        (await enqueue(store.db, { kind: 'a', key: job.key, payload: {} }, at(2))).created,
      ).toBe(false);
    });

    it('enqueues large batches in chunks', async () => {
      const jobs = Array.from({ length: 2_500 }, (_, i) => ({
        kind: 'a',
        key: `bulk-${i}`,
        payload: { i },
      }));
      const results = await enqueueMany(store.db, jobs, T0);
      expect(results.filter((r) => r.created)).toHaveLength(2_500);
      expect(new Set(results.map((r) => r.id)).size).toBe(2_500);
      expect((await enqueueMany(store.db, jobs, T0)).every((r) => !r.created)).toBe(true);
    });

    it('claims the oldest ready job of its kinds, each once', async () => {
      await enqueueMany(
        store.db,
        [
          { kind: 'a', key: 'later', payload: {}, runAfter: at(10_000) },
          { kind: 'a', key: 'first', payload: {} },
          { kind: 'b', key: 'other-kind', payload: {} },
          { kind: 'a', key: 'second', payload: {} },
          { kind: 'a', key: 'early', payload: {}, runAfter: at(-5_000) },
        ],
        T0,
      );
      const keys: string[] = [];
      for (let job = await claimAs('w1', 0); job; job = await claimAs('w1', 0)) {
        expect(job).toMatchObject({ status: 'running', attempts: 1, lockedBy: 'w1' });
        expect(job.lockedUntil).toEqual(at(1_000));
        keys.push(job.key);
        await complete(store.db, job, T0);
      }
      expect(keys).toEqual(['early', 'first', 'second']);
      expect((await claimAs('w2', 10_000))?.key).toBe('later');
      expect((await claimAs('w2', 10_000, ['b', 'c']))?.key).toBe('other-kind');
      expect(await claimAs('w2', 10_000, [])).toBeUndefined();
    });

    it('retries with a doubling backoff, then fails after max attempts', async () => {
      const payload = { phone: '+447700900123' };
      await enqueue(store.db, { kind: 'a', key: 'flaky', payload, maxAttempts: 3 }, T0);
      let now = 0;
      const outcomes: string[] = [];
      for (const delay of [1_000, 2_000, undefined]) {
        const job = (await claimAs('w1', now))!;
        const outcome = await fail(
          store.db,
          job,
          new Error(`bad ${payload.phone}`),
          at(now),
          backoff,
        );
        outcomes.push(outcome);
        const row = (await findJob(store.db, 'flaky'))!;
        expect(row.lastError).toBe('Error: bad [redacted]');
        if (delay === undefined) break;
        expect(row).toMatchObject({ status: 'queued', lockedBy: null, runAfter: at(now + delay) });
        expect(await claimAs('w1', now + delay - 1)).toBeUndefined();
        now += delay;
      }
      expect(outcomes).toEqual(['retry', 'retry', 'failed']);
      const row = (await findJob(store.db, 'flaky'))!;
      expect(row).toMatchObject({ status: 'failed', attempts: 3, finishedAt: at(now) });
      expect(await claimAs('w1', 1e9)).toBeUndefined();
      expect(await jobCounts(store.db, 'a')).toEqual({ queued: 0, running: 0, done: 0, failed: 1 });
    });

    it('lets another worker reclaim an expired lease, and fences out the old holder', async () => {
      await enqueue(store.db, { kind: 'a', key: 'k', payload: {} }, T0);
      const old = (await claimAs('w1', 0))!;
      expect(await claimAs('w2', 999)).toBeUndefined();
      expect(await extendLease(store.db, old, 1_000, at(500))).toBe(true);
      expect(await claimAs('w2', 1_400)).toBeUndefined();

      const taken = (await claimAs('w2', 1_501))!;
      expect(taken).toMatchObject({ id: old.id, attempts: 2, lockedBy: 'w2' });
      expect(taken.lastError).toBe('lease of w1 expired');
      expect(await complete(store.db, old, at(1_600))).toBe(false);
      expect(await extendLease(store.db, old, 1_000, at(1_600))).toBe(false);
      expect(await fail(store.db, old as Job, new Error('late'), at(1_600))).toBe('lost');
      expect(await complete(store.db, taken, at(1_700))).toBe(true);
      expect(await findJob(store.db, 'k')).toMatchObject({ status: 'done', finishedAt: at(1_700) });
      expect(await extendLease(store.db, taken, 1_000, at(1_800))).toBe(false);
    });

    it('fails a job whose lease expired on its last attempt instead of reclaiming it', async () => {
      await enqueue(store.db, { kind: 'a', key: 'poison', payload: {}, maxAttempts: 1 }, T0);
      await enqueue(store.db, { kind: 'b', key: 'other', payload: {}, maxAttempts: 1 }, T0);
      await claimAs('w1', 0);
      await claimAs('w1', 0, ['b']);
      expect(await claimAs('w2', 5_000)).toBeUndefined();
      expect(await failExpiredLeases(store.db, { kinds: ['a'], now: at(500) })).toBe(0);
      expect(await failExpiredLeases(store.db, { kinds: ['a'], now: at(5_000) })).toBe(1);
      expect(await findJob(store.db, 'poison')).toMatchObject({
        status: 'failed',
        lastError: 'lease of w1 expired on the last attempt',
        finishedAt: at(5_000),
      });
      expect((await findJob(store.db, 'other'))?.status).toBe('running');
    });

    it('records progress of a running job only', async () => {
      await enqueue(store.db, { kind: 'a', key: 'k', payload: {} }, T0);
      const job = (await claimAs('w1', 0))!;
      await reportProgress(store.db, job.id, { done: 3, total: 10 });
      expect((await findJob(store.db, 'k'))?.progress).toEqual({ done: 3, total: 10 });
      await complete(store.db, job, at(1));
      await reportProgress(store.db, job.id, { done: 4, total: 10 });
      expect((await findJob(store.db, 'k'))?.progress).toEqual({ done: 3, total: 10 });
    });
    it('absorbs ready jobs into a running one: they commit with it, or stay queued', async () => {
      for (const n of [1, 2, 3, 4]) {
        await enqueue(store.db, { kind: 'a', key: `m${n}`, payload: { n } }, T0);
      }
      await enqueue(store.db, { kind: 'b', key: 'other', payload: { n: 9 } }, T0);
      await enqueue(
        store.db,
        { kind: 'a', key: 'later', payload: { n: 5 }, runAfter: at(60_000) },
        T0,
      );
      const first = (await claimAs('w1', 10))!;
      expect(first.payload).toEqual({ n: 1 });

      // Rolled back: nothing taken.
      await expect(
        store.db.transaction(async (tx) => {
          const taken = await absorbReady(tx, {
            kind: 'a',
            now: at(20),
            limit: 10,
            accept: () => true,
          });
          expect(taken.map((j) => j.payload)).toEqual([{ n: 2 }, { n: 3 }, { n: 4 }]);
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      expect(await jobCounts(store.db, 'a')).toEqual({ queued: 4, running: 1, done: 0, failed: 0 });

      // Committed: taken in order until `accept` says no; other kinds and later jobs untouched.
      let budget = 5;
      const taken = await store.db.transaction(async (tx) =>
        absorbReady(tx, {
          kind: 'a',
          now: at(20),
          limit: 10,
          accept: (p) => (budget -= (p as { n: number }).n) >= 0,
        }),
      );
      expect(taken.map((j) => j.payload)).toEqual([{ n: 2 }, { n: 3 }]);
      expect(await jobCounts(store.db, 'a')).toEqual({ queued: 2, running: 1, done: 2, failed: 0 });
      expect(await jobCounts(store.db, 'b')).toEqual({ queued: 1, running: 0, done: 0, failed: 0 });
      // A taken job is not claimed again.
      const next = (await claimAs('w2', 30))!;
      expect(next.payload).toEqual({ n: 4 });
    });
  });
}
