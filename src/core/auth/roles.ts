// Who can be who in Beacon: organisation kinds, roles, permissions, and the actor a request runs
// as. The matrix of which role holds which permission lives in permissions.ts.

export const ORG_KINDS = ['site', 'police', 'ngo', 'research', 'training'] as const;
/** What an organisation is; it bounds the roles its members may hold. */
export type OrgKind = (typeof ORG_KINDS)[number];

export const ROLES = [
  'platform_admin',
  'site_admin',
  'moderator',
  'senior_moderator',
  'police_analyst',
  'ngo_caseworker',
  'researcher',
  'peer_researcher',
  'trainer',
  'learner',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  /** Send adverts in (API, import). */
  'adverts.ingest',
  /** List and read adverts' scores and reasons. */
  'adverts.read',
  /** See an advert's personal data: phones, emails, names, images. Each view is audited. */
  'adverts.read_personal',
  'networks.read',
  /** Claim review items and record decisions. */
  'review.decide',
  /** Overturn decisions and hear appeals. */
  'review.decide_senior',
  /** Refer an advert or network to a police force or an NGO. */
  'referrals.create',
  /** See what has been referred to one's own organisation. */
  'referrals.read',
  /** Appeal a decision on one of the site's adverts, and follow the appeal. */
  'appeals.create',
  'imports.create',
  'org.manage_users',
  'org.manage_api_keys',
  'org.manage_webhooks',
  'audit.read',
  /** Create organisations, and act across them. */
  'platform.manage',
  /** Aggregate, de-identified figures only. */
  'research.read_aggregate',
  'training.read',
  'training.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Who is acting: a signed-in person in one organisation, a site's API key, or Beacon itself. */
export type Actor =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly orgId: string;
      readonly orgKind: OrgKind;
      readonly roles: readonly Role[];
    }
  | {
      readonly kind: 'api_key';
      readonly apiKeyId: string;
      readonly orgId: string;
      readonly orgKind: OrgKind;
      readonly scopes: readonly Permission[];
    }
  | { readonly kind: 'system' };
