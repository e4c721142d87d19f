// A worker: claims jobs of the kinds it has handlers for and runs them one at a time, renewing
// the lease while a handler runs. Delivery is at least once: a worker can die after a handler's
// effects and before the job is marked done, and the job then runs again elsewhere. Handlers are
// therefore idempotent by contract, writing their effects keyed (upserts) - or, better, writing
// them with `helpers.completeWith`, in the same transaction that marks the job done, so that
// effects and completion commit together or not at all (see docs/jobs.md).
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { eq } from 'drizzle-orm';
import { AppError } from '../core/errors.ts';
import type { Clock } from '../services/context.ts';
import type { Db } from '../store/open-store.ts';
import { jobs } from '../store/schema.ts';
import { jobErrorText } from './failure.ts';
import type { Backoff } from './failure.ts';
import { claim, complete, extendLease, fail, failExpiredLeases, reportProgress } from './queue.ts';
import type { Job } from './queue.ts';

/** What a handler gets besides its job. */
export interface JobHelpers {
  /** Aborted when this worker has lost the job's lease: another worker may be running it now. */
  readonly signal: AbortSignal;
  /** Records progress; inside `completeWith` it is written in that transaction. */
  progress(done: number, total: number): Promise<void>;
  /**
   * Runs `write` in one transaction that also marks the job done, and commits both together: a
   * crash before the commit leaves neither, so the job runs again and finds nothing half-done.
   * Call it once, at the end of the handler, with the writes only (do the slow work before it).
   * Inside `write` use `tx` alone: on the embedded store, `db` waits for this transaction to end.
   * Throws (and writes nothing) when the lease has been lost to another worker.
   */
  completeWith<T>(write: (tx: Db) => Promise<T>): Promise<T>;
}

/**
 * Runs one job. Resolving completes it (unless `completeWith` already did); throwing fails the
 * attempt, which is retried after a backoff until max_attempts. May run more than once per job.
 */
export type JobHandler<P = unknown> = (job: Job<P>, helpers: JobHelpers) => Promise<void>;

/** Structured log sink: a pino logger fits. Fields never carry payloads, only ids and kinds. */
export interface JobLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface WorkerOptions {
  readonly db: Db;
  readonly clock: Clock;
  /** Handlers by job kind; the worker claims only these kinds. Each validates its own payload. */
  // `never` lets a handler declare its payload type (JobHandler<ScreenPayload>) and still fit.
  readonly handlers: Readonly<Record<string, JobHandler<never>>>;
  /** Unique among live workers; default host:pid:random. */
  readonly workerId?: string;
  /** How long a claim holds without renewal; default 30 s. */
  readonly leaseMs?: number;
  /** How often the lease is renewed while a handler runs; default a third of leaseMs. */
  readonly heartbeatMs?: number;
  /** Wait between looks at an empty queue; default 1 s (`wake()` cuts it short). */
  readonly pollMs?: number;
  readonly backoff?: Backoff;
  readonly log?: JobLog;
}

export interface Worker {
  readonly id: string;
  /** Runs jobs in the background until stop(). */
  start(): void;
  /** Runs jobs until none is ready, then resolves with how many ran (for tests and one-off runs). */
  drain(): Promise<number>;
  /** Ends the wait for the next poll: call it after enqueuing in this process. */
  wake(): void;
  /** Lets the current job finish, then stops; resolves when it has. */
  stop(): Promise<void>;
}

const silentLog: JobLog = { info() {}, warn() {}, error() {} };

