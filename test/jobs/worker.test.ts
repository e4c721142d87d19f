import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claim, enqueue, enqueueMany, findJob, jobCounts } from '../../src/jobs/queue.ts';
import type { Job } from '../../src/jobs/queue.ts';
import { createWorker } from '../../src/jobs/worker.ts';
import type { JobHandler, JobLog } from '../../src/jobs/worker.ts';
import { manualClock } from '../../src/services/context.ts';
import { queryRows } from '../../src/store/open-store.ts';
import type { Db, Store } from '../../src/store/open-store.ts';
import { storeTargets } from '../support/stores.ts';

interface CountPayload {
  readonly n: number;
}

/** Upserts the job's effect row: n counts how many times an effect for the key was committed. */
const countEffect = (db: Db, key: string) =>
  db.execute(sql`insert into effects (job_key, n) values (${key}, 1)
    on conflict (job_key) do update set n = effects.n + 1`);

const effects = (db: Db) =>
  queryRows<{ job_key: string; n: number }>(db, sql`select job_key, n from effects order by 1`);

function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

for (const target of await storeTargets()) {
  describe(`job worker (${target.name})`, () => {
    let store: Store;
    const clock = manualClock();
    beforeEach(async () => {
      store = await target.open();
      await store.db.execute(sql`create table effects (job_key text primary key, n int not null)`);
    });
    afterEach(async () => {
      await store.close();
    });

    const enqueueCounts = (count: number, maxAttempts = 5) =>
      enqueueMany(
        store.db,
        Array.from({ length: count }, (_, n) => ({
          kind: 'count',
          key: `count-${n}`,
          payload: { n },
          maxAttempts,
        })),
        clock.now(),
      );

    it('drains the queue, committing each effect with its completion', async () => {
      await enqueueCounts(12);
      const seen: number[] = [];
      const count: JobHandler<CountPayload> = async (job, helpers) => {
        seen.push(job.payload.n);
        await helpers.completeWith(async (tx) => {
          await countEffect(tx, job.key);
          await helpers.progress(1, 1);
        });
      };
      const worker = createWorker({ db: store.db, clock, handlers: { count } });
      expect(await worker.drain()).toBe(12);
      expect(seen).toEqual([...Array(12).keys()]);
      const rows = await effects(store.db);
      expect(rows).toHaveLength(12);
      expect(rows.every((r) => r.n === 1)).toBe(true);
      expect(await jobCounts(store.db)).toEqual({ queued: 0, running: 0, done: 12, failed: 0 });
      expect(await findJob(store.db, 'count-3')).toMatchObject({
        status: 'done',
        attempts: 1,
        progress: { done: 1, total: 1 },
        finishedAt: clock.now(),
      });
      expect(await worker.drain()).toBe(0);
    });

    it('completes a job whose handler just returns', async () => {
      await enqueueCounts(2);
      const worker = createWorker({
        db: store.db,
        clock,
        handlers: { count: async () => {} },
        log: pino({ enabled: false }), // a pino logger is a JobLog
      });
      expect(await worker.drain()).toBe(2);
      expect((await jobCounts(store.db)).done).toBe(2);
    });

    it('rolls back the effect when the write fails, and retries after the backoff', async () => {
      await enqueueCounts(1, 2);
      let calls = 0;
      const count: JobHandler = async (job, helpers) => {
        calls++;
        await helpers.completeWith(async (tx) => {
          await countEffect(tx, job.key);
          if (calls === 1) throw new Error('disk on fire');
        });
      };
      const worker = createWorker({
        db: store.db,
        clock,
        handlers: { count },
        backoff: { baseMs: 5_000, maxMs: 5_000 },
      });
      expect(await worker.drain()).toBe(1);
      expect(await effects(store.db)).toEqual([]);
      expect(await findJob(store.db, 'count-0')).toMatchObject({
        status: 'queued',
        attempts: 1,
        lastError: 'Error: disk on fire',
      });
      expect(await worker.drain()).toBe(0);
      clock.advance(5_000);
      expect(await worker.drain()).toBe(1);
      expect(await effects(store.db)).toEqual([{ job_key: 'count-0', n: 1 }]);
      expect((await findJob(store.db, 'count-0'))?.status).toBe('done');
    });

    it('marks a job failed after its last attempt, and keeps the payload out of the log', async () => {
      await enqueue(
        store.db,
        { kind: 'count', key: 'bad', payload: { handle: 'secret-handle' }, maxAttempts: 2 },
        clock.now(),
      );
      const lines: string[] = [];
      const log: JobLog = {
        info: (f, m) => lines.push(JSON.stringify({ ...f, m })),
        warn: (f, m) => lines.push(JSON.stringify({ ...f, m })),
        error: (f, m) => lines.push(JSON.stringify({ ...f, m })),
      };
      const handlers = {
        count: async (job: Job<{ handle: string }>) => {
          throw new Error(`cannot parse ${job.payload.handle}`);
        },
      };
      const worker = createWorker({ db: store.db, clock, handlers, log });
      await worker.drain();
      clock.advance(60_000);
      await worker.drain();
      expect(await findJob(store.db, 'bad')).toMatchObject({
        status: 'failed',
        attempts: 2,
        lastError: 'Error: cannot parse [redacted]',
      });
      expect(lines.some((l) => l.includes('"outcome":"failed"'))).toBe(true);
      expect(lines.join('\n')).not.toContain('secret-handle');
    });

    it('renews the lease while a handler runs', async () => {
      await enqueueCounts(1);
      const running = gate();
      const release = gate();
      const count: JobHandler = async (_job, helpers) => {
        running.open();
        await release.promise;
        expect(helpers.signal.aborted).toBe(false);
      };
      const worker = createWorker({
        db: store.db,
        clock,
        handlers: { count },
        leaseMs: 1_000,
        heartbeatMs: 10,
      });
      const draining = worker.drain();
      await running.promise;
      clock.advance(900);
      await until(async () => (await findJob(store.db, 'count-0'))!.lockedUntil! > clock.now());
      clock.advance(900);
      await until(async () => (await findJob(store.db, 'count-0'))!.lockedUntil! > clock.now());
      const rival = { workerId: 'rival', kinds: ['count'], leaseMs: 1_000, now: clock.now() };
      expect(await claim(store.db, rival)).toBeUndefined();
      release.open();
      expect(await draining).toBe(1);
      expect((await findJob(store.db, 'count-0'))?.status).toBe('done');
    });

    it('commits nothing when the lease was taken over before completion', async () => {
      await enqueueCounts(1);
      let signal: AbortSignal | undefined;
      const count: JobHandler = async (job, helpers) => {
        signal = helpers.signal;
        // This worker stalls past its lease, and another takes the job over.
        clock.advance(2_000);
        const rival = { workerId: 'rival', kinds: ['count'], leaseMs: 60_000, now: clock.now() };
        expect((await claim(store.db, rival))?.id).toBe(job.id);
        await helpers.completeWith((tx) => countEffect(tx, job.key));
      };
      const worker = createWorker({
        db: store.db,
        clock,
        handlers: { count },
        leaseMs: 1_000,
        heartbeatMs: 60_000,
      });
      await worker.drain();
      expect(signal).toBeDefined();
      expect(await effects(store.db)).toEqual([]);
      expect(await findJob(store.db, 'count-0')).toMatchObject({
        status: 'running',
        lockedBy: 'rival',
        attempts: 2,
      });
    });

    it('stop() lets the current job finish, then claims nothing more', async () => {
      await enqueueCounts(3);
      const running = gate();
      const release = gate();
      const count: JobHandler = async (job, helpers) => {
        running.open();
        await release.promise;
        await helpers.completeWith((tx) => countEffect(tx, job.key));
      };
      const worker = createWorker({ db: store.db, clock, handlers: { count }, pollMs: 5 });
      worker.start();
      await running.promise;
      let stopped = false;
      const stopping = worker.stop().then(() => (stopped = true));
      await new Promise((r) => setTimeout(r, 50));
      expect(stopped).toBe(false);
      release.open();
      await stopping;
      expect(await effects(store.db)).toEqual([{ job_key: 'count-0', n: 1 }]);
      expect(await jobCounts(store.db)).toEqual({ queued: 2, running: 0, done: 1, failed: 0 });
    });

    it('start() polls for new jobs, and wake() cuts the wait short', async () => {
      const count: JobHandler = async (job, helpers) => {
        await helpers.completeWith((tx) => countEffect(tx, job.key));
      };
      const worker = createWorker({ db: store.db, clock, handlers: { count }, pollMs: 60_000 });
      worker.start();
      worker.start();
      await expect(worker.drain()).rejects.toThrow(/already running/);
      await new Promise((r) => setTimeout(r, 50));
      await enqueueCounts(2);
      worker.wake();
      await until(async () => (await jobCounts(store.db)).done === 2);
      await worker.stop();
      expect(await effects(store.db)).toHaveLength(2);
    });
  });
}
