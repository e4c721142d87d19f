// Crash safety of the job queue on a real PostgreSQL: worker processes are killed with SIGKILL
// mid-batch - one while inside a completion transaction, its effect written but not committed -
// and the jobs are finished by other processes. Every job must end done with its effect committed
// exactly once: nothing lost, nothing duplicated. And two workers sharing the queue never both
// start the same job.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueMany, findJob, jobCounts } from '../../src/jobs/queue.ts';
import { systemClock } from '../../src/services/context.ts';
import { migrateStore, openStore, queryRows } from '../../src/store/open-store.ts';
import type { Store } from '../../src/store/open-store.ts';
import { createTestDatabase, postgresReachable, TEST_PG_URL } from '../support/stores.ts';

const FIXTURE = fileURLToPath(new URL('./fixtures/count-worker.ts', import.meta.url));
const JOBS = 200;

const reachable = await postgresReachable();
if (!reachable) {
  const message = `[jobs crash test] PostgreSQL not reachable at ${TEST_PG_URL}`;
  // CI always has a server: a missing one is a failure there, not a skip.
  if (process.env.CI === 'true') throw new Error(`${message}, and CI needs it`);
  console.warn(`${message}: skipped (set BEACON_TEST_DATABASE_URL to run it)`);
}

/** A worker process, its output so far, and a way to wait for a line or for its exit. */
interface Child {
  readonly process: ChildProcess;
  readonly stderr: () => string;
  line(pattern: RegExp, timeoutMs?: number): Promise<string>;
  exited(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

describe.skipIf(!reachable)('job queue crash safety (PostgreSQL)', () => {
  let store: Store;
  let url: string;
  let drop: () => Promise<void>;
  const children: ChildProcess[] = [];

  beforeEach(async () => {
    ({ url, drop } = await createTestDatabase());
    store = await openStore({ databaseUrl: url, poolSize: 2 });
    await migrateStore(store);
    await store.db.execute(sql`create table effects (job_key text primary key, n int not null)`);
    await store.db.execute(sql`create table runs (job_key text not null, worker text not null)`);
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    await store.close();
    await drop();
  });

  function startWorker(env: Record<string, string>): Child {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE], {
      env: { ...process.env, DATABASE_URL: url, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let stdout = '';
    let stderr = '';
    const waiters: Array<() => void> = [];
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      for (const w of waiters) w();
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    return {
      process: child,
      stderr: () => stderr,
      exited: () => exit,
      line: (pattern, timeoutMs = 30_000) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no ${pattern} from ${env.WORKER_ID}; stderr:\n${stderr}`)),
            timeoutMs,
          );
          const check = () => {
            const match = stdout.split('\n').find((l) => pattern.test(l));
            if (match !== undefined) {
              clearTimeout(timer);
              resolve(match);
            }
          };
          waiters.push(check);
          check();
          void exit.then(() => {
            clearTimeout(timer);
            reject(new Error(`${env.WORKER_ID} exited before ${pattern}; stderr:\n${stderr}`));
          });
        }),
    };
  }

  const doneCount = async () => (await jobCounts(store.db, 'count')).done;

  async function until(check: () => Promise<boolean>, what: string, timeoutMs = 60_000) {
    const end = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > end) throw new Error(`timed out waiting until ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const enqueueCounts = () =>
    enqueueMany(
      store.db,
      Array.from({ length: JOBS }, (_, i) => ({
        kind: 'count',
        key: `count-${String(i).padStart(3, '0')}`,
        payload: { i },
      })),
      systemClock.now(),
    );

  /** Every job done, and each key's effect committed exactly once. */
  async function expectEachEffectOnce() {
    expect(await jobCounts(store.db, 'count')).toEqual({
      queued: 0,
      running: 0,
      done: JOBS,
      failed: 0,
    });
    const effects = await queryRows<{ job_key: string; n: number }>(
      store.db,
      sql`select job_key, n from effects order by job_key`,
    );
    expect(effects).toHaveLength(JOBS);
    expect(effects.filter((e) => e.n !== 1)).toEqual([]);
    const keys = await queryRows<{ key: string }>(store.db, sql`select key from jobs order by key`);
    expect(effects.map((e) => e.job_key)).toEqual(keys.map((k) => k.key));
  }

  const runsOf = (key: string) =>
    queryRows<{ worker: string }>(store.db, sql`select worker from runs where job_key = ${key}`);

  it('loses and duplicates nothing when workers are killed mid-batch', async () => {
    await enqueueCounts();

    // Worker A completes 30 jobs, then stops inside the 31st job's completion transaction, its
    // effect written but not committed - and is killed there.
    const a = startWorker({ WORKER_ID: 'A', LEASE_MS: '1500', PAUSE_AFTER: '30' });
    const paused = (await a.line(/^paused /)).slice('paused '.length);
    expect(await doneCount()).toBe(30);
    expect(await findJob(store.db, paused)).toMatchObject({ status: 'running', lockedBy: 'A' });
    a.process.kill('SIGKILL');
    expect((await a.exited()).signal).toBe('SIGKILL');

    // Worker B (short lease too) takes over, and is killed at whatever point it has reached.
    const b = startWorker({ WORKER_ID: 'B', LEASE_MS: '1500', HANDLER_MS: '5' });
    await until(async () => (await doneCount()) >= 120, 'B has done its share');
    b.process.kill('SIGKILL');
    expect((await b.exited()).signal).toBe('SIGKILL');

    // Worker C finishes the queue, including any job B held when it died, and stops cleanly.
    const c = startWorker({ WORKER_ID: 'C', LEASE_MS: '1500' });
    await until(async () => (await doneCount()) === JOBS, 'every job is done');
    c.process.kill('SIGTERM');
    expect(await c.exited(), c.stderr()).toEqual({ code: 0, signal: null });

    await expectEachEffectOnce();
    // The job A died in ran twice, but its effect was committed once, by a later worker.
    expect((await runsOf(paused)).map((r) => r.worker)).toEqual([
      'A',
      expect.not.stringMatching('A'),
    ]);
    expect(await findJob(store.db, paused)).toMatchObject({
      status: 'done',
      attempts: 2,
      lastError: 'lease of A expired',
    });
  });

  it('never lets two workers sharing the queue start the same job', async () => {
    // Long leases: here no lease expires, so each job must be started exactly once.
    const env = { LEASE_MS: '30000', HANDLER_MS: '5' };
    const d = startWorker({ ...env, WORKER_ID: 'D' });
    const e = startWorker({ ...env, WORKER_ID: 'E' });
    await Promise.all([d.line(/^ready$/), e.line(/^ready$/)]);
    await enqueueCounts();
    await until(async () => (await doneCount()) === JOBS, 'every job is done');
    d.process.kill('SIGTERM');
    e.process.kill('SIGTERM');
    expect(await d.exited(), d.stderr()).toEqual({ code: 0, signal: null });
    expect(await e.exited(), e.stderr()).toEqual({ code: 0, signal: null });

    await expectEachEffectOnce();
    const runs = await queryRows<{ worker: string; started: number; keys: number }>(
      store.db,
      sql`select worker, count(*)::int as started, count(distinct job_key)::int as keys
          from runs group by worker order by worker`,
    );
    // Both took part, and together they started each job once.
    expect(runs.map((r) => r.worker)).toEqual(['D', 'E']);
    expect(runs.reduce((sum, r) => sum + r.started, 0)).toBe(JOBS);
    const [{ distinct } = { distinct: 0 }] = await queryRows<{ distinct: number }>(
      store.db,
      sql`select count(distinct job_key)::int as distinct from runs`,
    );
    expect(distinct).toBe(JOBS);
  });
});
