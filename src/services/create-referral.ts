// A site refers an advert or a network to a police force or an NGO; from then on, and only then,
// that organisation's staff may see it.
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../core/auth/roles.ts';
import { AppError } from '../core/errors.ts';
import { adverts, networkMembers, organisations, referrals } from '../store/schema.ts';
import type { Db } from '../store/open-store.ts';
import { recordAuditEvent } from './audit/record-audit-event.ts';
import type { ServiceContext } from './context.ts';

export interface ReferralInput {
  readonly toOrg: string;
  readonly advertId?: number | undefined;
  readonly networkId?: string | undefined;
  readonly note?: string | undefined;
}

/** Records the referral and audits it; NOT_FOUND for anything the referrer cannot see. */
export async function createReferral(
  ctx: ServiceContext,
  actor: Actor,
  input: ReferralInput,
): Promise<{ id: string }> {
  if (actor.kind !== 'user' || actor.orgKind !== 'site') {
    throw new AppError('FORBIDDEN', "referrals are made by a site's staff");
  }
  if ((input.advertId === undefined) === (input.networkId === undefined)) {
    throw new AppError(
      'INVALID_INPUT',
      'refer either an advert (advertId) or a network (networkId)',
    );
  }
  const [to] = await ctx.db.select().from(organisations).where(eq(organisations.slug, input.toOrg));
  if (to === undefined || (to.kind !== 'police' && to.kind !== 'ngo')) {
    throw new AppError('NOT_FOUND', `no police force or NGO "${input.toOrg}"`);
  }
  if (input.advertId !== undefined) {
    const [own] = await ctx.db
      .select({ id: adverts.id })
      .from(adverts)
      .where(and(eq(adverts.id, input.advertId), eq(adverts.orgId, actor.orgId)));
    if (own === undefined) throw new AppError('NOT_FOUND', `no advert ${input.advertId}`);
  } else {
    const [member] = await ctx.db
      .select({ id: networkMembers.advertId })
      .from(networkMembers)
      .where(
        and(eq(networkMembers.networkId, input.networkId!), eq(networkMembers.orgId, actor.orgId)),
      )
      .limit(1);
    if (member === undefined) throw new AppError('NOT_FOUND', `no network ${input.networkId}`);
  }
  return ctx.db.transaction(async (t) => {
    const tx = t as unknown as Db;
    const [row] = await tx
      .insert(referrals)
      .values({
        fromOrgId: actor.orgId,
        toOrgId: to.id,
        advertId: input.advertId ?? null,
        networkId: input.networkId ?? null,
        note: input.note ?? null,
        createdBy: actor.userId,
        createdAt: ctx.clock.now(),
      })
      .returning({ id: referrals.id });
    await recordAuditEvent(
      ctx,
      {
        action: 'referral.create',
        orgId: actor.orgId,
        actorUserId: actor.userId,
        targetType: input.advertId !== undefined ? 'advert' : 'network',
        targetId: String(input.advertId ?? input.networkId),
        detail: { toOrgId: to.id },
      },
      tx,
    );
    return { id: row!.id };
  });
}
