// Tenant isolation in one place: which adverts and networks an actor may see. A site's staff and
// API keys see their own site's adverts; police and NGO staff see only what has been referred to
// their organisation; everyone else sees none (researchers get aggregates elsewhere).
import { eq, exists, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { Actor } from '../core/auth/roles.ts';
import { networkMembers, referrals } from '../store/schema.ts';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';

/** A condition on an advert id column that holds for the adverts the actor may see. */
export function visibleAdverts(actor: Actor, advertId: AnyPgColumn, orgId: AnyPgColumn): SQL {
  if (actor.kind === 'system') return sql`true`;
  if (actor.orgKind === 'site') return eq(orgId, actor.orgId);
  if (actor.orgKind === 'police' || actor.orgKind === 'ngo') {
    return or(
      exists(
        sql`(select 1 from ${referrals} where ${referrals.toOrgId} = ${actor.orgId} and ${referrals.advertId} = ${advertId})`,
      ),
      exists(
        sql`(select 1 from ${referrals} join ${networkMembers} on ${networkMembers.networkId} = ${referrals.networkId} where ${referrals.toOrgId} = ${actor.orgId} and ${networkMembers.advertId} = ${advertId})`,
      ),
    )!;
  }
  return sql`false`;
}

/** A condition on a network id column for the networks the actor may see. */
export function visibleNetworks(actor: Actor, networkId: AnyPgColumn): SQL {
  if (actor.kind === 'system') return sql`true`;
  if (actor.orgKind === 'site') {
    return exists(
      sql`(select 1 from ${networkMembers} where ${networkMembers.networkId} = ${networkId} and ${networkMembers.orgId} = ${actor.orgId})`,
    );
  }
  if (actor.orgKind === 'police' || actor.orgKind === 'ngo') {
    return exists(
      sql`(select 1 from ${referrals} where ${referrals.toOrgId} = ${actor.orgId} and ${referrals.networkId} = ${networkId})`,
    );
  }
  return sql`false`;
}
