// Shared set-up for the accounts tests: organisations and users with unique names, so one store
// serves a whole suite. Argon2 is slow by design, so suites make few users.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { OrgKind, Role } from '../../src/core/auth/roles.ts';
import type { ErrorCode } from '../../src/core/errors.ts';
import { addUser } from '../../src/services/accounts/add-user.ts';
import { createOrganisation } from '../../src/services/accounts/create-organisation.ts';
import type { Organisation } from '../../src/services/accounts/create-organisation.ts';
import type { ServiceContext } from '../../src/services/context.ts';

export const PASSWORD = 'tidal-Lantern-47-orchard';

/** A fresh slug-safe suffix. */
export const unique = () => randomBytes(4).toString('hex');

/** A new organisation of the given kind. */
export function newOrg(
  ctx: ServiceContext,
  kind: OrgKind,
  extra: { requireTwoFactor?: boolean } = {},
): Promise<Organisation> {
  const slug = `${kind}-${unique()}`;
  return createOrganisation(ctx, { slug, name: `Org ${slug}`, kind, ...extra });
}

/** A new user in `org` with `roles`, password PASSWORD. */
export async function newUser(
  ctx: ServiceContext,
  org: Organisation,
  roles: Role[],
): Promise<{ id: string; email: string }> {
  const email = `person-${unique()}@example.org`;
  return addUser(ctx, { email, displayName: 'A Person', password: PASSWORD, orgId: org.id, roles });
}

/** Asserts the promise rejects with an AppError of this code (and returns it). */
export async function rejectsWith(
  p: Promise<unknown>,
  code: ErrorCode,
): Promise<Error & { code: ErrorCode; details: readonly string[] }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err, `expected ${code}`).toMatchObject({ name: 'AppError', code });
  return err as Error & { code: ErrorCode; details: readonly string[] };
}
