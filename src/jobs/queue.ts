// The job queue, kept in the `jobs` table. Jobs are keyed (a key is queued once, ever), claimed
// with FOR UPDATE SKIP LOCKED so that workers sharing one PostgreSQL never take the same job, and
// held under a lease: a worker that dies stops renewing it, and once it expires the job is claimed
// again. Every write that ends or renews a claim is fenced on (id, locked_by, attempts), so a
// worker whose lease was taken over can no longer complete, fail or renew the job.
// Times come from the caller (an injected clock), never from the database's now().
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../store/open-store.ts';
import { jobs } from '../store/schema.ts';
import { DEFAULT_BACKOFF, jobErrorText, retryDelayMs } from './failure.ts';
import type { Backoff } from './failure.ts';

export type JobStatus = (typeof jobs.status.enumValues)[number];

/** A row of the queue. The payload is whatever was enqueued; handlers validate it. */
export type Job<P = unknown> = Omit<typeof jobs.$inferSelect, 'payload' | 'progress'> & {
  readonly payload: P;
  readonly progress: JobProgress | null;
};

/** What fences a claim: the job and the attempt this worker holds. */
export type JobLease = Pick<Job, 'id' | 'attempts' | 'lockedBy'>;

export interface JobProgress {
  readonly done: number;
  readonly total: number;
}

export interface NewJob {
  readonly kind: string;
  /** Names the work, e.g. `screen:advert-version:123`: enqueuing the same key again does nothing. */
  readonly key: string;
  /** JSON. Keep it to ids: it is stored, and it is never copied into error texts or logs. */
  readonly payload: unknown;
  /** Not before this time; default now. */
  readonly runAfter?: Date;
  /** Attempts before the job is marked failed; default 5. */
  readonly maxAttempts?: number;
}

export interface Enqueued {
  readonly id: number;
  /** False when a job with this key already existed (whatever its status). */
  readonly created: boolean;
}

export interface ClaimOptions {
  readonly workerId: string;
  /** The kinds this worker can run; a worker never claims a job it has no handler for. */
  readonly kinds: readonly string[];
  readonly leaseMs: number;
  readonly now: Date;
}

export type FailOutcome = 'retry' | 'failed' | 'lost';

const DEFAULT_MAX_ATTEMPTS = 5;
/** Rows per INSERT: 6 parameters each, well under PostgreSQL's 65,535. */
const ENQUEUE_CHUNK = 1_000;

/**
 * Queues a job unless one with the same key exists. Pass a transaction as `db` to queue the job
 * atomically with the data it is about.
 */
export async function enqueue(db: Db, job: NewJob, now: Date): Promise<Enqueued> {
  const [result] = await enqueueMany(db, [job], now);
  return result!;
}

/** Queues many jobs in few statements; answers one result per input, in input order. */
export async function enqueueMany(
  db: Db,
  batch: readonly NewJob[],
  now: Date,
): Promise<Enqueued[]> {
  const created = new Map<string, number>();
  const existing = new Map<string, number>();
  for (let start = 0; start < batch.length; start += ENQUEUE_CHUNK) {
    const chunk = batch.slice(start, start + ENQUEUE_CHUNK);
    const inserted = await db
      .insert(jobs)
      .values(
        chunk.map((j) => ({
          kind: j.kind,
          key: j.key,
          payload: j.payload ?? {},
          runAfter: j.runAfter ?? now,
          maxAttempts: j.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
          createdAt: now,
        })),
      )
      .onConflictDoNothing({ target: jobs.key })
      .returning({ id: jobs.id, key: jobs.key });
    for (const row of inserted) created.set(row.key, row.id);
    const missing = [...new Set(chunk.map((j) => j.key))].filter((k) => !created.has(k));
    if (missing.length > 0) {
      const rows = await db
        .select({ id: jobs.id, key: jobs.key })
        .from(jobs)
        .where(inArray(jobs.key, missing));
      for (const row of rows) existing.set(row.key, row.id);
    }
  }
  const reported = new Set<string>();
  return batch.map((j) => {
    const first = !reported.has(j.key);
    reported.add(j.key);
    const id = created.get(j.key);
    if (id !== undefined) return { id, created: first };
    return { id: existing.get(j.key)!, created: false };
  });
}

/**
 * Claims the oldest ready job of the given kinds, in one statement: a queued job whose run_after
 * has come, or a running job whose lease has expired (its worker died or hung) and which has
 * attempts left. The claim sets it running, counts the attempt and takes the lease.
 */
export async function claim(db: Db, options: ClaimOptions): Promise<Job | undefined> {
  const { workerId, kinds, leaseMs, now } = options;
  if (kinds.length === 0) return undefined;
  const next = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, [...kinds]),
        or(
          and(eq(jobs.status, 'queued'), lte(jobs.runAfter, now)),
          and(
            eq(jobs.status, 'running'),
            lt(jobs.lockedUntil, now),
            lt(jobs.attempts, jobs.maxAttempts),
          ),
        ),
      ),
    )
    .orderBy(asc(jobs.runAfter), asc(jobs.id))
    .limit(1)
    .for('update', { skipLocked: true });
  const [row] = await db
    .update(jobs)
    .set({
      status: 'running',
      attempts: sql`${jobs.attempts} + 1`,
      lockedBy: workerId,
      lockedUntil: new Date(now.getTime() + leaseMs),
      // Leave a trace of a takeover: the previous holder stopped renewing its lease.
      lastError: sql`case when ${jobs.status} = 'running'
        then 'lease of ' || ${jobs.lockedBy} || ' expired' else ${jobs.lastError} end`,
    })
    .where(inArray(jobs.id, next))
    .returning();
  return row as Job | undefined;
}

