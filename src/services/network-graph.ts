// One network as the network view draws it: its member adverts the caller may see (capped), the
// identifiers and photos they share, their image and text links, the timeline and the circuit of
// towns. Identifier values, towns and the text template are personal data: they come only with
// `adverts.read_personal`, and each such view goes on the audit trail (as getAdvert's does).
import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { Advert } from '../core/advert/advert-schema.ts';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import { advertFeatures } from '../core/model/features.ts';
import { buildNetworkGraph } from '../core/network/network-graph.ts';
import type { GraphAdvertRow, NetworkGraph } from '../core/network/network-graph.ts';
import {
  adverts,
  advertVersions,
  identifiers,
  images,
  links,
  networkMembers,
  networks,
  results,
} from '../store/schema.ts';
import { recordAuditEvent } from './audit/record-audit-event.ts';
import type { ServiceContext } from './context.ts';
import { seesPersonalData } from './list-adverts.ts';
import { visibleAdverts, visibleNetworks } from './visibility.ts';

/** Most member adverts one view shows: beyond it the graph is unreadable and slow to draw. */
export const GRAPH_ADVERT_CAP = 500;

/**
 * The network view, or NOT_FOUND when the network does not exist or the caller may not see it.
 * `reason` (why the caller is looking) goes into the audit event.
 */
export async function networkGraph(
  ctx: ServiceContext,
  actor: Actor,
  networkId: string,
  options: { reason?: string | undefined; cap?: number } = {},
): Promise<NetworkGraph> {
  const cap = options.cap ?? GRAPH_ADVERT_CAP;
  const [network] = await ctx.db
    .select({ id: networks.id, score: networks.score, level: networks.level, size: networks.size })
    .from(networks)
    .where(and(eq(networks.id, networkId), visibleNetworks(actor, networks.id)));
  if (network === undefined) throw new AppError('NOT_FOUND', `no network ${networkId}`);

  // The most recently posted members the caller may see, one more than the cap to tell if cut.
  const rows = await ctx.db
    .select({
      id: adverts.id,
      externalId: adverts.externalId,
      postedAt: adverts.postedAt,
      score: results.score,
      level: results.level,
      content: advertVersions.content,
    })
    .from(networkMembers)
    .innerJoin(adverts, eq(adverts.id, networkMembers.advertId))
    .innerJoin(
      advertVersions,
      and(
        eq(advertVersions.advertId, adverts.id),
        eq(advertVersions.version, adverts.currentVersion),
      ),
    )
    .leftJoin(results, eq(results.advertId, adverts.id))
    .where(
      and(
        eq(networkMembers.networkId, networkId),
        visibleAdverts(actor, adverts.id, adverts.orgId),
      ),
    )
    .orderBy(sql`${adverts.postedAt} desc nulls last`, desc(adverts.id))
    .limit(cap + 1);
  const truncated = rows.length > cap;
  const members: GraphAdvertRow[] = rows.slice(0, cap).map((r) => ({
    id: r.id,
    externalId: r.externalId,
    score: r.score,
    level: r.level,
    postedAt: r.postedAt?.toISOString() ?? null,
    // The town as linkage saw it: the town field, else the first town in the title or text.
    town: advertFeatures(r.content as Advert, { language: false }).town,
  }));
  const ids = members.map((m) => m.id);

  const [identifierRows, imageRows, linkRows] =
    ids.length === 0
      ? [[], [], []]
      : await Promise.all([
          ctx.db
            .select({
              advertId: identifiers.advertId,
              type: identifiers.type,
              value: identifiers.value,
            })
            .from(identifiers)
            .where(inArray(identifiers.advertId, ids)),
          ctx.db
            .select({ advertId: images.advertId, pdq: images.pdq })
            .from(images)
            .where(inArray(images.advertId, ids)),
          ctx.db
            .select({
              from: links.fromAdvertId,
              to: links.toAdvertId,
              type: links.type,
              detail: links.detail,
            })
            .from(links)
            .where(
              and(
                or(eq(links.type, 'image'), eq(links.type, 'text')),
                inArray(links.fromAdvertId, ids),
                inArray(links.toAdvertId, ids),
              ),
            ),
        ]);

  const personal = seesPersonalData(actor);
  if (personal && members.length > 0 && actor.kind !== 'system') {
    await recordAuditEvent(ctx, {
      action: 'network.view_personal',
      orgId: actor.orgId,
      ...(actor.kind === 'user'
        ? { actorUserId: actor.userId }
        : { actorApiKeyId: actor.apiKeyId }),
      targetType: 'network',
      targetId: networkId,
      reason: options.reason ?? null,
      detail: { adverts: members.length },
    });
  }
  return buildNetworkGraph({
    network,
    adverts: members,
    identifiers: identifierRows,
    images: imageRows,
    links: linkRows,
    personal,
    truncated,
  });
}
