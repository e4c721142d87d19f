import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import {
  API_KEY_SCOPES,
  can,
  orgKindSeesPersonalData,
  PERMISSION_DESCRIPTIONS,
  PERMISSION_MATRIX,
  requirePermission,
  ROLES_BY_ORG_KIND,
} from './permissions.ts';
import { ORG_KINDS, PERMISSIONS, ROLES } from './roles.ts';
import type { Actor, OrgKind, Permission, Role } from './roles.ts';

const role = fc.constantFrom(...ROLES);
const permission = fc.constantFrom(...PERMISSIONS);
const orgKind = fc.constantFrom(...ORG_KINDS);
const userActor = fc.record({
  kind: fc.constant('user' as const),
  userId: fc.uuid(),
  orgId: fc.uuid(),
  orgKind,
  roles: fc.uniqueArray(role),
});
const apiKeyActor = fc.record({
  kind: fc.constant('api_key' as const),
  apiKeyId: fc.uuid(),
  orgId: fc.uuid(),
  orgKind,
  scopes: fc.uniqueArray(permission),
});

const siteRoles = new Set<Role>(ROLES_BY_ORG_KIND.site);
const holders = (p: Permission) => ROLES.filter((r) => PERMISSION_MATRIX[r].includes(p));
const user = (orgKind: OrgKind, ...roles: Role[]): Actor => ({
  kind: 'user',
  userId: 'u',
  orgId: 'o',
  orgKind,
  roles,
});

describe('can', () => {
  it('never grants a user a permission none of their roles holds in the matrix', () => {
    fc.assert(
      fc.property(userActor, permission, (actor, p) => {
        if (can(actor, p))
          expect(actor.roles.some((r) => PERMISSION_MATRIX[r].includes(p))).toBe(true);
      }),
    );
  });

  it('grants a user every permission of each role their organisation may give', () => {
    fc.assert(
      fc.property(userActor, (actor) => {
        for (const r of actor.roles) {
          if (!ROLES_BY_ORG_KIND[actor.orgKind].includes(r)) continue;
          for (const p of PERMISSION_MATRIX[r]) expect(can(actor, p)).toBe(true);
        }
      }),
    );
  });

  it('never lets anyone outside a site ingest or moderate, whatever roles a row claims', () => {
    fc.assert(
      fc.property(userActor, (actor) => {
        if (actor.orgKind === 'site') return;
        for (const p of ['adverts.ingest', 'review.decide', 'review.decide_senior'] as const) {
          expect(can(actor, p)).toBe(false);
        }
      }),
    );
  });

  it('grants an API key only its scopes, and only scopes an API key may carry', () => {
    fc.assert(
      fc.property(apiKeyActor, permission, (actor, p) => {
        const granted = can(actor, p);
        expect(granted).toBe(actor.scopes.includes(p) && API_KEY_SCOPES.some((s) => s === p));
      }),
    );
  });

  it('grants Beacon itself everything', () => {
    for (const p of PERMISSIONS) expect(can({ kind: 'system' }, p)).toBe(true);
  });

  it('refuses with FORBIDDEN', () => {
    expect(() => requirePermission(user('site', 'moderator'), 'adverts.ingest')).toThrow(AppError);
    expect(() => requirePermission(user('research', 'researcher'), 'adverts.read')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => requirePermission(user('site', 'site_admin'), 'adverts.ingest')).not.toThrow();
  });
});

describe('the permission matrix', () => {
  it('gives ingest and moderation to site roles only', () => {
    for (const p of ['adverts.ingest', 'review.decide', 'review.decide_senior'] as const) {
      for (const r of holders(p)) expect(siteRoles.has(r), `${r} holds ${p}`).toBe(true);
    }
  });

  it('gives personal data only to the roles that need it', () => {
    expect(new Set(holders('adverts.read_personal'))).toEqual(
      new Set(['site_admin', 'moderator', 'senior_moderator', 'police_analyst', 'ngo_caseworker']),
    );
  });

  it('keeps researchers to aggregates and trainers and learners to training material', () => {
    for (const r of ['researcher', 'peer_researcher'] as const) {
      expect(PERMISSION_MATRIX[r]).toEqual(['research.read_aggregate']);
    }
    for (const r of ['trainer', 'learner'] as const) {
      for (const p of PERMISSION_MATRIX[r]) expect(p.startsWith('training.')).toBe(true);
    }
  });

  it('lets every organisation kind hold a platform admin and each role fit some kind', () => {
    for (const k of ORG_KINDS) expect(ROLES_BY_ORG_KIND[k]).toContain('platform_admin');
    for (const r of ROLES)
      expect(ORG_KINDS.some((k) => ROLES_BY_ORG_KIND[k].includes(r))).toBe(true);
  });

  it('describes every permission and lists each at most once per role', () => {
    for (const p of PERMISSIONS) expect(PERMISSION_DESCRIPTIONS[p]).toBeTruthy();
    for (const r of ROLES)
      expect(new Set(PERMISSION_MATRIX[r]).size).toBe(PERMISSION_MATRIX[r].length);
  });

  it('requires two-factor by default where personal data is seen', () => {
    expect(ORG_KINDS.filter(orgKindSeesPersonalData)).toEqual(['site', 'police', 'ngo']);
  });
});
