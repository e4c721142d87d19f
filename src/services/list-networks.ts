// Networks an actor may see, highest score first (keyset-paginated), and one network in full with
// only the members the actor may see.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import type { Level, Reason } from '../core/model/result.ts';
import { adverts, networkMembers, networks } from '../store/schema.ts';
import type { ServiceContext } from './context.ts';
import { decodeCursor, encodeCursor, redactReasons, seesPersonalData } from './list-adverts.ts';
import type { Page } from './list-adverts.ts';
import { visibleAdverts, visibleNetworks } from './visibility.ts';

export interface NetworkSummaryRow {
  readonly id: string;
  readonly score: number;
  readonly level: Level;
  readonly size: number;
  readonly reasons: readonly Reason[];
  readonly summary: unknown;
  readonly updatedAt: string;
}

export interface NetworkDetail extends NetworkSummaryRow {
  /** The members the actor may see (a site sees its own adverts of a cross-site network). */
  readonly adverts: readonly { id: number; externalId: string }[];
}

const isCursor = (v: unknown): v is [number, string] =>
  Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'string';

/** A page of networks, highest score first. */
export async function listNetworks(
  ctx: ServiceContext,
  actor: Actor,
  query: { level?: Level | undefined; after?: string | undefined; limit: number },
): Promise<Page<NetworkSummaryRow>> {
  const conditions: SQL[] = [visibleNetworks(actor, networks.id)];
  if (query.level !== undefined) conditions.push(eq(networks.level, query.level));
  if (query.after !== undefined) {
    const [score, id] = decodeCursor(query.after, isCursor);
    conditions.push(sql`(${networks.score}, ${networks.id}) < (${score}::real, ${id})`);
  }
  const rows = await ctx.db
    .select()
    .from(networks)
    .where(and(...conditions))
    .orderBy(sql`${networks.score} desc nulls last`, sql`${networks.id} desc nulls last`)
    .limit(query.limit + 1);
  const items = rows.slice(0, query.limit).map((r) => shape(r, actor));
  const last = items.at(-1);
  return {
    items,
    next: rows.length > query.limit && last ? encodeCursor([last.score, last.id]) : null,
  };
}

/** One network, or NOT_FOUND when it does not exist or the actor may not see it. */
export async function getNetwork(
  ctx: ServiceContext,
  actor: Actor,
  id: string,
): Promise<NetworkDetail> {
  const [row] = await ctx.db
    .select()
    .from(networks)
    .where(and(eq(networks.id, id), visibleNetworks(actor, networks.id)));
  if (row === undefined) throw new AppError('NOT_FOUND', `no network ${id}`);
  const members = await ctx.db
    .select({ id: adverts.id, externalId: adverts.externalId })
    .from(networkMembers)
    .innerJoin(adverts, eq(adverts.id, networkMembers.advertId))
    .where(
      and(
        eq(networkMembers.networkId, id),
        inArray(
          networkMembers.advertId,
          ctx.db
            .select({ id: adverts.id })
            .from(adverts)
            .where(visibleAdverts(actor, adverts.id, adverts.orgId)),
        ),
      ),
    );
  return { ...shape(row, actor), adverts: members };
}

function shape(r: typeof networks.$inferSelect, actor: Actor): NetworkSummaryRow {
  const personal = seesPersonalData(actor);
  return {
    id: r.id,
    score: r.score,
    level: r.level,
    size: r.size,
    reasons: personal ? (r.reasons as Reason[]) : redactReasons(r.reasons as Reason[]),
    // The summary names phones, personas and towns: personal data.
    summary: personal ? r.summary : null,
    updatedAt: r.updatedAt.toISOString(),
  };
}