/** Marks a claimed job done. False when the claim was lost (the lease was taken over). */
export async function complete(db: Db, lease: JobLease, now: Date): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ status: 'done', finishedAt: now, lockedUntil: null })
    .where(fenced(lease))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Records a failed attempt: the job is queued again after a backoff, or marked failed once it
 * has had max_attempts. The stored error text never quotes the payload.
 */
export async function fail(
  db: Db,
  job: Job,
  error: unknown,
  now: Date,
  backoff: Backoff = DEFAULT_BACKOFF,
): Promise<FailOutcome> {
  const retryAt = timestamp(new Date(now.getTime() + retryDelayMs(job.attempts, backoff)));
  const exhausted = sql`${jobs.attempts} >= ${jobs.maxAttempts}`;
  const [row] = await db
    .update(jobs)
    .set({
      status: sql`case when ${exhausted} then 'failed'::job_status else 'queued'::job_status end`,
      runAfter: sql`case when ${exhausted} then ${jobs.runAfter} else ${retryAt} end`,
      finishedAt: sql`case when ${exhausted} then ${timestamp(now)} else null end`,
      lockedBy: null,
      lockedUntil: null,
      lastError: jobErrorText(error, job.payload),
    })
    .where(fenced(job))
    .returning({ status: jobs.status });
  if (row === undefined) return 'lost';
  return row.status === 'failed' ? 'failed' : 'retry';
}

/** Renews a claim's lease to now + leaseMs. False when the claim was lost or has ended. */
export async function extendLease(
  db: Db,
  lease: JobLease,
  leaseMs: number,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(jobs)
    .set({ lockedUntil: new Date(now.getTime() + leaseMs) })
    .where(fenced(lease))
    .returning({ id: jobs.id });
  return rows.length > 0;
}

/**
 * Marks failed the running jobs whose lease expired on their last attempt: a job that kills its
 * worker every time (say, by exhausting memory) must not be claimed for ever.
 */
export async function failExpiredLeases(
  db: Db,
  options: { readonly kinds: readonly string[]; readonly now: Date },
): Promise<number> {
  if (options.kinds.length === 0) return 0;
  const expired = db
    .select({ id: jobs.id })
    .from(jobs)
    .where(
      and(
        inArray(jobs.kind, [...options.kinds]),
        eq(jobs.status, 'running'),
        lt(jobs.lockedUntil, options.now),
        sql`${jobs.attempts} >= ${jobs.maxAttempts}`,
      ),
    )
    .for('update', { skipLocked: true });
  const rows = await db
    .update(jobs)
    .set({
      status: 'failed',
      finishedAt: options.now,
      lastError: sql`'lease of ' || ${jobs.lockedBy} || ' expired on the last attempt'`,
      lockedBy: null,
      lockedUntil: null,
    })
    .where(inArray(jobs.id, expired))
    .returning({ id: jobs.id });
  return rows.length;
}

/** Records how far a running job has got (shown to whoever waits on it, e.g. an import). */
export async function reportProgress(db: Db, id: number, progress: JobProgress): Promise<void> {
  await db
    .update(jobs)
    .set({ progress: { done: progress.done, total: progress.total } })
    .where(and(eq(jobs.id, id), eq(jobs.status, 'running')));
}

/** The job with this key, if any. */
export async function findJob(db: Db, key: string): Promise<Job | undefined> {
  const [row] = await db.select().from(jobs).where(eq(jobs.key, key));
  return row as Job | undefined;
}

/** How many jobs are in each status, of one kind or of all. */
export async function jobCounts(db: Db, kind?: string): Promise<Record<JobStatus, number>> {
  const rows = await db
    .select({ status: jobs.status, n: sql<number | string>`count(*)` })
    .from(jobs)
    .where(kind === undefined ? undefined : eq(jobs.kind, kind))
    .groupBy(jobs.status);
  const counts: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** The condition every claim-holder's write carries: still running, still this attempt. */
function fenced(lease: JobLease) {
  return and(
    eq(jobs.id, lease.id),
    eq(jobs.status, 'running'),
    eq(jobs.attempts, lease.attempts),
    lease.lockedBy === null ? sql`false` : eq(jobs.lockedBy, lease.lockedBy),
  );
}

/** A time as a typed SQL parameter, for the places where no column gives it a type. */
function timestamp(at: Date) {
  return sql`${at.toISOString()}::timestamptz`;
}

/**
 * Inside a job's completing transaction, takes more queued jobs of `kind` that are ready, to run
 * with it as one batch: they are marked done in `tx`, so they commit with the work that covers
 * them, or stay queued if it rolls back. Jobs other workers hold are skipped, not waited for.
 * `accept` sees each candidate's payload, oldest first, and says whether it still fits.
 */
export async function absorbReady(
  tx: Db,
  options: {
    readonly kind: string;
    readonly now: Date;
    readonly limit: number;
    readonly accept: (payload: unknown) => boolean;
  },
): Promise<Job[]> {
  const { kind, now, limit, accept } = options;
  if (limit <= 0) return [];
  const candidates = (await tx
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, kind), eq(jobs.status, 'queued'), lte(jobs.runAfter, now)))
    .orderBy(asc(jobs.runAfter), asc(jobs.id))
    .limit(limit)
    .for('update', { skipLocked: true })) as Job[];
  const taken: Job[] = [];
  for (const job of candidates) {
    if (!accept(job.payload)) break;
    taken.push(job);
  }
  if (taken.length > 0) {
    await tx
      .update(jobs)
      .set({ status: 'done', finishedAt: now, lockedBy: null, lockedUntil: null })
      .where(
        inArray(
          jobs.id,
          taken.map((j) => j.id),
        ),
      );
  }
  return taken;
}
