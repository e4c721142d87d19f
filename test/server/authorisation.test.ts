// The authorisation matrix, driven through HTTP: every route, as every role and as API keys of
// every scope, is allowed exactly when the permission matrix says so. Then tenant isolation: one
// organisation's data, tried from another's accounts by every route that takes an id.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.ts';
import { API_KEY_SCOPES, can, ROLES_BY_ORG_KIND } from '../../src/core/auth/permissions.ts';
import { ORG_KINDS, ROLES } from '../../src/core/auth/roles.ts';
import type { Actor, OrgKind, Permission, Role } from '../../src/core/auth/roles.ts';
import { ROUTES } from '../../src/server/routes/index.ts';
import { demoAdverts } from '../support/demo-adverts.ts';
import { storeTargets } from '../support/stores.ts';
import { apiKeyCaller, drainJobs, makeOrg, signedIn, testApp } from '../support/test-app.ts';
import type { Caller } from '../support/test-app.ts';

interface Sample {
  url?: string;
  payload?: unknown;
}
/** A request to each route that passes validation; routes with ids get ids that exist nowhere. */
const SAMPLES: Record<string, (orgId: string) => Sample> = {
  'POST /api/v1/adverts': () => ({ payload: [] }),
  'GET /api/v1/adverts': () => ({}),
  'GET /api/v1/adverts/:id': () => ({ url: '/api/v1/adverts/987654' }),
  'GET /api/v1/networks': () => ({}),
  'GET /api/v1/networks/:id': () => ({ url: '/api/v1/networks/n-none' }),
  'GET /api/v1/networks/:id/graph': () => ({ url: '/api/v1/networks/n-none/graph' }),
  'POST /api/v1/referrals': () => ({ payload: { toOrg: 'nobody', advertId: 987654 } }),
  'POST /api/v1/api-keys': () => ({ payload: { name: 'k', scopes: ['adverts.read'] } }),
  'GET /api/v1/api-keys': () => ({}),
  'DELETE /api/v1/api-keys/:id': () => ({ url: `/api/v1/api-keys/${randomUUID()}` }),
  'GET /api/v1/audit': () => ({}),
  'POST /api/v1/webhooks': () => ({
    payload: { url: 'https://receiver.example.org/beacon', events: ['advert.level_changed'] },
  }),
  'GET /api/v1/webhooks': () => ({}),
  'DELETE /api/v1/webhooks/:id': () => ({ url: `/api/v1/webhooks/${randomUUID()}` }),
  'GET /api/v1/webhooks/:id/deliveries': () => ({
    url: `/api/v1/webhooks/${randomUUID()}/deliveries`,
  }),
  'POST /api/v1/imports': () => ({ payload: [] }),
  'GET /api/v1/imports/:id': () => ({ url: `/api/v1/imports/${randomUUID()}` }),
  'GET /api/v1/me': () => ({}),
  'POST /api/v1/me/organisation': (orgId) => ({ payload: { orgId } }),
  'GET /api/v1/review/queue': () => ({}),
  'POST /api/v1/review/next': () => ({ payload: {} }),
  'GET /api/v1/review/reason-codes': () => ({}),
  'GET /api/v1/review/items/:id': () => ({ url: `/api/v1/review/items/${randomUUID()}` }),
  'POST /api/v1/review/items/:id/claim': () => ({
    url: `/api/v1/review/items/${randomUUID()}/claim`,
  }),
  'POST /api/v1/review/items/:id/release': () => ({
    url: `/api/v1/review/items/${randomUUID()}/release`,
  }),
  'POST /api/v1/review/items/:id/decisions': () => ({
    url: `/api/v1/review/items/${randomUUID()}/decisions`,
    payload: { outcome: 'no_concern', reasonCode: 'insufficient_evidence' },
  }),
  'GET /api/v1/review/approvals': () => ({}),
  'POST /api/v1/review/decisions/:id/approve': () => ({
    url: `/api/v1/review/decisions/${randomUUID()}/approve`,
  }),
  'POST /api/v1/review/decisions/:id/reject': () => ({
    url: `/api/v1/review/decisions/${randomUUID()}/reject`,
    payload: {},
  }),
  'GET /api/v1/adverts/:id/decisions': () => ({ url: '/api/v1/adverts/987654/decisions' }),
  'POST /api/v1/appeals': () => ({ payload: { advertId: 'no-such-advert' } }),
  'GET /api/v1/appeals': () => ({}),
  'GET /api/v1/appeals/:id': () => ({ url: `/api/v1/appeals/${randomUUID()}` }),
  'POST /api/v1/cases': () => ({ payload: { title: 'A case' } }),
  'GET /api/v1/calibration': () => ({}),
  'POST /api/v1/calibration/drafts': () => ({}),
  'GET /api/v1/calibration/drafts': () => ({}),
  'GET /api/v1/calibration/drafts/:id': () => ({
    url: `/api/v1/calibration/drafts/${randomUUID()}`,
  }),
  'GET /api/v1/calibration/drafts/:id/catalogue': () => ({
    url: `/api/v1/calibration/drafts/${randomUUID()}/catalogue`,
  }),
  'POST /api/v1/calibration/drafts/:id/approve': () => ({
    url: `/api/v1/calibration/drafts/${randomUUID()}/approve`,
  }),
  'POST /api/v1/calibration/drafts/:id/reject': () => ({
    url: `/api/v1/calibration/drafts/${randomUUID()}/reject`,
  }),
  'GET /api/v1/cases': () => ({}),
  'GET /api/v1/cases/:id': () => ({ url: `/api/v1/cases/${randomUUID()}` }),
  'POST /api/v1/cases/:id/members': () => ({
    url: `/api/v1/cases/${randomUUID()}/members`,
    payload: { advertId: '987654' },
  }),
  'POST /api/v1/cases/:id/notes': () => ({
    url: `/api/v1/cases/${randomUUID()}/notes`,
    payload: { text: 'A note' },
  }),
};

