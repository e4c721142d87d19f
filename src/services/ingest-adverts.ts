// Stores a batch of adverts from a site and queues them for screening. Idempotent on (site,
// advert id): the same advert sent again changes nothing; an edited one becomes a new version.
// Invalid adverts are reported one by one and never stop the valid ones from being stored.
import { createHash } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Advert } from '../core/advert/advert-schema.ts';
import { parseAdvertRecord, type FieldError } from '../core/advert/parse-advert.ts';
import { canonicalJson } from '../core/audit/audit-event.ts';
import { AppError } from '../core/errors.ts';
import { enqueue } from '../jobs/queue.ts';
import type { Db } from '../store/open-store.ts';
import { adverts, advertVersions, organisations } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';

/** Most adverts one request may carry; bigger loads go through imports. */
export const MAX_BATCH = 5000;

/** Job kind that screens and links stored advert versions. */
export const SCREEN_JOB = 'screen';

export interface IngestInput {
  readonly orgId: string;
  /** Decoded records, in the order sent. */
  readonly records: readonly unknown[];
}

/** One advert that was not stored, and why. */
export interface RejectedAdvert {
  /** Its position in the batch (0-based). */
  readonly index: number;
  readonly id: string | null;
  readonly errors: readonly FieldError[];
}

export interface IngestOutcome {
  readonly received: number;
  readonly created: number;
  readonly updated: number;
  readonly unchanged: number;
  readonly rejected: readonly RejectedAdvert[];
  /** The screening job queued for the new versions, or null when nothing changed. */
  readonly screeningJobId: number | null;
}

interface Candidate {
  readonly advert: Advert;
  readonly hash: string;
}

/** SHA-256 of an advert's canonical JSON: equal content, equal hash, whatever the key order. */
export function advertContentHash(advert: Advert): string {
  return createHash('sha256').update(canonicalJson(advert)).digest('hex');
}

/** Validates, stores and queues a batch of adverts for one site. */
export async function ingestAdverts(
  ctx: ServiceContext,
  input: IngestInput,
): Promise<IngestOutcome> {
  if (input.records.length > MAX_BATCH) {
    throw new AppError(
      'PAYLOAD_TOO_LARGE',
      `a batch holds at most ${MAX_BATCH} adverts (got ${input.records.length}); ` +
        'send several batches, or use an import for a whole file',
    );
  }
  const [org] = await ctx.db
    .select({ slug: organisations.slug, kind: organisations.kind })
    .from(organisations)
    .where(eq(organisations.id, input.orgId));
  if (org === undefined) throw new AppError('NOT_FOUND', 'no such organisation');
  if (org.kind !== 'site') throw new AppError('FORBIDDEN', 'only sites send adverts');

  const rejected: RejectedAdvert[] = [];
  // The last copy of an id in a batch wins, as if the copies had been sent one after another.
  const byId = new Map<string, Candidate>();
  input.records.forEach((record, index) => {
    const parsed = parseAdvertRecord(record);
    if (!parsed.ok) {
      const id = (record as { id?: unknown } | null)?.id;
      rejected.push({ index, id: typeof id === 'string' ? id : null, errors: parsed.errors });
      return;
    }
    // The site is the sender's, whatever the record says: a site cannot post as another.
    const advert = { ...parsed.advert, site: org.slug };
    byId.delete(advert.id);
    byId.set(advert.id, { advert, hash: advertContentHash(advert) });
  });

  const counts = await ctx.db.transaction(async (txRaw) => {
    const tx = txRaw as unknown as Db;
    return storeCandidates(tx, ctx, input.orgId, [...byId.values()]);
  });
  return {
    received: input.records.length,
    ...counts,
    rejected,
  };
}

async function storeCandidates(
  tx: Db,
  ctx: ServiceContext,
  orgId: string,
  candidates: readonly Candidate[],
): Promise<Omit<IngestOutcome, 'received' | 'rejected'>> {
  if (candidates.length === 0)
    return { created: 0, updated: 0, unchanged: 0, screeningJobId: null };
  const now = ctx.clock.now();
  const postedAt = (a: Advert) => (a.postedAt !== undefined ? new Date(a.postedAt) : null);

  // New adverts first: rows that already exist are left alone here and handled as edits below.
  const inserted = await tx
    .insert(adverts)
    .values(
      candidates.map((c) => ({
        orgId,
        externalId: c.advert.id,
        currentVersion: 1,
        contentHash: c.hash,
        postedAt: postedAt(c.advert),
        firstSeenAt: now,
        updatedAt: now,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: adverts.id, externalId: adverts.externalId });
  const newIds = new Map(inserted.map((r) => [r.externalId, r.id]));
  const items: [number, number][] = [];
  const versions: (typeof advertVersions.$inferInsert)[] = [];
  for (const c of candidates) {
    const id = newIds.get(c.advert.id);
    if (id === undefined) continue;
    versions.push({
      advertId: id,
      version: 1,
      content: c.advert,
      contentHash: c.hash,
      receivedAt: now,
    });
    items.push([id, 1]);
  }

  let updated = 0;
  let unchanged = 0;
  const existing = candidates.filter((c) => !newIds.has(c.advert.id));
  if (existing.length > 0) {
    const rows = await tx
      .select({
        id: adverts.id,
        externalId: adverts.externalId,
        version: adverts.currentVersion,
        hash: adverts.contentHash,
      })
      .from(adverts)
      .where(
        and(
          eq(adverts.orgId, orgId),
          inArray(
            adverts.externalId,
            existing.map((c) => c.advert.id),
          ),
        ),
      )
      .for('update');
    const current = new Map(rows.map((r) => [r.externalId, r]));
    for (const c of existing) {
      const row = current.get(c.advert.id)!;
      if (row.hash === c.hash) {
        unchanged += 1;
        continue;
      }
      const version = row.version + 1;
      await tx
        .update(adverts)
        .set({
          currentVersion: version,
          contentHash: c.hash,
          postedAt: postedAt(c.advert),
          updatedAt: now,
        })
        .where(eq(adverts.id, row.id));
      versions.push({
        advertId: row.id,
        version,
        content: c.advert,
        contentHash: c.hash,
        receivedAt: now,
      });
      items.push([row.id, version]);
      updated += 1;
    }
  }

  // Chunks keep each statement well under PostgreSQL's 65,535 parameters.
  for (let i = 0; i < versions.length; i += 2000) {
    await tx.insert(advertVersions).values(versions.slice(i, i + 2000));
  }
  let screeningJobId: number | null = null;
  if (items.length > 0) {
    const key = `${SCREEN_JOB}:${createHash('sha256').update(JSON.stringify(items)).digest('hex')}`;
    const job = await enqueue(tx, { kind: SCREEN_JOB, key, payload: { items } }, now);
    screeningJobId = job.id;
  }
  return { created: newIds.size, updated, unchanged, screeningJobId };
}
