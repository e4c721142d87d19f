// Looks organisations up, for the command line and the platform admin's pages.
import { asc, eq } from 'drizzle-orm';
import { AppError } from '../../core/errors.ts';
import { organisations } from '../../store/schema.ts';
import type { ServiceContext } from '../context.ts';
import type { Organisation } from './create-organisation.ts';

/** Every organisation, by slug. */
export async function listOrganisations(ctx: ServiceContext): Promise<Organisation[]> {
  return ctx.db.select().from(organisations).orderBy(asc(organisations.slug));
}

/** The organisation with this slug; NOT_FOUND otherwise. */
export async function findOrganisationBySlug(
  ctx: ServiceContext,
  slug: string,
): Promise<Organisation> {
  const [org] = await ctx.db.select().from(organisations).where(eq(organisations.slug, slug));
  if (org === undefined) throw new AppError('NOT_FOUND', `no organisation has the slug "${slug}"`);
  return org;
}
