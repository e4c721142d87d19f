// One advert as a reviewer sees it: its result, its versions, and (for those allowed) its content.
// Every view of the content is a view of personal data and goes on the audit trail.
import { and, asc, eq, or } from 'drizzle-orm';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import type { Reason } from '../core/model/result.ts';
import { adverts, advertVersions, links, organisations, results } from '../store/schema.ts';
import { recordAuditEvent } from './audit/record-audit-event.ts';
import type { ServiceContext } from './context.ts';
import { redactReasons, seesPersonalData } from './list-adverts.ts';
import type { AdvertSummary } from './list-adverts.ts';
import { visibleAdverts } from './visibility.ts';

export interface AdvertDetail extends AdvertSummary {
  /** The current version's content; null for those who may not see personal data. */
  readonly content: unknown;
  readonly versions: readonly { version: number; receivedAt: string }[];
  readonly links: readonly { advertId: number; type: string; detail: unknown }[];
}

/** The advert, or NOT_FOUND when it does not exist or the actor may not see it. */
export async function getAdvert(
  ctx: ServiceContext,
  actor: Actor,
  advertId: number,
  reason?: string,
): Promise<AdvertDetail> {
  const [row] = await ctx.db
    .select({
      id: adverts.id,
      orgId: adverts.orgId,
      externalId: adverts.externalId,
      site: organisations.slug,
      version: adverts.currentVersion,
      postedAt: adverts.postedAt,
      score: results.score,
      level: results.level,
      networkId: results.networkId,
      catalogueVersion: results.catalogueVersion,
      screenedAt: results.screenedAt,
      reasons: results.reasons,
    })
    .from(adverts)
    .innerJoin(organisations, eq(organisations.id, adverts.orgId))
    .innerJoin(results, eq(results.advertId, adverts.id))
    .where(and(eq(adverts.id, advertId), visibleAdverts(actor, adverts.id, adverts.orgId)));
  // Not yours and not there look the same: ids do not reveal what other organisations hold.
  if (row === undefined) throw new AppError('NOT_FOUND', `no advert ${advertId}`);
  const personal = seesPersonalData(actor);
  const versions = await ctx.db
    .select({
      version: advertVersions.version,
      receivedAt: advertVersions.receivedAt,
      content: advertVersions.content,
    })
    .from(advertVersions)
    .where(eq(advertVersions.advertId, advertId))
    .orderBy(asc(advertVersions.version));
  const linkRows = await ctx.db
    .select({
      to: links.toAdvertId,
      from: links.fromAdvertId,
      type: links.type,
      detail: links.detail,
    })
    .from(links)
    .where(or(eq(links.fromAdvertId, advertId), eq(links.toAdvertId, advertId)));
  if (personal && actor.kind === 'user') {
    await recordAuditEvent(ctx, {
      action: 'advert.view_personal',
      orgId: actor.orgId,
      actorUserId: actor.userId,
      targetType: 'advert',
      targetId: String(advertId),
      reason: reason ?? null,
    });
  }
  const current = versions.find((v) => v.version === row.version);
  return {
    id: row.id,
    externalId: row.externalId,
    site: row.site,
    version: row.version,
    score: row.score,
    level: row.level,
    networkId: row.networkId,
    catalogueVersion: row.catalogueVersion,
    screenedAt: row.screenedAt.toISOString(),
    postedAt: row.postedAt?.toISOString() ?? null,
    reasons: personal ? (row.reasons as Reason[]) : redactReasons(row.reasons as Reason[]),
    content: personal ? (current?.content ?? null) : null,
    versions: versions.map((v) => ({ version: v.version, receivedAt: v.receivedAt.toISOString() })),
    links: linkRows.map((l) => ({
      advertId: l.from === advertId ? l.to : l.from,
      type: l.type,
      detail: personal ? l.detail : null,
    })),
  };
}
