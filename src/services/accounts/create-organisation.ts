// Creates an organisation. Two-factor sign-in is required by default for every kind whose members
// see personal data (sites, police, NGOs); research and training organisations may opt in.
import { z } from 'zod';
import { orgKindSeesPersonalData } from '../../core/auth/permissions.ts';
import { ORG_KINDS } from '../../core/auth/roles.ts';
import type { OrgKind } from '../../core/auth/roles.ts';
import { AppError } from '../../core/errors.ts';
import type { Db } from '../../store/open-store.ts';
import { organisations } from '../../store/schema.ts';
import { recordAuditEvent } from '../audit/record-audit-event.ts';
import type { ServiceContext } from '../context.ts';
import { isUniqueViolation, parseInput } from './secrets.ts';

export type Organisation = typeof organisations.$inferSelect;

export interface CreateOrganisationInput {
  readonly slug: string;
  readonly name: string;
  readonly kind: OrgKind;
  readonly isDemo?: boolean;
  /** Default: true for kinds that see personal data. */
  readonly requireTwoFactor?: boolean;
  /** Who asked (a platform admin); absent from the command line. */
  readonly actorUserId?: string | null;
}

/** Lower-case letters, digits and single hyphens inside; it appears in URLs and commands. */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const inputSchema = z.object({
  slug: z
    .string()
    .max(63, 'at most 63 characters')
    .regex(SLUG_PATTERN, 'lower-case letters, digits and hyphens only (e.g. "north-site")'),
  name: z.string().trim().min(1, 'must not be empty').max(200, 'at most 200 characters'),
  kind: z.enum(ORG_KINDS),
  isDemo: z.boolean().optional(),
  requireTwoFactor: z.boolean().optional(),
});

/** Creates an organisation; CONFLICT when the slug is taken. */
export async function createOrganisation(
  ctx: ServiceContext,
  input: CreateOrganisationInput,
): Promise<Organisation> {
  const v = parseInput(inputSchema, input, 'organisation');
  try {
    return await ctx.db.transaction(async (t) => {
      const tx = t as unknown as Db;
      const [org] = await tx
        .insert(organisations)
        .values({
          slug: v.slug,
          name: v.name,
          kind: v.kind,
          isDemo: v.isDemo ?? false,
          requireTwoFactor: v.requireTwoFactor ?? orgKindSeesPersonalData(v.kind),
          createdAt: ctx.clock.now(),
        })
        .returning();
      if (org === undefined) throw new Error('insert returned no organisation');
      await recordAuditEvent(
        ctx,
        {
          action: 'org.create',
          orgId: org.id,
          actorUserId: input.actorUserId ?? null,
          targetType: 'organisation',
          targetId: org.id,
          detail: { kind: org.kind, isDemo: org.isDemo, requireTwoFactor: org.requireTwoFactor },
        },
        tx,
      );
      return org;
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('CONFLICT', `an organisation with the slug "${v.slug}" already exists`);
    }
    throw err;
  }
}
