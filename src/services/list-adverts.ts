// Lists the adverts an actor may see with their screening results, highest score first, a page at
// a time. Pages are keyset-paginated on (score, id), so page 1,000 costs what page 1 does.
import { and, eq, gte, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { can } from '../core/auth/permissions.ts';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import type { Level, Reason } from '../core/model/result.ts';
import { adverts, organisations, results } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { visibleAdverts } from './visibility.ts';

export interface AdvertListQuery {
  readonly level?: Level | undefined;
  readonly minScore?: number | undefined;
  readonly networkId?: string | undefined;
  /** The `next` cursor of the previous page. */
  readonly after?: string | undefined;
  readonly limit: number;
}

/** One advert in a list: its result, and who it belongs to. */
export interface AdvertSummary {
  readonly id: number;
  readonly externalId: string;
  readonly site: string;
  readonly version: number;
  readonly score: number;
  readonly level: Level;
  readonly networkId: string | null;
  readonly catalogueVersion: string;
  readonly screenedAt: string;
  readonly postedAt: string | null;
  readonly reasons: readonly Reason[];
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass as `after` for the next page; null on the last. */
  readonly next: string | null;
}

/** Whether the actor may see evidence (which quotes the advert's personal data). */
export function seesPersonalData(actor: Actor): boolean {
  return actor.kind === 'api_key' || can(actor, 'adverts.read_personal');
}

/** Evidence without the quoted values, for those who may see scores but not personal data. */
export function redactReasons(reasons: readonly Reason[]): Reason[] {
  return reasons.map((r) => ({
    ...r,
    evidence: r.evidence.map((e) =>
      e.kind === 'text' ? { ...e, excerpt: '' } : e.kind === 'field' ? { ...e, value: null } : e,
    ),
  }));
}

/** Encodes a keyset position as an opaque cursor. */
export function encodeCursor(parts: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Decodes a cursor, or fails with INVALID_INPUT. */
export function decodeCursor<T extends readonly unknown[]>(
  cursor: string,
  check: (v: unknown) => v is T,
): T {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (check(value)) return value;
  } catch {
    // fall through
  }
  throw new AppError('INVALID_INPUT', 'the "after" cursor is not one this API gave out');
}

const isScoreCursor = (v: unknown): v is [number, number] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isInteger(v[1]);

/** A page of the adverts the actor may see, highest score first. */
export async function listAdverts(
  ctx: ServiceContext,
  actor: Actor,
  query: AdvertListQuery,
): Promise<Page<AdvertSummary>> {
  const conditions: SQL[] = [visibleAdverts(actor, results.advertId, results.orgId)];
  if (query.level !== undefined) conditions.push(eq(results.level, query.level));
  if (query.minScore !== undefined) conditions.push(gte(results.score, query.minScore));
  if (query.networkId !== undefined) conditions.push(eq(results.networkId, query.networkId));
  if (query.after !== undefined) {
    const [score, id] = decodeCursor(query.after, isScoreCursor);
    // A row comparison, so the (org, score, id) index serves deep pages too.
    conditions.push(sql`(${results.score}, ${results.advertId}) < (${score}::real, ${id}::bigint)`);
  }
  const rows = await ctx.db
    .select({
      id: results.advertId,
      externalId: adverts.externalId,
      site: organisations.slug,
      version: results.version,
      score: results.score,
      level: results.level,
      networkId: results.networkId,
      catalogueVersion: results.catalogueVersion,
      screenedAt: results.screenedAt,
      postedAt: adverts.postedAt,
      reasons: results.reasons,
    })
    .from(results)
    .innerJoin(adverts, eq(adverts.id, results.advertId))
    .innerJoin(organisations, eq(organisations.id, results.orgId))
    .where(and(...conditions))
    // NULLS LAST matches the indexes (the columns are NOT NULL, so the order is the same).
    .orderBy(sql`${results.score} desc nulls last`, sql`${results.advertId} desc nulls last`)
    .limit(query.limit + 1);
  const personal = seesPersonalData(actor);
  const page = rows.slice(0, query.limit).map((r) => ({
    ...r,
    screenedAt: r.screenedAt.toISOString(),
    postedAt: r.postedAt?.toISOString() ?? null,
    reasons: personal ? (r.reasons as Reason[]) : redactReasons(r.reasons as Reason[]),
  }));
  const last = page.at(-1);
  return {
    items: page,
    next: rows.length > query.limit && last ? encodeCursor([last.score, last.id]) : null,
  };
}
