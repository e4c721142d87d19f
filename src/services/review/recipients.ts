// The organisations a referral may go to: every police force and NGO Beacon knows, by name only.
// A moderator referring an advert picks one from this list; nothing about the organisations'
// members or work is shared.
import { asc, inArray } from 'drizzle-orm';
import { organisations } from '../../store/schema.ts';
import type { ServiceContext } from '../context.ts';

/** An organisation that can receive a referral. */
export interface Recipient {
  readonly id: string;
  readonly name: string;
  readonly kind: 'police' | 'ngo';
}

/** Every police and NGO organisation, ordered by kind and then name. */
export async function listRecipients(ctx: ServiceContext): Promise<Recipient[]> {
  const rows = await ctx.db
    .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
    .from(organisations)
    .where(inArray(organisations.kind, ['police', 'ngo']))
    .orderBy(asc(organisations.kind), asc(organisations.name), asc(organisations.id));
  return rows.map((r) => ({ id: r.id, name: r.name, kind: r.kind as 'police' | 'ngo' }));
}