/** Creates a worker for the given handlers; it does nothing until start() or drain(). */
export function createWorker(options: WorkerOptions): Worker {
  const { db, clock } = options;
  const id = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const kinds = Object.keys(options.handlers);
  const leaseMs = options.leaseMs ?? 30_000;
  const heartbeatMs = options.heartbeatMs ?? Math.max(10, Math.floor(leaseMs / 3));
  const pollMs = options.pollMs ?? 1_000;
  const log = options.log ?? silentLog;

  let stopping = false;
  let loop: Promise<void> | undefined;
  let draining: Promise<number> | undefined;
  let wakeUp: (() => void) | undefined;
  let nextSweep = -Infinity;

  async function runNext(): Promise<boolean> {
    const now = clock.now();
    if (now.getTime() >= nextSweep) {
      nextSweep = now.getTime() + leaseMs;
      const failed = await failExpiredLeases(db, { kinds, now });
      if (failed > 0) {
        log.warn({ workerId: id, jobs: failed }, 'jobs failed: lease expired on the last attempt');
      }
    }
    const job = await claim(db, { workerId: id, kinds, leaseMs, now });
    if (job === undefined) return false;
    await run(job);
    return true;
  }

  async function run(job: Job): Promise<void> {
    const fields = { workerId: id, jobId: job.id, kind: job.kind, attempt: job.attempts };
    const lost = new AbortController();
    let completing = false;
    let completed = false;
    let openTx: Db | undefined;
    const beat = heartbeat(job, () => {
      // A renewal refused while the job is being completed only means it is done.
      if (completing || lost.signal.aborted) return;
      lost.abort();
      log.warn(fields, 'job lease lost: another worker may be running it');
    });
    const helpers: JobHelpers = {
      signal: lost.signal,
      progress: async (done, total) => {
        // Inside completeWith the row is already marked done (in the open transaction).
        if (openTx === undefined) await reportProgress(db, job.id, { done, total });
        else
          await openTx.update(jobs).set({ progress: { done, total } }).where(eq(jobs.id, job.id));
      },
      completeWith: async (write) => {
        if (completing) throw new AppError('CONFLICT', `job ${job.id}: completeWith called twice`);
        completing = true;
        try {
          const result = await db.transaction(async (t) => {
            const tx = t as unknown as Db;
            // First, so the row stays locked (and unclaimable) until the commit.
            if (!(await complete(tx, job, clock.now()))) {
              throw new AppError('CONFLICT', `job ${job.id}: lease lost to another worker`);
            }
            openTx = tx;
            try {
              return await write(tx);
            } finally {
              openTx = undefined;
            }
          });
          completed = true;
          return result;
        } catch (err) {
          completing = false;
          throw err;
        }
      },
    };
    try {
      await (options.handlers[job.kind] as JobHandler)(job, helpers);
      if (!completed) {
        completing = true;
        completed = await complete(db, job, clock.now());
      }
      if (completed) log.info(fields, 'job done');
      else log.warn(fields, 'job finished after its lease was lost: left to the new holder');
    } catch (err) {
      const error = jobErrorText(err, job.payload);
      if (completed) {
        log.error({ ...fields, error }, 'job handler threw after completing: the job stays done');
        return;
      }
      completing = true;
      const outcome = await fail(db, job, err, clock.now(), options.backoff);
      const level = outcome === 'failed' ? 'error' : 'warn';
      log[level]({ ...fields, outcome, error }, `job attempt failed: ${outcome}`);
    } finally {
      await beat.stop();
    }
  }

  /** Renews the lease every heartbeatMs, one renewal at a time, until stopped. */
  function heartbeat(job: Job, onLost: () => void): { stop(): Promise<void> } {
    let inflight: Promise<void> = Promise.resolve();
    const timer = setInterval(() => {
      inflight = inflight.then(async () => {
        try {
          if (!(await extendLease(db, job, leaseMs, clock.now()))) onLost();
        } catch (err) {
          const error = jobErrorText(err, job.payload);
          log.warn({ workerId: id, jobId: job.id, error }, 'lease renewal failed');
        }
      });
    }, heartbeatMs);
    return {
      async stop() {
        clearInterval(timer);
        await inflight;
      },
    };
  }

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      wakeUp = done;
    });
  }

  return {
    id,
    start() {
      if (loop !== undefined) return;
      stopping = false;
      log.info({ workerId: id, kinds }, 'worker started');
      loop = (async () => {
        while (!stopping) {
          let ran = false;
          try {
            ran = await runNext();
          } catch (err) {
            log.error({ workerId: id, error: jobErrorText(err, null) }, 'worker could not run');
          }
          if (!ran && !stopping) await sleep(pollMs);
        }
      })();
    },
    drain() {
      if (loop !== undefined || draining !== undefined) {
        return Promise.reject(new Error('drain() needs a worker that is not already running'));
      }
      stopping = false;
      draining = (async () => {
        let ran = 0;
        try {
          while (!stopping && (await runNext())) ran++;
          return ran;
        } finally {
          draining = undefined;
        }
      })();
      return draining;
    },
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopping = true;
      wakeUp?.();
      await Promise.allSettled([loop, draining]);
      loop = undefined;
      log.info({ workerId: id }, 'worker stopped');
    },
  };
}
