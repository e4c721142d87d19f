// Fills a PostgreSQL store quickly with many adverts for the latency benchmarks (listing results
// in bench/server.ts, the review queue and advert view in bench/review.ts): a few thousand demo
// adverts are really ingested and screened, then copied by SQL (generate_series, 100,000 rows a
// statement) until the store holds the number asked for. Copies get the screening result (and,
// when asked, the content) of the sample advert they copy, so levels, scores and reasons have the
// demo corpus's distribution.
import { sql } from 'drizzle-orm';
import type { App } from '../src/app.ts';
import { generateCorpus } from '../src/core/demo/generate-corpus.ts';
import { ingestAdverts } from '../src/services/ingest-adverts.ts';

/** Demo adverts as the records a site would send (distinct ids, in posting order). */
export function demoRecords(count: number): unknown[] {
  return [
    ...generateCorpus({
      adverts: count,
      seed: 7,
      start: '2026-01-01T00:00:00Z',
      days: Math.max(7, Math.ceil(count / 1000)),
      site: 'bench',
    }),
  ].map(({ advert }) => advert);
}

export interface FillOptions {
  /** Adverts the store holds when done (the sample included). */
  readonly rows: number;
  /** Demo adverts really ingested and screened (into the first site) and then copied. */
  readonly sampleSize: number;
  /** Three sites: copies go half to the first, 30% to the second, 20% to the third. */
  readonly orgIds: readonly [string, string, string];
  /** Also copy each sample advert's current version (its content) for the copies. */
  readonly versions?: boolean;
  /** Print progress to stderr. */
  readonly progress?: boolean;
}

const CHUNK = 100_000;

/**
 * Ingests `sampleSize` demo adverts into the first site, screens them with a worker (which also
 * links them into networks and queues review items), then copies them by SQL up to `rows`
 * adverts with results (and versions when asked), and runs ANALYZE. The store must be fresh, so
 * that the sample's advert ids are 1…sampleSize.
 */
export async function fillAdverts(app: App, options: FillOptions): Promise<void> {
  const { rows, sampleSize: sample, orgIds, versions = false, progress = false } = options;
  const [a, b, c] = orgIds;
  const db = app.store.db;
  await ingestAdverts(app.ctx, { orgId: a, records: demoRecords(sample) });
  await app.createWorker().drain();
  // An ordinary table rather than a temporary one: the statements below may run on different
  // connections of the pool.
  await db.execute(sql`
    create table bench_sample as
    select (row_number() over (order by r.advert_id) - 1)::int as k, r.catalogue_version, r.score,
           r.level, r.network_id, r.reasons, v.content
    from results r
    join adverts ad on ad.id = r.advert_id
    left join advert_versions v on v.advert_id = ad.id and v.version = ad.current_version`);
  for (let lo = sample + 1; lo <= rows; lo += CHUNK) {
    const hi = Math.min(rows, lo + CHUNK - 1);
    await db.execute(sql`
      with a as (
        insert into adverts (org_id, external_id, current_version, content_hash, posted_at,
                             first_seen_at, updated_at)
        select case when g % 10 < 5 then ${a}::uuid
                    when g % 10 < 8 then ${b}::uuid
                    else ${c}::uuid end,
               'fill-' || g, 1, md5(g::text),
               now() - (g % 5000000) * interval '1 second', now(), now()
        from generate_series(${lo}::int, ${hi}::int) g
        returning id, org_id),
      ${
        versions
          ? sql`v as (
        insert into advert_versions (advert_id, version, content, content_hash, received_at)
        select a.id, 1, s.content, md5(a.id::text), now()
        from a join bench_sample s on s.k = a.id % ${sample}
        where s.content is not null),`
          : sql``
      }
      r as (
        insert into results (advert_id, org_id, version, catalogue_version, score, level,
                             network_id, reasons, screened_at)
        select a.id, a.org_id, 1, s.catalogue_version, s.score, s.level, s.network_id, s.reasons,
               now()
        from a join bench_sample s on s.k = a.id % ${sample}
        returning 1)
      select count(*) from r`);
    if (progress) {
      console.error(`    filled ${hi.toLocaleString('en-GB')} of ${rows.toLocaleString('en-GB')}`);
    }
  }
  await db.execute(sql`drop table bench_sample`);
  await db.execute(sql`analyze`);
}