const guarded = ROUTES.filter((r) => r.access !== 'public' && r.access !== 'pending-session');
const keyOf = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

async function call(
  app: App,
  route: (typeof ROUTES)[number],
  caller: Caller | null,
  orgId: string,
) {
  const sample = SAMPLES[keyOf(route)]!(orgId);
  return app.server.inject({
    method: route.method,
    url: sample.url ?? route.url,
    headers: caller?.headers ?? {},
    ...(sample.payload !== undefined ? { payload: sample.payload as object } : {}),
  });
}

const orgKindOf = (role: Role): OrgKind =>
  role === 'platform_admin' ? 'site' : ORG_KINDS.find((k) => ROLES_BY_ORG_KIND[k].includes(role))!;

for (const target of await storeTargets()) {
  describe(`authorisation matrix (${target.name})`, () => {
    let app: App;
    beforeAll(async () => {
      app = await testApp(target);
    });
    afterAll(() => app.close());

    it('has a sample request for every guarded route', () => {
      expect(guarded.map(keyOf).filter((k) => SAMPLES[k] === undefined)).toEqual([]);
    });

    it('refuses every guarded route without credentials (401)', async () => {
      for (const route of guarded) {
        const res = await call(app, route, null, randomUUID());
        expect([keyOf(route), res.statusCode]).toEqual([keyOf(route), 401]);
      }
    });

    const check = async (caller: Caller, actor: Actor, orgId: string) => {
      const rows: string[] = [];
      for (const route of guarded) {
        const res = await call(app, route, caller, orgId);
        const allowed = route.access === 'signed-in' || can(actor, route.access as Permission);
        const denied =
          res.statusCode === 403 && String(res.json().detail).startsWith('this needs the');
        expect(res.statusCode, `${caller.label} ${keyOf(route)}`).not.toBe(401);
        if (allowed === denied) rows.push(`${caller.label} ${keyOf(route)}: ${res.statusCode}`);
      }
      expect(rows).toEqual([]);
    };

    it.each(ROLES)('lets %s do exactly what the matrix allows', async (role) => {
      const kind = orgKindOf(role);
      const org = await makeOrg(app, kind);
      const caller = await signedIn(app, org.id, role);
      await check(
        caller,
        { kind: 'user', userId: 'u', orgId: org.id, orgKind: kind, roles: [role] },
        org.id,
      );
    });

    it.each(API_KEY_SCOPES)('lets an API key with scope %s do exactly that', async (scope) => {
      const org = await makeOrg(app, 'site');
      const caller = await apiKeyCaller(app, org.id, [scope]);
      const actor: Actor = {
        kind: 'api_key',
        apiKeyId: 'k',
        orgId: org.id,
        orgKind: 'site',
        scopes: [scope],
      };
      // API keys never use the person-only routes, whatever they are allowed.
      await check(caller, actor, org.id);
    });
  });

  describe(`tenant isolation (${target.name})`, () => {
    let app: App;
    let siteA: { id: string; slug: string };
    let siteB: { id: string; slug: string };
    let keyA: Caller;
    let adminA: Caller;
    let moderatorB: Caller;
    let adminB: Caller;
    let keyB: Caller;
    let police: Caller;
    let ngo: Caller;
    let policeSlug: string;
    let advertsA: number[];
    let networkA: string;
    let keyIdA: string;
    let webhookA: string;

    beforeAll(async () => {
      app = await testApp(target);
      siteA = await makeOrg(app, 'site');
      siteB = await makeOrg(app, 'site');
      const policeOrg = await makeOrg(app, 'police');
      const ngoOrg = await makeOrg(app, 'ngo');
      policeSlug = policeOrg.slug;
      keyA = await apiKeyCaller(app, siteA.id, ['adverts.ingest', 'adverts.read', 'networks.read']);
      keyB = await apiKeyCaller(app, siteB.id, ['adverts.read', 'networks.read']);
      adminA = await signedIn(app, siteA.id, 'site_admin');
      adminB = await signedIn(app, siteB.id, 'site_admin');
      moderatorB = await signedIn(app, siteB.id, 'moderator');
      police = await signedIn(app, policeOrg.id, 'police_analyst');
      ngo = await signedIn(app, ngoOrg.id, 'ngo_caseworker');
      await app.server.inject({
        method: 'POST',
        url: '/api/v1/adverts',
        headers: keyA.headers,
        payload: demoAdverts(200, 9, 10),
      });
      await drainJobs(app);
      const list = await app.server.inject({
        url: '/api/v1/adverts?limit=500',
        headers: keyA.headers,
      });
      advertsA = list.json().items.map((i: { id: number }) => i.id);
      const nets = await app.server.inject({ url: '/api/v1/networks', headers: keyA.headers });
      networkA = nets.json().items[0].id;
      const keys = await app.server.inject({ url: '/api/v1/api-keys', headers: adminA.headers });
      keyIdA = keys.json().items[0].id;
      // Made after the screening above, so that no delivery is ever sent to this URL.
      const hook = await app.server.inject({
        method: 'POST',
        url: '/api/v1/webhooks',
        headers: adminA.headers,
        payload: { url: 'https://receiver.example.org/a', events: ['advert.level_changed'] },
      });
      webhookA = hook.json().id;
    });
    afterAll(() => app.close());

    it('keeps site A’s adverts, networks and keys from everyone outside it, by every id-bearing route', async () => {
      expect(advertsA).toHaveLength(200);
      const idRoutes = ROUTES.filter((r) => r.url.includes(':'))
        .map(keyOf)
        .sort();
      expect(idRoutes).toEqual([
        'DELETE /api/v1/api-keys/:id',
        'DELETE /api/v1/webhooks/:id',
        'GET /api/v1/adverts/:id',
        'GET /api/v1/adverts/:id/decisions',
        'GET /api/v1/appeals/:id',
        'GET /api/v1/calibration/drafts/:id',
        'GET /api/v1/calibration/drafts/:id/catalogue',
        'GET /api/v1/cases/:id',
        'GET /api/v1/imports/:id',
        'GET /api/v1/networks/:id',
        'GET /api/v1/networks/:id/graph',
        'GET /api/v1/review/items/:id',
        'GET /api/v1/webhooks/:id/deliveries',
        'POST /api/v1/calibration/drafts/:id/approve',
        'POST /api/v1/calibration/drafts/:id/reject',
        'POST /api/v1/cases/:id/members',
        'POST /api/v1/cases/:id/notes',
        'POST /api/v1/review/decisions/:id/approve',
        'POST /api/v1/review/decisions/:id/reject',
        'POST /api/v1/review/items/:id/claim',
        'POST /api/v1/review/items/:id/decisions',
        'POST /api/v1/review/items/:id/release',
      ]);
      for (const outsider of [moderatorB, adminB, keyB, police, ngo]) {
        for (const id of advertsA.slice(0, 20)) {
          const res = await app.server.inject({
            url: `/api/v1/adverts/${id}`,
            headers: outsider.headers,
          });
          expect([outsider.label, res.statusCode]).toEqual([outsider.label, 404]);
        }
        const net = await app.server.inject({
          url: `/api/v1/networks/${networkA}`,
          headers: outsider.headers,
        });
        expect([outsider.label, net.statusCode]).toEqual([outsider.label, 404]);
        const graph = await app.server.inject({
          url: `/api/v1/networks/${networkA}/graph`,
          headers: outsider.headers,
        });
        expect([outsider.label, graph.statusCode]).toEqual([outsider.label, 404]);
        const list = await app.server.inject({ url: '/api/v1/adverts', headers: outsider.headers });
        expect([outsider.label, list.json().items]).toEqual([outsider.label, []]);
        const nets = await app.server.inject({
          url: '/api/v1/networks',
          headers: outsider.headers,
        });
        expect([outsider.label, nets.json().items]).toEqual([outsider.label, []]);
      }
      const imported = await app.server.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: adminA.headers,
        payload: demoAdverts(5, 3, 1),
      });
      expect(imported.statusCode).toBe(202);
      const importId = imported.json().id;
      const own = await app.server.inject({
        url: `/api/v1/imports/${importId}`,
        headers: adminA.headers,
      });
      expect(own.statusCode).toBe(200);
      const foreign = await app.server.inject({
        url: `/api/v1/imports/${importId}`,
        headers: adminB.headers,
      });
      expect(foreign.statusCode).toBe(404);
      const revoke = await app.server.inject({
        method: 'DELETE',
        url: `/api/v1/api-keys/${keyIdA}`,
        headers: adminB.headers,
      });
      expect(revoke.statusCode).toBe(404);
      const stillWorks = await app.server.inject({
        url: '/api/v1/adverts?limit=1',
        headers: keyA.headers,
      });
      expect(stillWorks.statusCode).toBe(200);
      // Site B can neither read site A's webhook log nor delete the webhook.
      const deliveries = await app.server.inject({
        url: `/api/v1/webhooks/${webhookA}/deliveries`,
        headers: adminB.headers,
      });
      expect(deliveries.statusCode).toBe(404);
      const deleted = await app.server.inject({
        method: 'DELETE',
        url: `/api/v1/webhooks/${webhookA}`,
        headers: adminB.headers,
      });
      expect(deleted.statusCode).toBe(404);
      const hooksA = await app.server.inject({ url: '/api/v1/webhooks', headers: adminA.headers });
      expect(hooksA.json().items).toEqual([
        expect.objectContaining({ id: webhookA, disabledAt: null }),
      ]);
      const hooksB = await app.server.inject({ url: '/api/v1/webhooks', headers: adminB.headers });
      expect(hooksB.json().items).toEqual([]);
      // Nor can site B refer site A's advert or network, nor switch into site A.
      for (const payload of [
        { toOrg: policeSlug, advertId: advertsA[0] },
        { toOrg: policeSlug, networkId: networkA },
      ]) {
        const res = await app.server.inject({
          method: 'POST',
          url: '/api/v1/referrals',
          headers: adminB.headers,
          payload,
        });
        expect(res.statusCode).toBe(404);
      }
      const sw = await app.server.inject({
        method: 'POST',
        url: '/api/v1/me/organisation',
        headers: moderatorB.headers,
        payload: { orgId: siteA.id },
      });
      expect(sw.statusCode).toBe(403);
    });

    it('keeps site A’s review items, decisions, appeals and cases from site B (404)', async () => {
      const modA = await signedIn(app, siteA.id, 'moderator');
      const seniorA = await signedIn(app, siteA.id, 'senior_moderator');
      const seniorB = await signedIn(app, siteB.id, 'senior_moderator');
      const post = (caller: Caller, url: string, payload: object = {}) =>
        app.server.inject({ method: 'POST', url, headers: caller.headers, payload });
      // A final decision (appealed), a pending one, and a case, all in site A.
      const first = (await post(modA, '/api/v1/review/next')).json().item;
      const final = await post(modA, `/api/v1/review/items/${first.id}/decisions`, {
        outcome: 'no_concern',
        reasonCode: 'insufficient_evidence',
      });
      expect(final.statusCode).toBe(201);
      const appeal = await post(adminA, '/api/v1/appeals', { advertId: first.externalId });
      expect(appeal.statusCode).toBe(201);
      const appealId = appeal.json().appeal.id;
      const second = (await post(modA, '/api/v1/review/next')).json().item;
      const pending = await post(modA, `/api/v1/review/items/${second.id}/decisions`, {
        outcome: 'suspend',
        reasonCode: 'terms_breach',
      });
      const decisionId = pending.json().decision.id;
      const third = (await post(seniorA, '/api/v1/review/next')).json().item;
      const caseId = (await post(modA, '/api/v1/cases', { title: 'A' })).json().case.id;
      const attempts: [Caller, 'GET' | 'POST', string, object?][] = [
        [moderatorB, 'GET', `/api/v1/review/items/${first.id}`],
        [moderatorB, 'POST', `/api/v1/review/items/${third.id}/claim`],
        [moderatorB, 'POST', `/api/v1/review/items/${third.id}/release`],
        [
          moderatorB,
          'POST',
          `/api/v1/review/items/${third.id}/decisions`,
          { outcome: 'no_concern', reasonCode: 'insufficient_evidence' },
        ],
        [moderatorB, 'GET', `/api/v1/adverts/${first.advertId}/decisions`],
        [seniorB, 'POST', `/api/v1/review/decisions/${decisionId}/approve`],
        [seniorB, 'POST', `/api/v1/review/decisions/${decisionId}/reject`, {}],
        [adminB, 'GET', `/api/v1/appeals/${appealId}`],
        [adminB, 'POST', '/api/v1/appeals', { advertId: first.externalId }],
        [moderatorB, 'GET', `/api/v1/cases/${caseId}`],
        [moderatorB, 'POST', `/api/v1/cases/${caseId}/members`, { advertId: first.advertId }],
        [moderatorB, 'POST', `/api/v1/cases/${caseId}/notes`, { text: 'x' }],
      ];
      for (const [caller, method, url, payload] of attempts) {
        const res = await app.server.inject({
          method,
          url,
          headers: caller.headers,
          ...(payload !== undefined ? { payload } : {}),
        });
        expect([caller.label, method, url, res.statusCode]).toEqual([
          caller.label,
          method,
          url,
          404,
        ]);
      }
      // Nor do site A's items, approvals, appeals or cases show in site B's lists.
      const queueB = await app.server.inject({
        url: '/api/v1/review/queue?status=decided',
        headers: moderatorB.headers,
      });
      expect(queueB.json().items).toEqual([]);
      const approvalsB = await app.server.inject({
        url: '/api/v1/review/approvals',
        headers: seniorB.headers,
      });
      expect(approvalsB.json().decisions).toEqual([]);
      const appealsB = await app.server.inject({ url: '/api/v1/appeals', headers: adminB.headers });
      expect(appealsB.json().appeals).toEqual([]);
      const casesB = await app.server.inject({ url: '/api/v1/cases', headers: moderatorB.headers });
      expect(casesB.json().cases).toEqual([]);
      // And site A's own staff still see them.
      const own = await app.server.inject({
        url: `/api/v1/review/items/${third.id}`,
        headers: modA.headers,
      });
      expect(own.json().item.claim).toMatchObject({ mine: false });
    });

    it('shows police exactly what site A referred to them, and the NGO nothing', async () => {
      const referred = advertsA[0]!;
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        headers: adminA.headers,
        payload: { toOrg: policeSlug, advertId: referred, note: 'possible control' },
      });
      expect(res.statusCode).toBe(201);
      const seen = await app.server.inject({
        url: `/api/v1/adverts/${referred}`,
        headers: police.headers,
      });
      expect(seen.statusCode).toBe(200);
      const list = await app.server.inject({ url: '/api/v1/adverts', headers: police.headers });
      expect(list.json().items.map((i: { id: number }) => i.id)).toEqual([referred]);
      const other = await app.server.inject({
        url: `/api/v1/adverts/${advertsA[1]}`,
        headers: police.headers,
      });
      expect(other.statusCode).toBe(404);
      const ngoView = await app.server.inject({
        url: `/api/v1/adverts/${referred}`,
        headers: ngo.headers,
      });
      expect(ngoView.statusCode).toBe(404);
    });

    it('requires the CSRF token for unsafe requests made with a session', async () => {
      const noCsrf = { ...(adminA.headers as Record<string, string>) };
      delete noCsrf['x-csrf-token'];
      const res = await app.server.inject({
        method: 'POST',
        url: '/api/v1/api-keys',
        headers: noCsrf,
        payload: { name: 'x', scopes: ['adverts.read'] },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toContain('x-csrf-token');
    });
  });
}
