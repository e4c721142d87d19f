// The permission matrix: which role holds which permission, which roles each kind of organisation
// may give its members, and which permissions a site's API key may carry. Least privilege: only
// site staff ingest or moderate; police and NGOs read what was referred to them; researchers see
// aggregates; trainers and learners see training material only. docs/security.md is generated
// from this file (scripts/write-security-docs.ts) and a test fails when the two drift.
import { AppError } from '../errors.ts';
import { PERMISSIONS, ROLES } from './roles.ts';
import type { Actor, OrgKind, Permission, Role } from './roles.ts';

/** Every permission each role holds; nothing else grants a person anything. */
export const PERMISSION_MATRIX: Readonly<Record<Role, readonly Permission[]>> = {
  // Creates organisations and their first users; sees no adverts and no personal data.
  platform_admin: [
    'platform.manage',
    'org.manage_users',
    'org.manage_api_keys',
    'org.manage_webhooks',
    'audit.read',
  ],
  site_admin: [
    'adverts.ingest',
    'adverts.read',
    'adverts.read_personal',
    'networks.read',
    'referrals.create',
    'appeals.create',
    'imports.create',
    'org.manage_users',
    'org.manage_api_keys',
    'org.manage_webhooks',
    'audit.read',
  ],
  moderator: ['adverts.read', 'adverts.read_personal', 'networks.read', 'review.decide'],
  senior_moderator: [
    'adverts.read',
    'adverts.read_personal',
    'networks.read',
    'review.decide',
    'review.decide_senior',
    'referrals.create',
    'appeals.create',
  ],
  // Police and NGOs read adverts and networks only through what was referred to their organisation.
  police_analyst: ['adverts.read', 'adverts.read_personal', 'networks.read', 'referrals.read'],
  ngo_caseworker: ['adverts.read', 'adverts.read_personal', 'networks.read', 'referrals.read'],
  researcher: ['research.read_aggregate'],
  peer_researcher: ['research.read_aggregate'],
  trainer: ['training.read', 'training.manage'],
  learner: ['training.read'],
};

/** The roles each kind of organisation may give its members (platform_admin fits any). */
export const ROLES_BY_ORG_KIND: Readonly<Record<OrgKind, readonly Role[]>> = {
  site: ['platform_admin', 'site_admin', 'moderator', 'senior_moderator'],
  police: ['platform_admin', 'police_analyst'],
  ngo: ['platform_admin', 'ngo_caseworker'],
  research: ['platform_admin', 'researcher', 'peer_researcher'],
  training: ['platform_admin', 'trainer', 'learner'],
};

/** The permissions a site's API key may be given. */
export const API_KEY_SCOPES = [
  'adverts.ingest',
  'adverts.read',
  'networks.read',
  'imports.create',
  'appeals.create',
] as const satisfies readonly Permission[];
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/** What each permission lets one do, in a line (for docs/security.md and the web app). */
export const PERMISSION_DESCRIPTIONS: Readonly<Record<Permission, string>> = {
  'adverts.ingest': 'Send adverts in (API, import)',
  'adverts.read': "List and read adverts' scores and reasons",
  'adverts.read_personal': "See an advert's personal data (phones, emails, names, images); audited",
  'networks.read': 'List and read networks of linked adverts',
  'review.decide': 'Claim review items and record decisions',
  'review.decide_senior': 'Overturn decisions and hear appeals',
  'referrals.create': 'Refer an advert or network to a police force or an NGO',
  'referrals.read': "See what has been referred to one's own organisation",
  'appeals.create': "Appeal a decision on one of the site's adverts, and follow the appeal",
  'imports.create': 'Import a file of adverts',
  'org.manage_users': "Add and remove the organisation's users and their roles",
  'org.manage_api_keys': "Create, list and revoke the organisation's API keys",
  'org.manage_webhooks': "Configure the organisation's outbound webhooks",
  'audit.read': "Read the organisation's audit trail",
  'platform.manage': 'Create organisations, and act across them',
  'research.read_aggregate': 'Aggregate, de-identified figures only',
  'training.read': 'Training material (synthetic adverts only)',
  'training.manage': 'Author training material and follow learners',
};

/** Whether an organisation of this kind may give a member this role. */
export function roleAllowedIn(kind: OrgKind, role: Role): boolean {
  return ROLES_BY_ORG_KIND[kind].includes(role);
}

/** Whether a string names a permission an API key may carry. */
export function isApiKeyScope(scope: string): scope is ApiKeyScope {
  return (API_KEY_SCOPES as readonly string[]).includes(scope);
}

/** Whether a string names a role. */
export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether a string names a permission. */
export function isPermission(value: string): value is Permission {
  return (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * Whether members of this kind of organisation may see personal data; such organisations
 * require two-factor sign-in by default.
 */
export function orgKindSeesPersonalData(kind: OrgKind): boolean {
  return ROLES_BY_ORG_KIND[kind].some((r) =>
    PERMISSION_MATRIX[r].includes('adverts.read_personal'),
  );
}

/** Whether the actor may do `p`. */
export function can(actor: Actor, p: Permission): boolean {
  switch (actor.kind) {
    case 'system':
      return true;
    case 'api_key':
      // Scopes are checked when a key is made; checking again keeps a bad row from granting more.
      return actor.scopes.includes(p) && isApiKeyScope(p);
    case 'user':
      // A role the organisation's kind may not give (a bad row, a changed kind) grants nothing.
      return actor.roles.some(
        (r) => roleAllowedIn(actor.orgKind, r) && PERMISSION_MATRIX[r].includes(p),
      );
  }
}

/** Throws FORBIDDEN unless the actor may do `p`. */
export function requirePermission(actor: Actor, p: Permission): void {
  if (!can(actor, p)) {
    throw new AppError('FORBIDDEN', `you do not have the permission this needs (${p})`);
  }
}
